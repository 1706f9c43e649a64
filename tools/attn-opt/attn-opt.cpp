//===- attn-opt.cpp - the attn optimizer driver ---------------------------===//
//
// MlirOptMain with the attn dialect and passes plus every upstream dialect,
// extension and pass, so attn ops can be mixed with (and lowered through)
// func, arith, linalg, tensor, tosa, scf, memref, vector, gpu, nvvm, llvm...
//
//===----------------------------------------------------------------------===//

#include "attn/Dialect/Attn/AttnDialect.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  registry.insert<mlir::attn::AttnDialect>();

  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "attn optimizer: attention graphs in MLIR\n", registry));
}
