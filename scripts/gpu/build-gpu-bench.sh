#!/usr/bin/env bash
# Builds, on a machine with attn built and the CUDA toolkit (no GPU needed),
# everything a GPU machine needs to run attn's GPU kernels: for each chip, an
# ahead-of-time executable (bench/gpu/gpu_bench.c + the host code of
# attn-gpu-pipeline with the kernels' fatbin inside + attn's CUDA runtime),
# packed with run.sh into one small tarball. The GPU machine needs only the
# NVIDIA driver (libcuda.so.1): no MLIR, no compiler, no network.
#
#   scripts/gpu/build-gpu-bench.sh [--quick] [--chips "sm_80 sm_90"] [-o OUT.tar.gz]
#
# Then, on the GPU machine:  tar xzf attn-gpu-bench.tar.gz && attn-gpu-bench/run.sh
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${ATTN_BUILD_DIR:-$src/build}
chips="sm_80 sm_90"
quick=
tarball=$build/attn-gpu-bench.tar.gz
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=--quick ;;
    --chips) chips=$2; shift ;;
    -o) tarball=$2; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
cuda=${CUDA_HOME:-/usr/local/cuda}
[ -f "$cuda/include/cuda.h" ] || { echo "no CUDA toolkit at $cuda (set CUDA_HOME)" >&2; exit 1; }
llvm_bin=$(dirname "$(readlink -f "$(command -v mlir-translate || echo /usr/lib/llvm-22/bin/mlir-translate)")")
cc=${CC:-$llvm_bin/clang}; [ -x "$cc" ] || cc=cc
cxx=${CXX:-$llvm_bin/clang++}; [ -x "$cxx" ] || cxx=c++

out=${ATTN_GPU_BENCH_OUT:-$build/attn-gpu-bench}
rm -rf "$out" && mkdir -p "$out"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 "$src/bench/gpu/gen_gpu_bench.py" "$work/bench.mlir" "$work/shapes.h" $quick
"$cxx" -c -O2 -fPIC -I"$cuda/include" "$src/lib/Runtime/Cuda/CudaRuntime.cpp" -o "$work/runtime.o"
for chip in $chips; do
  echo "== $chip: attn-gpu-pipeline, mlir-translate, link"
  "$build/bin/attn-opt" "$work/bench.mlir" \
    --attn-gpu-pipeline="chip=$chip format=fatbin" -o "$work/bench-$chip.mlir"
  "$llvm_bin/mlir-translate" --mlir-to-llvmir "$work/bench-$chip.mlir" -o "$work/bench-$chip.ll"
  "$cc" -c -O2 -fPIC -Wno-override-module "$work/bench-$chip.ll" -o "$work/bench-$chip.o"
  "$cc" -O2 -I"$work" "$src/bench/gpu/gpu_bench.c" "$work/bench-$chip.o" "$work/runtime.o" \
    -L"$cuda/lib64/stubs" -lcuda -lstdc++ -lm -o "$out/gpu_bench_$chip"
done
cp "$src/scripts/gpu/run-on-gpu.sh" "$out/run.sh"
git -C "$src" rev-parse --short HEAD > "$out/REVISION" 2>/dev/null || true
tar czf "$tarball" -C "$(dirname "$out")" "$(basename "$out")"
echo "wrote $tarball ($(du -h "$tarball" | cut -f1)): copy it to the GPU machine, then"
echo "  tar xzf $(basename "$tarball") && attn-gpu-bench/run.sh"
