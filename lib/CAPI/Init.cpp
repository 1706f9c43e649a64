//===- Init.cpp - C API: register attn ------------------------------------===//

#include "attn-c/Init.h"
#include "attn/Init/InitAttn.h"

#include "mlir/CAPI/IR.h"
#include "mlir/InitAllPasses.h"

void attnRegisterDialects(MlirDialectRegistry registry) {
  mlir::attn::registerAttnDialects(*unwrap(registry));
}

void attnRegisterAllPasses() {
  // Registration is global; a static makes repeated calls (from several
  // bindings, or from attnBuildPipeline) free and keeps pipelines from being
  // registered twice. attn's pipelines are spelled with upstream pass names,
  // so the upstream passes are registered too.
  static const bool registered = [] {
    mlir::registerAllPasses();
    mlir::attn::registerAttnPasses();
    return true;
  }();
  (void)registered;
}
