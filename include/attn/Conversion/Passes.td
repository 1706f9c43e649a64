//===- Passes.td - attn conversion passes ------------------*- tablegen -*-===//
//
// Passes that take attn ops out of the attn dialect (to linalg, memref and
// bufferization) and that prepare the final LLVM dialect module for a target.
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
  let options = [
    Option<"testInjectBug", "test-inject-bug", "std::string",
           /*default=*/"\"\"",
           "TEST ONLY: lower deliberately wrong, so tests can show that the "
           "runtime checker catches it. One of: wrong-scale (1/D instead of "
           "the scale), ignore-mask (drop the keep-mask or bias), "
           "wrong-grouping (KV head h mod Hkv instead of h floordiv (Hq/Hkv)), "
           "causal-off-by-one (allow j <= i + offset + 1). Never use it to "
           "compile a model.">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def AttnSetCpuTarget : Pass<"attn-set-cpu-target", "::mlir::ModuleOp"> {
  let summary = "Set the target CPU and features on every llvm.func";
  let description = [{
    Sets `target_cpu` and `target_features` on every `llvm.func` of the
    module, so that LLVM IR translation, the JIT and object-file output
    generate code for that CPU (its vector width, FMA, AVX-512...). Run it
    last, once the module is in the LLVM dialect.

    `cpu=host` (the default) is the CPU running the compiler, with its
    features; an explicit `features` string is appended to those. With an
    explicit CPU name only the given `features` are set (LLVM derives the
    rest from the CPU name).

    Before:

    ```mlir
    llvm.func @f() { llvm.return }
    ```

    After `attn-set-cpu-target{cpu=znver4 features=-avx512f}`:

    ```mlir
    llvm.func @f() attributes {target_cpu = "znver4",
        target_features = #llvm.target_features<["-avx512f"]>} { llvm.return }
    ```
  }];
  let options = [
    Option<"cpu", "cpu", "std::string", /*default=*/"\"host\"",
           "LLVM CPU name, e.g. 'skylake-avx512', 'znver4', 'x86-64-v3', or "
           "'host' for the CPU running the compiler">,
    Option<"features", "features", "std::string", /*default=*/"\"\"",
           "Comma-separated LLVM target features, e.g. '+avx512f,-fma'; "
           "with cpu=host they are appended to the host's features">,
  ];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def AttnApproximateMath : Pass<"attn-approximate-math"> {
  let summary = "Replace f32 math.exp/tanh/erf/... by polynomial approximations";
  let description = [{
    LLVM turns a `math.exp` on a vector into one scalar `expf` call per lane;
    in the attention kernels that alone halves the speed. This pass rewrites
    the f32 math ops (scalars and vectors) into MLIR's polynomial
    approximations (arith and vector ops that vectorize), after expanding
    the ops those approximations build on. Runs on tensors or buffers,
    before `convert-math-to-llvm`.

    Before: `%e = math.exp %x : vector<16xf32>`

    After: a range reduction, a polynomial and an exponent insertion in
    `arith` ops on `vector<16xf32>`.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::math::MathDialect",
    "::mlir::vector::VectorDialect",
  ];
}

#endif // ATTN_CONVERSION_PASSES_TD
