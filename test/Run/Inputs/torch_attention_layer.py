#!/usr/bin/env python3
"""Writes the classic PyTorch AttentionLayer as torch-mlir lowers it to linalg
on tensors (one op per PyTorch op), the seed case of attn-raise's multi-head
raising:

    class AttentionLayer(nn.Module):
        def forward(self, x, mask):                 # x: B×S×M, mask: B×1×1×S bool
            qkv = self.qkv(x)                       # nn.Linear(M, 3M)
            qkv = qkv.view(B, S, 3, H, Dh)
            q, k, v = qkv.split(1, dim=2)           # each B×S×1×H×Dh
            q, k, v = (t.view(B, S, H, Dh).transpose(1, 2) for t in (q, k, v))
            s = q @ k.transpose(-2, -1) / math.sqrt(Dh)
            s = s.masked_fill(~mask, -1e9)
            o = torch.softmax(s, dim=-1) @ v
            o = o.transpose(1, 2).reshape(B, S, M)
            return self.out(o) + x                  # nn.Linear(M, M), residual

  torch_attention_layer.py B S MODEL HEADS [--kv-heads N] [--mask pad|none]
      [--causal] [--separate] [--cross SKV] [--bad-split] [--computed-weight]
      [--extra-user] -o FILE

nn.Linear(x) = x·Wᵀ + b with W (out × in) as torch stores it: Wᵀ by
linalg.transpose, the product as linalg.batch_matmul on W broadcast over the
batch, the bias by an element-wise linalg.generic. With --kv-heads N < HEADS
(GQA) the projections are separate (q: M→M, k and v: M→N·Dh) and K and V are
repeated to HEADS heads as repeat_interleave does (expand + reshape:
linalg.broadcast then tensor.collapse_shape). Weights and biases are function
arguments, so attn-run feeds them random values.
"""
import argparse
import math

p = argparse.ArgumentParser()
for n in ("b", "s", "model", "heads"):
    p.add_argument(n, type=int)
p.add_argument("--kv-heads", type=int)
p.add_argument("--mask", default="pad", choices=["pad", "none"])
p.add_argument("--causal", action="store_true")
p.add_argument("--bad-merge", action="store_true",
               help="o.reshape(B, S, M) without the transpose(1, 2): heads "
               "mixed with positions (a near miss, not attn.mha)")
p.add_argument("--separate", action="store_true",
               help="separate Q, K, V linears even without GQA")
p.add_argument("--cross", type=int, metavar="SKV",
               help="cross-attention: K and V from %%mem (B×SKV×MODEL)")
p.add_argument("--bad-split", action="store_true",
               help="Q's heads transposed by (0, 2, 3, 1) then (0, 1, 3, 2): "
               "the same values, not the head split attn.mha reads (near miss)")
p.add_argument("--computed-weight", action="store_true",
               help="the output weight doubled by a linalg.generic before use "
               "(not visible: near miss)")
p.add_argument("--extra-user", action="store_true",
               help="the V projection is also returned (near miss)")
p.add_argument("--rows", action="store_true",
               help="linears on rows as attn-decompose-layers writes them: "
               "[B·S, in] by collapse_shape, linalg.matmul, heads split and "
               "merged straight from and to the rows (separate projections)")
p.add_argument("--const-weights", action="store_true",
               help="weights and biases as arith.constant (dense, not "
               "splat) instead of function arguments")
p.add_argument("-o", required=True)
a = p.parse_args()
B, S, M, H = a.b, a.s, a.model, a.heads
HKV = a.kv_heads or H
DH = M // H
G = H // HKV
SKV = a.cross or S
SEPARATE = G != 1 or a.separate or a.cross is not None or a.rows
assert DH * H == M and G * HKV == H


def t(*shape, e="f32"):
    return "tensor<" + "x".join(str(s) for s in shape) + "x" + e + ">"


lines = []
args = [f"%x: {t(B, S, M)}"]
if a.cross:
    args.append(f"%mem: {t(B, SKV, M)}")
if a.mask == "pad":
    args.append(f"%mask: {t(B, 1, 1, SKV, e='i1')}")
n = [0]


def emit(s):
    lines.append("  " + s)


def fresh(base):
    n[0] += 1
    return f"%{base}{n[0]}"


def dense(shape, seed):
    """A deterministic, non-splat constant with values in [-0.5, 0.5]."""
    vals = [((i * 7 + seed * 5) % 11 - 5) / 10 for i in range(math.prod(shape))]
    if len(shape) == 1:
        return "[" + ", ".join(map(repr, vals)) + "]"
    rows = [vals[r * shape[1]:(r + 1) * shape[1]] for r in range(shape[0])]
    return "[" + ", ".join("[" + ", ".join(map(repr, r)) + "]" for r in rows) + "]"


seeds = iter(range(1, 100))


def weight_args(name, nin, nout):
    """W (nout×nin) and b (nout): function arguments or constants (each
    with other values)."""
    if a.const_weights:
        emit(f"%{name}_w = arith.constant dense<{dense((nout, nin), next(seeds))}> : {t(nout, nin)}")
        emit(f"%{name}_b = arith.constant dense<{dense((nout,), next(seeds))}> : {t(nout)}")
    else:
        args.append(f"%{name}_w: {t(nout, nin)}")
        args.append(f"%{name}_b: {t(nout)}")


def linear(name, x, nin, nout, S=S, computed=False):
    """x (B×S×nin) · Wᵀ + b, W: nout×nin."""
    weight_args(name, nin, nout)
    wt, wb, y0, y = (f"%{name}_{s}" for s in ("wt", "wbc", "mm", "y"))
    w = f"%{name}_w"
    if computed:
        emit(f"{w}2 = linalg.generic {{indexing_maps = [affine_map<(o, i) -> (o, i)>, affine_map<(o, i) -> (o, i)>], "
             f"iterator_types = [\"parallel\", \"parallel\"]}} ins({w} : {t(nout, nin)}) outs({w} : {t(nout, nin)}) {{")
        emit("^bb0(%a: f32, %o: f32):")
        emit("  %r = arith.addf %a, %a : f32")
        emit("  linalg.yield %r : f32")
        emit(f"}} -> {t(nout, nin)}")
        w = f"{w}2"
    emit(f"{wt}_e = tensor.empty() : {t(nin, nout)}")
    emit(f"{wt} = linalg.transpose ins({w} : {t(nout, nin)}) outs({wt}_e : {t(nin, nout)}) permutation = [1, 0]")
    if a.rows:
        R = B * S
        emit(f"{y0}_r = tensor.collapse_shape {x} [[0, 1], [2]] : {t(B, S, nin)} into {t(R, nin)}")
        emit(f"{y0}_e = tensor.empty() : {t(R, nout)}")
        emit(f"{y0}_z = linalg.fill ins(%zero : f32) outs({y0}_e : {t(R, nout)}) -> {t(R, nout)}")
        emit(f"{y0} = linalg.matmul ins({y0}_r, {wt} : {t(R, nin)}, {t(nin, nout)}) outs({y0}_z : {t(R, nout)}) -> {t(R, nout)}")
        emit(f"{y} = linalg.generic {{indexing_maps = [affine_map<(r, n) -> (r, n)>, affine_map<(r, n) -> (n)>, "
             f"affine_map<(r, n) -> (r, n)>], iterator_types = [\"parallel\", \"parallel\"]}} "
             f"ins({y0}, %{name}_b : {t(R, nout)}, {t(nout)}) outs({y0}_e : {t(R, nout)}) {{")
        emit("^bb0(%a: f32, %c: f32, %o: f32):")
        emit("  %r = arith.addf %a, %c : f32")
        emit("  linalg.yield %r : f32")
        emit(f"}} -> {t(R, nout)}")
        return y
    emit(f"{wb}_e = tensor.empty() : {t(B, nin, nout)}")
    emit(f"{wb} = linalg.broadcast ins({wt} : {t(nin, nout)}) outs({wb}_e : {t(B, nin, nout)}) dimensions = [0]")
    emit(f"{y0}_e = tensor.empty() : {t(B, S, nout)}")
    emit(f"{y0}_z = linalg.fill ins(%zero : f32) outs({y0}_e : {t(B, S, nout)}) -> {t(B, S, nout)}")
    emit(f"{y0} = linalg.batch_matmul ins({x}, {wb} : {t(B, S, nin)}, {t(B, nin, nout)}) outs({y0}_z : {t(B, S, nout)}) -> {t(B, S, nout)}")
    emit(f"{y} = linalg.generic {{indexing_maps = [affine_map<(b, s, n) -> (b, s, n)>, affine_map<(b, s, n) -> (n)>, "
         f"affine_map<(b, s, n) -> (b, s, n)>], iterator_types = [\"parallel\", \"parallel\", \"parallel\"]}} "
         f"ins({y0}, %{name}_b : {t(B, S, nout)}, {t(nout)}) outs({y0}_e : {t(B, S, nout)}) {{")
    emit("^bb0(%a: f32, %c: f32, %o: f32):")
    emit("  %r = arith.addf %a, %c : f32")
    emit("  linalg.yield %r : f32")
    emit(f"}} -> {t(B, S, nout)}")
    return y


def heads(name, src, nh, S=S, bad=False):
    """src (B×S×nh×Dh) → transpose(1, 2) → B×nh×S×Dh."""
    if bad:
        emit(f"%{name}_be = tensor.empty() : {t(B, nh, DH, S)}")
        emit(f"%{name}_b = linalg.transpose ins({src} : {t(B, S, nh, DH)}) outs(%{name}_be : {t(B, nh, DH, S)}) permutation = [0, 2, 3, 1]")
        emit(f"%{name}_te = tensor.empty() : {t(B, nh, S, DH)}")
        emit(f"%{name} = linalg.transpose ins(%{name}_b : {t(B, nh, DH, S)}) outs(%{name}_te : {t(B, nh, S, DH)}) permutation = [0, 1, 3, 2]")
        return f"%{name}"
    emit(f"%{name}_te = tensor.empty() : {t(B, nh, S, DH)}")
    emit(f"%{name} = linalg.transpose ins({src} : {t(B, S, nh, DH)}) outs(%{name}_te : {t(B, nh, S, DH)}) permutation = [0, 2, 1, 3]")
    return f"%{name}"


def repeat(name, src, S=S):
    """repeat_interleave(G, dim=1): B×HKV×S×Dh → B×H×S×Dh."""
    if G == 1:
        return src
    emit(f"%{name}_be = tensor.empty() : {t(B, HKV, G, S, DH)}")
    emit(f"%{name}_b = linalg.broadcast ins({src} : {t(B, HKV, S, DH)}) outs(%{name}_be : {t(B, HKV, G, S, DH)}) dimensions = [2]")
    emit(f"%{name} = tensor.collapse_shape %{name}_b [[0], [1, 2], [3], [4]] : {t(B, HKV, G, S, DH)} into {t(B, H, S, DH)}")
    return f"%{name}"


emit("%zero = arith.constant 0.0 : f32")
emit("%ninf = arith.constant 0xFF800000 : f32")
if not SEPARATE:
    qkv = linear("qkv", "%x", M, 3 * M)
    emit(f"%qkv5 = tensor.expand_shape {qkv} [[0], [1], [2, 3, 4]] output_shape [{B}, {S}, 3, {H}, {DH}] : {t(B, S, 3 * M)} into {t(B, S, 3, H, DH)}")
    parts = []
    for i, nm in enumerate("qkv"):
        emit(f"%{nm}s = tensor.extract_slice %qkv5[0, 0, {i}, 0, 0] [{B}, {S}, 1, {H}, {DH}] [1, 1, 1, 1, 1] : {t(B, S, 3, H, DH)} to {t(B, S, 1, H, DH)}")
        emit(f"%{nm}v = tensor.collapse_shape %{nm}s [[0], [1], [2, 3], [4]] : {t(B, S, 1, H, DH)} into {t(B, S, H, DH)}")
        parts.append(heads(f"{nm}h", f"%{nm}v", H, bad=a.bad_split and nm == "q"))
    q, k, v = parts
else:
    hs = []
    for nm, nh, src, s in (("q", H, "%x", S), ("k", HKV, "%mem" if a.cross else "%x", SKV),
                           ("v", HKV, "%mem" if a.cross else "%x", SKV)):
        y = linear(nm, src, M, nh * DH, S=s)
        if nm == "v":
            vproj = y
        if a.rows:
            emit(f"%{nm}v = tensor.expand_shape {y} [[0, 1], [2, 3]] output_shape [{B}, {s}, {nh}, {DH}] : {t(B * s, nh * DH)} into {t(B, s, nh, DH)}")
        else:
            emit(f"%{nm}v = tensor.expand_shape {y} [[0], [1], [2, 3]] output_shape [{B}, {s}, {nh}, {DH}] : {t(B, s, nh * DH)} into {t(B, s, nh, DH)}")
        hs.append(heads(f"{nm}h", f"%{nm}v", nh, S=s, bad=a.bad_split and nm == "q"))
    q = hs[0]
    k = repeat("kr", hs[1], S=SKV)
    v = repeat("vr", hs[2], S=SKV)

ts = t(B, H, S, SKV)
tr = t(B, H, S, 1)
ID = "affine_map<(b, h, i, j) -> (b, h, i, j)>"
ROW = "affine_map<(b, h, i, j) -> (b, h, i, 0)>"
P4 = '["parallel", "parallel", "parallel", "parallel"]'
R4 = '["parallel", "parallel", "parallel", "reduction"]'


def ew(name, ins, maps, body, init="%se", out=None, its=P4):
    out = out or ts
    tys = ", ".join(ty for _, ty in ins)
    vals = ", ".join(v for v, _ in ins)
    bargs = ", ".join(f"%a{i}: {ty.split('x')[-1][:-1]}" for i, (_, ty) in enumerate(ins))
    emit(f"%{name} = linalg.generic {{indexing_maps = [{', '.join(maps)}], "
         f"iterator_types = {its}}} ins({vals} : {tys}) outs({init} : {out}) {{")
    emit(f"^bb0({bargs}, %o: f32):")
    for l in body:
        emit("  " + l)
    emit(f"}} -> {out}")


emit(f"%se = tensor.empty() : {ts}")
emit(f"%sz = linalg.fill ins(%zero : f32) outs(%se : {ts}) -> {ts}")
emit(f"%kte = tensor.empty() : {t(B, H, DH, SKV)}")
emit(f"%kt = linalg.transpose ins({k} : {t(B, H, SKV, DH)}) outs(%kte : {t(B, H, DH, SKV)}) permutation = [0, 1, 3, 2]")
emit("%s = linalg.generic {indexing_maps = [affine_map<(b, h, i, j, d) -> (b, h, i, d)>, "
     "affine_map<(b, h, i, j, d) -> (b, h, d, j)>, affine_map<(b, h, i, j, d) -> (b, h, i, j)>], "
     'iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} '
     f"ins({q}, %kt : {t(B, H, S, DH)}, {t(B, H, DH, SKV)}) outs(%sz : {ts}) {{")
emit("^bb0(%xx: f32, %yy: f32, %acc: f32):")
emit("  %m = arith.mulf %xx, %yy : f32")
emit("  %r = arith.addf %acc, %m : f32")
emit("  linalg.yield %r : f32")
emit(f"}} -> {ts}")
emit(f"%sqrtd = arith.constant {math.sqrt(DH)!r} : f32")
ew("scaled", [("%s", ts)], [ID, ID], ["%r = arith.divf %a0, %sqrtd : f32", "linalg.yield %r : f32"])
cur = "scaled"
if a.mask == "pad":
    emit("%big = arith.constant -1.0e+09 : f32")
    ew("masked", [(f"%{cur}", ts), ("%mask", t(B, 1, 1, SKV, e="i1"))],
       [ID, "affine_map<(b, h, i, j) -> (b, 0, 0, j)>", ID],
       ["%true = arith.constant true", "%not = arith.xori %a1, %true : i1",
        "%r = arith.select %not, %big, %a0 : f32", "linalg.yield %r : f32"])
    cur = "masked"
if a.causal:
    ew("causal", [(f"%{cur}", ts)], [ID, ID],
       ["%i = linalg.index 2 : index", "%j = linalg.index 3 : index",
        "%above = arith.cmpi sgt, %j, %i : index",
        "%r = arith.select %above, %ninf, %a0 : f32", "linalg.yield %r : f32"])
    cur = "causal"
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
to = t(B, H, S, DH)
emit(f"%oe = tensor.empty() : {to}")
emit(f"%oz = linalg.fill ins(%zero : f32) outs(%oe : {to}) -> {to}")
emit("%pv = linalg.generic {indexing_maps = [affine_map<(b, h, i, n, j) -> (b, h, i, j)>, "
     "affine_map<(b, h, i, n, j) -> (b, h, j, n)>, affine_map<(b, h, i, n, j) -> (b, h, i, n)>], "
     'iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} '
     f"ins(%p, {v} : {ts}, {t(B, H, SKV, DH)}) outs(%oz : {to}) {{")
emit("^bb0(%xx: f32, %yy: f32, %acc: f32):")
emit("  %m = arith.mulf %xx, %yy : f32")
emit("  %r = arith.addf %acc, %m : f32")
emit("  linalg.yield %r : f32")
emit(f"}} -> {to}")
if a.bad_merge:
    emit(f"%of = tensor.collapse_shape %pv [[0], [1, 2, 3]] : {to} into {t(B, S * M)}")
    emit(f"%om = tensor.expand_shape %of [[0], [1, 2]] output_shape [{B}, {S}, {M}] : {t(B, S * M)} into {t(B, S, M)}")
else:
    emit(f"%ote = tensor.empty() : {t(B, S, H, DH)}")
    emit(f"%ot = linalg.transpose ins(%pv : {to}) outs(%ote : {t(B, S, H, DH)}) permutation = [0, 2, 1, 3]")
    if a.rows:
        emit(f"%om = tensor.collapse_shape %ot [[0, 1], [2, 3]] : {t(B, S, H, DH)} into {t(B * S, M)}")
    else:
        emit(f"%om = tensor.collapse_shape %ot [[0], [1], [2, 3]] : {t(B, S, H, DH)} into {t(B, S, M)}")
if a.rows:
    # linear() flattens a 3-d input; the merged heads are rows already.
    weight_args("out", M, M)
    R = B * S
    emit(f"%out_wt_e = tensor.empty() : {t(M, M)}")
    emit(f"%out_wt = linalg.transpose ins(%out_w : {t(M, M)}) outs(%out_wt_e : {t(M, M)}) permutation = [1, 0]")
    emit(f"%out_mm_re = tensor.empty() : {t(R, M)}")
    emit(f"%out_mm_z = linalg.fill ins(%zero : f32) outs(%out_mm_re : {t(R, M)}) -> {t(R, M)}")
    emit(f"%out_mm = linalg.matmul ins(%om, %out_wt : {t(R, M)}, {t(M, M)}) outs(%out_mm_z : {t(R, M)}) -> {t(R, M)}")
    emit(f"%out_y2 = linalg.generic {{indexing_maps = [affine_map<(r, n) -> (r, n)>, affine_map<(r, n) -> (n)>, "
         f"affine_map<(r, n) -> (r, n)>], iterator_types = [\"parallel\", \"parallel\"]}} "
         f"ins(%out_mm, %out_b : {t(R, M)}, {t(M)}) outs(%out_mm_re : {t(R, M)}) {{")
    emit("^bb0(%a: f32, %c: f32, %o: f32):")
    emit("  %r = arith.addf %a, %c : f32")
    emit("  linalg.yield %r : f32")
    emit(f"}} -> {t(R, M)}")
    emit(f"%out_y = tensor.expand_shape %out_y2 [[0, 1], [2]] output_shape [{B}, {S}, {M}] : {t(R, M)} into {t(B, S, M)}")
    emit(f"%out_mm_e = tensor.empty() : {t(B, S, M)}")
    y = "%out_y"
else:
    y = linear("out", "%om", M, M, computed=a.computed_weight)
emit(f"%res = linalg.generic {{indexing_maps = [affine_map<(b, s, n) -> (b, s, n)>, affine_map<(b, s, n) -> (b, s, n)>, "
     f"affine_map<(b, s, n) -> (b, s, n)>], iterator_types = [\"parallel\", \"parallel\", \"parallel\"]}} "
     f"ins({y}, %x : {t(B, S, M)}, {t(B, S, M)}) outs(%out_mm_e : {t(B, S, M)}) {{")
emit("^bb0(%a: f32, %c: f32, %o: f32):")
emit("  %r = arith.addf %a, %c : f32")
emit("  linalg.yield %r : f32")
emit(f"}} -> {t(B, S, M)}")
results = [("%res", t(B, S, M))]
if a.extra_user:
    assert SEPARATE, "--extra-user needs separate projections"
    results.append((vproj, t(B, SKV, HKV * DH)))
emit(f"return {', '.join(r for r, _ in results)} : {', '.join(ty for _, ty in results)}")

with open(a.o, "w") as f:
    f.write(f"// torch_attention_layer.py {B} {S} {M} {H} kv_heads={HKV} mask={a.mask} causal={a.causal} bad_merge={a.bad_merge} separate={SEPARATE} cross={a.cross} bad_split={a.bad_split} computed_weight={a.computed_weight} extra_user={a.extra_user} rows={a.rows} const_weights={a.const_weights}\n")
    f.write(f"func.func @attention_layer({', '.join(args)}) -> ({', '.join(ty for _, ty in results)}) {{\n")
    f.write("\n".join(lines) + "\n}\n")
