#!/usr/bin/env bash
# Set up, build, and run every test (lit + FileCheck regression tests and the
# unit tests, all through lit).
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
"$src/scripts/setup.sh"
build=${ATTN_BUILD_DIR:-$src/build}
cmake --build "$build" --target check-attn
