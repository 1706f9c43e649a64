//===- CountAttention.h - a consumer's own pass over attn ops ---*- C++ -*-===//

#ifndef CONSUMER_COUNTATTENTION_H
#define CONSUMER_COUNTATTENTION_H

namespace consumer {

/// Registers consumer-count-attention.
void registerCountAttentionPass();

} // namespace consumer

#endif // CONSUMER_COUNTATTENTION_H
