/*===- attn-capi.c - test of attn's C API ---------------------------------===*\
|*                                                                            *|
|* A C client of libAttnCAPI: the dialect handle, registration, the op        *|
|* predicates and attribute accessors, building an op and attributes, and    *|
|* the CPU pipeline. Everything prints to stderr, in order.                   *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

/* RUN: attn-capi-test 2>&1 | FileCheck %s
 */

#include "attn-c/Dialect.h"
#include "attn-c/Init.h"
#include "attn-c/Pipelines.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"
#include "mlir-c/Support.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

static void printToStderr(MlirStringRef str, void *userData) {
  (void)userData;
  fwrite(str.data, 1, str.length, stderr);
}

static void printStringRef(const char *label, MlirStringRef str) {
  fprintf(stderr, "%s: '%.*s'\n", label, (int)str.length, str.data);
}

static MlirContext createContext(void) {
  MlirContext ctx = mlirContextCreate();
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  attnRegisterDialects(registry);
  mlirContextAppendDialectRegistry(ctx, registry);
  mlirDialectRegistryDestroy(registry);
  return ctx;
}

static MlirModule parse(MlirContext ctx, const char *source) {
  MlirModule module =
      mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(source));
  if (mlirModuleIsNull(module)) {
    fprintf(stderr, "parse failed\n");
    exit(1);
  }
  return module;
}

/* The dialect handle alone: no other registration needed. */
static void testDialectHandle(void) {
  fprintf(stderr, "@dialect_handle\n");
  MlirContext ctx = mlirContextCreate();
  MlirDialectHandle attn = mlirGetDialectHandle__attn__();
  printStringRef("namespace", mlirDialectHandleGetNamespace(attn));
  MlirDialect dialect = mlirDialectHandleLoadDialect(attn, ctx);
  fprintf(stderr, "loaded: %d\n", !mlirDialectIsNull(dialect));
  printStringRef("dialect", mlirDialectGetNamespace(dialect));
  mlirContextDestroy(ctx);
  // CHECK-LABEL: @dialect_handle
  // CHECK: namespace: 'attn'
  // CHECK: loaded: 1
  // CHECK: dialect: 'attn'
}

static const char *kModule =
    "attn.weight @wq = dense<0.5> : tensor<16x16xf32>\n"
    "func.func @sdpa(%q: tensor<2x8x16x64xf32>, %k: tensor<2x2x16x64xf32>,\n"
    "                %v: tensor<2x2x16x64xf32>, %m: tensor<2x1x1x16xi1>)\n"
    "    -> tensor<2x8x16x64xf32> {\n"
    "  %o = attn.sdpa %q, %k, %v mask(%m : tensor<2x1x1x16xi1>) causal\n"
    "      offset = -2 scale = 0.25 : tensor<2x8x16x64xf32>,\n"
    "      tensor<2x2x16x64xf32>, tensor<2x2x16x64xf32> -> "
    "tensor<2x8x16x64xf32>\n"
    "  %p = attn.sdpa %q, %k, %v : tensor<2x8x16x64xf32>,\n"
    "      tensor<2x2x16x64xf32>, tensor<2x2x16x64xf32> -> "
    "tensor<2x8x16x64xf32>\n"
    "  return %o : tensor<2x8x16x64xf32>\n"
    "}\n"
    "func.func @layer(%x: tensor<1x4x16xf32>, %e: tensor<1x6x16xf32>,\n"
    "                 %g: tensor<16xf32>, %b: tensor<16xf32>)\n"
    "    -> tensor<1x4x16xf32> {\n"
    "  %w = attn.weight_ref @wq : tensor<16x16xf32>\n"
    "  %wkv = arith.constant dense<0.25> : tensor<16x8xf32>\n"
    "  %r = attn.residual %x norm(post, %g, %b : tensor<16xf32>,\n"
    "      tensor<16xf32>) {epsilon = 1.0e-6 : f32} : tensor<1x4x16xf32> {\n"
    "  ^bb0(%h: tensor<1x4x16xf32>):\n"
    "    %y = attn.mha name \"dec0.cross_attn\" %h kv(%e)\n"
    "        weights(%w, %wkv, %wkv, %w) num_heads(4) num_kv_heads(2)\n"
    "        head_dim(4) : (tensor<1x4x16xf32>, tensor<1x6x16xf32>,\n"
    "        tensor<16x16xf32>, tensor<16x8xf32>, tensor<16x8xf32>,\n"
    "        tensor<16x16xf32>) -> tensor<1x4x16xf32>\n"
    "    attn.yield %y : tensor<1x4x16xf32>\n"
    "  }\n"
    "  return %r : tensor<1x4x16xf32>\n"
    "}\n";

static const char *placementName(AttnNormPlacement placement) {
  switch (placement) {
  case AttnNormPlacementNone:
    return "none";
  case AttnNormPlacementPre:
    return "pre";
  case AttnNormPlacementPost:
    return "post";
  }
  return "?";
}

static MlirWalkResult printAttnOp(MlirOperation op, void *userData) {
  MlirOperation *firstSdpa = (MlirOperation *)userData;
  if (attnOpIsSdpa(op)) {
    if (mlirOperationIsNull(*firstSdpa))
      *firstSdpa = op;
    fprintf(stderr,
            "sdpa: mask=%d scale=%d:%g effective=%g causal=%d "
            "offset=%d:%" PRId64 "\n",
            !mlirValueIsNull(attnSdpaOpGetMask(op)), attnSdpaOpHasScale(op),
            attnSdpaOpGetScale(op), attnSdpaOpGetEffectiveScale(op),
            attnSdpaOpHasCausal(op), attnSdpaOpHasCausalOffset(op),
            attnSdpaOpGetCausalOffset(op));
  } else if (attnOpIsMha(op)) {
    MlirStringRef name = attnMhaOpGetName(op);
    fprintf(stderr,
            "mha: '%.*s' heads=%" PRId64 " kv_heads=%" PRId64
            " head_dim=%" PRId64 " cross=%d scale=%d causal=%d\n",
            (int)name.length, name.data, attnMhaOpGetNumHeads(op),
            attnMhaOpGetNumKvHeads(op), attnMhaOpGetHeadDim(op),
            attnMhaOpIsCrossAttention(op), attnMhaOpHasScale(op),
            attnMhaOpHasCausal(op));
  } else if (attnOpIsResidual(op)) {
    fprintf(stderr, "residual: norm=%s epsilon=%g\n",
            placementName(attnResidualOpGetNormPlacement(op)),
            attnResidualOpGetEpsilon(op));
  } else if (attnOpIsWeight(op)) {
    printStringRef("weight", attnWeightOpGetSymName(op));
    fprintf(stderr, "weight is elements: %d\n",
            mlirAttributeIsAElements(attnWeightOpGetValue(op)));
  } else if (attnOpIsWeightRef(op)) {
    printStringRef("weight_ref", attnWeightRefOpGetWeight(op));
  }
  return MlirWalkResultAdvance;
}

/* Read attributes through the accessors, then build an op and attributes. */
static void testOps(void) {
  fprintf(stderr, "@ops\n");
  MlirContext ctx = createContext();
  MlirModule module = parse(ctx, kModule);
  MlirOperation moduleOp = mlirModuleGetOperation(module);
  MlirOperation sdpa = {NULL};
  mlirOperationWalk(moduleOp, printAttnOp, &sdpa, MlirWalkPreOrder);
  // CHECK-LABEL: @ops
  // CHECK: weight: 'wq'
  // CHECK: weight is elements: 1
  // CHECK: sdpa: mask=1 scale=1:0.25 effective=0.25 causal=1 offset=1:-2
  // CHECK: sdpa: mask=0 scale=0:0 effective=0.125 causal=0 offset=0:0
  // CHECK: weight_ref: 'wq'
  // CHECK: residual: norm=post epsilon=1e-06
  // CHECK: mha: 'dec0.cross_attn' heads=4 kv_heads=2 head_dim=4 cross=1
  // CHECK-SAME: scale=0 causal=0

  // A second sdpa on the first one's Q, K and V, with a scale and a causal
  // offset built here, inserted after it.
  MlirLocation loc = mlirLocationUnknownGet(ctx);
  MlirOperation built = attnSdpaOpCreate(
      loc, mlirValueGetType(mlirOperationGetResult(sdpa, 0)),
      mlirOperationGetOperand(sdpa, 0), mlirOperationGetOperand(sdpa, 1),
      mlirOperationGetOperand(sdpa, 2), (MlirValue){NULL},
      attnScaleAttrGet(ctx, 0.5f), true, attnCausalOffsetAttrGet(ctx, 3));
  mlirBlockInsertOwnedOperationAfter(mlirOperationGetBlock(sdpa), sdpa, built);
  fprintf(stderr, "built verifies: %d\n", mlirOperationVerify(built));
  mlirOperationPrint(built, printToStderr, NULL);
  fprintf(stderr, "\n");
  // CHECK: built verifies: 1
  // CHECK: attn.sdpa %{{.*}}, %{{.*}}, %{{.*}} causal offset = 3
  // CHECK-SAME: scale = 5.000000e-01 : tensor<2x8x16x64xf32>

  // A `scale` of the wrong kind is refused, not built.
  MlirOperation refused = attnSdpaOpCreate(
      loc, mlirValueGetType(mlirOperationGetResult(sdpa, 0)),
      mlirOperationGetOperand(sdpa, 0), mlirOperationGetOperand(sdpa, 1),
      mlirOperationGetOperand(sdpa, 2), (MlirValue){NULL},
      attnCausalOffsetAttrGet(ctx, 1), false, (MlirAttribute){NULL});
  fprintf(stderr, "wrong scale kind refused: %d\n",
          mlirOperationIsNull(refused));
  // CHECK: wrong scale kind refused: 1

  MlirAttribute pre = attnNormPlacementAttrGet(ctx, AttnNormPlacementPre);
  mlirAttributePrint(pre, printToStderr, NULL);
  fprintf(stderr, " is a norm placement: %d, value %s\n",
          attnAttributeIsANormPlacement(pre),
          placementName(attnNormPlacementAttrGetValue(pre)));
  // CHECK: #attn.norm<pre> is a norm placement: 1, value pre
  fprintf(stderr, "scale attr is a norm placement: %d\n",
          attnAttributeIsANormPlacement(attnScaleAttrGet(ctx, 1.0f)));
  // CHECK: scale attr is a norm placement: 0

  fprintf(stderr, "module verifies: %d\n", mlirOperationVerify(moduleOp));
  // CHECK: module verifies: 1
  mlirModuleDestroy(module);
  mlirContextDestroy(ctx);
}

/* The CPU pipeline, by its builder and by name in a textual pipeline. */
static void testPipeline(void) {
  fprintf(stderr, "@pipeline\n");
  MlirContext ctx = createContext();
  attnRegisterAllPasses();
  attnRegisterAllPasses(); /* A second call is harmless. */

  MlirModule module = parse(ctx, "func.func @add(%a: f32, %b: f32) -> f32 {\n"
                                 "  %s = arith.addf %a, %b : f32\n"
                                 "  return %s : f32\n"
                                 "}\n");
  MlirPassManager pm = mlirPassManagerCreate(ctx);
  MlirOpPassManager opm = mlirPassManagerGetAsOpPassManager(pm);
  MlirLogicalResult built = attnBuildCpuPipeline(
      opm, mlirStringRefCreateFromCString("target-cpu=host"), printToStderr,
      NULL);
  fprintf(stderr, "built: %d\n", mlirLogicalResultIsSuccess(built));
  MlirLogicalResult ran =
      mlirPassManagerRunOnOp(pm, mlirModuleGetOperation(module));
  fprintf(stderr, "ran: %d\n", mlirLogicalResultIsSuccess(ran));
  mlirOperationPrint(mlirModuleGetOperation(module), printToStderr, NULL);
  // CHECK-LABEL: @pipeline
  // CHECK: built: 1
  // CHECK: ran: 1
  // CHECK: llvm.func @add(%{{.*}}: f32, %{{.*}}: f32) -> f32
  // CHECK: llvm.fadd
  mlirPassManagerDestroy(pm);

  // Registered by name, so textual pipelines find it.
  pm = mlirPassManagerCreate(ctx);
  MlirLogicalResult parsed = mlirParsePassPipeline(
      mlirPassManagerGetAsOpPassManager(pm),
      mlirStringRefCreateFromCString(
          "builtin.module(attn-cpu-pipeline{target-cpu=host})"),
      printToStderr, NULL);
  fprintf(stderr, "\nparsed: %d\n", mlirLogicalResultIsSuccess(parsed));
  // CHECK: parsed: 1
  mlirPassManagerDestroy(pm);

  // Failures come back as failure plus a message, not as a crash.
  pm = mlirPassManagerCreate(ctx);
  opm = mlirPassManagerGetAsOpPassManager(pm);
  MlirLogicalResult badOption = attnBuildCpuPipeline(
      opm, mlirStringRefCreateFromCString("no-such-option=1"), printToStderr,
      NULL);
  fprintf(stderr, "\nbad option: %d\n", mlirLogicalResultIsFailure(badOption));
  MlirLogicalResult badName = attnBuildPipeline(
      opm, mlirStringRefCreateFromCString("attn-no-such-pipeline"),
      mlirStringRefCreateFromCString(""), printToStderr, NULL);
  fprintf(stderr, "\nbad name: %d\n", mlirLogicalResultIsFailure(badName));
  // CHECK: invalid options 'no-such-option=1' for pass pipeline
  // CHECK-SAME: 'attn-cpu-pipeline'
  // CHECK: bad option: 1
  // CHECK: unknown pass pipeline 'attn-no-such-pipeline'
  // CHECK: bad name: 1
  mlirPassManagerDestroy(pm);

  mlirModuleDestroy(module);
  mlirContextDestroy(ctx);
}

int main(void) {
  testDialectHandle();
  testOps();
  testPipeline();
  fprintf(stderr, "@done\n");
  // CHECK: @done
  return 0;
}
