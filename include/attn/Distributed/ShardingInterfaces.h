//===- ShardingInterfaces.h - attn ops under MLIR's shard dialect -*- C++
//-*-===//
//
// External models of upstream's shard::ShardingInterface for attn.sdpa,
// attn.online_attention and attn.mha, so that `sharding-propagation` and
// `shard-partition` split them over batch, heads and (where the softmax
// allows) query rows. docs/distributed.md says what partitions and how.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_DISTRIBUTED_SHARDINGINTERFACES_H
#define ATTN_DISTRIBUTED_SHARDINGINTERFACES_H

namespace mlir {
class DialectRegistry;
namespace attn {

/// Attaches the sharding models to attn's ops when the attn dialect loads.
void registerShardingInterfaceExternalModels(DialectRegistry &registry);

} // namespace attn
} // namespace mlir

#endif // ATTN_DISTRIBUTED_SHARDINGINTERFACES_H
