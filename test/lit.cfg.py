# -*- Python -*-
# lit configuration for the attn regression tests.

import os
import shutil

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "ATTN"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test", ".c"]
config.excludes = ["Inputs", "Unit", "lib", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.attn_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%attn_src_root", config.attn_src_root))
config.substitutions.append(("%attn_obj_root", config.attn_obj_root))
config.substitutions.append(("%mlir_include_dir", config.mlir_include_dir))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

tool_dirs = [config.attn_tools_dir, config.llvm_tools_dir]
tools = ["attn-opt", "attn-run", "attn-compile", "attn-reduce", "attn-capi-test", "mlir-tblgen", "mlir-translate", "mlir-runner"]
# The libFuzzer targets (tools/attn-fuzz: instrumented with ATTN_FUZZ=ON, or
# against the normal libraries for the fuzz smoke where clang's libFuzzer
# runtime links); their smoke tests (test/fuzz/npy.test, mlir.test) are
# skipped without them, and lit says why.
missing_fuzzers = []
for fuzzer in ["attn-fuzz-npy", "attn-fuzz-mlir"]:
    if os.path.exists(os.path.join(config.attn_tools_dir, fuzzer)):
        config.available_features.add(fuzzer)
        tools.append(fuzzer)
    else:
        missing_fuzzers.append(fuzzer)
if missing_fuzzers:
    lit_config.note(
        "fuzz smoke tests (test/fuzz/npy.test, mlir.test) skipped: this build "
        "has no " + ", ".join(missing_fuzzers) + " (CMake found no libFuzzer "
        "runtime for -fsanitize=fuzzer, e.g. GCC or clang without "
        "compiler-rt, or ATTN_FUZZ_SMOKE=OFF; docs/robustness.md)")
llvm_config.add_tool_substitutions(tools, tool_dirs)
# Upstream mlir-opt (the LLVM attn was built against), into which the plugin
# test loads attn's AttnPlugin.so.
config.substitutions.append(
    ("%upstream_mlir_opt", os.path.join(config.llvm_tools_dir, "mlir-opt")))
config.substitutions.append(
    ("%attn_plugin", os.path.join(config.attn_obj_root, "lib", "AttnPlugin.so")))
# The test-only passes (test/lib) are in the tools unless the build left
# them out (ATTN_INCLUDE_TESTS=OFF); tests that use them say REQUIRES.
if config.attn_include_tests:
    config.available_features.add("attn-test-passes")

# The host C compiler, for tests that build C programs (examples/aot).
config.substitutions.append(("%host_cc", config.host_cc))

# mlir-runner's printing support (printMemrefF32...), for tests that JIT-run a
# compiled module; without the libraries they are skipped, not failed.
mlir_runner_libs = [
    os.path.normpath(os.path.join(config.llvm_tools_dir, "..", "lib", lib))
    for lib in ["libmlir_runner_utils.so", "libmlir_c_runner_utils.so"]
]
if all(os.path.exists(lib) for lib in mlir_runner_libs):
    config.available_features.add("mlir-runner-utils")
    config.substitutions.append(("%mlir_runner_libs", ",".join(mlir_runner_libs)))

# GPU-toolkit tests (REQUIRES: cuda-toolkit) need CUDA's ptxas, which
# gpu-module-to-binary also calls for cubin: without it they are skipped,
# except under CI=true, where the toolkit is part of the machine and a
# missing one is an error.
# The toolkit: a root with bin/ptxas, from CUDA_ROOT/CUDA_HOME/CUDA_PATH or
# /usr/local/cuda, else the ptxas on PATH (which may be a wrapper script
# outside the toolkit, e.g. /usr/local/bin/ptxas: its parent is then not a
# toolkit root, so a real root is preferred).
def find_cuda_root():
    candidates = [os.environ.get(v) for v in ("CUDA_ROOT", "CUDA_HOME", "CUDA_PATH")]
    candidates.append("/usr/local/cuda")
    for root in candidates:
        if root and os.path.isfile(os.path.join(root, "bin", "ptxas")):
            return root, os.path.join(root, "bin", "ptxas")
    on_path = shutil.which("ptxas")
    if on_path:
        return os.path.dirname(os.path.dirname(on_path)), on_path
    return None, None


cuda_root, ptxas = find_cuda_root()
if ptxas:
    config.available_features.add("ptxas")
    config.available_features.add("cuda-toolkit")
    config.substitutions.append(("%ptxas", ptxas))
    # gpu-module-to-binary finds ptxas on PATH or under CUDA_ROOT.
    config.environment["CUDA_ROOT"] = cuda_root
elif os.environ.get("CI", "").lower() == "true":
    lit_config.fatal("CI=true but the CUDA toolkit (ptxas) was not found on "
                     "PATH or in /usr/local/cuda/bin: install the CUDA toolkit")

# Multi-process runs (docs/distributed.md) need MPICH: its mpirun, mpicc
# and libmpich (the ABI MLIR's MPI lowering targets; Open MPI's does not
# match). Without them the tests that say REQUIRES: mpi are skipped, not
# failed, except under CI=true, where scripts/setup.sh installed MPICH and a
# missing one is an error (CI must run the multi-rank check).
mpirun = shutil.which("mpirun.mpich")
mpicc = shutil.which("mpicc.mpich")
libmpich = next(
    (p for p in ["/usr/lib/x86_64-linux-gnu/libmpich.so.12",
                 "/usr/lib/x86_64-linux-gnu/libmpich.so",
                 "/usr/lib/libmpich.so.12"] if os.path.exists(p)), None)
if mpirun and mpicc and libmpich:
    config.available_features.add("mpi")
    config.substitutions.append(("%mpirun", mpirun))
    config.substitutions.append(("%libmpich", libmpich))
    # Hydra starts local ranks with fork (no ssh), as root too.
    config.environment["HYDRA_LAUNCHER"] = "fork"
else:
    missing = ("no mpirun.mpich on PATH" if not mpirun else
               "no mpicc.mpich on PATH" if not mpicc else "no libmpich.so")
    if os.environ.get("CI", "").lower() == "true":
        lit_config.fatal("CI=true but MPICH is missing (" + missing + "): "
                         "scripts/setup.sh installs mpich and libmpich-dev")
    lit_config.note(
        "tests that REQUIRE mpi are skipped: " + missing
        + " (scripts/setup.sh installs mpich and libmpich-dev)")
