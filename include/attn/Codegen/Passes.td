//===- Passes.td - attn code generation passes -------------*- tablegen -*-===//
//
// Passes that generate attn's own CPU kernels for upstream structured ops.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_CODEGEN_PASSES_TD
#define ATTN_CODEGEN_PASSES_TD

include "mlir/Pass/PassBase.td"

def AttnMatmulKernel : Pass<"attn-matmul-kernel", "::mlir::ModuleOp"> {
  let summary = "Contractions to a register-blocked, threaded vector kernel "
                "with packed weights and fused epilogues";
  let description = [{
    Rewrites every contraction on tensors that accumulates in `f32` —
    `linalg.matmul`, `linalg.batch_matmul`, their transposed-operand forms
    (`indexing_maps`), and `linalg.generic`s whose body is
    `out + ext(a)·ext(b)` (what `attn.mha`, `attn.residual` and TOSA
    `matmul` lower to) — into attn's CPU matmul kernel, generated as `scf`
    loops over `vector` ops:

    - **threads**: `scf.forall` over the batch/outer dims × blocks of
      `m-block` rows × `n-block` columns (OpenMP after lowering);
    - **register tile**: `rows` rows × `vectors` vectors of `vector-lanes`
      columns
      of the output live in `rows·vectors` vector registers across the
      whole K loop; each k step loads `vectors` vectors of B and broadcasts
      `rows` elements of A into `vector.fma`s. The last rows of a block
      (M not a multiple of `rows`, dynamic M) run the same kernel with
      fewer rows; the last columns store through masks. A tile of fewer
      than `min-chains` accumulators (a decoding step's M = 1..3, which
      streams the weights: memory-bound) splits K over up to 4 sets of
      accumulators, so that it is not bound by the FMA latency;
    - **packed B**: B is read as `[N/NR][K][NR]` (NR = `vectors·vector-lanes`
      columns, zero-padded), so every load is contiguous and in bounds.
      A constant B (an `attn.weight` or a dense `arith.constant`) is packed
      at compile time into a new `attn.weight` named `<name>.packed<NR>`
      (the original is erased when nothing else uses it), so the emitted
      global already has the kernel's layout and no call repacks it. A
      non-constant B is read in place when its columns are contiguous
      (row-major B), and packed per call otherwise;
    - **fused epilogue**: the chain of element-wise `linalg.generic`s that
      consume the product (bias add, GELU in its erf or tanh form, ReLU,
      SiLU, residual add, scaling, rounding to f16/bf16) is applied to the
      accumulators in registers before the one store, so no separate loop
      runs over the output. A consumer is fused when it is the product's
      only user, all-parallel, writes an identity-indexed output, reads the
      product through the identity map, reads its other operands with the
      output's last dim last (or not at all), and its body is `arith`/`math`.

    A, B may be f32, f16 or bf16 (widened to f32 in registers); the
    accumulator is f32. Anything else (integer contractions, several
    reduction dims, an f16 accumulator) is left alone for the upstream
    lowering.

    `vector-lanes` is the option of that name in
    `attn-vectorize-online-attention` and `attn-cpu-pipeline`; `lanes`, its
    older spelling here, is still accepted.

    Before:

    ```mlir
    %z = linalg.fill ins(%zero : f32) outs(%e : tensor<?x768xf32>) -> tensor<?x768xf32>
    %y = linalg.matmul ins(%x, %w : tensor<?x768xf32>, tensor<768x768xf32>)
                       outs(%z : tensor<?x768xf32>) -> tensor<?x768xf32>
    ```

    After (abridged): `scf.forall` over row and column blocks; per register
    tile an `scf.for` over k carrying `rows·vectors` `vector<16xf32>`
    accumulators updated by `vector.fma`, then one `vector.transfer_write`
    per accumulator into the output block.
  }];
  let options = [
    Option<"rows", "rows", "int64_t", /*default=*/"8",
           "Register tile rows (MR): output rows whose accumulators stay in "
           "registers; A elements broadcast per k step">,
    Option<"vectors", "vectors", "int64_t", /*default=*/"2",
           "Register tile width in vectors (NR = this many vectors of f32 "
           "lanes); MR × this many accumulators">,
    Option<"lanes", "vector-lanes", "int64_t", /*default=*/"0",
           "f32 lanes per vector of the matmul kernel; 0: the host's (16 "
           "with AVX-512, else 8)">,
    Option<"mBlock", "m-block", "int64_t", /*default=*/"64",
           "Output rows per parallel task (rounded up to a multiple of the "
           "register tile's rows, MR)">,
    Option<"nBlock", "n-block", "int64_t", /*default=*/"128",
           "Output columns per parallel task (rounded up to a multiple of the "
           "register tile's width, NR)">,
    Option<"minChains", "min-chains", "int64_t", /*default=*/"8",
           "Fewest independent FMA chains per k loop: a register tile with "
           "fewer accumulators (few rows: a decoding step's M ≤ 3, the last "
           "rows of a block) takes up to 4 consecutive k per iteration into "
           "as many sets of accumulators, summed after the loop, so the FMA "
           "latency does not bound it (1: never)">,
    Option<"prepackWeights", "prepack-weights", "bool", /*default=*/"true",
           "Pack constant B operands at compile time (false: pack them per "
           "call like any B whose columns are not contiguous)">,
    Option<"fuseEpilogues", "fuse-epilogues", "bool", /*default=*/"true",
           "Apply the element-wise consumers of a product in the kernel's "
           "registers (false: leave them as separate loops)">,
    Option<"lanesAlias", "lanes", "int64_t", /*default=*/"0",
           "The older spelling of vector-lanes (still accepted)">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::attn::AttnDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def AttnVectorizeElementwise
    : Pass<"attn-vectorize-elementwise", "::mlir::ModuleOp"> {
  let summary = "Thread and vectorize the element-wise, row-reduction and "
                "transpose linalg ops of a layer (layer norm, residual adds, "
                "unfused bias/activation, head transposes)";
  let description = [{
    What a layer leaves besides its contractions and attention — the
    residual adds, layer norms (row sums and the normalization), bias and
    activation generics that were not fused into a matmul, the head
    transposes around attention, fills and copies — would otherwise become
    scalar loops (`convert-linalg-to-loops`) on one thread. This pass tiles
    each such linalg op on tensors with upstream `TilingInterface` tiling
    and vectorizes the tiles with `linalg::vectorize`:

    - **threads**: `scf.forall` over the op's leading parallel loops, the
      innermost of them in blocks of `rows-per-task` (OpenMP after
      lowering); the last loop stays whole;
    - **threads** only for ops of at least 8192 (static) iterations;
      smaller ones run on one thread;
    - **vectors**: `scf.for` over the last loop in chunks of the largest
      power of two up to `vector-lanes` × `vectors` that divides its length,
      the chunk made 1-D (`linalg::dropUnitDims`) and vectorized
      (`linalg::vectorize`): one vector op per body op, no masks; a
      reduction over the last loop (layer-norm sums, softmax max/sum
      outside attention) reduces each chunk into the row's value with a
      reassociated `vector.reduction`. A dynamic or odd last loop is only
      threaded.

    An op is handled when it is on floating-point tensors, every loop is
    parallel except possibly the last (which may be a reduction), and every
    operand that the last loop indexes has it as its last (contiguous)
    dimension, so every vector load and store is contiguous. Anything else
    — matmuls left to the upstream loops (`matmul=false`), reductions over
    other dimensions, transposes that move the last dimension, `i1`
    operands (stored a byte per element), bodies that read `linalg.index`,
    fills (LLVM makes them memsets), ops already inside a loop (the
    attention and matmul kernels) — is left alone.

    Before (the residual add of a layer, a row of a layer norm):

    ```mlir
    %s = linalg.generic {... iterator_types = ["parallel", "parallel", "parallel"]}
        ins(%x, %y : tensor<1x128x768xf32>, tensor<1x128x768xf32>) ...
    ```

    After (abridged): `scf.forall (%i, %j) in (1, 16)` over blocks of 8
    rows, an `scf.for` over rows and one over the 768 columns by 16, and
    `vector.transfer_read`s, an `arith.addf` on `vector<1x1x16xf32>` and a
    `vector.transfer_write` per chunk.

    `vector-lanes` is the option of that name in `attn-matmul-kernel`,
    `attn-vectorize-online-attention` and `attn-cpu-pipeline`; `lanes`, its
    older spelling here, is still accepted.
  }];
  let options = [
    Option<"lanes", "vector-lanes", "int64_t", /*default=*/"0",
           "f32 lanes per vector; 0: the host's (16 with AVX-512, else 8)">,
    Option<"vectors", "vectors", "int64_t", /*default=*/"1",
           "Vectors per chunk of the last loop (chunk = vectors × "
           "vector-lanes elements)">,
    Option<"rowsPerTask", "rows-per-task", "int64_t", /*default=*/"8",
           "Iterations of the innermost leading parallel loop per parallel "
           "task">,
    Option<"lanesAlias", "lanes", "int64_t", /*default=*/"0",
           "The older spelling of vector-lanes (still accepted)">,
  ];
  let dependentDialects = [
    "::mlir::affine::AffineDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::vector::VectorDialect",
  ];
}

#endif // ATTN_CODEGEN_PASSES_TD
