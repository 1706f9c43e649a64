#!/usr/bin/env bash
# Set up, build, and run every test (lit + FileCheck regression tests and the
# unit tests, all through lit), then install attn to a fresh prefix and build
# and run examples/consumer against it.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
"$src/scripts/setup.sh"
build=${ATTN_BUILD_DIR:-$src/build}
cmake --build "$build" --target check-attn
ATTN_BUILD_DIR=$build "$src/scripts/test-consumer.sh"
