//===- Passes.td - attn target set-up passes ---------------*- tablegen -*-===//
//
// Passes that prepare code for the machine it runs on: target CPU and
// features on the LLVM functions, and math approximations that keep vector
// code vectorized.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_TARGET_PASSES_TD
#define ATTN_TARGET_PASSES_TD

include "mlir/Pass/PassBase.td"

def AttnSetCpuTarget : Pass<"attn-set-cpu-target", "::mlir::ModuleOp"> {
  let summary = "Set the target CPU and features on every llvm.func";
  let description = [{
    Sets `target_cpu` and `target_features` on every `llvm.func` of the
    module, so that LLVM IR translation, the JIT and object-file output
    generate code for that CPU (its vector width, FMA, AVX-512...). Run it
    last, once the module is in the LLVM dialect.

    `target-cpu=host` (the default) is the CPU running the compiler, with
    its features; an explicit `target-features` string is appended to
    those. With an explicit CPU name only the given `target-features` are
    set (LLVM derives the rest from the CPU name). An unknown CPU name or
    feature is an error at the module, the same check `attn-cpu-pipeline`,
    `attn-run` and `attn-compile` make. The options are spelled as the
    pipeline's; the older spellings `cpu` and `features` are still
    accepted.

    Before:

    ```mlir
    llvm.func @f() { llvm.return }
    ```

    After `attn-set-cpu-target{target-cpu=znver4 target-features=-avx512f}`:

    ```mlir
    llvm.func @f() attributes {target_cpu = "znver4",
        target_features = #llvm.target_features<["-avx512f"]>} { llvm.return }
    ```
  }];
  let options = [
    Option<"cpu", "target-cpu", "std::string", /*default=*/"\"host\"",
           "LLVM CPU name, e.g. 'skylake-avx512', 'znver4', 'x86-64-v3', or "
           "'host' for the CPU running the compiler">,
    Option<"features", "target-features", "std::string", /*default=*/"\"\"",
           "Comma-separated LLVM target features, e.g. '+avx512f,-fma'; "
           "for the host CPU they are appended to its own features">,
    Option<"cpuAlias", "cpu", "std::string", /*default=*/"\"\"",
           "The older spelling of target-cpu (still accepted)">,
    Option<"featuresAlias", "features", "std::string", /*default=*/"\"\"",
           "The older spelling of target-features (still accepted)">,
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

#endif // ATTN_TARGET_PASSES_TD
