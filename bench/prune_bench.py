#!/usr/bin/env python3
"""Head-pruning benchmark (issue 14): the time of one multi-head attention layer as
attn-prune-heads keeps fewer of its heads.

    python3 bench/prune_bench.py                      # B=1 S=512 model 768, 12 heads
    python3 bench/prune_bench.py --quick              # a small layer, a few seconds
    python3 bench/prune_bench.py --batch 1 --seq 512 --model 768 --heads 12 \\
        --keep 12,9,6,3 --runs 5 --repeat 10 --threads 1

The layer is examples/gen_layer.py's `mha` (Q/K/V/O projections with biases, constant
weights, not causal). For each count in --keep, `attn-opt --attn-prune-heads=keep=N`
prunes it (the kept heads chosen by their L1 norms; all of them for N = HEADS, i.e. the
unpruned layer), and `attn-run FILE --repeat R` is run --runs times; each run prints the
median of R calls after a warm-up, and the table reports the median of those medians,
the ratio to the unpruned layer and the ratio of heads kept. OMP_NUM_THREADS is set to
--threads. Writes a Markdown table to stdout (and to --out if given).
Python 3 standard library only.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "examples"))


def run(cmd, env=None):
    result = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{result.stdout}{result.stderr}")
    return result.stdout


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--build", default=os.path.join(REPO, "build"), help="the build directory (default: build)")
    p.add_argument("--batch", type=int, default=1)
    p.add_argument("--seq", type=int, default=512)
    p.add_argument("--model", type=int, default=768)
    p.add_argument("--heads", type=int, default=12)
    p.add_argument("--keep", default="12,9,6,3", help="head counts to keep, comma-separated")
    p.add_argument("--runs", type=int, default=5, help="attn-run invocations per count")
    p.add_argument("--repeat", type=int, default=10, help="timed calls per invocation")
    p.add_argument("--threads", type=int, default=1, help="OMP_NUM_THREADS")
    p.add_argument("--quick", action="store_true", help="B=1 S=64 model 256, 8 heads, keep 8,4,2; 3 runs of 5")
    p.add_argument("--out", help="also write the table to this file")
    a = p.parse_args()
    if a.quick:
        a.seq, a.model, a.heads, a.keep, a.runs, a.repeat = 64, 256, 8, "8,4,2", 3, 5
    keeps = [int(k) for k in a.keep.split(",")]
    opt = os.path.join(a.build, "bin", "attn-opt")
    attn_run = os.path.join(a.build, "bin", "attn-run")
    env = dict(os.environ, OMP_NUM_THREADS=str(a.threads))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        layer = os.path.join(tmp, "mha.mlir")
        run([sys.executable, os.path.join(REPO, "examples", "gen_layer.py"), "mha", str(a.batch), str(a.seq),
             str(a.model), str(a.heads), "-o", layer])
        for keep in keeps:
            pruned = os.path.join(tmp, f"keep{keep}.mlir")
            run([opt, layer, f"--attn-prune-heads=keep={keep}", "-o", pruned])
            medians = []
            for _ in range(a.runs):
                out = run([attn_run, pruned, "--repeat", str(a.repeat)], env)
                m = re.search(r"time: median ([0-9.e+-]+) ms", out)
                medians.append(float(m.group(1)))
            rows.append((keep, statistics.median(medians), min(medians), max(medians)))
    base = rows[0][1] if rows and rows[0][0] == a.heads else None
    lines = [
        f"`attn.mha` B={a.batch} S={a.seq} model={a.model}, {a.heads} heads of {a.model // a.heads}, "
        f"{a.threads} thread(s); median of {a.runs} attn-run runs, each the median of {a.repeat} calls",
        "",
        "| heads kept | time (ms) | min–max of the runs (ms) | time / unpruned | heads kept / all |",
        "|---:|---:|---:|---:|---:|",
    ]
    for keep, med, lo, hi in rows:
        ratio = f"{med / base:.2f}" if base else "–"
        lines.append(f"| {keep} | {med:.3f} | {lo:.3f}–{hi:.3f} | {ratio} | {keep / a.heads:.2f} |")
    text = "\n".join(lines) + "\n"
    print(text, end="")
    if a.out:
        with open(a.out, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
