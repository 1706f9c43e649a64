#!/usr/bin/env bash
# attn_before_after.sh BEFORE_ATTN_RUN AFTER_ATTN_RUN [ROUNDS]
#
# Issue 11's side-by-side measurement of two builds of attn-run (e.g. main's
# and a branch's) on the shapes of docs/performance.md's "causal diagonal
# blocks and long-context decoding" table: causal and non-causal B=1 H=8
# S=2048 D=64, and the GQA decoding step (B=1 HQ=32 HKV=8 SQ=1 D=128,
# bottom-right causal) at SKV 4096 and 32768. The two binaries alternate,
# ROUNDS (default 3) times, so load changes hit both alike; the FMA peak and
# the read bandwidth are probed at the start and the end. Each line is one
# attn-run's median. Hold both CPU slots while it runs:
#   flock /work/wt/.slot1 flock /work/wt/.slot2 bench/attn_before_after.sh A B
set -euo pipefail
before=$1 after=$2 rounds=${3:-3}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OMP_NUM_THREADS=2 OMP_PROC_BIND=spread OMP_PLACES=cores
# fma_peak.c where the benchmarks find it (benchlib.PEERS_SRC).
peers=$(cd "$here" && python3 -c 'import benchlib; print(benchlib.PEERS_SRC)')
cc -O2 -march=native -fopenmp "$peers/fma_peak.c" -o "$work/fma_peak"
cc -O2 -march=native -fopenmp "$here/mem_bw.c" -o "$work/mem_bw"

module() { # name q-shape kv-shape causal
  local c=${4:+ causal}
  cat >"$work/$1.mlir" <<MLIR
func.func @attention(%q: tensor<$2xf32>, %k: tensor<$3xf32>, %v: tensor<$3xf32>) -> tensor<$2xf32> {
  %o = attn.sdpa %q, %k, %v$c : tensor<$2xf32>, tensor<$3xf32>, tensor<$3xf32> -> tensor<$2xf32>
  return %o : tensor<$2xf32>
}
MLIR
}
module causal-s2048 1x8x2048x64 1x8x2048x64 yes
module s2048 1x8x2048x64 1x8x2048x64
module decode-skv4096 1x32x1x128 1x8x4096x128 yes
module decode-skv32768 1x32x1x128 1x8x32768x128 yes
declare -A repeat=([causal-s2048]=10 [s2048]=10 [decode-skv4096]=100 [decode-skv32768]=20)

date -u; uptime
"$work/fma_peak" | tail -1
"$work/mem_bw"
for ((i = 1; i <= rounds; ++i)); do
  for shape in causal-s2048 s2048 decode-skv4096 decode-skv32768; do
    for which in before after; do
      bin=${!which}
      t=$("$bin" "$work/$shape.mlir" --repeat "${repeat[$shape]}" | grep -o 'median [0-9.]* ms')
      echo "round $i $shape $which: $t"
    done
  done
done
"$work/fma_peak" | tail -1
"$work/mem_bw"
uptime
