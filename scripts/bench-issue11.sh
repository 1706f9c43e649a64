#!/usr/bin/env bash
# bench-issue11.sh: issue 11's whole benchmark table in one run (and, with --base,
# issue 12's before/after attention benchmark beside it):
#   1. bench/layer_bench.py: matmuls Y = A·W at M ∈ {1, 8, 128, 512, 2048} × N, K ∈
#      {768, 3072, 4096} (attn JIT, ONNX Runtime's MatMul, OpenBLAS if installed; % of
#      the same run's FMA peak or read bandwidth), and the mha / encoder layers at B=1
#      S ∈ {128, 512, 2048}, B=8 S=128 and the GQA mha 4096/32/8 S=512 (attn JIT and
#      AOT, ORT; attn/ORT ratio, peak RSS) — one invocation, one pair of probes;
#   2. bench/attn_bench.py: attention (attn.sdpa) at S ≤ 4096, B=4 H=12 S=512 and the
#      decode shapes (attn tiled, ORT; with --base also the base build's attn-run);
#   3. OUT/results.md: both tables under one header (OUT/layers/, OUT/attention/ keep
#      each part's results.md and results.json).
# Every figure is the median of several timed calls after a warm-up.
#
# Usage: scripts/bench-issue11.sh [--quick] [--smoke] [--base BUILD_DIR] [--out DIR]
#                                 [--build DIR]
#   --quick  matmuls only at (N, K) ∈ {(768, 768), (3072, 768), (768, 3072), (4096, 4096)}
#            (BERT-base's projections and FFN, and the largest), 20 of the 45
#   --smoke  the benchmarks' own --smoke shapes (tiny; seconds): checks the command
#   --base   a build folder of another checkout (e.g. /work/wt/onehome-base/build):
#            its attn-run runs the attention shapes too, in the same run
# Needs build/bin/attn-run and attn-compile built, node (+ build/peers with
# onnxruntime-node, installed by the benchmarks with npm on first use).
set -euo pipefail
argv="$*"
repo=$(cd "$(dirname "$0")/.." && pwd)
build=$repo/build out= base= quick=0 smoke=0
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=1 ;;
    --smoke) smoke=1 ;;
    --base) base=$2; shift ;;
    --out) out=$2; shift ;;
    --build) build=$2; shift ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-issue11.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
out=${out:-$build/issue11}
mkdir -p "$out"
common=(--build "$build" --retries 1 --quiet-wait 60)
matmuls='^matmul-'
[ $quick = 1 ] && matmuls='^matmul-m[0-9]+-(n768-k768|n3072-k768|n768-k3072|n4096-k4096)$'
attention='^b1-h8-s(512|1024|2048|4096)-|^b4-|^decode-'
layer_args=(--shapes "$matmuls|^mha-|^encoder-" --variants attn,aot,ort
            --matmul-variants attn,ort,openblas)
attn_args=(--shapes "$attention" --variants tiled,ort --no-aot --no-plot)
wait_quiet=(--wait-quiet 60)
if [ $smoke = 1 ]; then
  common=(--build "$build") layer_args=(--smoke) attn_args=(--smoke --no-plot) wait_quiet=()
fi
[ -n "$base" ] && attn_args+=(--base-build "$base")

status=0
t0=$(date +%s)
python3 "$repo/bench/layer_bench.py" "${common[@]}" "${layer_args[@]}" \
  --out "$out/layers" "${wait_quiet[@]}" || status=1
t1=$(date +%s)
python3 "$repo/bench/attn_bench.py" "${common[@]}" "${attn_args[@]}" \
  --out "$out/attention" || status=1
t2=$(date +%s)
{
  echo "# Issue 11 benchmark (and issue 12's before/after attention), one run"
  echo
  echo "- command: \`scripts/bench-issue11.sh $argv\`"
  echo "- started $(date -u -d @"$t0" '+%F %T') UTC; layers and matmuls $((t1 - t0)) s," \
       "attention $((t2 - t1)) s, total $((t2 - t0)) s"
  echo
  for part in layers attention; do
    [ -f "$out/$part/results.md" ] && { sed 's/^#/##/' "$out/$part/results.md"; echo; }
  done
} > "$out/results.md"
echo "bench-issue11.sh: $out/results.md (total $((t2 - t0)) s)"
exit $status
