#!/usr/bin/env python3
"""Writes one attention, Q·Kᵀ → scale → mask → softmax → ·V, as linalg on
tensors the way torch-mlir lowers PyTorch: one linalg.generic per PyTorch op
(transpose, matmul, mul or div, masked_fill, max/sub/exp/sum/div softmax), or
with batch matmuls over B·H and linalg.softmax (--form batch_matmul). Used by
the attn-raise run tests: the same graph runs raised and not raised.

  linalg_attention.py B H SQ SKV D [--dv N] [--mask none|bias|pad-1e9|pad-inf]
      [--causal] [--scale mul|div] [--form generic|batch_matmul] -o FILE
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
p.add_argument("--scale", default="mul", choices=["mul", "div"])
p.add_argument("--form", default="generic", choices=["generic", "batch_matmul"])
p.add_argument("-o", required=True)
a = p.parse_args()
dv = a.dv or a.d
B, H, SQ, SKV, D = a.b, a.h, a.sq, a.skv, a.d


def t(*shape, e="f32"):
    return "tensor<" + "x".join(str(s) for s in shape) + "x" + e + ">"


tq, tk, tv, to = t(B, H, SQ, D), t(B, H, SKV, D), t(B, H, SKV, dv), t(B, H, SQ, dv)
ts, tr = t(B, H, SQ, SKV), t(B, H, SQ, 1)
ID = "affine_map<(b, h, i, j) -> (b, h, i, j)>"
ROW = "affine_map<(b, h, i, j) -> (b, h, i, 0)>"
P4 = '["parallel", "parallel", "parallel", "parallel"]'
R4 = '["parallel", "parallel", "parallel", "reduction"]'
lines = []
INIT = "%se"
args = [f"%q: {tq}", f"%k: {tk}", f"%v: {tv}"]
if a.mask == "bias":
    args.append(f"%bias: {t(B, 1, SQ, SKV)}")
elif a.mask.startswith("pad"):
    args.append(f"%keep: {t(B, SKV, e='i1')}")


def emit(s):
    lines.append("  " + s)


def ew(name, ins, maps, body, init=None, out=None, its=None):
    """An element-wise (or reducing) linalg.generic over the scores."""
    init, out, its = init or INIT, out or ts, its or P4
    tys = ", ".join(ty for _, ty in ins)
    vals = ", ".join(v for v, _ in ins)
    bargs = ", ".join(f"%a{i}: {ty.split('x')[-1][:-1]}" for i, (_, ty) in enumerate(ins))
    emit(f"%{name} = linalg.generic {{indexing_maps = [{', '.join(maps)}], "
         f"iterator_types = {its}}} ins({vals} : {tys}) outs({init} : {out}) {{")
    emit(f"^bb0({bargs}, %o: f32):")
    for l in body:
        emit("  " + l)
    emit(f"}} -> {out}")


emit("%zero = arith.constant 0.0 : f32")
emit("%ninf = arith.constant 0xFF800000 : f32")
emit(f"%se = tensor.empty() : {ts}")
emit(f"%sz = linalg.fill ins(%zero : f32) outs(%se : {ts}) -> {ts}")
if a.form == "generic":
    # k.transpose(-2, -1), then torch.matmul as a contraction generic.
    emit(f"%kte = tensor.empty() : {t(B, H, D, SKV)}")
    emit(f"%kt = linalg.transpose ins(%k : {tk}) outs(%kte : {t(B, H, D, SKV)}) permutation = [0, 1, 3, 2]")
    emit("%s = linalg.generic {indexing_maps = [affine_map<(b, h, i, j, d) -> (b, h, i, d)>, "
         "affine_map<(b, h, i, j, d) -> (b, h, d, j)>, affine_map<(b, h, i, j, d) -> (b, h, i, j)>], "
         'iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} '
         f"ins(%q, %kt : {tq}, {t(B, H, D, SKV)}) outs(%sz : {ts}) {{")
    emit("^bb0(%x: f32, %y: f32, %acc: f32):")
    emit("  %m = arith.mulf %x, %y : f32")
    emit("  %r = arith.addf %acc, %m : f32")
    emit("  linalg.yield %r : f32")
    emit(f"}} -> {ts}")
else:
    # Heads in the batch of linalg.batch_matmul (its 4-d operands are not
    # supported), Kᵀ in its indexing maps.
    n = B * H
    for x, ty, s, w in (("q", tq, SQ, D), ("k", tk, SKV, D), ("v", tv, SKV, dv)):
        emit(f"%{x}3 = tensor.collapse_shape %{x} [[0, 1], [2], [3]] : {ty} into {t(n, s, w)}")
    emit(f"%se3 = tensor.empty() : {t(n, SQ, SKV)}")
    emit(f"%sz3 = linalg.fill ins(%zero : f32) outs(%se3 : {t(n, SQ, SKV)}) -> {t(n, SQ, SKV)}")
    emit("%s3 = linalg.batch_matmul indexing_maps = [affine_map<(b, i, j, d) -> (b, i, d)>, "
         "affine_map<(b, i, j, d) -> (b, j, d)>, affine_map<(b, i, j, d) -> (b, i, j)>] "
         f"ins(%q3, %k3 : {t(n, SQ, D)}, {t(n, SKV, D)}) outs(%sz3 : {t(n, SQ, SKV)}) -> {t(n, SQ, SKV)}")
    # From here on the scores are 3-d: (B·H)×SQ×SKV.
    ts = t(n, SQ, SKV)
    ID = "affine_map<(b, i, j) -> (b, i, j)>"
    P4 = '["parallel", "parallel", "parallel"]'
    INIT = "%se3"

cur = "s" if a.form == "generic" else "s3"
if a.scale == "mul":
    emit(f"%scale = arith.constant {1 / math.sqrt(D)!r} : f32")
    ew("scaled", [(f"%{cur}", ts)], [ID, ID], ["%r = arith.mulf %a0, %scale : f32", "linalg.yield %r : f32"])
else:
    emit(f"%sqrtd = arith.constant {math.sqrt(D)!r} : f32")
    ew("scaled", [(f"%{cur}", ts)], [ID, ID], ["%r = arith.divf %a0, %sqrtd : f32", "linalg.yield %r : f32"])
cur = "scaled"
if a.mask == "bias":
    ew("biased", [(f"%{cur}", ts), ("%bias", t(B, 1, SQ, SKV))],
       [ID, "affine_map<(b, h, i, j) -> (b, 0, i, j)>", ID],
       ["%r = arith.addf %a0, %a1 : f32", "linalg.yield %r : f32"])
    cur = "biased"
elif a.mask.startswith("pad"):
    fill = "%ninf" if a.mask == "pad-inf" else "%big"
    if a.mask == "pad-1e9":
        emit("%big = arith.constant -1.0e+09 : f32")
    # masked_fill(~keep, fill): where(~keep, fill, x).
    ew("padded", [(f"%{cur}", ts), ("%keep", t(B, SKV, e="i1"))],
       [ID, "affine_map<(b, h, i, j) -> (b, j)>", ID],
       ["%true = arith.constant true", "%not = arith.xori %a1, %true : i1",
        f"%r = arith.select %not, {fill}, %a0 : f32", "linalg.yield %r : f32"])
    cur = "padded"
if a.form == "batch_matmul" and a.mask != "none":
    p.error("--form batch_matmul takes no --mask")
if a.causal:
    qdim, kdim = (2, 3) if a.form == "generic" else (1, 2)
    # torch.ones(SQ, SKV).tril(SKV - SQ) == 0 → masked_fill(-inf): the
    # triangle from linalg.index and a comparison (bottom-right).
    ew("causal", [(f"%{cur}", ts)], [ID, ID],
       [f"%i = linalg.index {qdim} : index", f"%j = linalg.index {kdim} : index",
        "%d = arith.subi %j, %i : index", f"%diag = arith.constant {SKV - SQ} : index",
        "%above = arith.cmpi sgt, %d, %diag : index",
        "%r = arith.select %above, %ninf, %a0 : f32", "linalg.yield %r : f32"])
    cur = "causal"

if a.form == "generic":
    emit(f"%re = tensor.empty() : {tr}")
    emit(f"%mi = linalg.fill ins(%ninf : f32) outs(%re : {tr}) -> {tr}")
    ew("max", [(f"%{cur}", ts)], [ID, ROW], ["%r = arith.maximumf %a0, %o : f32", "linalg.yield %r : f32"],
       init="%mi", out=tr, its=R4)
    ew("sub", [(f"%{cur}", ts), ("%max", tr)], [ID, ROW, ID], ["%r = arith.subf %a0, %a1 : f32", "linalg.yield %r : f32"])
    ew("exp", [("%sub", ts)], [ID, ID], ["%r = math.exp %a0 : f32", "linalg.yield %r : f32"])
    emit(f"%si = linalg.fill ins(%zero : f32) outs(%re : {tr}) -> {tr}")
    ew("sum", [("%exp", ts)], [ID, ROW], ["%r = arith.addf %a0, %o : f32", "linalg.yield %r : f32"],
       init="%si", out=tr, its=R4)
    ew("p", [("%exp", ts), ("%sum", tr)], [ID, ROW, ID], ["%r = arith.divf %a0, %a1 : f32", "linalg.yield %r : f32"])
    emit(f"%oe = tensor.empty() : {to}")
    emit(f"%oz = linalg.fill ins(%zero : f32) outs(%oe : {to}) -> {to}")
    emit("%o = linalg.generic {indexing_maps = [affine_map<(b, h, i, n, j) -> (b, h, i, j)>, "
         "affine_map<(b, h, i, n, j) -> (b, h, j, n)>, affine_map<(b, h, i, n, j) -> (b, h, i, n)>], "
         'iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} '
         f"ins(%p, %v : {ts}, {tv}) outs(%oz : {to}) {{")
    emit("^bb0(%x: f32, %y: f32, %acc: f32):")
    emit("  %m = arith.mulf %x, %y : f32")
    emit("  %r = arith.addf %acc, %m : f32")
    emit("  linalg.yield %r : f32")
    emit(f"}} -> {to}")
else:
    n = B * H
    emit(f"%p = linalg.softmax dimension(2) ins(%{cur} : {t(n, SQ, SKV)}) outs(%se3 : {t(n, SQ, SKV)}) -> {t(n, SQ, SKV)}")
    emit(f"%oe = tensor.empty() : {t(n, SQ, dv)}")
    emit(f"%oz = linalg.fill ins(%zero : f32) outs(%oe : {t(n, SQ, dv)}) -> {t(n, SQ, dv)}")
    emit(f"%o3 = linalg.batch_matmul ins(%p, %v3 : {t(n, SQ, SKV)}, {t(n, SKV, dv)}) outs(%oz : {t(n, SQ, dv)}) -> {t(n, SQ, dv)}")
    emit(f"%o = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [{B}, {H}, {SQ}, {dv}] : {t(n, SQ, dv)} into {to}")
emit(f"return %o : {to}")

with open(a.o, "w") as f:
    f.write(f"// linalg_attention.py {B} {H} {SQ} {SKV} {D} dv={dv} mask={a.mask} "
            f"causal={a.causal} scale={a.scale} form={a.form}\n")
    f.write(f"func.func @attention({', '.join(args)}) -> {to} {{\n")
    f.write("\n".join(lines) + "\n}\n")
