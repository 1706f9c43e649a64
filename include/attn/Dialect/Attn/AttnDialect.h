//===- AttnDialect.h - The attn dialect -------------------------*- C++ -*-===//

#ifndef ATTN_DIALECT_ATTN_ATTNDIALECT_H
#define ATTN_DIALECT_ATTN_ATTNDIALECT_H

#include "mlir/IR/Dialect.h"

#include "attn/Dialect/Attn/AttnOpsDialect.h.inc"

#endif // ATTN_DIALECT_ATTN_ATTNDIALECT_H
