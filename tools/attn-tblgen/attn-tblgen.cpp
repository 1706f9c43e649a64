//===- attn-tblgen.cpp - TableGen for attn's own declarations -------------===//
//
// mlir-tblgen's driver with attn's backends added (PipelineOptionsGen.cpp):
// what MLIR's TableGen does not generate, but attn declares in .td files so
// that it is written once.
//
//===----------------------------------------------------------------------===//

#include "mlir/Tools/mlir-tblgen/MlirTblgenMain.h"

int main(int argc, char **argv) { return mlir::MlirTblgenMain(argc, argv); }
