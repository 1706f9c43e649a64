// attn-gpu-pipeline's spellings: `target-features` (as attn-cpu-pipeline and
// attn-compile spell it) is the same option as `features` and wins over it;
// the PTX ISA version follows. format=ptx needs no CUDA toolkit.

// RUN: attn-opt %s --attn-gpu-pipeline="chip=sm_80 format=ptx" | FileCheck %s --check-prefix=DEFAULT
// RUN: attn-opt %s --attn-gpu-pipeline="chip=sm_80 format=ptx features=+ptx81" | FileCheck %s --check-prefix=PTX81
// RUN: attn-opt %s --attn-gpu-pipeline="chip=sm_80 format=ptx target-features=+ptx81" | FileCheck %s --check-prefix=PTX81
// RUN: attn-opt %s --attn-gpu-pipeline="chip=sm_80 format=ptx features=+ptx80 target-features=+ptx81" | FileCheck %s --check-prefix=PTX81

// DEFAULT: gpu.binary @sdpa_kernel  [#gpu.object<#nvvm.target<O = 3, chip = "sm_80", features = "+ptx80">
// DEFAULT-SAME: .version 8.0
// PTX81: gpu.binary @sdpa_kernel  [#gpu.object<#nvvm.target<O = 3, chip = "sm_80", features = "+ptx81">
// PTX81-SAME: .version 8.1

func.func @sdpa(%q: tensor<1x2x64x64xf32>, %k: tensor<1x2x64x64xf32>, %v: tensor<1x2x64x64xf32>) -> tensor<1x2x64x64xf32> {
  %o = attn.sdpa %q, %k, %v : tensor<1x2x64x64xf32>, tensor<1x2x64x64xf32>, tensor<1x2x64x64xf32> -> tensor<1x2x64x64xf32>
  return %o : tensor<1x2x64x64xf32>
}
