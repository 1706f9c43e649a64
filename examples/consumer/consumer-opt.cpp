//===- consumer-opt.cpp - an opt tool built on the installed attn ---------===//
//
// What a torch-mlir- or IREE-style project does to embed attn: register
// attn's dialects and passes next to its own, then run MlirOptMain (or its
// own pass manager, with mlir::attn::buildAttnPipeline).
//
//===----------------------------------------------------------------------===//

#include "CountAttention.h"

#include "attn/Init/InitAttn.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  mlir::attn::registerAttnPasses();
  consumer::registerCountAttentionPass();

  mlir::DialectRegistry registry;
  mlir::attn::registerAttnDialects(registry);

  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "consumer-opt: attn as a library\n", registry));
}
