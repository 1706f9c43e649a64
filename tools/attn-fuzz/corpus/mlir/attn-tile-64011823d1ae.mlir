module attributes {dlti.target_system_spec = #dlti.target_system_spec<
    "CPU" = #dlti.target_device_spec<"L1_cache_size_in_bytes" = 16384 : i64,
                                     "L2_cache_size_in_bytes" = 65536 : i64>>} {
  func.func @from_dlti(%q: tensor<1x2x256x32xf32>) -> tensor<1x2x256x32xf32> {
    %o = attn.sdpa %q, %q, %q : tensor<1x2x256x32xf32>, tensor<1x2x256x32xf32>, tensor<1x2x256x32xf32> -> tensor<1x2x256x32xf32>
    return %o : tensor<1x2x256x32xf32>
  }
}
