#!/usr/bin/env python3
"""Random valid attn programs, run differentially (issue 16).

Each *program* is one attention computation: an `attn.sdpa` (MHA, GQA or
MQA heads; masks of rank 0 to 4, boolean or additive, broadcasting along any
dim; causal with the default or an explicit offset; an explicit scale;
f32, f16 or bf16; static or dynamic sizes), an `attn.mha` layer (self- or
cross-attention, biases, masks, causal, GQA/MQA), or an `attn.residual`
around one (no norm, pre- or post-norm). A *batch* of programs is one
`func.func` taking every program's operands and returning every program's
result, so one `attn-run --check` compares all of them with attn's
double-precision reference (attn::ref) at once.

Each batch runs through several pipeline configurations (`--configs`): the
tiled flash kernel with the target's block sizes, the untiled lowering
(`tile=false`), and tiled runs with random query/key block sizes, key
layouts, key/value splits, decode packing off, the matmul kernel off and
OpenMP off. A failing batch is split to its failing programs, and each
failing program is shrunk (smaller sizes, features dropped) while it still
fails; the minimal program is written to `--out-dir` with the command that
reproduces it.

    python3 test/fuzz/gen_attn.py --attn-run build/bin/attn-run --count 40
    python3 test/fuzz/gen_attn.py --attn-run build/bin/attn-run \\
        --count 10000 --seed 1 --jobs 2 --out-dir /tmp/gen   # the long run

Exit status: 0 when every program passed in every configuration, 1 when
one failed (the summary lists them), 2 on a usage error. Only the Python 3
standard library is used. docs/robustness.md records the runs made.
"""

import argparse
import concurrent.futures
import os
import random
import re
import subprocess
import sys
import tempfile
import time

FLOATS = ["f32", "f16", "bf16"]
# Dynamic head counts are valid attn.sdpa, but the lowerings need static
# ones (a located error, docs/robustness.md); --dynamic-heads draws them.
DYNAMIC_HEADS = False


def ttype(shape, et):
    dims = "x".join("?" if d is None else str(d) for d in shape)
    return f"tensor<{dims}x{et}>" if shape else f"tensor<{et}>"


class Arg:
    """A function argument: its static type (None dims are dynamic) and the
    runtime shape attn-run gives it (--arg-shape when dynamic)."""

    def __init__(self, shape, runtime, et):
        self.shape, self.runtime, self.et = shape, runtime, et

    def type(self):
        return ttype(self.shape, self.et)

    def dynamic(self):
        return any(d is None for d in self.shape)


def maybe_dyn(rng, size, p):
    return None if rng.random() < p else size


class Program:
    """One attention computation: its arguments, the body that computes
    its result from `%a<first>..`, and the result's type. `params` holds
    what it was drawn from, so the shrinker can redraw it smaller."""

    def __init__(self, kind, params):
        self.kind, self.params = kind, params
        self.args, self.lines, self.result = [], [], None

    def describe(self):
        return self.kind + " " + " ".join(
            f"{k}={v}" for k, v in sorted(self.params.items()))


def draw_params(rng, kind):
    """The random choices of one program, as a flat dict (shrinkable)."""
    p = {}
    p["et"] = rng.choice(FLOATS)
    p["B"] = rng.choice([1, 1, 1, 2, 3])
    p["Hkv"] = rng.choice([1, 1, 2, 3])
    p["group"] = rng.choice([1, 1, 2, 3, 4])  # Hq / Hkv: MHA, GQA, MQA
    decode = rng.random() < 0.25
    p["Sq"] = 1 if decode else rng.randint(1, 40)
    p["Skv"] = rng.randint(1, 80)
    p["D"] = rng.choice([1, 3, 4, 7, 8, 13, 16, 17, 32, 33, 64])
    p["Dv"] = p["D"] if rng.random() < 0.7 else rng.choice([1, 5, 8, 16, 24])
    p["mask"] = rng.choice(["none", "none", "i1", "add", "add32"])
    p["mask_rank"] = rng.randint(0, 4)
    # For each of B, Hq, Sq, Skv (right-aligned to the mask's rank): 1
    # broadcasts, 0 is the full size.
    p["mask_bcast"] = "".join(rng.choice("01") for _ in range(4))
    p["mask_dyn1"] = rng.random() < 0.2
    p["mask_static"] = rng.random() < 0.3
    p["causal"] = rng.random() < 0.35
    p["offset"] = (rng.randint(-p["Sq"] - 2, p["Skv"] + 2)
                   if p["causal"] and rng.random() < 0.5 else None)
    p["scale"] = (round(rng.uniform(0.05, 1.5), 4)
                  if rng.random() < 0.2 else None)
    # Dynamic dims of the function's types, one flag per kind of dim.
    dyn = rng.random() < 0.3
    p["dyn"] = "".join(
        ("1" if dyn and rng.random() < 0.4 and
         (i not in (1, 2) or DYNAMIC_HEADS) else "0") for i in range(6))
    if kind in ("mha", "residual"):
        p["M"] = rng.choice([4, 8, 12, 16, 24])
        p["Mkv"] = p["M"] if rng.random() < 0.6 else rng.choice([4, 8, 12])
        p["cross"] = rng.random() < 0.4 and kind == "mha"
        p["N"] = p["M"] if (kind == "residual" or rng.random() < 0.7) \
            else rng.choice([4, 8, 20])
        p["biases"] = "".join(rng.choice("01") for _ in range(4))
        p["D"] = rng.choice([1, 2, 4, 8])
        p["norm"] = rng.choice(["none", "pre", "post"])
        p["Sq"] = rng.randint(1, 12) if not decode else 1
        p["Skv"] = rng.randint(1, 12)
        if not p["cross"]:
            p["Skv"] = p["Sq"]
        p.pop("Dv")
        p["scale"] = None if p["scale"] is None else min(p["scale"], 0.5)
    return p


def build(kind, p, first_arg):
    """The program of `kind` from params `p`; its arguments are numbered
    from `first_arg`."""
    prog = Program(kind, p)
    n = [first_arg]

    def arg(shape, runtime, et):
        a = Arg(shape, runtime, et)
        prog.args.append(a)
        n[0] += 1
        return f"%a{n[0] - 1}", a

    et = p["et"]
    B, Hkv, Hq = p["B"], p["Hkv"], p["Hkv"] * p["group"]
    Sq, Skv, D = p["Sq"], p["Skv"], p["D"]
    dyn = [c == "1" for c in p["dyn"]]  # B, Hq, Hkv, Sq, Skv, D

    def dB(x=B):
        return None if dyn[0] else x

    def mask_arg(scores_static, scores_runtime):
        if p["mask"] == "none":
            return None
        met = {"i1": "i1", "add": et, "add32": "f32"}[p["mask"]]
        r = p["mask_rank"]
        shape, runtime = [], []
        for i in range(4 - r, 4):
            if p["mask_bcast"][i] == "1":
                # A broadcast dim: a static 1, or a dynamic one that is 1
                # at run time.
                shape.append(None if p.get("mask_dyn1") else 1)
                runtime.append(1)
            else:
                # A full mask dim is dynamic where the scores' dim is
                # (unless mask_static), static otherwise.
                static = scores_static[i] is not None or p.get("mask_static")
                shape.append(scores_runtime[i] if static else None)
                runtime.append(scores_runtime[i])
        return arg(shape, runtime, met)

    clauses = []
    if p["causal"]:
        clauses.append("causal")
        if p["offset"] is not None:
            clauses.append(f"offset = {p['offset']}")
    if p["scale"] is not None:
        clauses.append(f"scale = {p['scale']:e}")

    if kind == "sdpa":
        Dv = p["Dv"]
        dD = dyn[5]
        qs = [dB(), None if dyn[1] else Hq, None if dyn[3] else Sq,
              None if dD else D]
        ks = [dB(), None if dyn[2] else Hkv, None if dyn[4] else Skv,
              None if dD else D]
        vs = [dB(), None if dyn[2] else Hkv, None if dyn[4] else Skv,
              None if dD else Dv]
        os_ = [dB(), None if dyn[1] else Hq, None if dyn[3] else Sq,
               None if dD else Dv]
        if dD and p["scale"] is None:
            clauses.append(f"scale = {1 / D ** 0.5:e}")
        q, qa = arg(qs, [B, Hq, Sq, D], et)
        k, ka = arg(ks, [B, Hkv, Skv, D], et)
        v, va = arg(vs, [B, Hkv, Skv, Dv], et)
        m = mask_arg([None if dyn[0] else B, None if dyn[1] else Hq,
                      None if dyn[3] else Sq, None if dyn[4] else Skv],
                     [B, Hq, Sq, Skv])
        mclause = f" mask({m[0]} : {m[1].type()})" if m else ""
        res = ttype(os_, et)
        prog.result = res
        prog.lines.append(
            f"  %r{first_arg} = attn.sdpa {q}, {k}, {v}{mclause}"
            f"{''.join(' ' + c for c in clauses)}\n"
            f"      : {qa.type()}, {ka.type()}, {va.type()} -> {res}")
        return prog

    # attn.mha / attn.residual.
    M, Mkv, N = p["M"], p["Mkv"] if p["cross"] else p["M"], p["N"]
    xs = [dB(), None if dyn[3] else Sq, M]
    x, xa = arg(xs, [B, Sq, M], et)
    operands, types = [x], [xa.type()]
    kvclause = ""
    if p["cross"]:
        kvs = [dB(), None if dyn[4] else Skv, Mkv]
        kv, kva = arg(kvs, [B, Skv, Mkv], et)
        kvclause = f" kv({kv})"
        types.append(kva.type())
    ws = []
    for rows, cols in [(M, Hq * D), (Mkv, Hkv * D), (Mkv, Hkv * D),
                       (Hq * D, N)]:
        w, wa = arg([rows, cols], [rows, cols], et)
        ws.append(w)
        types.append(wa.type())
    bclauses = []
    for i, (name, size) in enumerate([("bias_q", Hq * D), ("bias_k", Hkv * D),
                                      ("bias_v", Hkv * D), ("bias_o", N)]):
        if p["biases"][i] == "1":
            b, ba = arg([size], [size], et)
            bclauses.append(f"{name}({b})")
            types.append(ba.type())
    m = mask_arg([None if dyn[0] else B, Hq, None if dyn[3] else Sq,
                  None if dyn[4 if p["cross"] else 3] else Skv],
                 [B, Hq, Sq, Skv])
    if m:
        bclauses.append(f"mask({m[0]} : {m[1].type()})")
    res = ttype([dB(), None if dyn[3] else Sq, N], et)
    body_in = x
    lines = []
    if kind == "residual":
        norm = ""
        if p["norm"] != "none":
            g, ga = arg([M], [M], et)
            b, ba = arg([M], [M], et)
            norm = f" norm({p['norm']}, {g}, {b} : {ga.type()}, {ba.type()})"
        lines.append(f"  %r{first_arg} = attn.residual {x}{norm} : {xa.type()} {{")
        lines.append(f"  ^bb0(%h{first_arg}: {xa.type()}):")
        body_in = f"%h{first_arg}"
        types[0] = xa.type()
    lhs = f"%y{first_arg}" if kind == "residual" else f"%r{first_arg}"
    lines.append(
        f"  {lhs} = attn.mha {body_in}{kvclause} weights({', '.join(ws)}) "
        f"{' '.join(bclauses)} num_heads({Hq}) num_kv_heads({Hkv}) "
        f"head_dim({D}){''.join(' ' + c for c in clauses)}\n"
        f"      : ({', '.join(types)}) -> {res}")
    if kind == "residual":
        lines.append(f"  attn.yield {lhs} : {res}")
        lines.append("  }")
    prog.lines = lines
    prog.result = res
    return prog


def normalize(kind, p):
    """Keeps params valid after the shrinker changed them."""
    p = dict(p)
    if kind != "sdpa":
        if not p.get("cross"):
            p["Skv"] = p["Sq"]
        if kind == "residual":
            p["N"] = p["M"]
    if p.get("offset") is not None and not p["causal"]:
        p["offset"] = None
    return p


class Batch:
    def __init__(self, programs):
        self.programs = []
        first = 0
        for kind, p in programs:
            prog = build(kind, p, first)
            first += len(prog.args)
            self.programs.append(prog)

    def args(self):
        return [a for prog in self.programs for a in prog.args]

    def text(self):
        args = self.args()
        sig = ",\n    ".join(f"%a{i}: {a.type()}" for i, a in enumerate(args))
        results = ", ".join(p.result for p in self.programs)
        out = [f"// {p.describe()}" for p in self.programs]
        out.append(f"func.func @gen(\n    {sig})\n    -> ({results}) {{")
        for p in self.programs:
            out.extend(p.lines)
        names = ", ".join(
            f"%r{sum(len(q.args) for q in self.programs[:i])}"
            for i in range(len(self.programs)))
        out.append(f"  return {names} : {results}")
        out.append("}")
        return "\n".join(out) + "\n"

    def arg_shapes(self):
        return [f"--arg-shape={i}=" + "x".join(str(d) for d in a.runtime)
                for i, a in enumerate(self.args()) if a.dynamic()]


def draw_config(rng):
    """A pipeline configuration: a name and its --pipeline-options."""
    opts = []
    if rng.random() < 0.7:
        opts.append(f"query-block={rng.choice([1, 2, 3, 4, 5, 8, 16, 32])}")
    if rng.random() < 0.7:
        opts.append(f"kv-block={rng.choice([1, 2, 3, 4, 7, 8, 16, 32])}")
    if rng.random() < 0.4:
        opts.append(f"key-layout={rng.choice(['rows', 'transposed'])}")
    if rng.random() < 0.4:
        opts.append(f"kv-splits={rng.choice([1, 2, 3, 4])}")
    if rng.random() < 0.3:
        opts.append("pack-query-groups=false")
    if rng.random() < 0.2:
        opts.append("matmul=false")
    if rng.random() < 0.2:
        opts.append("parallel=false")
    return " ".join(opts)


FIXED_CONFIGS = {"tiled": "", "untiled": "tile=false"}


def run_attn(attn_run, path, batch, options, seed, init, timeout, bug):
    cmd = [attn_run, path, "--check", f"--seed={seed}", f"--init={init}"]
    if bug:
        cmd.append(f"--test-inject-bug={bug}")
    cmd += batch.arg_shapes()
    if options:
        cmd.append(f"--pipeline-options={options}")
    try:
        r = subprocess.run(cmd, capture_output=True, text=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return cmd, "timeout", "", []
    failed = [int(i) for i in re.findall(r"^result (\d+): max abs err .* FAIL",
                                         r.stdout, re.M)]
    if r.returncode == 0:
        status = "pass"
    elif r.returncode == 1 and failed:
        status = "mismatch"
    elif r.returncode < 0 or r.returncode >= 128:
        status = f"crash (signal {-r.returncode if r.returncode < 0 else r.returncode - 128})"
    else:
        status = f"error (exit {r.returncode})"
    return cmd, status, r.stdout + r.stderr, failed


class Runner:
    def __init__(self, args, workdir):
        self.args, self.workdir = args, workdir
        self.counter = 0

    def check(self, programs, options, seed, init):
        """Runs one batch of (kind, params); returns (status, output,
        failing program indices, command, file)."""
        self.counter += 1
        batch = Batch(programs)
        path = os.path.join(self.workdir,
                            f"b{os.getpid()}_{self.counter}_{seed}.mlir")
        with open(path, "w") as f:
            f.write(batch.text())
        cmd, status, out, failed = run_attn(self.args.attn_run, path, batch,
                                            options, seed, init,
                                            self.args.timeout,
                                            self.args.test_inject_bug)
        return status, out, failed, cmd, path


def shrink(runner, kind, p, options, seed, init, status0, budget):
    """Greedy shrinking: try each smaller value of each param and keep a
    change while the program still fails the same way (same status), for
    at most `budget` attn-run runs."""
    tries = [0]

    def fails(q, o):
        if tries[0] >= budget:
            return False
        tries[0] += 1
        st, *_ = runner.check([(kind, q)], o, seed, init)
        return st == status0

    candidates = {
        "B": [1, 2], "Hkv": [1, 2], "group": [1, 2], "Sq": [1, 2, 3, 4, 8],
        "Skv": [1, 2, 3, 4, 8], "D": [1, 2, 4, 8], "Dv": [1, 2, 4, 8],
        "mask": ["none"], "mask_rank": [0, 1, 2], "mask_bcast": ["1111"],
        "mask_dyn1": [False], "mask_static": [False],
        "causal": [False], "offset": [None, 0], "scale": [None],
        "dyn": ["000000"], "M": [4, 8], "Mkv": [4], "N": [4],
        "biases": ["0000"], "norm": ["none"], "cross": [False],
        "et": ["f32"],
    }
    opts = options.split()
    changed = True
    while changed:
        changed = False
        for key, values in candidates.items():
            if key not in p:
                continue
            for v in values:
                if p[key] == v or (isinstance(v, int) and
                                   not isinstance(v, bool) and
                                   isinstance(p[key], int) and
                                   not isinstance(p[key], bool) and
                                   v >= p[key]):
                    continue
                q = normalize(kind, dict(p, **{key: v}))
                if fails(q, " ".join(opts)):
                    p, changed = q, True
                    break
        # Drop pipeline options that do not matter.
        for o in list(opts):
            rest = [x for x in opts if x != o]
            if fails(p, " ".join(rest)):
                opts, changed = rest, True
    return p, " ".join(opts)


def main():
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--attn-run", required=True, help="the attn-run binary")
    ap.add_argument("--count", type=int, default=40,
                    help="programs to generate (default 40)")
    ap.add_argument("--seed", type=int, default=0, help="generator seed")
    ap.add_argument("--batch", type=int, default=6,
                    help="programs per compiled function (default 6)")
    ap.add_argument("--configs", type=int, default=1,
                    help="random tiled configurations per batch, besides the "
                         "tiled and untiled defaults (default 1)")
    ap.add_argument("--jobs", type=int, default=1,
                    help="attn-run processes at once (default 1)")
    ap.add_argument("--kinds", default="sdpa,sdpa,sdpa,mha,residual",
                    help="kinds to draw from, repeated for weight "
                         "(default sdpa,sdpa,sdpa,mha,residual)")
    ap.add_argument("--timeout", type=float, default=300,
                    help="seconds per attn-run (default 300)")
    ap.add_argument("--out-dir", help="keep failing programs (shrunk) here")
    ap.add_argument("--no-shrink", action="store_true",
                    help="report failing programs without shrinking them")
    ap.add_argument("--dynamic-heads", action="store_true",
                    help="also draw dynamic head counts (which the lowerings "
                         "refuse with a located error)")
    ap.add_argument("--shrink-budget", type=int, default=80,
                    help="attn-run runs the shrinker may make per failing "
                         "program (default 80)")
    ap.add_argument("--test-inject-bug", metavar="KIND",
                    help="pass attn-run's test-only --test-inject-bug=KIND "
                         "(wrong-scale, ...): every run must then fail")
    ap.add_argument("--print", action="store_true",
                    help="print the generated batches and exit (no attn-run)")
    a = ap.parse_args()
    kinds = a.kinds.split(",")
    global DYNAMIC_HEADS
    DYNAMIC_HEADS = a.dynamic_heads
    rng = random.Random(a.seed)

    batches = []
    for start in range(0, a.count, a.batch):
        progs = []
        for _ in range(min(a.batch, a.count - start)):
            kind = rng.choice(kinds)
            progs.append((kind, draw_params(rng, kind)))
        configs = dict(FIXED_CONFIGS)
        for j in range(a.configs):
            configs[f"random{j}"] = draw_config(rng)
        # Small integers only for attn.sdpa: through attn.mha's unscaled
        # projections they make f16/bf16 values so large that rounding the
        # projections to the element type (as the compiled code and
        # PyTorch do) exceeds the tolerance (docs/running.md).
        init = rng.choice(["normal", "normal", "small-int"])
        if any(kind != "sdpa" for kind, _ in progs):
            init = "normal"
        batches.append((progs, configs, rng.randint(0, 1 << 30), init))
    if a.print:
        for progs, configs, seed, init in batches:
            print(Batch(progs).text())
        return 0

    workdir = a.out_dir or tempfile.mkdtemp(prefix="gen_attn.")
    os.makedirs(workdir, exist_ok=True)
    runner = Runner(a, workdir)
    t0 = time.time()
    runs, failures = 0, []

    def one(batch_index):
        progs, configs, seed, init = batches[batch_index]
        found = []
        for cname, options in configs.items():
            status, out, failed, cmd, path = runner.check(progs, options,
                                                          seed, init)
            if status == "pass":
                os.remove(path)
                continue
            # Which programs fail: those whose result failed, or, when the
            # run did not get that far, each program on its own.
            suspects = failed if status == "mismatch" else range(len(progs))
            for i in suspects:
                st, o, _, c, pth = runner.check([progs[i]], options, seed, init)
                if st != "pass":
                    found.append((batch_index, i, cname, options, seed, init,
                                  st, o, c, pth))
            if not found:
                found.append((batch_index, -1, cname, options, seed, init,
                              status, out, cmd, path))
        return len(configs), found

    with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as ex:
        for nconf, found in ex.map(one, range(len(batches))):
            runs += nconf
            failures.extend(found)

    print(f"gen_attn: {a.count} programs in {len(batches)} batches, "
          f"{runs} attn-run --check runs ({len(FIXED_CONFIGS) + a.configs} "
          f"configurations per batch), {time.time() - t0:.0f} s, "
          f"seed {a.seed}: {len(failures)} failures")
    for (bi, i, cname, options, seed, init, st, out, cmd, path) in failures:
        print(f"FAIL batch {bi} program {i} [{cname}: '{options}'] {st}")
        if i >= 0:
            kind, p = batches[bi][0][i]
            print(f"  {kind} {p}")
            if not a.no_shrink:
                p, opts = shrink(runner, kind, p, options, seed, init, st,
                                 a.shrink_budget)
                st2, out, _, cmd, path = runner.check([(kind, p)], opts, seed,
                                                      init)
                print(f"  shrunk to {kind} {p} with '{opts}' ({st2})")
        print("  " + " ".join(f"'{c}'" if " " in c else c for c in cmd))
        print("  " + "\n  ".join(out.strip().splitlines()[-6:]))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
