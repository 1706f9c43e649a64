#!/usr/bin/env bash
# The main job: set up, build, then JIT-compile a BERT-base-size transformer
# encoder layer (B=1, S=128, model 768, 12 heads, FFN 3072; ~28 MB of seeded
# weights, written into the build tree by examples/gen_layer.py at build time)
# through attn-cpu-pipeline, run it on seeded random inputs, check it against
# the double-precision reference and time it:
#   attn-run build/examples/bert_encoder_layer.mlir --check --repeat 5
# `scripts/example.sh FILE [attn-run flags...]` does the same for another file,
# e.g. the small committed examples/encoder_layer.mlir.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
"$src/scripts/setup.sh" >&2
build=${ATTN_BUILD_DIR:-$src/build}
file=${1:-$build/examples/bert_encoder_layer.mlir}
if (($#)); then shift; fi
"$build/bin/attn-run" "$file" --check --repeat 5 "$@"
