// RUN: attn-opt %s --attn-map-sdpa-to-gpu --split-input-file --verify-diagnostics

// What the GPU kernel does not support is refused with a located error,
// not a crash.

// A mask with a dynamic dim.
func.func @dynamic_mask(%q: tensor<1x1x16x64xf32>, %k: tensor<1x1x16x64xf32>, %v: tensor<1x1x16x64xf32>, %m: tensor<1x1x?x16xi1>) -> tensor<1x1x16x64xf32> {
  // expected-error @+1 {{attn-map-sdpa-to-gpu: the GPU kernel needs static shapes (the mask's too)}}
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<1x1x?x16xi1>) : tensor<1x1x16x64xf32>, tensor<1x1x16x64xf32>, tensor<1x1x16x64xf32> -> tensor<1x1x16x64xf32>
  return %o : tensor<1x1x16x64xf32>
}

// -----

func.func @dynamic(%q: tensor<1x1x?x64xf32>, %k: tensor<1x1x16x64xf32>, %v: tensor<1x1x16x64xf32>) -> tensor<1x1x?x64xf32> {
  // expected-error @+1 {{attn-map-sdpa-to-gpu: the GPU kernel needs static shapes}}
  %o = attn.sdpa %q, %k, %v : tensor<1x1x?x64xf32>, tensor<1x1x16x64xf32>, tensor<1x1x16x64xf32> -> tensor<1x1x?x64xf32>
  return %o : tensor<1x1x?x64xf32>
}

// -----

// A head dim of 256: the Q tile alone (64 rows × 256 × 4 bytes) is 64 KiB.
func.func @head_dim_too_large(%q: tensor<1x1x16x256xf32>, %k: tensor<1x1x16x256xf32>, %v: tensor<1x1x16x256xf32>) -> tensor<1x1x16x256xf32> {
  // expected-error @+1 {{attn-map-sdpa-to-gpu: the tiles do not fit in shared memory: query-block 64 × head dim 256 and kv-block 1 × (256 + 256) f32 need 67584 bytes, more than the 49152 of shared-memory; use a smaller query-block or kv-block}}
  %o = attn.sdpa %q, %k, %v : tensor<1x1x16x256xf32>, tensor<1x1x16x256xf32>, tensor<1x1x16x256xf32> -> tensor<1x1x16x256xf32>
  return %o : tensor<1x1x16x256xf32>
}

// -----

// f16 with a head dim of 512: the tensor-core kernel's Q/K tile (64 rows)
// and V tile (16 keys at least) of 512 + 8 halves are 83200 bytes.
func.func @mma_head_dim_too_large(%q: tensor<1x1x16x512xf16>, %k: tensor<1x1x16x512xf16>, %v: tensor<1x1x16x512xf16>) -> tensor<1x1x16x512xf16> {
  // expected-error @+1 {{attn-map-sdpa-to-gpu: the tiles do not fit in shared memory: the tensor-core kernel's Q/K tile (max(query-block 64, kv-block 16) rows) and V tile (kv-block rows) of head dims 512 and 512 (+ 8 padding) need 83200 bytes, more than the 49152 of shared-memory; use a smaller query-block or kv-block}}
  %o = attn.sdpa %q, %k, %v : tensor<1x1x16x512xf16>, tensor<1x1x16x512xf16>, tensor<1x1x16x512xf16> -> tensor<1x1x16x512xf16>
  return %o : tensor<1x1x16x512xf16>
}
