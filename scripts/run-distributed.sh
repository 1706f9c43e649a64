#!/usr/bin/env bash
# Head-parallel attention on several MPI processes (docs/distributed.md):
# for each configuration, writes the attn.mha layer of
# examples/distributed/gen_mha_tp.py annotated for N ranks, compiles it with
# attn-compile --pipeline-options=distribute=true (and the unannotated layer
# for one process), links examples/distributed/driver.c against both and
# MPICH, and runs it with mpirun on N loopback ranks. Every rank compares its
# output with the one-process layer (f32 tolerance); rank 0's output is also
# checked by attn-run --check against the double-precision reference.
#
#   scripts/run-distributed.sh [--build DIR] [--out DIR] [--ranks "1 2 4"]
#                              [--configs "mha gqa causal mask mqa"]
#                              [--size tiny|small] [--shape "B S MODEL HEADS"]
#                              [--repeat N]
#
# --repeat N also times N calls (docs/distributed.md's table).
#
# Exits non-zero if any run fails. Needs MPICH (mpicc.mpich, mpirun.mpich:
# scripts/setup.sh installs them) and a built attn (build/bin).
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=$src/build
out=
ranks="1 2 4"
configs="mha gqa causal mask mqa"
size=small
shape_arg=
repeat=0
while [ $# -gt 0 ]; do
  case $1 in
    --build) build=$(cd "$2" && pwd); shift 2 ;;
    --out) out=$2; shift 2 ;;
    --ranks) ranks=$2; shift 2 ;;
    --configs) configs=$2; shift 2 ;;
    --size) size=$2; shift 2 ;;
    --shape) shape_arg=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    *) echo "usage: $0 [--build DIR] [--out DIR] [--ranks \"1 2 4\"] [--configs \"mha gqa causal mask mqa\"] [--size tiny|small] [--shape \"B S MODEL HEADS\"] [--repeat N]" >&2; exit 2 ;;
  esac
done
for tool in mpicc.mpich mpirun.mpich; do
  command -v $tool >/dev/null || { echo "error: $tool not found: install mpich and libmpich-dev (scripts/setup.sh)" >&2; exit 2; }
done
[ -x "$build/bin/attn-compile" ] || { echo "error: no $build/bin/attn-compile: build attn first" >&2; exit 2; }
out=${out:-$(mktemp -d)}
mkdir -p "$out"

# B S MODEL HEADS: tiny for CI (a few seconds), small otherwise.
case $size in
  tiny) shape=(2 8 32 8) ;;
  small) shape=(2 64 128 8) ;;
  *) echo "error: --size tiny or small" >&2; exit 2 ;;
esac
[ -n "$shape_arg" ] && read -r -a shape <<<"$shape_arg"
read -r B S M H <<<"${shape[*]}"

config_flags() {
  case $1 in
    mha) echo "--heads $H" ;;                                   # plain multi-head
    gqa) echo "--heads $H --kv-heads $((H / 2))" ;;            # 2 query heads per K/V head
    causal) echo "--heads $H --kv-heads $((H / 2)) --causal" ;;
    mask) echo "--batch $((2 * B)) --heads $H --mask --causal" ;;  # key padding per batch
    mqa) echo "--heads $H --kv-heads 1" ;;                       # K/V replicated
    *) echo "error: unknown configuration $1" >&2; exit 2 ;;
  esac
}

# Hydra starts the ranks on this machine with fork (no ssh), also as root;
# one OpenMP thread per rank, as ranks and not threads share the cores here.
export HYDRA_LAUNCHER=fork OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
failed=0
for config in $configs; do
  flags=$(config_flags "$config")
  for n in $ranks; do
    dir=$out/$config-$n
    mkdir -p "$dir"
    # shellcheck disable=SC2086
    python3 "$src/examples/distributed/gen_mha_tp.py" --ranks "$n" --batch "$B" \
      --seq "$S" --model "$M" $flags --dist "$dir/dist.mlir" --plain "$dir/plain.mlir" \
      --config "$dir/config.h"
    "$build/bin/attn-compile" "$dir/dist.mlir" -o "$dir/dist.so" --header "$dir/dist.h" \
      --pipeline-options=distribute=true
    "$build/bin/attn-compile" "$dir/plain.mlir" -o "$dir/plain.so" --header "$dir/plain.h"
    mpicc.mpich -std=c11 -O2 -Wall -I"$dir" -include "$dir/config.h" \
      "$src/examples/distributed/driver.c" "$dir/dist.so" "$dir/plain.so" \
      -Wl,-rpath,"$dir" -lm -o "$dir/run"
    echo "== $config ($flags), $n rank(s)"
    args=(--npy "$dir")
    [ "$repeat" -gt 0 ] && args+=(--repeat "$repeat")
    if ! mpirun.mpich -n "$n" "$dir/run" "${args[@]}" </dev/null; then
      failed=1
      continue
    fi
    inputs=$dir/x.npy,$dir/wq.npy,$dir/wk.npy,$dir/wv.npy,$dir/wo.npy,$dir/bq.npy,$dir/bk.npy,$dir/bv.npy,$dir/bo.npy
    [ -f "$dir/mask.npy" ] && inputs=$inputs,$dir/mask.npy
    if ! "$build/bin/attn-run" "$dir/plain.mlir" --inputs "$inputs" --expected "$dir/y.npy" \
        --check >"$dir/check.txt" 2>&1; then
      cat "$dir/check.txt"
      failed=1
    fi
    grep -E "^(expected|result 0: max abs err)" "$dir/check.txt" | sed 's/^/   rank 0 vs attn-run: /'
  done
done
if [ $failed -ne 0 ]; then
  echo "FAILED (outputs in $out)"
  exit 1
fi
echo "all runs match (outputs in $out)"
