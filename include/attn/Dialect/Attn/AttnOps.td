//===- AttnOps.td - attn dialect operations ----------------*- tablegen -*-===//
//
// The ops of the attn dialect. Every op states its semantics in its
// description; the C++ verifiers in lib/Dialect/Attn check every rule stated
// here and say which one failed.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_DIALECT_ATTN_ATTNOPS_TD
#define ATTN_DIALECT_ATTN_ATTNOPS_TD

include "attn/Dialect/Attn/AttnDialect.td"
include "attn/Dialect/Attn/AttnEnums.td"
include "mlir/Dialect/Linalg/IR/LinalgInterfaces.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/TilingInterface.td"

//===----------------------------------------------------------------------===//
// attn.sdpa
//===----------------------------------------------------------------------===//

def Attn_SdpaOp : Attn_Op<"sdpa", [Pure,
    DeclareOpInterfaceMethods<ReifyRankedShapedTypeOpInterface,
                              ["reifyResultShapes"]>,
    DeclareOpInterfaceMethods<TilingInterface, [
      "getLoopIteratorTypes", "getIterationDomain", "getTiledImplementation",
      "getResultTilePosition", "generateResultTileValue"]>]> {
  let summary = "scaled dot-product attention";
  let description = [{
    Computes, for every batch `b` and query head `h`,

    ```
    O[b, h] = softmax(scale · Q[b, h] · K[b, g(h)]ᵀ + mask) · V[b, g(h)]
    ```

    with `Q : B×Hq×Sq×D`, `K : B×Hkv×Skv×D`, `V : B×Hkv×Skv×Dv` and
    `O : B×Hq×Sq×Dv`. `Q`, `K` and `V` share one element type (`f32`, `f16`
    or `bf16`); `O` has that element type too. All arithmetic accumulates in
    `f32`.

    **Head grouping.** `Hq` must be a multiple of `Hkv`. Query head `h` reads
    key/value head `g(h) = ⌊h / (Hq / Hkv)⌋` (PyTorch's `repeat_interleave`
    and ONNX's grouping): `Hkv == Hq` is multi-head attention, `1 < Hkv < Hq`
    grouped-query attention and `Hkv == 1` multi-query attention.

    **Scale.** `scale` defaults to `1/sqrt(D)`.

    **Mask.** The optional mask has rank ≤ 4 and broadcasts (NumPy rules,
    aligned on the right) to `B×Hq×Sq×Skv`; a key-padding mask `B×1×1×Skv`
    is one such shape. An `i1` mask is a keep-mask (`true` = attend). A
    floating-point mask (the inputs' element type or `f32`) is an additive
    bias on the scaled scores. A dynamic mask dim (`?`) broadcasts when
    its size at run time is 1, as a static 1 does; any other runtime size
    must be the scores' dim (the compiled code checks it).

    **Causality.** With `causal`, query `i` sees key `j` iff
    `j ≤ i + offset` (`causal_offset`, spelled `causal offset = N`). The offset defaults to `Skv − Sq` (bottom-right
    alignment, as FlashAttention ≥ 2.1 and ONNX with a KV cache); `offset = 0`
    is top-left (PyTorch's `is_causal`).

    **Masked rows.** A key is *masked* when the boolean mask is false, the
    causal rule excludes it, or its additive bias is `-inf`. The softmax is
    computed stably (the row maximum over unmasked keys is subtracted). A
    query row whose keys are all masked yields zeros, never NaN. A finite
    bias such as `-1e9` masks nothing: it only weighs.

    Sequence lengths and the batch may be dynamic (`?`), and so may the
    head counts (`Hq % Hkv == 0` is then a precondition checked by whoever
    makes them static) and the head dim (then `scale` must be given, as it
    must for `D = 0`).

    **Tiling.** The op implements `TilingInterface` over its four parallel
    loops `(b, hq, sq, dv)`, so `transform.structured.tile_using_forall`
    and `tile_using_for` tile it into smaller `attn.sdpa` ops on slices. A
    query-head tile must be 1 or a multiple of `Hq / Hkv` (so it maps onto
    whole key/value heads). A causal query tile `[i0, i0 + n)` reads only
    the keys its rows see, `[0, min(Skv, i0 + n + offset))`, on which the
    default offset is the tile's own causal rule, so it is again a causal
    `attn.sdpa`; an explicit offset that may exceed `Skv − Sq` cannot be
    carried into query tiles and is refused (`attn-tile` splits such an op's
    rows first). The key/value dim is a reduction through the softmax:
    `attn-tile` takes its (batch, head, query block) loops from this
    interface and turns each tile into a loop over key/value blocks of
    `attn.online_attention`.

    **Syntax.** After the three operands come the optional clauses
    `mask(%m : type)`, `causal`, `offset = N` and `scale = F`, in any order
    and each at most once (the printer writes them in that order), then an
    optional attribute dictionary and the types of `Q`, `K`, `V` and the
    result.

    Example:

    ```mlir
    %o = attn.sdpa %q, %k, %v mask(%m : tensor<2x1x1x77xi1>) causal offset = 0
        : tensor<2x8x77x64xf32>, tensor<2x2x77x64xf32>, tensor<2x2x77x64xf32>
        -> tensor<2x8x77x64xf32>
    ```
  }];

  let arguments = (ins
    AnyRankedTensor:$query,
    AnyRankedTensor:$key,
    AnyRankedTensor:$value,
    Optional<AnyRankedTensor>:$mask,
    OptionalAttr<F32Attr>:$scale,
    UnitAttr:$causal,
    OptionalAttr<I64Attr>:$causal_offset
  );
  let results = (outs AnyRankedTensor:$result);

  // `$query, $key, $value` then, in any order, `mask(%m : type)`, `causal`,
  // `offset = N`, `scale = F`; attr-dict; `: type(q), type(k), type(v) ->
  // type(result)` (lib/Dialect/Attn/AttnAssembly.cpp).
  let hasCustomAssemblyFormat = 1;

  let extraClassDeclaration = [{
    /// The scale actually applied: the attribute, or 1/sqrt(D) when absent.
    /// D must then be static.
    double getEffectiveScale();
  }];

  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

//===----------------------------------------------------------------------===//
// attn.online_attention
//===----------------------------------------------------------------------===//

def Attn_OnlineAttentionOp : Attn_Op<"online_attention", [Pure,
    AttrSizedOperandSegments,
    DeclareOpInterfaceMethods<AggregatedOpInterface, ["decomposeOperation"]>,
    DeclareOpInterfaceMethods<ReifyRankedShapedTypeOpInterface,
                              ["reifyResultShapes"]>,
    DeclareOpInterfaceMethods<TilingInterface, [
      "getLoopIteratorTypes", "getIterationDomain", "getTiledImplementation",
      "getResultTilePosition", "generateResultTileValue"]>,
    TypesMatchWith<"acc has the type of new_acc", "new_acc", "acc", "$_self">,
    TypesMatchWith<"max has the type of new_max", "new_max", "max", "$_self">,
    TypesMatchWith<"sum has the type of new_sum", "new_sum", "sum", "$_self">
    ]> {
  let summary = "one key/value block of flash attention (online softmax)";
  let description = [{
    The step of the online-softmax recurrence (FlashAttention) for one query
    block of one (batch, head) and one key/value block: it folds the block's
    keys into a running row maximum `max`, running row sum `sum` and an
    unnormalized accumulator `acc`, so the full score matrix never exists.
    With `q : Bq×D`, `k : Bk×D` (or `D×Bk` with `key_transposed`, the layout
    a vector kernel reads keys from contiguously), `v : Bk×Dv`,
    `acc : Bq×Dv`, `max, sum : Bq` (all f32):

    ```
    s[i,j]    = scale · Σ_d q[i,d]·k[j,d]  (+ mask[i,j] if additive)
    m'[i]     = max(max[i], max over unmasked j of s[i,j])
    α[i]      = exp(max[i] − m'[i])        (1 when m'[i] = −inf)
    p[i,j]    = masked(i,j) ? 0 : exp(s[i,j] − m'[i])
    sum'[i]   = α[i]·sum[i] + Σ_j p[i,j]
    acc'[i,:] = α[i]·acc[i,:] + Σ_j p[i,j]·v[j,:]
    ```

    Key `j` is masked for row `i` when the keep-mask is false, the bias is
    −inf, or, with `causal_shift(%c)`, when `j > i + %c` (the causal rule of
    `attn.sdpa` in the block's local coordinates: `%c = query_start +
    offset − key_start`). The mask is `Bq×Bk` or `1×Bk` (one row for every
    query, as a key-padding mask). Start from `acc = 0`, `max = −inf`,
    `sum = 0`; after the last block the attention output is `acc / sum`, and
    a row whose `sum` is 0 (every key masked) is 0. Accumulation is f32 for
    f32, f16 and bf16 inputs. Blocks may be ragged (dynamic sizes).

    **Interfaces.** `AggregatedOpInterface` decomposes the step into linalg
    ops (`attn-decompose-online-attention`). `TilingInterface` over the
    loops (row, key, value column): the rows are independent and tile into
    `attn.online_attention` ops on row slices (the causal shift moves with
    them); the keys are the recurrence's reduction, carried in
    `(acc, max, sum)`, and a value column needs the whole row's max and sum,
    so neither of those tiles.

    ```mlir
    %acc2, %m2, %l2 = attn.online_attention %q, %k, %v into(%acc, %m, %l)
        causal_shift(%c) scale = 1.250000e-01
        : tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>
        -> tensor<64x64xf32>, tensor<64xf32>, tensor<64xf32>
    ```
  }];

  let arguments = (ins
    AnyRankedTensor:$query,
    AnyRankedTensor:$key,
    AnyRankedTensor:$value,
    Optional<AnyRankedTensor>:$mask,
    AnyRankedTensor:$acc,
    AnyRankedTensor:$max,
    AnyRankedTensor:$sum,
    Optional<Index>:$causal_shift,
    F32Attr:$scale,
    UnitAttr:$key_transposed
  );
  let results = (outs
    AnyRankedTensor:$new_acc,
    AnyRankedTensor:$new_max,
    AnyRankedTensor:$new_sum
  );

  let assemblyFormat = [{
    $query `,` $key `,` $value (`mask` `(` $mask^ `:` type($mask) `)`)?
    `into` `(` $acc `,` $max `,` $sum `)`
    (`causal_shift` `(` $causal_shift^ `)`)? (`key_transposed` $key_transposed^)?
    `scale` `=` $scale attr-dict
    `:` type($query) `,` type($key) `,` type($value) `->` type($new_acc) `,`
    type($new_max) `,` type($new_sum)
  }];

  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// attn.mha
//===----------------------------------------------------------------------===//

def Attn_MhaOp : Attn_Op<"mha", [Pure, AttrSizedOperandSegments]> {
  let summary = "a multi-head attention layer (projections, attention, output)";
  let description = [{
    A whole multi-head attention layer. With `x : B×Sq×M` and a key/value
    input `kv : B×Skv×Mkv` (`kv` is `x` itself unless given: self-attention
    without it, cross-attention with it, e.g. a decoder attending over an
    encoder's output of another length):

    ```
    Q = x · Wq (+ bq)   reshaped to B×Hq×Sq×Dh
    K = kv · Wk (+ bk)  reshaped to B×Hkv×Skv×Dh
    V = kv · Wv (+ bv)  reshaped to B×Hkv×Skv×Dh
    O = attn.sdpa(Q, K, V, mask, scale, causal)   B×Hq×Sq×Dh
    y = concat_heads(O) · Wo (+ bo)               B×Sq×N
    ```

    Weights use the `x·W` layout of linalg, TOSA and ONNX graphs: `Wq` is
    `M × (Hq·Dh)`, `Wk` and `Wv` are `Mkv × (Hkv·Dh)`, `Wo` is
    `(Hq·Dh) × N`. Head `h` owns columns `h·Dh … (h+1)·Dh − 1` of `Wq` (and
    of `Wk`/`Wv` for key/value heads) and the same rows of `Wo`. Biases are
    1-D, as long as their weight's columns. `Hq = num_heads`,
    `Hkv = num_kv_heads`, `Dh = head_dim`; head grouping, scale, mask,
    causality and the masked-row rule are those of `attn.sdpa`. All
    operands share one element type (`f32`, `f16` or `bf16`), except an
    `i1` or `f32` mask.

    The optional `name` (non-empty) identifies the layer in remarks and to
    passes that address layers by name.

    **Syntax.** `name "..."` (optional) and the input come first. Then, in
    any order and each at most once: `kv(%kv)`, `weights(%wq, %wk, %wv,
    %wo)`, `bias_q(%b)`, `bias_k(%b)`, `bias_v(%b)`, `bias_o(%b)`,
    `mask(%m : type)`, `num_heads(N)`, `num_kv_heads(N)` (default:
    `num_heads`, i.e. plain multi-head attention), `head_dim(N)`, `causal`,
    `offset = N` and `scale = F`; `weights`, `num_heads` and `head_dim` are
    required. After an optional attribute dictionary and `:` the types
    follow the operands in the order input, kv, wq, wk, wv, wo, bias_q,
    bias_k, bias_v, bias_o, with absent ones left out, then `->` the
    result's type. The printer writes the clauses in the order above, with
    `num_kv_heads` always. The older mask spelling `mask(%m)`, with the
    mask's type last in the list after `:`, is still accepted.

    Example:

    ```mlir
    %y = attn.mha name "enc0.self_attn" %x weights(%wq, %wk, %wv, %wo)
        num_heads(8) num_kv_heads(8) head_dim(64)
        : (tensor<1x128x512xf32>, tensor<512x512xf32>, tensor<512x512xf32>,
           tensor<512x512xf32>, tensor<512x512xf32>) -> tensor<1x128x512xf32>
    ```
  }];

  let arguments = (ins
    AnyRankedTensor:$input,
    Optional<AnyRankedTensor>:$kv_input,
    AnyRankedTensor:$wq,
    AnyRankedTensor:$wk,
    AnyRankedTensor:$wv,
    AnyRankedTensor:$wo,
    Optional<AnyRankedTensor>:$bq,
    Optional<AnyRankedTensor>:$bk,
    Optional<AnyRankedTensor>:$bv,
    Optional<AnyRankedTensor>:$bo,
    Optional<AnyRankedTensor>:$mask,
    ConfinedAttr<I64Attr, [IntPositive]>:$num_heads,
    ConfinedAttr<I64Attr, [IntPositive]>:$num_kv_heads,
    ConfinedAttr<I64Attr, [IntPositive]>:$head_dim,
    OptionalAttr<F32Attr>:$scale,
    UnitAttr:$causal,
    OptionalAttr<I64Attr>:$causal_offset,
    OptionalAttr<StrAttr>:$name
  );
  let results = (outs AnyRankedTensor:$result);

  // `(name "...")? $input` then, in any order, `kv(%kv)`, `weights(%wq, %wk,
  // %wv, %wo)`, `bias_q/k/v/o(%b)`, `mask(%m : type)` (or `mask(%m)`),
  // `num_heads(N)`, `num_kv_heads(N)`, `head_dim(N)`, `causal`, `offset = N`,
  // `scale = F`; attr-dict; `:` the functional type
  // (lib/Dialect/Attn/AttnAssembly.cpp).
  let hasCustomAssemblyFormat = 1;

  let extraClassDeclaration = [{
    /// The tensor keys and values are projected from: `kv_input` for
    /// cross-attention, `input` for self-attention.
    ::mlir::Value getKeyValueSource() {
      return getKvInput() ? getKvInput() : getInput();
    }
    bool isCrossAttention() { return static_cast<bool>(getKvInput()); }
  }];

  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

//===----------------------------------------------------------------------===//
// attn.residual / attn.yield
//===----------------------------------------------------------------------===//

def Attn_ResidualOp : Attn_Op<"residual", [
    RecursiveMemoryEffects, AttrSizedOperandSegments,
    AllTypesMatch<["input", "result"]>]> {
  let summary = "a residual block y = x + F(x), optionally layer-normed";
  let description = [{
    `F` is the op's region: one block whose single argument receives the
    block's input and whose `attn.yield` returns `F`'s result, of the input's
    type. Without `norm`, `y = x + F(x)`. With `norm(pre, …)`,
    `y = x + F(LN(x))`; with `norm(post, …)`, `y = LN(x + F(x))`. `LN` is a
    layer norm over the last dimension (biased variance, `epsilon` added to
    it) followed by `· gamma + beta`; `gamma` and `beta` are 1-D, as long as
    that dimension. `epsilon` defaults to 1e-5 and is set in the attribute
    dictionary after the norm group (`norm(pre, %g, %b : ...)
    {epsilon = 1.0e-6 : f32}`). The region is not isolated from above, so `F` may use
    weights defined outside it; keeping `F` inside the op is what lets fusion
    see the whole block.

    Example (a pre-norm transformer sub-layer):

    ```mlir
    %y = attn.residual %x norm(pre, %g, %b : tensor<512xf32>, tensor<512xf32>)
        : tensor<1x128x512xf32> {
    ^bb0(%h: tensor<1x128x512xf32>):
      %a = attn.mha %h weights(%wq, %wk, %wv, %wo) ...
      attn.yield %a : tensor<1x128x512xf32>
    }
    ```
  }];

  let arguments = (ins
    AnyRankedTensor:$input,
    Optional<AnyRankedTensor>:$gamma,
    Optional<AnyRankedTensor>:$beta,
    OptionalAttr<Attn_NormPlacementAttr>:$norm,
    DefaultValuedAttr<F32Attr, "1.0e-5">:$epsilon
  );
  let results = (outs AnyRankedTensor:$result);
  let regions = (region SizedRegion<1>:$body);

  let assemblyFormat = [{
    $input (`norm` `(` custom<NormPlacement>($norm) `,` $gamma^ `,` $beta `:`
    type($gamma) `,` type($beta) `)`)? attr-dict `:` type($input) $body
  }];

  let extraClassDeclaration = [{
    /// The terminator that returns F(x).
    YieldOp getYield();
  }];

  let hasVerifier = 1;
  let hasRegionVerifier = 1;
}

def Attn_YieldOp : Attn_Op<"yield", [
    Pure, Terminator, ReturnLike, HasParent<"ResidualOp">]> {
  let summary = "returns F(x) from an attn.residual body";
  let description = [{
    Terminates the body of `attn.residual`; its operand, of the residual
    input's type, is `F(x)`.
  }];
  let arguments = (ins AnyRankedTensor:$value);
  let assemblyFormat = "$value attr-dict `:` type($value)";
}

//===----------------------------------------------------------------------===//
// attn.weight / attn.weight_ref
//===----------------------------------------------------------------------===//

def Attn_WeightOp : Attn_Op<"weight", [
    Symbol, HasParent<"::mlir::ModuleOp">]> {
  let summary = "a named module-level weight";
  let description = [{
    A weight tensor with a module-level name. Its value is a statically
    shaped floating-point elements attribute (`dense<…>` or
    `dense_resource<…>`). Layers use it through `attn.weight_ref`; several
    references to one symbol are weight sharing (as in ALBERT), and lowering
    stores each symbol once.

    ```mlir
    attn.weight @enc.wq = dense<0.01> : tensor<512x512xf32>
    ```
  }];

  let arguments = (ins
    SymbolNameAttr:$sym_name,
    ElementsAttr:$value
  );

  let assemblyFormat = "$sym_name `=` $value attr-dict";

  let extraClassDeclaration = [{
    ::mlir::RankedTensorType getType() {
      return ::llvm::cast<::mlir::RankedTensorType>(getValue().getType());
    }
  }];

  let hasVerifier = 1;
}

def Attn_WeightRefOp : Attn_Op<"weight_ref", [
    Pure, DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "the value of a named attn.weight";
  let description = [{
    Returns the value of the `attn.weight` named by `weight`, found in the
    nearest enclosing symbol table. The result type must equal the weight's
    type.

    ```mlir
    %wq = attn.weight_ref @enc.wq : tensor<512x512xf32>
    ```
  }];

  let arguments = (ins FlatSymbolRefAttr:$weight);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$weight attr-dict `:` type($result)";
}

#endif // ATTN_DIALECT_ATTN_ATTNOPS_TD
