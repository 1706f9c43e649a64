//===- Pipelines.cpp - C API: build attn's pipelines ----------------------===//

#include "attn-c/Pipelines.h"
#include "attn-c/Init.h"
#include "attn/Init/InitAttn.h"

#include "mlir/CAPI/Pass.h"
#include "mlir/CAPI/Support.h"
#include "mlir/Pass/PassManager.h"

#include <string>

MlirLogicalResult attnBuildPipeline(MlirOpPassManager passManager,
                                    MlirStringRef name, MlirStringRef options,
                                    MlirStringCallback errorCallback,
                                    void *userData) {
  attnRegisterAllPasses();
  auto report = [&](const llvm::Twine &message) {
    if (errorCallback) {
      std::string text = message.str();
      errorCallback(mlirStringRefCreate(text.data(), text.size()), userData);
    }
    return mlir::failure();
  };
  return wrap(mlir::attn::buildAttnPipeline(*unwrap(passManager), unwrap(name),
                                            unwrap(options), report));
}

MlirLogicalResult attnBuildCpuPipeline(MlirOpPassManager passManager,
                                       MlirStringRef options,
                                       MlirStringCallback errorCallback,
                                       void *userData) {
  return attnBuildPipeline(passManager,
                           mlirStringRefCreateFromCString("attn-cpu-pipeline"),
                           options, errorCallback, userData);
}
