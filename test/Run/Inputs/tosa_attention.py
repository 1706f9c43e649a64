#!/usr/bin/env python3
"""Writes one attention as TOSA the way exporters (TFLite, ONNX → TOSA) write
it: tosa.const for the scale, the zero points and the shifts; heads folded
into tosa.matmul's batch by tosa.reshape; Kᵀ by tosa.transpose; the
element-wise steps on the 4-d scores; the softmax as reduce_max, sub, exp,
reduce_sum, reciprocal, mul. Used by the TOSA raise tests: the same graph
runs raised and not raised.

  tosa_attention.py B H SQ SKV D [--dv N] [--mask none|bias|pad-1e9|pad-inf]
      [--causal] [--softmax-axis N] [--scale-input] -o FILE

--softmax-axis 2 (the query axis) and --scale-input (the scale is a function
argument) write near misses that must not be raised.
"""
import argparse
import math

p = argparse.ArgumentParser()
for n in ("b", "h", "sq", "skv", "d"):
    p.add_argument(n, type=int)
p.add_argument("--dv", type=int)
p.add_argument("--mask", default="none",
               choices=["none", "bias", "pad-1e9", "pad-inf"])
p.add_argument("--causal", action="store_true")
p.add_argument("--softmax-axis", type=int, default=3)
p.add_argument("--scale-input", action="store_true")
p.add_argument("-o", required=True)
a = p.parse_args()
B, H, SQ, SKV, D = a.b, a.h, a.sq, a.skv, a.d
DV = a.dv or D
N = B * H


def t(*shape, e="f32"):
    return "tensor<" + "x".join(str(s) for s in shape) + "x" + e + ">"


def shape(*s):
    return f"!tosa.shape<{len(s)}>", "array<index: " + ", ".join(map(str, s)) + ">"


lines = []
args = [f"%q: {t(B, H, SQ, D)}", f"%k: {t(B, H, SKV, D)}", f"%v: {t(B, H, SKV, DV)}"]
if a.mask == "bias":
    args.append(f"%bias: {t(B, 1, SQ, SKV)}")
elif a.mask.startswith("pad"):
    args.append(f"%keep: {t(B, 1, 1, SKV, e='i1')}")
if a.scale_input:
    args.append(f"%scale: {t(1, 1, 1, 1)}")


def emit(s):
    lines.append("  " + s)


def reshape(name, x, src, dst):
    st, sv = shape(*dst)
    emit(f"%{name}_s = tosa.const_shape {{values = dense<[{', '.join(map(str, dst))}]> : tensor<{len(dst)}xindex>}} : () -> {st}")
    emit(f"%{name} = tosa.reshape %{x}, %{name}_s : ({t(*src)}, {st}) -> {t(*dst)}")


emit(f'%zp = "tosa.const"() <{{values = dense<0.0> : tensor<1xf32>}}> : () -> tensor<1xf32>')
emit(f'%shift = "tosa.const"() <{{values = dense<0> : tensor<1xi8>}}> : () -> tensor<1xi8>')
if not a.scale_input:
    emit(f'%scale = "tosa.const"() <{{values = dense<{1 / math.sqrt(D)!r}> : {t(1, 1, 1, 1)}}}> : () -> {t(1, 1, 1, 1)}')
reshape("q3", "q", (B, H, SQ, D), (N, SQ, D))
reshape("k3", "k", (B, H, SKV, D), (N, SKV, D))
reshape("v3", "v", (B, H, SKV, DV), (N, SKV, DV))
emit(f"%kt = tosa.transpose %k3 {{perms = array<i32: 0, 2, 1>}} : ({t(N, SKV, D)}) -> {t(N, D, SKV)}")
emit(f"%s3 = tosa.matmul %q3, %kt, %zp, %zp : ({t(N, SQ, D)}, {t(N, D, SKV)}, tensor<1xf32>, tensor<1xf32>) -> {t(N, SQ, SKV)}")
ts = t(B, H, SQ, SKV)
reshape("s", "s3", (N, SQ, SKV), (B, H, SQ, SKV))
emit(f"%x0 = tosa.mul %s, %scale, %shift : ({ts}, {t(1, 1, 1, 1)}, tensor<1xi8>) -> {ts}")
cur = "x0"
if a.mask == "bias":
    emit(f"%x1 = tosa.add %{cur}, %bias : ({ts}, {t(B, 1, SQ, SKV)}) -> {ts}")
    cur = "x1"
elif a.mask.startswith("pad"):
    fill = "0xFF800000" if a.mask == "pad-inf" else "-1.0e+09"
    emit(f'%fill = "tosa.const"() <{{values = dense<{fill}> : {t(1, 1, 1, 1)}}}> : () -> {t(1, 1, 1, 1)}')
    emit(f"%x1 = tosa.select %keep, %{cur}, %fill : ({t(B, 1, 1, SKV, e='i1')}, {ts}, {t(1, 1, 1, 1)}) -> {ts}")
    cur = "x1"
if a.causal:
    # tf.linalg.band_part(ones, -1, SKV - SQ) as a constant boolean triangle.
    rows = []
    for i in range(SQ):
        rows.append("[" + ", ".join("true" if j <= i + SKV - SQ else "false" for j in range(SKV)) + "]")
    emit(f'%tri = "tosa.const"() <{{values = dense<[[[{", ".join(rows)}]]]> : {t(1, 1, SQ, SKV, e="i1")}}}> : () -> {t(1, 1, SQ, SKV, e="i1")}')
    emit(f'%ninf = "tosa.const"() <{{values = dense<0xFF800000> : {t(1, 1, 1, 1)}}}> : () -> {t(1, 1, 1, 1)}')
    emit(f"%x2 = tosa.select %tri, %{cur}, %ninf : ({t(1, 1, SQ, SKV, e='i1')}, {ts}, {t(1, 1, 1, 1)}) -> {ts}")
    cur = "x2"
ax = a.softmax_axis
red = [B, H, SQ, SKV]
red[ax] = 1
tr = t(*red)
emit(f"%max = tosa.reduce_max %{cur} {{axis = {ax} : i32}} : ({ts}) -> {tr}")
emit(f"%sub = tosa.sub %{cur}, %max : ({ts}, {tr}) -> {ts}")
emit(f"%exp = tosa.exp %sub : ({ts}) -> {ts}")
emit(f"%sum = tosa.reduce_sum %exp {{axis = {ax} : i32}} : ({ts}) -> {tr}")
emit(f"%rcp = tosa.reciprocal %sum : ({tr}) -> {tr}")
emit(f"%p = tosa.mul %exp, %rcp, %shift : ({ts}, {tr}, tensor<1xi8>) -> {ts}")
reshape("p3", "p", (B, H, SQ, SKV), (N, SQ, SKV))
emit(f"%o3 = tosa.matmul %p3, %v3, %zp, %zp : ({t(N, SQ, SKV)}, {t(N, SKV, DV)}, tensor<1xf32>, tensor<1xf32>) -> {t(N, SQ, DV)}")
reshape("o", "o3", (N, SQ, DV), (B, H, SQ, DV))
emit(f"return %o : {t(B, H, SQ, DV)}")

with open(a.o, "w") as f:
    f.write(f"// tosa_attention.py {B} {H} {SQ} {SKV} {D} dv={DV} mask={a.mask} "
            f"causal={a.causal} softmax-axis={ax} scale-input={a.scale_input}\n")
    f.write(f"func.func @attention({', '.join(args)}) -> {t(B, H, SQ, DV)} {{\n")
    f.write("\n".join(lines) + "\n}\n")
