//===- attn-opt.cpp - the attn optimizer driver ---------------------------===//
//
// MlirOptMain with the attn dialect, passes and pipelines plus every upstream
// dialect, extension and pass, so attn ops can be mixed with (and lowered
// through) func, arith, linalg, tensor, tosa, scf, memref, vector, gpu, nvvm,
// llvm...
//
//===----------------------------------------------------------------------===//

#include "attn/Init/InitAttn.h"
#include "attn/Init/Version.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

#ifdef ATTN_INCLUDE_TESTS
#include "TestPasses.h"
#endif

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  mlir::attn::registerAttnPasses();
  mlir::attn::registerAttnVersionPrinter();
#ifdef ATTN_INCLUDE_TESTS
  mlir::attn::test::registerTestAttnPasses();
#endif

  mlir::DialectRegistry registry;
  mlir::attn::registerAttnDialects(registry);

  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "attn optimizer: attention graphs in MLIR\n", registry));
}
