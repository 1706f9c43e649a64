#!/usr/bin/env bash
# Set up, build, and run every test (lit + FileCheck regression tests and the
# unit tests, all through lit), then install attn to a fresh prefix and build
# and run examples/consumer against it, and run the benchmark on one small shape.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
"$src/scripts/setup.sh"
build=${ATTN_BUILD_DIR:-$src/build}
cmake --build "$build" --target check-attn
ATTN_BUILD_DIR=$build "$src/scripts/test-consumer.sh"
# The benchmark harness on one small shape (bench/README.md), so it cannot rot.
python3 "$src/bench/attn_bench.py" --smoke --build "$build"
