#!/usr/bin/env bash
# Generates the op and pass reference from the TableGen declarations.
#   docs/generate.sh MLIR_TBLGEN MLIR_INCLUDE_DIR OUT_DIR
# `cmake --build build --target attn-update-docs` runs it into docs/reference/;
# test/docs/generated-docs.test runs it into a temporary folder and fails when
# the checked-in reference differs.
set -euo pipefail
tblgen=$1 mlir_include=$2 out=$3
src=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
gen() { "$tblgen" -I "$src/include" -I "$mlir_include" "$@"; }
gen -gen-dialect-doc -dialect=attn "$src/include/attn/Dialect/Attn/AttnOps.td" \
  -o "$out/AttnDialect.md"
for td in "$src"/include/attn/*/Passes.td; do
  [ -f "$td" ] || continue
  name=$(basename "$(dirname "$td")")
  gen -gen-pass-doc "$td" -o "$out/${name}Passes.md"
done
