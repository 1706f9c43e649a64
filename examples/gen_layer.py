#!/usr/bin/env python3
"""Writes a transformer layer (or one matmul) as attn MLIR with constant weights,
the same layers as ONNX Runtime's peer script ../shared/peers/ort_layer.js:

    python3 examples/gen_layer.py mha     B S MODEL HEADS [KV_HEADS] -o FILE
    python3 examples/gen_layer.py encoder B S MODEL HEADS [KV_HEADS] [FFN] -o FILE
    python3 examples/gen_layer.py matmul  M N K -o FILE

- `mha`: Y = attn.mha(X) with Q/K/V/O projections and all four biases
  (grouped-query attention when KV_HEADS < HEADS; scale 1/sqrt(head_dim), not causal).
- `encoder`: a BERT-style post-norm layer, H = LN(X + MHA(X)),
  Y = LN(H + W2·GELU(W1·H + b1) + b2): two `attn.residual ... norm(post, ...)` (epsilon
  1e-5) around the `attn.mha` and around the feed-forward block, which is upstream linalg
  on tensors (matmul, bias + GELU in its erf form as a linalg.generic, matmul, bias).
  FFN defaults to 4·MODEL.
- `matmul`: Y = A · W, one `linalg.matmul` of an M×K argument by a K×N constant weight.

X is the function's only argument (B×S×MODEL f32); every weight is a module-level
`attn.weight` whose value is a `dense_resource` blob (hex in the file's
`dialect_resources` section), so a real-size layer (BERT-base: ~28 MB of weights) still
parses quickly and both attn and ONNX Runtime see constants they may pre-pack. The values
are seeded uniform random numbers (matrices in ±1/sqrt(rows), biases in ±0.02, layer-norm
gammas in 1 ± 0.1), each weight drawn from its own stream (`weight_values`), so a
weight's values do not depend on the others. Python 3 standard library only.

CMake runs this at build time to write build/examples/bert_encoder_layer.mlir (the
README's main example); bench/layer_bench.py runs it for the layer and matmul shapes.
"""
import argparse
import os
import random
import shutil
import struct
import sys
from array import array

# Elements per chunk when drawing and writing a weight (bounds the memory used).
CHUNK = 1 << 20
_TABLES = {}


def _table(bound):
    """65536 float32 values evenly spaced over (-bound, bound), as 4-byte strings:
    a weight is drawn as random 16-bit indices into it (fast in pure Python)."""
    t = _TABLES.get(bound)
    if t is None:
        t = [struct.pack("<f", ((i + 0.5) / 32768.0 - 1.0) * bound) for i in range(65536)]
        _TABLES[bound] = t
    return t


def weight_chunks(name, count, bound, center=0.0, seed=0):
    """The weight's values as little-endian float32 bytes, in chunks: uniform in
    center ± bound, from a stream seeded by (seed, name)."""
    rng = random.Random(f"{seed}:{name}")
    table = _table(bound)
    done = 0
    while done < count:
        n = min(CHUNK, count - done)
        idx = array("H")
        idx.frombytes(rng.randbytes(2 * n))
        data = b"".join(map(table.__getitem__, idx))
        if center:  # gammas are small vectors: shift them one by one
            vals = struct.unpack(f"<{n}f", data)
            data = struct.pack(f"<{n}f", *(v + center for v in vals))
        yield data
        done += n


def little_endian(values):
    """An array('f')'s bytes in little-endian order (.npy's '<f4')."""
    if sys.byteorder == "little":
        return values.tobytes()
    swapped = array("f", values)
    swapped.byteswap()
    return swapped.tobytes()


def weight_values(name, count, bound, center=0.0, seed=0):
    """The same values as an array('f') (for checks on small or sampled outputs)."""
    a = array("f")
    for chunk in weight_chunks(name, count, bound, center, seed):
        a.frombytes(chunk)
    if sys.byteorder != "little":
        a.byteswap()
    return a


def write_npy(path, shape, chunks):
    """A C-order float32 .npy file from little-endian float32 byte chunks."""
    dims = ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "")
    header = "{'descr': '<f4', 'fortran_order': False, 'shape': (%s), }" % dims
    header += " " * ((64 - (10 + len(header) + 1) % 64) % 64) + "\n"
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode())
        for chunk in chunks:
            f.write(chunk)


def ttype(*dims):
    return "tensor<" + "x".join(str(d) for d in dims) + "xf32>"


class Weights:
    """Module-level attn.weight declarations and their dense_resource blobs."""

    def __init__(self, seed):
        self.seed = seed
        self.decls = []
        self.blobs = []  # (name, resource key, shape, count, bound, center)

    def add(self, name, shape, bound, center=0.0):
        count = 1
        for d in shape:
            count *= d
        key = name.replace(".", "_")
        self.decls.append(f"  attn.weight @{name} = dense_resource<{key}> : {ttype(*shape)}")
        self.blobs.append((name, key, shape, count, bound, center))
        return f"attn.weight_ref @{name} : {ttype(*shape)}"

    def matrix(self, name, rows, cols):
        return self.add(name, [rows, cols], 1.0 / rows ** 0.5)

    def bias(self, name, n):
        return self.add(name, [n], 0.02)

    def write_resources(self, f):
        """The dialect_resources section: each blob is "0x" + its alignment as a
        little-endian uint32 (64) + the data, in hex."""
        f.write("{-#\n  dialect_resources: {\n    builtin: {\n")
        for i, (name, key, _, count, bound, center) in enumerate(self.blobs):
            f.write(f'      {key}: "0x40000000')
            for chunk in weight_chunks(name, count, bound, center, self.seed):
                f.write(chunk.hex().upper())
            f.write('"' + (",\n" if i + 1 < len(self.blobs) else "\n"))
        f.write("    }\n  }\n#-}\n")

    def write_npy(self, folder):
        """Each weight as FOLDER/NAME.npy (to feed the same layer elsewhere, or
        to check a result computed from them)."""
        os.makedirs(folder, exist_ok=True)
        for name, _, shape, count, bound, center in self.blobs:
            write_npy(os.path.join(folder, name + ".npy"), shape,
                      weight_chunks(name, count, bound, center, self.seed))


def mha_lines(w, x, b, s, m, heads, kv_heads, ind):
    """attn.mha with Q/K/V/O projections and biases (ort_layer.js's mha())."""
    d = m // heads
    q, kv = heads * d, kv_heads * d
    lines = [
        f"{ind}%wq = {w.matrix('q.w', m, q)}",
        f"{ind}%wk = {w.matrix('k.w', m, kv)}",
        f"{ind}%wv = {w.matrix('v.w', m, kv)}",
        f"{ind}%wo = {w.matrix('o.w', q, m)}",
        f"{ind}%bq = {w.bias('q.b', q)}",
        f"{ind}%bk = {w.bias('k.b', kv)}",
        f"{ind}%bv = {w.bias('v.b', kv)}",
        f"{ind}%bo = {w.bias('o.b', m)}",
        f"{ind}%attn = attn.mha {x} weights(%wq, %wk, %wv, %wo) bias_q(%bq) bias_k(%bk)",
        f"{ind}    bias_v(%bv) bias_o(%bo) num_heads({heads}) num_kv_heads({kv_heads}) head_dim({d})",
        f"{ind}    : ({ttype(b, s, m)}, {ttype(m, q)}, {ttype(m, kv)}, {ttype(m, kv)}, "
        f"{ttype(q, m)}, {ttype(q)}, {ttype(kv)}, {ttype(kv)}, {ttype(m)}) -> {ttype(b, s, m)}",
    ]
    return lines, "%attn"


def ffn_lines(w, x, b, s, m, f, ind):
    """W2·GELU(W1·x + b1) + b2 in upstream linalg on the B·S rows; GELU's erf form,
    0.5·u·(1 + erf(u/√2)), as ONNX's Gelu."""
    r = b * s
    rows, hid, out = ttype(r, m), ttype(r, f), ttype(r, m)
    maps = ("indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (j)>, "
            "affine_map<(i, j) -> (i, j)>], iterator_types = [\"parallel\", \"parallel\"]")
    lines = [
        f"{ind}%w1 = {w.matrix('ffn1.w', m, f)}",
        f"{ind}%b1 = {w.bias('ffn1.b', f)}",
        f"{ind}%w2 = {w.matrix('ffn2.w', f, m)}",
        f"{ind}%b2 = {w.bias('ffn2.b', m)}",
        f"{ind}%rows = tensor.collapse_shape {x} [[0, 1], [2]] : {ttype(b, s, m)} into {rows}",
        f"{ind}%zero = arith.constant 0.0 : f32",
        f"{ind}%e1 = tensor.empty() : {hid}",
        f"{ind}%z1 = linalg.fill ins(%zero : f32) outs(%e1 : {hid}) -> {hid}",
        f"{ind}%h1 = linalg.matmul ins(%rows, %w1 : {rows}, {ttype(m, f)}) outs(%z1 : {hid}) -> {hid}",
        f"{ind}%g1 = linalg.generic {{{maps}}}",
        f"{ind}    ins(%h1, %b1 : {hid}, {ttype(f)}) outs(%e1 : {hid}) {{",
        f"{ind}^bb0(%v: f32, %bias: f32, %o: f32):",
        f"{ind}  %u = arith.addf %v, %bias : f32",
        f"{ind}  %half = arith.constant 0.5 : f32",
        f"{ind}  %one = arith.constant 1.0 : f32",
        f"{ind}  %rsqrt2 = arith.constant 0.707106769 : f32",
        f"{ind}  %us = arith.mulf %u, %rsqrt2 : f32",
        f"{ind}  %erf = math.erf %us : f32",
        f"{ind}  %onep = arith.addf %one, %erf : f32",
        f"{ind}  %hu = arith.mulf %half, %u : f32",
        f"{ind}  %gelu = arith.mulf %hu, %onep : f32",
        f"{ind}  linalg.yield %gelu : f32",
        f"{ind}}} -> {hid}",
        f"{ind}%e2 = tensor.empty() : {out}",
        f"{ind}%z2 = linalg.fill ins(%zero : f32) outs(%e2 : {out}) -> {out}",
        f"{ind}%h2 = linalg.matmul ins(%g1, %w2 : {hid}, {ttype(f, m)}) outs(%z2 : {out}) -> {out}",
        f"{ind}%o2 = linalg.generic {{{maps}}}",
        f"{ind}    ins(%h2, %b2 : {out}, {ttype(m)}) outs(%e2 : {out}) {{",
        f"{ind}^bb0(%v: f32, %bias: f32, %o: f32):",
        f"{ind}  %y = arith.addf %v, %bias : f32",
        f"{ind}  linalg.yield %y : f32",
        f"{ind}}} -> {out}",
        f"{ind}%ffn = tensor.expand_shape %o2 [[0, 1], [2]] output_shape [{b}, {s}, {m}]"
        f" : {out} into {ttype(b, s, m)}",
    ]
    return lines, "%ffn"


def post_norm_residual(w, name, x, b, s, m, body, ind):
    """y = LN(x + F(x)) (attn.residual norm(post), epsilon 1e-5), F = body(%h)."""
    t = ttype(b, s, m)
    inner, result = body("%h", ind + "  ")
    return [
        f"{ind}%{name}.g = {w.add(name + '.g', [m], 0.1, center=1.0)}",
        f"{ind}%{name}.beta = {w.bias(name + '.beta', m)}",
        f"{ind}%{name} = attn.residual {x} norm(post, %{name}.g, %{name}.beta : "
        f"{ttype(m)}, {ttype(m)}) {{epsilon = 1.000000e-05 : f32}} : {t} {{",
        f"{ind}^bb0(%h: {t}):",
        *inner,
        f"{ind}  attn.yield {result} : {t}",
        f"{ind}}}",
    ], f"%{name}"


def layer_flops(kind, b, s, m, heads, kv_heads=None, ffn=None):
    """Matmul and attention FLOPs per call, counted as ort_layer.js (and attn-run) count
    them: 2·rows·in·out per projection, 4·B·HEADS·S²·head_dim, 4·B·S·MODEL·FFN."""
    kv_heads = kv_heads or heads
    ffn = ffn or 4 * m
    d = m // heads
    if kind == "matmul":  # (M, N, K) = (b, s, m)
        return 2 * b * s * m
    f = 2 * b * s * m * (heads * d + 2 * kv_heads * d) + 2 * b * s * heads * d * m
    f += 4 * b * heads * s * s * d
    if kind == "encoder":
        f += 4 * b * s * m * ffn
    return f


def write_layer(path, kind, b, s, m, heads, kv_heads=None, ffn=None, seed=0,
                weights_npy=None):
    kv_heads = kv_heads or heads
    ffn = ffn or 4 * m
    if m % heads or heads % kv_heads:
        raise ValueError("MODEL must divide by HEADS, HEADS by KV_HEADS")
    w = Weights(seed)
    ind = "    "
    t = ttype(b, s, m)
    if kind == "mha":
        body, y = mha_lines(w, "%x", b, s, m, heads, kv_heads, ind)
        what = (f"multi-head attention layer (Q/K/V/O projections with biases): B={b} S={s} "
                f"model={m} heads={heads} kv_heads={kv_heads} head_dim={m // heads}")
    elif kind == "encoder":
        body, h = post_norm_residual(
            w, "ln1", "%x", b, s, m,
            lambda x, i: mha_lines(w, x, b, s, m, heads, kv_heads, i), ind)
        ffn_body, y = post_norm_residual(
            w, "ln2", h, b, s, m, lambda x, i: ffn_lines(w, x, b, s, m, ffn, i), ind)
        body += ffn_body
        what = (f"BERT-style post-norm encoder layer: B={b} S={s} model={m} heads={heads} "
                f"kv_heads={kv_heads} head_dim={m // heads} ffn={ffn}")
    else:
        raise ValueError(f"unknown layer kind {kind!r}")
    header = [
        f"// A {what}.",
        "// The same layer as ../shared/peers/ort_layer.js builds for ONNX Runtime; written by",
        f"// examples/gen_layer.py {kind} {b} {s} {m} {heads} {kv_heads} {ffn} --seed {seed}"
        " (do not edit by hand).",
    ]
    func = [f"  func.func @{kind}(%x: {t}) -> {t} {{", *body, f"    return {y} : {t}", "  }"]
    _write(path, header, w, func, weights_npy)


def write_matmul(path, m, n, k, seed=0, weights_npy=None, resources_from=None):
    """Y = A·W: A an M×K argument, W a K×N constant weight named `w`
    (weight_values("w", k * n, 1 / sqrt(k), seed=seed) gives its values, row-major).
    `resources_from`: a module written by this function with the same N, K and seed,
    whose weight blob is copied instead of drawn again (a 4096×4096 weight takes
    seconds to draw; bench/layer_bench.py runs each weight at five M)."""
    w = Weights(seed)
    a, y = ttype(m, k), ttype(m, n)
    func = [
        f"  func.func @matmul(%a: {a}) -> {y} {{",
        f"    %w = {w.matrix('w', k, n)}",
        "    %zero = arith.constant 0.0 : f32",
        f"    %e = tensor.empty() : {y}",
        f"    %z = linalg.fill ins(%zero : f32) outs(%e : {y}) -> {y}",
        f"    %y = linalg.matmul ins(%a, %w : {a}, {ttype(k, n)}) outs(%z : {y}) -> {y}",
        f"    return %y : {y}",
        "  }",
    ]
    header = [f"// Y = A·W: one linalg.matmul, M={m} N={n} K={k}, W a constant attn.weight;",
              f"// written by examples/gen_layer.py matmul {m} {n} {k} --seed {seed}."]
    _write(path, header, w, func, weights_npy, resources_from)


def _copy_resources(src, f):
    """Copies the dialect_resources section (from its "{-#" to the end) of the
    module `src` into the open file `f`."""
    with open(src) as g:
        head = g.read(1 << 16)  # the declarations and the function come first
        start = head.find("\n{-#\n")
        if start < 0:
            raise ValueError(f"{src}: no dialect_resources section in its first 64 KiB")
        g.seek(0)
        g.read(start + 1)
        shutil.copyfileobj(g, f, 1 << 22)


def _write(path, header, w, func, weights_npy, resources_from=None):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write("\n".join(header + ["module {"] + w.decls + func + ["}"]) + "\n")
        if resources_from:
            _copy_resources(resources_from, f)
        else:
            w.write_resources(f)
    os.replace(tmp, path)  # never leave a half-written file behind
    if weights_npy:
        w.write_npy(weights_npy)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("kind", choices=["mha", "encoder", "matmul"])
    ap.add_argument("sizes", type=int, nargs="+",
                    help="B S MODEL HEADS [KV_HEADS] [FFN] for a layer, M N K for a matmul")
    ap.add_argument("-o", "--output", required=True, help="the .mlir file to write")
    ap.add_argument("--seed", type=int, default=0, help="seed of the weights (default 0)")
    ap.add_argument("--weights-npy", metavar="DIR",
                    help="also write each weight as DIR/NAME.npy (float32, C order)")
    ap.add_argument("--weights-from", metavar="MLIR",
                    help="matmul only: copy the weight blob of MLIR, a module this script "
                         "wrote for the same N, K and seed, instead of drawing it again")
    args = ap.parse_args(argv)
    n = args.sizes
    if args.weights_from and args.kind != "matmul":
        ap.error("--weights-from is for matmul modules")
    if any(v <= 0 for v in n):
        ap.error("sizes must be positive")
    try:
        if args.kind == "matmul":
            if len(n) != 3:
                ap.error("matmul takes M N K")
            write_matmul(args.output, *n, seed=args.seed, weights_npy=args.weights_npy,
                         resources_from=args.weights_from)
        else:
            if not 4 <= len(n) <= 6:
                ap.error(f"{args.kind} takes B S MODEL HEADS [KV_HEADS] [FFN]")
            write_layer(args.output, args.kind, *n, seed=args.seed,
                        weights_npy=args.weights_npy)
    except (OSError, ValueError) as e:
        ap.error(str(e))
    return 0


if __name__ == "__main__":
    sys.exit(main())
