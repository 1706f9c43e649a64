#!/usr/bin/env python3
"""Writes the example transformer blocks in examples/ (deterministic weights).

    python3 examples/gen_examples.py     # rewrites examples/*.mlir

The weights are small seeded uniform values (Xavier-like range), so the
examples are reproducible and every head computes something different.
Plain Python: no numpy needed.
"""
import os
import random
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def hex_f32(values):
    return "0x" + b"".join(struct.pack("<f", v) for v in values).hex().upper()


class Weights:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.decls = []

    def add(self, name, shape, kind="matrix"):
        n = 1
        for s in shape:
            n *= s
        if kind == "ones":
            vals = [1.0 + self.rng.uniform(-0.1, 0.1) for _ in range(n)]
        elif kind == "bias":
            vals = [self.rng.uniform(-0.1, 0.1) for _ in range(n)]
        else:
            bound = (6.0 / (shape[0] + shape[-1])) ** 0.5
            vals = [self.rng.uniform(-bound, bound) for _ in range(n)]
        ty = "tensor<" + "x".join(map(str, shape)) + "xf32>"
        self.decls.append(f'  attn.weight @{name} = dense<"{hex_f32(vals)}"> : {ty}')
        return f"attn.weight_ref @{name} : {ty}"


def ffn(lines, w, prefix, x, b, s, m, f, indent):
    """x·W1 + b1 → GELU (tanh form) → ·W2 + b2, in upstream linalg."""
    t = lambda *d: "tensor<" + "x".join(map(str, d)) + "xf32>"
    i = indent
    lines += [
        f"{i}%w1 = {w.add(prefix + '.ffn.w1', [m, f])}",
        f"{i}%b1 = {w.add(prefix + '.ffn.b1', [f], 'bias')}",
        f"{i}%w2 = {w.add(prefix + '.ffn.w2', [f, m])}",
        f"{i}%b2 = {w.add(prefix + '.ffn.b2', [m], 'bias')}",
        f"{i}%rows = tensor.collapse_shape {x} [[0, 1], [2]] : {t(b, s, m)} into {t(b * s, m)}",
        f"{i}%zero = arith.constant 0.0 : f32",
        f"{i}%e1 = tensor.empty() : {t(b * s, f)}",
        f"{i}%z1 = linalg.fill ins(%zero : f32) outs(%e1 : {t(b * s, f)}) -> {t(b * s, f)}",
        f"{i}%h1 = linalg.matmul ins(%rows, %w1 : {t(b * s, m)}, {t(m, f)}) outs(%z1 : {t(b * s, f)}) -> {t(b * s, f)}",
        f"{i}%g1 = linalg.generic {{indexing_maps = [affine_map<(r, c) -> (r, c)>, affine_map<(r, c) -> (c)>, affine_map<(r, c) -> (r, c)>],",
        f"{i}    iterator_types = [\"parallel\", \"parallel\"]}} ins(%h1, %b1 : {t(b * s, f)}, {t(f)}) outs(%e1 : {t(b * s, f)}) {{",
        f"{i}^bb0(%v: f32, %bias: f32, %out: f32):",
        f"{i}  // GELU, tanh form: 0.5·u·(1 + tanh(sqrt(2/π)·(u + 0.044715·u³)))",
        f"{i}  %u = arith.addf %v, %bias : f32",
        f"{i}  %half = arith.constant 0.5 : f32",
        f"{i}  %one = arith.constant 1.0 : f32",
        f"{i}  %c = arith.constant 0.7978845608 : f32",
        f"{i}  %k = arith.constant 0.044715 : f32",
        f"{i}  %u2 = arith.mulf %u, %u : f32",
        f"{i}  %u3 = arith.mulf %u2, %u : f32",
        f"{i}  %ku3 = arith.mulf %k, %u3 : f32",
        f"{i}  %inner = arith.addf %u, %ku3 : f32",
        f"{i}  %arg = arith.mulf %c, %inner : f32",
        f"{i}  %th = math.tanh %arg : f32",
        f"{i}  %onep = arith.addf %one, %th : f32",
        f"{i}  %hu = arith.mulf %half, %u : f32",
        f"{i}  %gelu = arith.mulf %hu, %onep : f32",
        f"{i}  linalg.yield %gelu : f32",
        f"{i}}} -> {t(b * s, f)}",
        f"{i}%e2 = tensor.empty() : {t(b * s, m)}",
        f"{i}%z2 = linalg.fill ins(%zero : f32) outs(%e2 : {t(b * s, m)}) -> {t(b * s, m)}",
        f"{i}%h2 = linalg.matmul ins(%g1, %w2 : {t(b * s, f)}, {t(f, m)}) outs(%z2 : {t(b * s, m)}) -> {t(b * s, m)}",
        f"{i}%o2 = linalg.generic {{indexing_maps = [affine_map<(r, c) -> (r, c)>, affine_map<(r, c) -> (c)>, affine_map<(r, c) -> (r, c)>],",
        f"{i}    iterator_types = [\"parallel\", \"parallel\"]}} ins(%h2, %b2 : {t(b * s, m)}, {t(m)}) outs(%e2 : {t(b * s, m)}) {{",
        f"{i}^bb0(%v: f32, %bias: f32, %out: f32):",
        f"{i}  %r = arith.addf %v, %bias : f32",
        f"{i}  linalg.yield %r : f32",
        f"{i}}} -> {t(b * s, m)}",
        f"{i}%ffn = tensor.expand_shape %o2 [[0, 1], [2]] output_shape [{b}, {s}, {m}] : {t(b * s, m)} into {t(b, s, m)}",
    ]
    return "%ffn"


def mha(lines, w, prefix, name, x, kv, b, sq, skv, m, heads, kv_heads, dh, extra, indent):
    t = lambda *d: "tensor<" + "x".join(map(str, d)) + "xf32>"
    i = indent
    lines += [
        f"{i}%wq = {w.add(prefix + '.wq', [m, heads * dh])}",
        f"{i}%wk = {w.add(prefix + '.wk', [m, kv_heads * dh])}",
        f"{i}%wv = {w.add(prefix + '.wv', [m, kv_heads * dh])}",
        f"{i}%wo = {w.add(prefix + '.wo', [heads * dh, m])}",
        f"{i}%bq = {w.add(prefix + '.bq', [heads * dh], 'bias')}",
        f"{i}%bo = {w.add(prefix + '.bo', [m], 'bias')}",
    ]
    kv_part = f" kv({kv})" if kv else ""
    kv_type = f", {t(b, skv, m)}" if kv else ""
    mask_part, mask_type, attrs = extra
    lines += [
        f'{i}%attn = attn.mha name "{name}" {x}{kv_part} weights(%wq, %wk, %wv, %wo) bias_q(%bq) bias_o(%bo){mask_part}',
        f"{i}    num_heads({heads}) num_kv_heads({kv_heads}) head_dim({dh}){attrs}",
        f"{i}    : ({t(b, sq, m)}{kv_type}, {t(m, heads * dh)}, {t(m, kv_heads * dh)}, {t(m, kv_heads * dh)}, {t(heads * dh, m)}, {t(heads * dh)}, {t(m)}{mask_type}) -> {t(b, sq, m)}",
    ]
    return "%attn"


def residual(lines, w, prefix, x, b, s, m, body, indent="    "):
    t = lambda *d: "tensor<" + "x".join(map(str, d)) + "xf32>"
    lines += [
        f"{indent}%{prefix}.g = {w.add(prefix + '.ln.gamma', [m], 'ones')}",
        f"{indent}%{prefix}.b = {w.add(prefix + '.ln.beta', [m], 'bias')}",
        f"{indent}%{prefix} = attn.residual {x} norm(pre, %{prefix}.g, %{prefix}.b : {t(m)}, {t(m)}) : {t(b, s, m)} {{",
        f"{indent}^bb0(%h: {t(b, s, m)}):",
    ]
    out = body(indent + "  ")
    lines += [f"{indent}  attn.yield {out} : {t(b, s, m)}", f"{indent}}}"]
    return f"%{prefix}"


def encoder(path):
    B, S, M, H, DH, F = 2, 16, 32, 4, 8, 64
    w = Weights(seed=1)
    t = lambda *d: "tensor<" + "x".join(map(str, d)) + "xf32>"
    body = []
    mask_t = f"tensor<{B}x1x1x{S}xi1>"
    a = residual(body, w, "sa", "%x", B, S, M,
                 lambda i: mha(body, w, "enc0.attn", "enc0.self_attn", "%h", None, B, S, S, M, H, H, DH,
                               (" mask(%pad)", f", {mask_t}", ""), i))
    y = residual(body, w, "ff", a, B, S, M, lambda i: ffn(body, w, "enc0", "%h", B, S, M, F, i))
    text = [
        "// A transformer encoder layer (pre-norm): self-attention with a key-padding",
        "// mask, then a GELU feed-forward network, each inside a residual block.",
        f"// B={B} S={S} model={M} heads={H} head_dim={DH} ffn={F}; weights are seeded",
        "// values written by examples/gen_examples.py (do not edit by hand).",
        "module {",
        *w.decls,
        f"  func.func @encoder_layer(%x: {t(B, S, M)}, %pad: {mask_t}) -> {t(B, S, M)} {{",
        *body,
        f"    return {y} : {t(B, S, M)}",
        "  }",
        "}",
    ]
    open(path, "w").write("\n".join(text) + "\n")


def decoder(path):
    B, SQ, SKV, M, H, HKV, DH, F = 2, 12, 20, 32, 4, 2, 8, 64
    w = Weights(seed=2)
    t = lambda *d: "tensor<" + "x".join(map(str, d)) + "xf32>"
    body = []
    a = residual(body, w, "sa", "%y", B, SQ, M,
                 lambda i: mha(body, w, "dec0.self", "dec0.self_attn", "%h", None, B, SQ, SQ, M, H, HKV, DH,
                               ("", "", " causal"), i))
    c = residual(body, w, "ca", a, B, SQ, M,
                 lambda i: mha(body, w, "dec0.cross", "dec0.cross_attn", "%h", "%enc", B, SQ, SKV, M, H, HKV, DH,
                               ("", "", ""), i))
    out = residual(body, w, "ff", c, B, SQ, M, lambda i: ffn(body, w, "dec0", "%h", B, SQ, M, F, i))
    text = [
        "// A machine-translation decoder block (pre-norm): causal grouped-query",
        "// self-attention over the target prefix, cross-attention over an encoder",
        "// output of another length, then a GELU feed-forward network.",
        f"// B={B} target={SQ} source={SKV} model={M} heads={H} kv_heads={HKV} head_dim={DH}",
        "// ffn={F}; weights written by examples/gen_examples.py (do not edit by hand).".replace("{F}", str(F)),
        "module {",
        *w.decls,
        f"  func.func @decoder_block(%y: {t(B, SQ, M)}, %enc: {t(B, SKV, M)}) -> {t(B, SQ, M)} {{",
        *body,
        f"    return {out} : {t(B, SQ, M)}",
        "  }",
        "}",
    ]
    open(path, "w").write("\n".join(text) + "\n")


if __name__ == "__main__":
    encoder(os.path.join(HERE, "encoder_layer.mlir"))
    decoder(os.path.join(HERE, "decoder_block.mlir"))
