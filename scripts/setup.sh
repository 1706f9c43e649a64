#!/usr/bin/env bash
# Sets attn up from nothing on Debian 12: installs what is missing (LLVM/MLIR 22
# from Debian's packages, CMake, Ninja, GoogleTest, ...), configures and builds.
#   scripts/setup.sh            # build into ./build (ATTN_BUILD_DIR overrides)
# Safe to run again: present packages are skipped and the build is incremental.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${ATTN_BUILD_DIR:-$src/build}

packages=(
  libmlir-22-dev mlir-22-tools llvm-22-dev llvm-22-tools clang-22
  libomp-22-dev libclang-rt-22-dev
  cmake ninja-build python3 libgtest-dev
  # LLVMSupport links zlib and zstd: without their -dev packages CMake stops at
  # "ZLIB::ZLIB but the target was not found".
  zlib1g-dev libzstd-dev
  # Multi-process attention (docs/distributed.md) runs on MPICH, the MPI ABI
  # MLIR's MPI lowering targets.
  mpich libmpich-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo=sudo; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

llvm=/usr/lib/llvm-22
if [ ! -f "$build/build.ninja" ]; then
  cmake -G Ninja -S "$src" -B "$build" \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=$llvm/bin/clang -DCMAKE_CXX_COMPILER=$llvm/bin/clang++ \
    -DMLIR_DIR=$llvm/lib/cmake/mlir \
    -DLLVM_EXTERNAL_LIT=$llvm/bin/lit
fi
cmake --build "$build"
