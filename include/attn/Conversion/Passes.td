//===- Passes.td - attn conversion passes ------------------*- tablegen -*-===//
//
// Passes that take attn ops out of the attn dialect: attn.sdpa and
// attn.online_attention to linalg or to the vector kernel, weights to
// memref globals.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_CONVERSION_PASSES_TD
#define ATTN_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def AttnLowerWeights : Pass<"attn-lower-weights", "::mlir::ModuleOp"> {
  let summary = "Lower attn.weight to memref.global and attn.weight_ref to "
                "a read of it";
  let description = [{
    Each `attn.weight` becomes one private constant `memref.global`
    (alignment 64) of the same name and value (`dense` or `dense_resource`);
    each `attn.weight_ref` becomes `memref.get_global` and a `restrict`
    `bufferization.to_tensor`, so that bufferization reads the global in
    place and copies it only if the tensor is written. A weight referenced
    several times (shared) is still stored once.

    Before:

    ```mlir
    attn.weight @wq = dense<0.5> : tensor<16x16xf32>
    func.func @f() -> tensor<16x16xf32> {
      %w = attn.weight_ref @wq : tensor<16x16xf32>
      return %w : tensor<16x16xf32>
    }
    ```

    After:

    ```mlir
    memref.global "private" constant @wq : memref<16x16xf32> = dense<5.000000e-01> {alignment = 64 : i64}
    func.func @f() -> tensor<16x16xf32> {
      %0 = memref.get_global @wq : memref<16x16xf32>
      %w = bufferization.to_tensor %0 restrict : memref<16x16xf32> to tensor<16x16xf32>
      return %w : tensor<16x16xf32>
    }
    ```
  }];
  let dependentDialects = [
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::memref::MemRefDialect",
  ];
}

def AttnRuntimeChecksToStatus
    : Pass<"attn-runtime-checks-to-status", "::mlir::ModuleOp"> {
  let summary = "Report failed runtime checks through a status instead of "
                "aborting";
  let description = [{
    The lowerings check dynamic sizes that must agree with `cf.assert`
    (attn.sdpa's key and value lengths, a mask's dims, ...), which LLVM
    lowers to a message and `abort()`: a library must not abort its host
    process. This pass, run on control flow (after `convert-scf-to-cf`,
    before `convert-func-to-llvm`), turns each `cf.assert` directly in a
    function's body into a branch: when the check fails, the function
    stores the message in a thread-local status and returns at once
    (its results undefined). Every public function `@f` gets a companion
    `@f_error() -> !llvm.ptr` that returns the message of the last call of
    `@f` on this thread whose check failed, or null when that call
    succeeded. A check inside a nested region (an OpenMP loop) is left to
    abort.

    Before:

    ```mlir
    func.func @f(%k: memref<?xf32>, %v: memref<?xf32>) -> memref<?xf32> {
      %eq = arith.cmpi eq, %a, %b : index
      cf.assert %eq, "key and value sequence lengths differ"
      ...
    }
    ```

    After:

    ```mlir
    llvm.mlir.global private thread_local @f.error() : !llvm.ptr
    func.func @f(%k: memref<?xf32>, %v: memref<?xf32>) -> memref<?xf32> {
      (store null into @f.error)
      %eq = arith.cmpi eq, %a, %b : index
      cf.cond_br %eq, ^ok, ^failed
    ^failed:
      (store the message's address into @f.error)
      %r = ub.poison : memref<?xf32>
      return %r : memref<?xf32>
    ^ok:
      ...
    }
    llvm.func @f_error() -> !llvm.ptr { (load @f.error) }
    ```
  }];
  let dependentDialects = [
    "::mlir::LLVM::LLVMDialect",
    "::mlir::cf::ControlFlowDialect",
    "::mlir::ub::UBDialect",
  ];
}

def AttnLowerSdpa : Pass<"attn-lower-sdpa"> {
  let summary = "Lower attn.sdpa to untiled linalg on tensors";
  let description = [{
    The reference lowering of `attn.sdpa`: it materializes the
    `B×Hq×Sq×Skv` scores, so it is simple rather than fast (a tiled,
    online-softmax lowering is a separate pass). Every step is a
    `linalg.generic` computing in `f32`:

    1. `s[b,h,i,j] = Σ_d Q[b,h,i,d] · K[b,g(h),j,d]`, where K is read
       through the indexing map `h floordiv (Hq/Hkv)` (GQA and MQA; the
       head counts must be static);
    2. `s = s · scale (+ bias)`, and `-inf` where a key is masked: a false
       keep-mask, the causal rule `j > i + offset` (offset defaulting to
       `Skv − Sq`, read with `tensor.dim` when dynamic) or a `-inf` bias.
       Masks broadcast from any rank ≤ 4 through their indexing maps (a
       static size-1 dim is broadcast; a dynamic mask dim must equal the
       scores' dim at run time);
    3. the row maximum `m`;
    4. `p = exp(s − m)`, but 0 for masked keys (so a fully masked row is all
       zeros);
    5. the row sum `l`;
    6. `o = p · V` (V read through the same head map);
    7. `o / l`, 0 where `l == 0` (never NaN), rounded to the output element
       type.

    `linalg.softmax` is deliberately not used: its upstream lowering does not
    reach loops (see the project's notes on MLIR 22).

    Before:

    ```mlir
    %o = attn.sdpa %q, %k, %v causal
        : tensor<1x8x16x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32>
        -> tensor<1x8x16x64xf32>
    ```

    After (abbreviated):

    ```mlir
    %s = linalg.generic {indexing_maps = [
            affine_map<(b, h, i, j, d) -> (b, h, i, d)>,
            affine_map<(b, h, i, j, d) -> (b, h floordiv 4, j, d)>,
            affine_map<(b, h, i, j, d) -> (b, h, i, j)>], ...}
        ins(%q, %k : ...) outs(%zero : tensor<1x8x16x16xf32>) { mulf, addf }
    %sm = linalg.generic ... { linalg.index, cmpi sgt, select -inf }
    %m = linalg.generic ... { maximumf }      // row max
    %p = linalg.generic ... { exp, select 0 } // masked keys → 0
    %l = linalg.generic ... { addf }          // row sum
    %pv = linalg.generic ... { mulf, addf }   // P · V
    %o = linalg.generic ... { divf, select 0, truncf }
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::cf::ControlFlowDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def AttnVectorizeOnlineAttention : Pass<"attn-vectorize-online-attention"> {
  let summary = "Lower attn.online_attention to a register-blocked vector kernel";
  let description = [{
    The CPU micro-kernel of flash attention, on the op's tensors: for each
    group of `row-group` query rows and each chunk of
    `vectors-per-row × vector-lanes` keys, the scores live in
    `row-group × vectors-per-row` vector registers, accumulated over the
    head dim with broadcast × load FMAs from the transposed keys; the online
    softmax updates each row's max and sum; the probabilities go through a
    small stack buffer into a second register-blocked loop that accumulates
    P·V into the output rows. Ragged row groups recompute the last row
    (duplicate, identical writes); ragged key chunks use masked loads and
    mask the missing keys to −inf. A block with fewer static rows than
    `row-group` (a decoding step) uses that many rows per group.

    Keys as stored (no `key_transposed`, what `attn-tile` leaves for
    decoding) take dot products along D instead: `row-group` × 4 keys of
    lane-wide partial products accumulate over D, each is reduced to one
    score into the stack buffer, and the chunk's score vectors are read
    back from it. The reductions cost about as much as the FMAs, which is
    fine where this layout is chosen: few rows per key, bound by memory.
    That path also prefetches the K and V rows 16 keys ahead (through
    read-only `bufferization.to_buffer` views of the tiles: the rows after
    a tile are the next tile's, and a prefetch never faults): without it
    the few hundred instructions per key step leave too few cache lines in
    flight to stream at memory bandwidth (measured: 0.55 → 0.40 ms for a
    GQA decoding step over 4096 keys on 2 threads).

    Applies to ops with static head dims and no boolean
    mask (`attn-tile` makes masks additive); others are left for
    `attn-decompose-online-attention`. `vector-lanes = 0` picks 16 for
    AVX-512 hosts and 8 otherwise (tests pin it); `lanes`, the older
    spelling of that option, is still accepted.

    Before: `attn.online_attention %q, %kt, %v into(%acc, %m, %l) key_transposed scale = 0.125 : ...`

    After: `scf.for` row groups × key chunks with `vector.fma`,
    `vector.reduction`, `math.exp` on `vector<16xf32>` and
    `vector.transfer_read/write` on the tiles.
  }];
  let options = [
    Option<"lanes", "vector-lanes", "int64_t", /*default=*/"0",
           "f32 lanes per vector of the attention kernel (16: AVX-512, 8: "
           "AVX2; 0: from the host)">,
    Option<"rowGroup", "row-group", "int64_t", /*default=*/"6",
           "Query rows per register block">,
    Option<"vectorsPerRow", "vectors-per-row", "int64_t", /*default=*/"4",
           "Vectors of keys (and of value columns) per row in a register block">,
    Option<"lanesAlias", "lanes", "int64_t", /*default=*/"0",
           "The older spelling of vector-lanes (still accepted)">,
  ];
  let dependentDialects = [
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::math::MathDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def AttnDecomposeOnlineAttention : Pass<"attn-decompose-online-attention"> {
  let summary = "Lower attn.online_attention to linalg ops (portable path)";
  let description = [{
    Spells one online-softmax step out in `linalg.generic` ops on tensors:
    scores, masking (−inf), the new row max, `exp`, the rescaled sum and
    accumulator. Works for every shape and element type; the vector kernel
    (`attn-vectorize-online-attention`) is the fast path.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

#endif // ATTN_CONVERSION_PASSES_TD
