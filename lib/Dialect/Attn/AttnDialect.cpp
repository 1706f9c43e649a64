//===- AttnDialect.cpp - The attn dialect ---------------------------------===//

#include "attn/Dialect/Attn/AttnDialect.h"
#include "attn/Dialect/Attn/AttnOps.h"

#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::attn;

#include "attn/Dialect/Attn/AttnEnums.cpp.inc"
#include "attn/Dialect/Attn/AttnOpsDialect.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "attn/Dialect/Attn/AttnAttrs.cpp.inc"

void AttnDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "attn/Dialect/Attn/AttnAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "attn/Dialect/Attn/AttnOps.cpp.inc"
      >();
}
