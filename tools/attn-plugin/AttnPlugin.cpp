//===- AttnPlugin.cpp - attn as a plugin of mlir-opt ----------------------===//
//
// AttnPlugin.so, loaded by upstream mlir-opt (or any tool built on
// MlirOptMain) without rebuilding it:
//
//   mlir-opt --load-dialect-plugin=AttnPlugin.so \
//            --load-pass-plugin=AttnPlugin.so \
//            --pass-pipeline='builtin.module(attn-cpu-pipeline)' in.mlir
//
// The dialect entry point adds attn's dialects to the tool's registry, the
// pass entry point registers attn's passes and pipelines. The tool and the
// plugin must share one libMLIR.so of the same LLVM version (the plugin
// loader compares LLVM_VERSION_STRING).
//
//===----------------------------------------------------------------------===//

#include "attn/Init/InitAttn.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/Plugins/DialectPlugin.h"
#include "mlir/Tools/Plugins/PassPlugin.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/Compiler.h"

extern "C" LLVM_ATTRIBUTE_WEAK mlir::DialectPluginLibraryInfo
mlirGetDialectPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "Attn", LLVM_VERSION_STRING,
          [](mlir::DialectRegistry *registry) {
            // attn and the upstream dialects, extensions and translations
            // its pipelines need (a no-op for those the tool registered).
            mlir::attn::registerAttnDialects(*registry);
          }};
}

extern "C" LLVM_ATTRIBUTE_WEAK mlir::PassPluginLibraryInfo
mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "AttnPasses", LLVM_VERSION_STRING,
          []() { mlir::attn::registerAttnPasses(); }};
}
