#!/usr/bin/env python3
"""Writes an ALBERT-style encoder stack as attn MLIR: LAYERS BERT-style post-norm
encoder layers (examples/gen_layer.py's `encoder`) that all use one layer's weights,
written as an exporter writes such a model: every layer with its own copy of every
weight (its own `attn.weight` names and its own `dense_resource` blobs, whose bytes
equal the other layers'):

    python3 examples/gen_albert.py LAYERS B S MODEL HEADS [FFN] -o FILE [--tied]

`attn-share-weights` (on in attn-cpu-pipeline) merges the copies back into one
weight each, so the compiler lowers, packs and translates one layer's weights, not
LAYERS copies (less compile time and memory). The compiled object holds one layer's
weights with the pass on or off: LLVM's ConstantMerge (at -O3) folds byte-identical
constants too (docs/weights.md, docs/performance.md). `--tied` writes the stack as
it would be written after that pass: one set of weights, named `shared.*`, that
every layer references.

X (B×S×MODEL f32) is the function `@albert`'s only argument; layer i's weights are
`layer<i>.q.w`, `layer<i>.ffn1.b`, ... with blobs `layer<i>_q_w`, ...; their values
are gen_layer.py's (seeded by --seed and the weight's name without the layer
prefix). FFN defaults to 4·MODEL. Python 3 standard library only.

CMake writes build/examples/albert_stack.mlir with it (12 layers of model 768, B=1,
S=128: about 340 MB of weights as 680 MB of hex) when the target
`attn-albert-example` is built.
"""
import argparse
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_layer  # noqa: E402  (beside this file)
from gen_layer import ttype  # noqa: E402


class LayerWeights(gen_layer.Weights):
    """gen_layer's weights, named with the current layer's prefix but drawn from the
    name without it, so every layer's copy holds the same bytes. Each blob's hex is
    computed once and written for every copy."""

    def __init__(self, seed, tied):
        super().__init__(seed)
        self.tied = tied
        self.prefix = ""
        self.declared = set()
        self.hex = {}

    def add(self, name, shape, bound, center=0.0):
        full = ("shared." if self.tied else self.prefix) + name
        key = full.replace(".", "_")
        count = 1
        for d in shape:
            count *= d
        if full not in self.declared:
            self.declared.add(full)
            self.decls.append(f"  attn.weight @{full} = dense_resource<{key}> : {ttype(*shape)}")
            # gen_layer's blob tuple: the name there is the one values are drawn from.
            self.blobs.append((name, key, shape, count, bound, center))
        return f"attn.weight_ref @{full} : {ttype(*shape)}"

    def write_resources(self, f):
        f.write("{-#\n  dialect_resources: {\n    builtin: {\n")
        for i, (name, key, _, count, bound, center) in enumerate(self.blobs):
            data = self.hex.get(name)
            if data is None:
                data = "".join(chunk.hex().upper() for chunk in
                               gen_layer.weight_chunks(name, count, bound, center, self.seed))
                self.hex[name] = data
            f.write(f'      {key}: "0x40000000{data}"' + (",\n" if i + 1 < len(self.blobs) else "\n"))
        f.write("    }\n  }\n#-}\n")


SSA = re.compile(r"%([A-Za-z_][\w.$-]*)")


def layer_lines(w, i, x, b, s, m, heads, ffn, ind):
    """Encoder layer i reading SSA value x; its SSA names prefixed with l<i>_ so the
    layers can follow each other in one function. Returns (lines, output)."""
    w.prefix = f"layer{i}."
    body, h = gen_layer.post_norm_residual(
        w, "ln1", "%x", b, s, m,
        lambda v, ind2: gen_layer.mha_lines(w, v, b, s, m, heads, heads, ind2), ind)
    ffn_body, y = gen_layer.post_norm_residual(
        w, "ln2", h, b, s, m, lambda v, ind2: gen_layer.ffn_lines(w, v, b, s, m, ffn, ind2), ind)
    rename = lambda line: SSA.sub(lambda mt: f"%l{i}_{mt.group(1)}", line)
    lines = [rename(line).replace(f"%l{i}_x", x) for line in body + ffn_body]
    return lines, rename(y)


def write_stack(path, layers, b, s, m, heads, ffn=None, seed=0, tied=False):
    ffn = ffn or 4 * m
    if m % heads:
        raise ValueError("MODEL must divide by HEADS")
    w = LayerWeights(seed, tied)
    ind = "    "
    t = ttype(b, s, m)
    body, x = [], "%x"
    for i in range(layers):
        lines, x = layer_lines(w, i, x, b, s, m, heads, ffn, ind)
        body += lines
    how = "one set of weights shared by every layer" if tied else \
        "every layer with its own copy of the same weights"
    header = [
        f"// An ALBERT-style stack of {layers} BERT-style post-norm encoder layers, {how}:",
        f"// B={b} S={s} model={m} heads={heads} head_dim={m // heads} ffn={ffn}; written by",
        f"// examples/gen_albert.py {layers} {b} {s} {m} {heads} {ffn} --seed {seed}"
        + (" --tied" if tied else "") + " (do not edit by hand).",
    ]
    func = [f"  func.func @albert(%x: {t}) -> {t} {{", *body, f"    return {x} : {t}", "  }"]
    gen_layer._write(path, header, w, func, None)


def stack_flops(layers, b, s, m, heads, ffn=None):
    return layers * gen_layer.layer_flops("encoder", b, s, m, heads, heads, ffn)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sizes", type=int, nargs="+", help="LAYERS B S MODEL HEADS [FFN]")
    ap.add_argument("-o", "--output", required=True, help="the .mlir file to write")
    ap.add_argument("--seed", type=int, default=0, help="seed of the weights (default 0)")
    ap.add_argument("--tied", action="store_true",
                    help="one set of weights referenced by every layer (no copies)")
    args = ap.parse_args(argv)
    n = args.sizes
    if not 5 <= len(n) <= 6:
        ap.error("takes LAYERS B S MODEL HEADS [FFN]")
    if any(v <= 0 for v in n):
        ap.error("sizes must be positive")
    try:
        write_stack(args.output, *n, seed=args.seed, tied=args.tied)
    except ValueError as e:
        ap.error(str(e))
    return 0


if __name__ == "__main__":
    sys.exit(main())
