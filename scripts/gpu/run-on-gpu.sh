#!/usr/bin/env bash
# Runs attn's GPU benchmark on this machine's GPU (made by
# scripts/gpu/build-gpu-bench.sh): picks the executable for the GPU's
# compute capability (sm_80 for A100-class, sm_90 for H100-class; a newer GPU
# JIT-compiles the fatbin's PTX), runs every shape, checks each result
# against a double-precision reference and prints the kernel time and TFLOP/s.
#
#   run.sh [REPEATS] [SHAPE_NAME...]      (also: ATTN_CUDA_DEVICE=N)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cap=$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader -i "${ATTN_CUDA_DEVICE:-0}" 2>/dev/null | tr -d '. ' || true)
case $cap in
  80|86|87|89) exe=$here/gpu_bench_sm_80 ;;
  90*|1[0-9]*) exe=$here/gpu_bench_sm_90 ;;
  "") echo "nvidia-smi found no GPU; trying sm_90's executable" >&2; exe=$here/gpu_bench_sm_90 ;;
  *) echo "compute capability $cap is older than sm_80: not supported" >&2; exit 1 ;;
esac
[ -x "$exe" ] || exe=$(ls "$here"/gpu_bench_sm_* | tail -1)
echo "attn revision $(cat "$here/REVISION" 2>/dev/null || echo ?); running $(basename "$exe")"
exec "$exe" "$@"
