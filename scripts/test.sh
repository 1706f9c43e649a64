#!/usr/bin/env bash
# Set up, build, and run every test (lit + FileCheck regression tests and the
# unit tests, all through lit), then install attn to a fresh prefix and build
# and run examples/consumer against it, and run the benchmarks on small shapes.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
"$src/scripts/setup.sh"
build=${ATTN_BUILD_DIR:-$src/build}
cmake --build "$build" --target check-attn
ATTN_BUILD_DIR=$build "$src/scripts/test-consumer.sh"
# The benchmark harnesses on small shapes (bench/README.md), so they cannot rot.
python3 "$src/bench/attn_bench.py" --smoke --build "$build"
python3 "$src/bench/layer_bench.py" --smoke --build "$build"
