//===- Passes.td - attn transformation passes --------------*- tablegen -*-===//
//
// Passes that rewrite attn ops into other attn ops and upstream ops on
// tensors, staying at the tensor level.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_TRANSFORMS_PASSES_TD
#define ATTN_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def AttnDecomposeLayers : Pass<"attn-decompose-layers"> {
  let summary = "Decompose attn.mha and attn.residual into linalg and attn.sdpa";
  let description = [{
    Rewrites the layer ops into upstream ops on tensors around the one op
    that stays: `attn.sdpa` (lowered or tiled by later passes).

    `attn.mha`: `x` is collapsed to `[B·Sq, M]` and multiplied by `Wq` with
    `linalg.matmul` into an `f32` accumulator (f16 and bf16 inputs are
    widened by the matmul itself); the bias is added by a broadcasting
    `linalg.generic`, which also truncates back to the input type. The rows
    are expanded to `B×Sq×Hq×Dh` and transposed to `B×Hq×Sq×Dh`; K and V are
    projected in the same way from the key/value source. `attn.sdpa` gets the
    mask, scale, `causal` and offset; its result is transposed back,
    collapsed to `[B·Sq, Hq·Dh]`, multiplied by `Wo` (+ `bo`) and expanded to
    `B×Sq×N`. Dynamic batch and sequence sizes are read with `tensor.dim`.
    When both are dynamic the rows are not flattened: the projections
    contract `B×Sq×M` directly (a `linalg.generic`), because LLVM 22's
    `expand-strided-metadata` crashes on an `expand_shape` with two dynamic
    sizes in one group (llvm/llvm-project#186830).

    `attn.residual`: the body is inlined with its argument replaced, and
    `x + F(x)`, `x + F(LN(x))` (pre) or `LN(x + F(x))` (post) is built from
    `linalg.generic` ops. `LN` normalizes over the last dimension in `f32`
    (mean, biased variance, `rsqrt(var + epsilon)`, `· gamma + beta`) and
    returns the input type.

    `attn.sdpa`, `attn.weight` and `attn.weight_ref` are left alone.

    Before:

    ```mlir
    %y = attn.residual %x : tensor<2x16x32xf32> {
    ^bb0(%h: tensor<2x16x32xf32>):
      %a = attn.mha %h weights(%wq, %wk, %wv, %wo)
          num_heads(4) num_kv_heads(4) head_dim(8) : (...) -> tensor<2x16x32xf32>
      attn.yield %a : tensor<2x16x32xf32>
    }
    ```

    After (abbreviated):

    ```mlir
    %rows = tensor.collapse_shape %x [[0, 1], [2]] : tensor<2x16x32xf32> into tensor<32x32xf32>
    %q0 = linalg.matmul ins(%rows, %wq : ...) outs(%zero : tensor<32x32xf32>) -> tensor<32x32xf32>
    %q1 = tensor.expand_shape %q0 [[0, 1], [2, 3]] output_shape [2, 16, 4, 8] : ...
    %q = linalg.transpose ins(%q1 : tensor<2x16x4x8xf32>) outs(%e : tensor<2x4x16x8xf32>) permutation = [0, 2, 1, 3]
    // ... K, V likewise
    %o = attn.sdpa %q, %k, %v : ... -> tensor<2x4x16x8xf32>
    // ... transpose, collapse, matmul with Wo, expand
    %y = linalg.generic {...} ins(%x, %a : ...) { arith.addf }
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def AttnPackQueryGroups : Pass<"attn-pack-query-groups"> {
  let summary = "View a decoding step's GQA query-head groups as the rows "
                "of one query block";
  let description = [{
    In a decoding step (`attn.sdpa` with Sq = 1) with grouped-query
    attention, the G = Hq/Hkv query heads that share a key/value head each
    have one row, and tiled one head at a time each of them streams the same
    K and V: G times the memory traffic of a step that is bound by memory.
    This pass reshapes Q (B×Hq×1×D) to B×Hkv×G×D, so the group's heads are
    the G rows of one query block, runs the `attn.sdpa` as multi-head
    attention on that, and reshapes the result back (head h = kv·G + g is
    row g of key/value head kv; every reshape is a view, nothing is copied).
    The new op carries `attn.packed_query_heads = G`, a discardable hint
    that tells `attn-tile` its G rows are heads of a one-row query, so its
    decoding defaults (keys read as stored, split-K) still apply when G is
    more than 16 (MQA with many heads).

    A mask travels with the rows: one that broadcasts over heads and
    queries (static 1s) is kept, one per query head (Hq×1×Skv, with any
    batch dim) is reshaped like Q; any other mask leaves the op alone. A
    single row's bottom-right causal mask hides no key, so `causal` is
    dropped; an explicit `causal_offset` that hides keys leaves the op alone
    (one causal offset cannot hide the same keys from every packed row).
    Multi-row queries (prefill) are left alone: their tiles already have
    many rows.

    Before:

    ```mlir
    %o = attn.sdpa %q, %k, %v causal : tensor<1x32x1x128xf32>, tensor<1x8x4096x128xf32>, tensor<1x8x4096x128xf32> -> tensor<1x32x1x128xf32>
    ```

    After:

    ```mlir
    %c = tensor.collapse_shape %q [[0], [1, 2], [3]] : tensor<1x32x1x128xf32> into tensor<1x32x128xf32>
    %e = tensor.expand_shape %c [[0], [1, 2], [3]] output_shape [1, 8, 4, 128] : tensor<1x32x128xf32> into tensor<1x8x4x128xf32>
    %p = attn.sdpa %e, %k, %v : tensor<1x8x4x128xf32>, ... -> tensor<1x8x4x128xf32>
    %o = ... (the inverse reshapes) -> tensor<1x32x1x128xf32>
    ```
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

def AttnTile : Pass<"attn-tile"> {
  let summary = "Tile attn.sdpa flash-style: query blocks × key/value blocks";
  let description = [{
    Rewrites every `attn.sdpa` into an `scf.forall` over (batch, query head,
    query block) around an `scf.for` over key/value blocks whose body is one
    `attn.online_attention`: the online-softmax recurrence of
    FlashAttention, so the Sq×Skv score matrix never exists and memory stays
    O(S·D). After the last block each row is `acc / sum` (0 for a row whose
    keys are all masked).

    Causal attention visits only the key/value blocks at or below the
    diagonal of each query block (the loop ends at the first key no row of
    the block can see), in two loops: the blocks wholly below the diagonal
    of the block's first row run without a causal rule, and only the
    diagonal blocks are masked inside `attn.online_attention` through its
    `causal_shift`. A boolean mask is
    made additive (0 / −inf) once, before the loops. `key-layout` says how
    the kernels read K: `transposed` copies K once to B×Hkv×D×Skv so the
    vector kernel's score loop reads keys contiguously; `rows` leaves K as
    stored; `auto` (the default) picks `rows` for decoding steps, queries of
    at most 16 static rows counted before `attn-pack-query-groups` made
    query heads into rows (`attn.packed_query_heads`), and `transposed`
    otherwise. Dynamic sizes the verifier could not compare (batch,
    heads, lengths, head dims, dynamic mask dims) are compared at run time
    with `cf.assert`: a mismatch aborts with a message rather than reading
    past a buffer.

    Tile sizes: `query-block` and `kv-block` options; 0 (the default)
    derives them from the target's cache sizes, read with DLTI from a
    `dlti.target_system_spec` on the module (`"CPU"` device,
    `"L1_cache_size_in_bytes"` and `"L2_cache_size_in_bytes"`), or from
    32 KiB L1 / 1 MiB L2 when there is none: a key/value block of K and V
    fills twice L1 (the kernel streams it 64 keys at a time; at least 64
    keys, the vector kernel's chunk), a query block's accumulator about a
    quarter of L2 (at most 256 rows).

    Split-K (`kv-splits`): for a short query (decoding: Sq ≤ 16) over a
    long key/value sequence, one query block is too little parallel work and
    one thread would stream all of K and V. The key/value blocks are then
    divided among `kv-splits` parallel iterations, each keeping its own
    (acc, max, sum), and a combine step rescales the partial results to the
    common row max (`exp(max_s − M)`) and adds them.

    Before:

    ```mlir
    %o = attn.sdpa %q, %k, %v causal : tensor<1x8x512x64xf32>, ... -> tensor<1x8x512x64xf32>
    ```

    After (abbreviated):

    ```mlir
    %kt = linalg.transpose ins(%k : ...) outs(...) permutation = [0, 1, 3, 2]
    %o = scf.forall (%b, %h, %qb) in (1, 8, 4) shared_outs(%out = %empty) -> ... {
      %acc, %m, %l = scf.for %j = %c0 to %kv_end step %c64 iter_args(...) {
        %a, %mx, %s = attn.online_attention %q_tile, %kt_tile, %v_tile
            into(...) causal_shift(%shift) key_transposed scale = 0.125 : ...
        scf.yield %a, %mx, %s : ...
      }
      %tile = linalg.generic ... (acc / l, 0 when l == 0)
      scf.forall.in_parallel { tensor.parallel_insert_slice %tile into %out[...] }
    }
    ```
  }];
  let options = [
    Option<"queryBlock", "query-block", "int64_t", /*default=*/"0",
           "Query rows per block (0: from the target's L2 size)">,
    Option<"kvBlock", "kv-block", "int64_t", /*default=*/"0",
           "Keys per key/value block (0: from the target's L1 size)">,
    Option<"keyLayout", "key-layout", "::mlir::attn::SdpaKeyLayout",
           /*default=*/"::mlir::attn::SdpaKeyLayout::Auto",
           "How the kernels read K: as stored (rows), transposed once, or "
           "chosen per op (auto)",
           [{::llvm::cl::values(
             clEnumValN(::mlir::attn::SdpaKeyLayout::Auto, "auto",
                        "rows for decoding steps (at most 16 static query "
                        "rows, counted before attn-pack-query-groups), "
                        "transposed otherwise"),
             clEnumValN(::mlir::attn::SdpaKeyLayout::Transposed, "transposed",
                        "copied once per call to B×Hkv×D×Skv, the score "
                        "loop's best layout"),
             clEnumValN(::mlir::attn::SdpaKeyLayout::Rows, "rows",
                        "as stored (Skv×D): dot products along D"))}]>,
    Option<"kvSplits", "kv-splits", "int64_t", /*default=*/"0",
           "Split-K: key/value ranges per query block run in parallel and are "
           "combined (0: split only short queries over long sequences, "
           "i.e. decoding; 1: never)">,
  ];
  let dependentDialects = [
    "::mlir::affine::AffineDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::cf::ControlFlowDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def AttnDecomposeAggregates : Pass<"attn-decompose-aggregates"> {
  let summary = "Decompose aggregate linalg ops (linalg.softmax, ...) into "
                "linalg.generic ops";
  let description = [{
    Upstream's `convert-linalg-to-loops` cannot lower `linalg.softmax` (and
    other ops implementing `linalg::AggregatedOpInterface`): it leaves them
    in the output. This pass asks each such op for its decomposition
    (`decomposeOperation`) so the CPU pipeline can lower models that use
    them, e.g. an attention written in linalg before fusion.

    Before: `%s = linalg.softmax dimension(1) ins(%x : ...) outs(%e : ...)`

    After: `linalg.generic` ops for the row max, `exp(x − max)`, the row sum
    and the division.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def AttnRaise : Pass<"attn-raise"> {
  let summary = "Raise attention written as matmuls and a softmax to "
                "attn.sdpa, whole multi-head blocks to attn.mha";
  let description = [{
    Finds `Q·Kᵀ → scale → mask → softmax → ·V` chains in linalg on tensors
    (as torch-mlir and other front ends write them) and replaces each with
    one `attn.sdpa`, so the flash kernel computes them without the score
    matrix. The chain is read backwards from the `·V` contraction:

    - the softmax is `linalg.softmax` or its decomposed form, element-wise
      `linalg.generic`s (one op per step or fused) around a max and a sum
      reduction: `exp(x − max) / sum` (or `· (1 / sum)`); it must reduce the
      dim that `·V` contracts;
    - the scores may be multiplied by a constant or divided by one
      (`sqrt(d)`): that is `scale` (1 when there is none);
    - masks: an added tensor (an additive bias, also a `masked_fill` with a
      finite value such as −1e9, which only weighs) and `select`s that fill
      masked scores with a constant (`masked_fill`, a boolean keep-mask
      with −inf). A condition that is a causal triangle — from
      `linalg.index`/iota comparisons or a constant tensor, a function of the
      query and key index only with `j ≤ i + offset` — becomes `causal` with
      that `offset` (option `causal`);
    - `Q·Kᵀ` and `·V` are linalg contractions (`linalg.matmul`,
      `batch_matmul`, a contraction `linalg.generic`, with transposes in
      their indexing maps or as `linalg.transpose`) with zero accumulators
      and at most two batch dims (B, H).

    Q, K, V and the result are transposed and reshaped to and from
    attn.sdpa's B×H×S×D layout. A −inf fill that masks every key of a row
    gives NaN in the original graph and zeros after raising (attn.sdpa's
    rule for fully masked rows); a finite fill that would mask whole rows
    (a causal offset below 0) is not raised.

    A chain is left alone when a step does not fit (near misses): a softmax
    over another dim than the contracted one, a scale that is not a
    constant, a score or probability tensor that another op also uses (it
    would still need the score matrix), operands broadcast over a batch dim.
    Each raised chain and each near miss is reported as an optimization
    remark (category `attn-raise`; `attn-opt --remarks-filter=attn-raise`),
    and counted (`--mlir-pass-statistics`).

    With `mha` (the default), a raised attn.sdpa whose Q, K and V are the
    heads of linear projections (`x·W + b`: separate linears, or one fused
    QKV linear split into parts) of one input (K and V of another one:
    cross-attention), split by reshape and transpose (0, 2, 1, 3), K and V
    possibly repeated to the query heads by a broadcast and collapse (GQA,
    MQA; the repeat is dropped), and whose result is transposed back,
    merged and projected, becomes one `attn.mha` when every weight and bias
    is visible (a function argument or a constant, possibly transposed) and
    no value inside the block has another user. A residual add after the
    output projection stays an add after the attn.mha. Each block raised and
    each raised attn.sdpa left without attn.mha is reported as a remark
    (`not raised as mha: <reason>`). With `fold-scale` (the default), when
    Wq (and bq) are f32 constants, the raised attn.mha gets them multiplied
    by its scale and `scale = 1`.

    Before (abbreviated):

    ```mlir
    %s = linalg.batch_matmul ins(%q, %kt : ...) outs(%zero : tensor<8x128x128xf32>)
    %x = linalg.generic {...} ins(%s, %bias : ...) { mulf %a, 0.125; addf ... }
    %p = linalg.softmax dimension(2) ins(%x : ...) outs(...)
    %o = linalg.batch_matmul ins(%p, %v : ...) outs(%zero2 : tensor<8x128x64xf32>)
    ```

    After:

    ```mlir
    %o4 = attn.sdpa %q4, %k4, %v4 mask(%bias4 : tensor<1x1x128x128xf32>) scale = 1.250000e-01 : ...
    %o = tensor.collapse_shape %o4 [[0, 1], [2], [3]] : tensor<1x8x128x64xf32> into tensor<8x128x64xf32>
    ```
  }];
  let options = [
    Option<"causal", "causal", "bool", /*default=*/"true",
           "Turn masks that are causal triangles into attn.sdpa's causal "
           "(with their offset); false: keep them as mask operands">,
    Option<"mha", "mha", "bool", /*default=*/"true",
           "Raise a whole multi-head block around a raised attn.sdpa (visible "
           "Q/K/V and output projections, head split and merge, GQA repeat) "
           "to attn.mha; false: keep attn.sdpa with the linalg around it">,
    Option<"foldScale", "fold-scale", "bool", /*default=*/"true",
           "Fold a raised attn.mha's softmax scale into Wq and bq when they "
           "are f32 constants (pre-scaled constants, scale 1)">,
  ];
  let statistics = [
    Statistic<"numRaised", "sdpa-raised",
              "Attention chains raised to attn.sdpa">,
    Statistic<"numMissed", "sdpa-not-raised",
              "Attention-like chains left alone (see the remarks)">,
    Statistic<"numMhaRaised", "mha-raised",
              "Multi-head blocks raised to attn.mha">,
    Statistic<"numMhaMissed", "mha-not-raised",
              "Raised attn.sdpa left without attn.mha (see the remarks)">,
  ];
  let dependentDialects = [
    "::mlir::attn::AttnDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def AttnShareWeights : Pass<"attn-share-weights", "::mlir::ModuleOp"> {
  let summary = "Merge identical weights into one attn.weight and rewrite "
                "every user to reference it";
  let description = [{
    Finds weights with identical contents anywhere in the module and keeps
    one copy: exported models (ALBERT-style stacks that share one layer,
    tied K and V projections) often carry a copy of a shared weight per
    layer, and `dense_resource` blobs are never uniqued by MLIR, so every
    copy would become a global of its own in the lowered module. (LLVM's
    ConstantMerge folds byte-identical globals at -O3, so for exact copies
    the object file is the same size either way: what the pass saves is the
    compile time and memory spent on the copies until then.)

    Candidates are the module's `attn.weight`s and, with `constants` (the
    default), the `arith.constant`s that could be one: a statically shaped
    `f32`, `f16` or `bf16` tensor held as a `dense_resource` blob or as a
    `dense<…>` that is not a splat (splat constants are fills, which
    canonicalization folds into their users; they are left alone). Weights
    held as splats are candidates, and a blob whose elements are all equal
    matches a splat of the same value. Contents are hashed (the tensor type
    and the element bytes), and weights whose hashes agree are compared
    exactly, so two weights merge only when type, shape and every element's
    bits agree: the same bytes read as another element type, the same
    values in another shape, or one element different are kept apart
    (`-0.0` and `0.0` differ; NaNs with the same bits are equal).

    In each group of identical weights the first `attn.weight` in the module
    is kept (or, if the group holds only constants, the first constant
    becomes a new `attn.weight`, named after its blob or `shared_weight`,
    made unique); every reference to the others (`attn.weight_ref`, and any
    other use of their symbols) is renamed to it, the others are erased, and
    each constant of the group becomes an `attn.weight_ref`. Lowering
    (`attn-lower-weights`) then emits one global per weight.

    With `transposes`, a 2-D weight that equals the transpose of another is
    also removed: its uses read the other through a `linalg.transpose`
    (computed on every call, which trades time for memory; off by default).
    Only weights whose symbol is used by `attn.weight_ref`s alone are
    rewritten so.

    Weights inside nested symbol tables (a module in the module) are left
    alone, as are `dense_resource` attributes whose blob is not available
    (elided). With `--remarks-filter=attn-share-weights` each kept weight
    gets a remark naming what was merged into it and the bytes saved, and
    the module a remark with the totals; the pass statistics
    (`--mlir-pass-statistics`) count the same in LLVM builds with
    statistics enabled (release builds of LLVM have none).

    Before (the second weight is a copy of the first):

    ```mlir
    attn.weight @layer0.wq = dense_resource<layer0_wq> : tensor<768x768xf32>
    attn.weight @layer1.wq = dense_resource<layer1_wq> : tensor<768x768xf32>
    func.func @f() {
      %0 = attn.weight_ref @layer0.wq : tensor<768x768xf32>
      %1 = attn.weight_ref @layer1.wq : tensor<768x768xf32>
      ...
    }
    ```

    After:

    ```mlir
    attn.weight @layer0.wq = dense_resource<layer0_wq> : tensor<768x768xf32>
    func.func @f() {
      %0 = attn.weight_ref @layer0.wq : tensor<768x768xf32>
      %1 = attn.weight_ref @layer0.wq : tensor<768x768xf32>
      ...
    }
    ```
  }];
  let options = [
    Option<"constants", "constants", "bool", /*default=*/"true",
           "Also merge arith.constant tensors that could be weights "
           "(dense_resource blobs and non-splat dense f32/f16/bf16), "
           "turning those with a copy into attn.weight_ref">,
    Option<"transposes", "transposes", "bool", /*default=*/"false",
           "Also remove a 2-D weight equal to another's transpose, reading "
           "the other through a linalg.transpose on every call">,
  ];
  let statistics = [
    Statistic<"numMerged", "weights-merged",
              "Weights and constants removed as copies of another">,
    Statistic<"numTransposed", "weights-transposed",
              "Weights and constants read as another's transpose">,
    Statistic<"numBytesSaved", "bytes-saved",
              "Bytes of the weights removed">,
  ];
  let dependentDialects = [
    "::mlir::attn::AttnDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def AttnPruneHeads : Pass<"attn-prune-heads", "::mlir::ModuleOp"> {
  let summary = "Remove attention heads from attn.mha layers (by norm, by "
                "supplied scores or by list), GQA-aware";
  let description = [{
    Removes whole heads from every `attn.mha` (written by hand or raised):
    the pruned layer computes what the original computes with the dropped
    heads' outputs zeroed (Michel, Levy and Neubig 2019, "Are Sixteen Heads
    Really Better than One?"), with proportionally smaller weights and less
    work. Head `h` owns columns `h·Dh … (h+1)·Dh − 1` of `Wq` and `bq`, the
    same rows of `Wo`; KV head `g` the same columns of `Wk`, `Wv`, `bk`,
    `bv`. A mask with a head dim (not a static 1) loses the dropped heads'
    slices too; `bo` and the result's type stay as they are.

    **Which heads.** Exactly one of: `keep=N` query heads per layer,
    `ratio=R` (0 < R ≤ 1: round(R·Hq) heads, the nearest count, halves up,
    never below one), `threshold=T` (the heads whose score is ≥ T), or
    `drop=LAYER:H:H,...` (the listed heads of the layer named `LAYER`, the
    op's `name`; `*` names every layer). Heads with the lowest scores go
    first; equal scores keep the lower index.

    **Scores.** A layer listed in `scores-file` (JSON: layer name → an array
    of one score per query head, or an object from head index to score)
    takes its scores from there, and with a file only the layers it lists
    are pruned; otherwise a `attn.head_scores = array<f64: ...>` attribute
    on the op gives them; otherwise the head's importance is the sum of the
    `norm` (`l1` or `l2`) of its `Wq` columns and of its `Wo` rows, which
    must then be constants (`attn.weight_ref`, `arith.constant`). A whole
    KV group scores the sum of its query heads plus, for norms, the norms
    of its `Wk` and `Wv` columns.

    **Grouped-query attention** (`Hq = G·Hkv`, G > 1): `gqa=groups` (the
    default) removes whole KV groups with their G query heads;
    `gqa=per-group` removes the same number of query heads from every group
    and keeps every KV head. Either way `num_heads % num_kv_heads == 0`
    still holds. A count that does not fit (`keep`, `ratio` or `threshold`
    asking for 5 of 8 heads in groups of 2) is rounded to the nearest count
    that does (never below one group or one head per group) and the remark
    says so; a `drop` list that does not fit is an error. For multi-head
    attention (G = 1) the two are the same: a head is its own KV group.

    **Rewrite.** Constant weights and biases are sliced at compile time
    into new `attn.weight`s named `<old>.pruned` (an `arith.constant`
    becomes a smaller `arith.constant`); the old weight is erased when
    nothing else uses it. Other weights (function arguments, computed
    values) are sliced in the IR: one `tensor.extract_slice` per run of
    kept heads, joined by `tensor.concat`. `num_heads` and `num_kv_heads`
    are updated, as is `attn.head_scores`.

    **Diagnostics.** An error at the op's location, and nothing changed in
    the module, when a layer would lose every head, a `drop` list or the
    file names a layer that does not exist or a head out of range, the file
    is not valid JSON or not of the format above, or norms are asked of
    weights that are not constants. An option value it cannot use
    (`keep=0`, `ratio=0`, `ratio=abc`, `norm=l3`, ...) is an error at the
    module saying what is accepted: `ratio`, `threshold`, `norm` and `gqa`
    are text that the pass reads itself. Each pruned layer gets a remark
    naming the dropped heads with their scores
    (`--remarks-filter=attn-prune-heads`), and the pass counts the heads,
    parameters and FLOPs (per call, static shapes) removed as statistics,
    which `--mlir-pass-statistics` shows only where LLVM was built with
    statistics (not Debian's release LLVM); the remarks carry the same
    numbers.

    Before (`--attn-prune-heads=keep=2`, 4 heads of 8):

    ```mlir
    %wq = attn.weight_ref @l0.wq : tensor<32x32xf32>
    ...
    %y = attn.mha name "l0" %x weights(%wq, %wk, %wv, %wo)
        num_heads(4) num_kv_heads(4) head_dim(8) : (...) -> tensor<2x16x32xf32>
    ```

    After (the two heads with the largest norms kept):

    ```mlir
    %wq = attn.weight_ref @l0.wq.pruned : tensor<32x16xf32>
    ...
    %y = attn.mha name "l0" %x weights(%wq, %wk, %wv, %wo)
        num_heads(2) num_kv_heads(2) head_dim(8) : (...) -> tensor<2x16x32xf32>
    ```
  }];
  let options = [
    Option<"keep", "keep", "int64_t", /*default=*/"0",
           "Query heads to keep in each layer, the highest-scored, at least "
           "1 (unset: not this criterion)">,
    Option<"ratio", "ratio", "std::string", /*default=*/"",
           "Fraction of each layer's query heads to keep, a number with "
           "0 < ratio <= 1, rounded to the nearest count and at least one "
           "head (unset: not this criterion)">,
    Option<"threshold", "threshold", "std::string", /*default=*/"",
           "Keep the heads whose score is >= threshold, a number (unset: not "
           "this criterion)">,
    ListOption<"drop", "drop", "std::string",
               "Heads to drop, LAYER:H[:H...] per entry (LAYER: the "
               "attn.mha's name, or * for every layer)">,
    Option<"norm", "norm", "std::string", /*default=*/"\"l1\"",
           "The norm that scores a head from its weights when no scores are "
           "supplied: l1 (sum of absolute values) or l2 (square root of the "
           "sum of squares)">,
    Option<"scoresFile", "scores-file", "std::string", /*default=*/"",
           "JSON file of per-head scores: an object from layer names (the "
           "attn.mha's name) to either an array of one score per query "
           "head, {\"l0\": [s0, s1, ...]}, or an object from every head "
           "index to its score, {\"l0\": {\"0\": s0, \"1\": s1, ...}}; "
           "only the layers it names are pruned">,
    Option<"gqa", "gqa", "std::string", /*default=*/"\"groups\"",
           "How grouped-query attention loses heads: groups (whole KV groups, "
           "with their query heads) or per-group (the same number of query "
           "heads from every group; every KV head stays)">,
  ];
  let statistics = [
    Statistic<"numLayers", "layers-pruned", "attn.mha layers that lost heads">,
    Statistic<"numHeads", "heads-removed", "Query heads removed">,
    Statistic<"numKvHeads", "kv-heads-removed", "Key/value heads removed">,
    Statistic<"numParams", "params-removed",
              "Weight and bias elements removed (per layer)">,
    Statistic<"numFlops", "flops-removed",
              "FLOPs removed per call (layers with static shapes)">,
  ];
  let dependentDialects = [
    "::mlir::attn::AttnDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

#endif // ATTN_TRANSFORMS_PASSES_TD
