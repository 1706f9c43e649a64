#!/usr/bin/env python3
"""Writes a tied-weight model as an exporter writes it: an encoder weight W
(M x H) and a decoder weight that is W's transpose (H x M), each its own
attn.weight with its own dense_resource blob, used as y = relu(x W) Wᵀ.
attn-share-weights with transposes=true keeps W only.

    tied_transpose.py S M H -o FILE
"""
import argparse
import struct


def blob(values):
    # A dense_resource blob: the 4-byte alignment, then the little-endian f32s.
    return "0x04000000" + struct.pack(f"<{len(values)}f", *values).hex().upper()


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("s", type=int)
    p.add_argument("m", type=int)
    p.add_argument("h", type=int)
    p.add_argument("-o", required=True)
    a = p.parse_args()
    s, m, h = a.s, a.m, a.h
    # Values exact in f32, different everywhere (so no transpose is its own).
    w = [[((i * 37 + j * 11) % 101 - 50) / 256.0 for j in range(h)] for i in range(m)]
    enc = [v for row in w for v in row]
    dec = [w[i][j] for j in range(h) for i in range(m)]
    t = lambda *d: "tensor<" + "x".join(map(str, d)) + "xf32>"
    with open(a.o, "w") as f:
        f.write(f"""attn.weight @enc.w = dense_resource<enc_w> : {t(m, h)}
attn.weight @dec.w = dense_resource<dec_w> : {t(h, m)}
func.func @tied(%x: {t(s, m)}) -> {t(s, m)} {{
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : {t(s, h)}
  %z0 = linalg.fill ins(%zero : f32) outs(%e0 : {t(s, h)}) -> {t(s, h)}
  %w = attn.weight_ref @enc.w : {t(m, h)}
  %hid = linalg.matmul ins(%x, %w : {t(s, m)}, {t(m, h)}) outs(%z0 : {t(s, h)}) -> {t(s, h)}
  %r = linalg.max ins(%hid, %z0 : {t(s, h)}, {t(s, h)}) outs(%e0 : {t(s, h)}) -> {t(s, h)}
  %e1 = tensor.empty() : {t(s, m)}
  %z1 = linalg.fill ins(%zero : f32) outs(%e1 : {t(s, m)}) -> {t(s, m)}
  %wt = attn.weight_ref @dec.w : {t(h, m)}
  %y = linalg.matmul ins(%r, %wt : {t(s, h)}, {t(h, m)}) outs(%z1 : {t(s, m)}) -> {t(s, m)}
  return %y : {t(s, m)}
}}
{{-#
  dialect_resources: {{
    builtin: {{
      enc_w: "{blob(enc)}",
      dec_w: "{blob(dec)}"
    }}
  }}
#-}}
""")


if __name__ == "__main__":
    main()
