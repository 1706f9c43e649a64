//===- InitAttn.cpp - register attn with an MLIR context ------------------===//

#include "attn/Init/InitAttn.h"
#include "attn/Codegen/Passes.h"
#include "attn/Conversion/Passes.h"
#include "attn/Gpu/Passes.h"
#include "attn/Dialect/Attn/AttnDialect.h"
#include "attn/Distributed/MPIMemoryEffects.h"
#include "attn/Distributed/Passes.h"
#include "attn/Distributed/ShardingInterfaces.h"
#include "attn/Pipelines/Pipelines.h"
#include "attn/Target/Passes.h"
#include "attn/Transforms/Passes.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"

void mlir::attn::registerAttnDialects(DialectRegistry &registry) {
  // attn's pipelines produce most of the upstream dialects (linalg, tensor,
  // bufferization, scf, vector, memref, llvm, openmp, gpu, nvvm...), and
  // bufferization and lowering to LLVM go through their external models,
  // so everything upstream is registered.
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerAllToLLVMIRTranslations(registry);
  registry.insert<AttnDialect>();
  // attn's ops under upstream's sharding-propagation and shard-partition.
  registerShardingInterfaceExternalModels(registry);
  registerMPIMemoryEffectsExternalModels(registry);
}

void mlir::attn::registerAttnPasses() {
  registerAttnTransformsPasses();
  registerAttnConversionPasses();
  registerAttnDistributedPasses();
  registerAttnGpuPasses();
  registerAttnCodegenPasses();
  registerAttnTargetPasses();
  registerAttnPipelines();
}
