#!/usr/bin/env bash
# The main job on the shipped example: set up, build, then parse, verify and
# print the transformer encoder layer in examples/ (weights elided).
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
"$src/scripts/setup.sh" >&2
build=${ATTN_BUILD_DIR:-$src/build}
"$build/bin/attn-opt" --mlir-elide-elementsattrs-if-larger=8 \
  "${1:-$src/examples/encoder_layer.mlir}"
