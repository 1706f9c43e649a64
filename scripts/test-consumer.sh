#!/usr/bin/env bash
# Installs attn from a build directory to a fresh prefix, builds
# examples/consumer against that prefix alone (find_package(Attn CONFIG)),
# and runs examples/consumer/test.mlir through it with lit.
#   scripts/test-consumer.sh     # uses ./build (ATTN_BUILD_DIR overrides)
# The prefix and the consumer's build live in $build/consumer-check; the
# prefix is replaced every run, the consumer build is incremental.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${ATTN_BUILD_DIR:-$src/build}" && pwd)   # absolute: the consumer's
work=$build/consumer-check                          # cache records the prefix
llvm=/usr/lib/llvm-22

rm -rf "$work/prefix"
cmake --build "$build" >/dev/null   # install what the sources say, not a stale build
cmake --install "$build" --prefix "$work/prefix" >/dev/null
if [ ! -f "$work/build/build.ninja" ]; then
  cmake -G Ninja -S "$src/examples/consumer" -B "$work/build" \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=$llvm/bin/clang -DCMAKE_CXX_COMPILER=$llvm/bin/clang++ \
    -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
fi
cmake --build "$work/build"
$llvm/bin/lit -sv "$src/examples/consumer" \
  --param consumer_bin="$work/build" --param llvm_tools=$llvm/bin
