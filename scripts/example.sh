#!/usr/bin/env bash
# The main job on the shipped example: set up, build, then JIT-compile the
# transformer encoder layer in examples/ through attn-cpu-pipeline, run it on
# seeded random inputs, check it against the double-precision reference and
# time it:
#   attn-run examples/encoder_layer.mlir --check --repeat 5
# `scripts/example.sh FILE [attn-run flags...]` does the same for another file.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
"$src/scripts/setup.sh" >&2
build=${ATTN_BUILD_DIR:-$src/build}
file=${1:-$src/examples/encoder_layer.mlir}
if (($#)); then shift; fi
"$build/bin/attn-run" "$file" --check --repeat 5 "$@"
