#!/usr/bin/env python3
"""Layer and matmul benchmark (issue 11): attn against ONNX Runtime (and OpenBLAS for
the matmuls), on the same shapes and thread count, in one invocation, with the
machine's FP32 FMA peak and memory read bandwidth measured in the same run.

    python3 bench/layer_bench.py                 # everything (long: see bench/README.md)
    python3 bench/layer_bench.py --smoke         # three small shapes; non-zero exit on failure
    python3 bench/layer_bench.py --list          # the shapes and variants it would run
    python3 bench/layer_bench.py --shapes 'encoder|mha' --variants attn,ort

- matmuls Y = A·W, M in {1, 8, 128, 512, 2048}, N and K in {768, 3072, 4096}, W a
  constant weight: attn (a one-matmul module, `attn-run --repeat`, and the same module
  compiled ahead of time), ONNX Runtime's MatMul (bench/ort_matmul.js, W an
  initializer) and OpenBLAS's sgemm (bench/blas_matmul.c) when Debian's OpenBLAS is
  installed;
- layers `mha` and `encoder` (examples/gen_layer.py, the layers of
  ../shared/peers/ort_layer.js) at B=1 S in {128, 512, 2048} and B=8 S=128 (model 768,
  12 heads, FFN 3072), and a GQA `mha` (model 4096, 32 heads, 8 KV heads, S=512):
  attn (JIT and ahead of time) and ORT (`node ort_layer.js`).

Writes OUT/results.md and OUT/results.json (OUT defaults to build/layer-bench).
Python 3 standard library only. See bench/README.md.
"""

import argparse
import glob
import os
import random
import re
import shutil
import subprocess
import sys
import time

from benchlib import (build_c, choose, PEERS_SRC, REPO, Harness, add_common_arguments, fmt, fmt_ms,
                      load_npy_f32, others, render_footer, render_header, run_measured,
                      settle_common_arguments, value_range, verdict)

sys.path.insert(0, os.path.join(REPO, "examples"))
import gen_layer  # noqa: E402  (examples/gen_layer.py: the modules and their weights)

VARIANTS = ["attn", "aot", "ort", "openblas"]
VARIANT_LABEL = {
    "attn": "attn (attn-run, JIT)",
    "aot": "attn AOT (attn-compile)",
    "ort": "ONNX Runtime",
    "openblas": "OpenBLAS sgemm",
}
OPENBLAS_CANDIDATES = [
    "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0",
    "/usr/lib/x86_64-linux-gnu/libopenblas.so.0",
    "/usr/lib/*/openblas-pthread/libopenblas.so.0",
    "/usr/lib/*/libopenblas.so.0",
]
# Matmuls of this many rows or fewer are memory-bound (a decoding step's
# projections): judged against the read bandwidth rather than the FMA peak.
DECODE_ROWS = 8


# --------------------------------------------------------------------------- shapes

class MatmulShape:
    kind = "matmul"
    function = "matmul"

    def __init__(self, m, n, k):
        self.m, self.n, self.k = m, n, k

    @property
    def name(self):
        return f"matmul-m{self.m}-n{self.n}-k{self.k}"

    @property
    def label(self):
        return f"matmul M={self.m} N={self.n} K={self.k}"

    @property
    def flops(self):
        return 2 * self.m * self.n * self.k

    @property
    def weight_bytes(self):
        return 4 * self.k * self.n

    @property
    def memory_bound(self):
        return self.m <= DECODE_ROWS

    def runs(self, variant):
        return True

    def repeats(self, variant):
        if self.memory_bound:
            return 50
        if self.flops <= 2e9:
            return 20
        if self.flops <= 2e10:
            return 10
        return 5

    def write(self, path, resources_from=None):
        gen_layer.write_matmul(path, self.m, self.n, self.k, resources_from=resources_from)

    def arg_shapes(self):
        return [(self.m, self.k)]

    def ort_command(self, threads, n):
        return "ort_matmul.js", [self.m, self.n, self.k, threads, n]


class LayerShape:
    memory_bound = False

    def __init__(self, kind, b, s, model, heads, kv_heads=None, ffn=None):
        self.kind, self.b, self.s, self.model, self.heads = kind, b, s, model, heads
        self.kv_heads = kv_heads or heads
        self.ffn = ffn or 4 * model
        self.function = kind  # the generated function's name

    @property
    def name(self):
        kv = f"-kv{self.kv_heads}" if self.kv_heads != self.heads else ""
        return f"{self.kind}-b{self.b}-s{self.s}-m{self.model}-h{self.heads}{kv}"

    @property
    def label(self):
        kv = f"/{self.kv_heads} KV heads" if self.kv_heads != self.heads else " heads"
        ffn = f", FFN {self.ffn}" if self.kind == "encoder" else ""
        return f"{self.kind} B={self.b} S={self.s} model {self.model}, {self.heads}{kv}{ffn}"

    @property
    def flops(self):
        return gen_layer.layer_flops(self.kind, self.b, self.s, self.model, self.heads,
                                     self.kv_heads, self.ffn)

    def runs(self, variant):
        return variant != "openblas"

    def repeats(self, variant):
        if self.flops <= 5e9:
            return 10
        if self.flops <= 2e10:
            return 5
        return 3

    def write(self, path):
        gen_layer.write_layer(path, self.kind, self.b, self.s, self.model, self.heads,
                              self.kv_heads, self.ffn)

    def arg_shapes(self):
        return [(self.b, self.s, self.model)]

    def ort_command(self, threads, n):
        return "ort_layer.js", [self.kind, self.b, self.s, self.model, self.heads,
                                self.kv_heads, self.ffn, threads, n]


def all_shapes():
    shapes = []
    for n in (768, 3072, 4096):
        for k in (768, 3072, 4096):
            for m in (1, 8, 128, 512, 2048):
                shapes.append(MatmulShape(m, n, k))
    for kind in ("mha", "encoder"):
        for b, s in ((1, 128), (1, 512), (1, 2048), (8, 128)):
            shapes.append(LayerShape(kind, b, s, 768, 12))
    shapes.append(LayerShape("mha", 1, 512, 4096, 32, 8))
    return shapes


# Small, odd sizes: a decode-shaped matmul, a matmul of no round size, and a
# GQA encoder layer with batch 2 (MHA, both residuals, the FFN).
SMOKE_SHAPES = [MatmulShape(8, 96, 64), MatmulShape(33, 40, 72),
                LayerShape("encoder", 2, 16, 64, 4, 2, 96)]


# --------------------------------------------------------------------------- checks

def check_matmul_samples(sh, a, out_npy, samples=64):
    """Compares `samples` elements of attn's Y (plus its corners) with dot
    products computed here in double precision from the same A and W. The
    tolerance scales with the sum of |a·w| terms, as f32 accumulation error
    does; a wrong row, column or K range errs by O(1)."""
    y = load_npy_f32(out_npy)
    if len(y) != sh.m * sh.n:
        return {"ok": False, "why": f"{len(y)} elements, expected {sh.m * sh.n}"}
    w = gen_layer.weight_values("w", sh.k * sh.n, 1.0 / sh.k ** 0.5)
    rng = random.Random(0)
    points = {(0, 0), (sh.m - 1, sh.n - 1), (0, sh.n - 1), (sh.m - 1, 0)}
    while len(points) < min(samples, sh.m * sh.n):
        points.add((rng.randrange(sh.m), rng.randrange(sh.n)))
    worst = 0.0
    for i, j in sorted(points):
        row = a[i * sh.k:(i + 1) * sh.k]
        col = w[j::sh.n]
        ref = sum(x * v for x, v in zip(row, col))
        scale = sum(abs(x * v) for x, v in zip(row, col))
        err = abs(y[i * sh.n + j] - ref)
        worst = max(worst, err / (1e-6 + scale))
        if not err <= 1e-5 + 1e-5 * scale:  # also catches NaN
            return {"ok": False, "why": f"Y[{i},{j}] = {y[i * sh.n + j]}, expected {ref}",
                    "points": len(points)}
    return {"ok": True, "points": len(points), "worst_rel_to_abs_sum": worst}


def check_verdict(rc, out):
    """attn-run --check's verdict on result 0, from its exit code and output."""
    line = next((l for l in out.splitlines() if l.startswith("result 0: max abs err")), "")
    return {"ok": rc == 0 and " PASS" in line, "line": line.strip() or out.strip()[-500:]}


def find_openblas():
    for pattern in OPENBLAS_CANDIDATES:
        for path in sorted(glob.glob(pattern)):
            if os.path.exists(path):
                return path
    return None


# --------------------------------------------------------------------------- bench

class LayerBench(Harness):
    def setup_openblas(self):
        """(runner, library) for the OpenBLAS column: Debian's
        libopenblas0-pthread, installed with apt-get when missing (as root, not
        with --smoke)."""
        lib = find_openblas()
        if lib is None and not self.args.smoke and os.geteuid() == 0 and shutil.which("apt-get"):
            self.log("OpenBLAS missing: apt-get install libopenblas0-pthread ...")
            env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
            cmd = ["apt-get", "install", "-y", "-qq", "--no-install-recommends",
                   "libopenblas0-pthread"]
            if subprocess.run(cmd, capture_output=True, env=env).returncode != 0:
                subprocess.run(["apt-get", "update", "-qq"], capture_output=True, env=env)
                subprocess.run(cmd, capture_output=True, env=env)
            lib = find_openblas()
        if lib is None:
            return None, ("OpenBLAS (Debian's libopenblas0-pthread) is not installed: "
                          "OpenBLAS column skipped")
        runner = os.path.join(self.out, "blas_matmul")
        why = build_c(os.path.join(REPO, "bench", "blas_matmul.c"), runner, ["-ldl", "-lm"])
        if why:
            return None, f"{why}: OpenBLAS column skipped"
        return (runner, lib), None

    def new_record(self, sh, variant):
        n = self.args.repeat or sh.repeats(variant)
        rec = {"shape": sh.name, "label": sh.label, "kind": sh.kind, "variant": variant,
               "flops": sh.flops, "repeats": n, "ok": False}
        if sh.kind == "matmul":
            rec.update(M=sh.m, N=sh.n, K=sh.k, weight_bytes=sh.weight_bytes,
                       memory_bound=sh.memory_bound)
        else:
            rec.update(B=sh.b, S=sh.s, model=sh.model, heads=sh.heads,
                       kv_heads=sh.kv_heads, ffn=sh.ffn)
        return rec

    def measure_once(self, sh, variant, files):
        rec = self.new_record(sh, variant)
        n = rec["repeats"]
        if variant == "ort":
            script, args = sh.ort_command(self.threads, n)
            j = self.run_ort(script, args, rec)
            if j is None:
                return rec
            if abs(j.get("flop", sh.flops) - sh.flops) > 1e-6 * sh.flops:
                self.notes.append(f"{sh.name}: {script} counts {j['flop']:.4g} FLOP, "
                                  f"this benchmark {sh.flops:.4g}")
        elif variant == "openblas":
            runner, lib = self.openblas
            cmd = [runner, lib, str(sh.m), str(sh.n), str(sh.k), str(n)]
            env = dict(self.env, OPENBLAS_NUM_THREADS=str(self.threads))
            rec["command"] = " ".join([f"OPENBLAS_NUM_THREADS={self.threads}",
                                       os.path.relpath(runner, REPO)] + cmd[1:])
            rc, out, rss, wall, other, steal = run_measured(cmd, env, self.args.timeout)
            rec.update(rc=rc, peak_rss_mib=rss, wall_s=wall, other_cpu_s=other, steal_s=steal)
            m = re.search(r"time: median ([\d.e+-]+) ms", out)
            c = re.search(r"config: (.*)", out)
            if rc != 0 or not m:
                rec["error"] = out.strip()[-2000:]
                return rec
            rec["median_ms"] = float(m.group(1))
            rec["blas_config"] = c.group(1).strip() if c else None
        elif variant == "aot":
            calls = 1 if sh.flops > 1e12 else n
            aot = self.run_aot(files["mlir"], sh.function, sh.arg_shapes(), calls)
            aot.pop("ok")
            rec.update(aot)
            rec["repeats"] = calls
            if "median_ms" not in rec:
                return rec
        else:  # attn
            args = ["--repeat", str(n)]
            if sh.kind == "matmul":
                args += ["--input", files["a"], "--output-npy", files["out"] + "."]
            elif self.args.smoke:
                args += ["--check"]  # one compile instead of two (check_layer)
            out = self.run_attn(files["mlir"], args, rec)
            if sh.kind != "matmul" and self.args.smoke:
                rec["check"] = check_verdict(rec.get("rc", 1), out or rec.get("error", ""))
            if out is None:
                return rec
            if sh.kind == "matmul":
                rec["check"] = check_matmul_samples(sh, files["a_values"], files["out"] + ".0.npy")
                os.remove(files["out"] + ".0.npy")
                if not rec["check"]["ok"]:
                    rec["error"] = "wrong result: " + rec["check"]["why"]
                    return rec
        rec["gflops"] = sh.flops / (rec["median_ms"] * 1e-3) / 1e9
        rec["ok"] = True
        return rec

    def check_layer(self, sh, files):
        """attn-run --check once, apart from the timed run (the reference's own
        time and memory stay out of the measurement)."""
        if sh.flops > self.args.check_max_gflop * 1e9:
            return {"ok": None, "why": f"skipped: {sh.flops / 1e9:.1f} GFLOP > "
                                       f"--check-max-gflop {self.args.check_max_gflop:g}"}
        cmd = [self.attn_run, files["mlir"], "--check"]
        t0 = time.monotonic()
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, env=self.env,
                               timeout=self.args.timeout)
        except subprocess.TimeoutExpired:
            return {"ok": False, "line": f"killed after {self.args.timeout:g} s",
                    "wall_s": time.monotonic() - t0}
        return dict(check_verdict(r.returncode, r.stdout + r.stderr),
                    wall_s=time.monotonic() - t0)

    def prepare(self, sh):
        """Writes the shape's module (and, for a matmul, its input A); returns
        the paths, or None after a failure."""
        base = os.path.join(self.work, sh.name)
        files = {"mlir": base + ".mlir", "out": base + ".out"}
        t0 = time.monotonic()
        try:
            if sh.kind == "matmul":
                # The shapes come grouped by (N, K): the weight blob of the
                # previous module of the same N and K is copied, not drawn again.
                prev = self.weight_source
                same = prev and prev[0] == (sh.n, sh.k) and os.path.exists(prev[1])
                sh.write(files["mlir"], resources_from=prev[1] if same else None)
                self.forget_weight_source()
                self.weight_source = ((sh.n, sh.k), files["mlir"])
            else:
                sh.write(files["mlir"])
            if sh.kind == "matmul":
                files["a"] = base + ".a.npy"
                files["a_values"] = gen_layer.weight_values("a", sh.m * sh.k, 1.0, seed=1)
                a = files["a_values"]
                gen_layer.write_npy(files["a"], (sh.m, sh.k), [
                    gen_layer.little_endian(a)])
        except (OSError, ValueError) as e:
            self.failures.append(f"{sh.name}: could not write its module: {e}")
            return None
        self.log(f"{sh.label}  ({sh.flops:.3g} FLOP; module "
                 f"{os.path.getsize(files['mlir']) / 2**20:.0f} MiB written in "
                 f"{time.monotonic() - t0:.1f} s)")
        return files

    def cleanup(self, files):
        if self.args.keep_files:
            return
        for key in ("mlir", "a"):
            if key == "mlir" and self.weight_source and self.weight_source[1] == files[key]:
                continue  # the next matmul of the same N and K copies its weight
            if key in files and os.path.exists(files[key]):
                os.remove(files[key])

    def forget_weight_source(self):
        """Deletes the module kept for its weight blob (unless --keep-files)."""
        if self.weight_source and not self.args.keep_files:
            if os.path.exists(self.weight_source[1]):
                os.remove(self.weight_source[1])
        self.weight_source = None

    def run(self, shapes, variants):
        meta = self.start()
        if meta is None:
            return 2
        self.matmul_variants = self.args.matmul_variant_list or variants
        layer_variants = variants
        variants = [v for v in VARIANTS if v in variants or v in self.matmul_variants]
        self.aot = self.setup_aot() if "aot" in variants else None
        self.ort = None
        if "ort" in variants:
            self.ort, why = self.setup_ort(
                not self.args.smoke, [os.path.join(PEERS_SRC, "ort_layer.js"),
                                      os.path.join(REPO, "bench", "ort_matmul.js")])
            if why:
                self.notes.append(why)
                self.log(f"note: {why}")
            if self.ort:
                r = subprocess.run([self.ort[0], "--version"], capture_output=True, text=True)
                meta["node"] = r.stdout.strip()
        self.openblas = None
        if "openblas" in variants and any(sh.runs("openblas") for sh in shapes):
            self.openblas, why = self.setup_openblas()
            if why:
                self.notes.append(why)
                self.log(f"note: {why}")
        available = {"attn": True, "aot": self.aot, "ort": self.ort, "openblas": self.openblas}
        self.weight_source = None
        # The bandwidth probe first: the FMA probe after it waits for quiet,
        # so the 512 MiB it frees are settled before the first measurement.
        bw0 = self.read_bandwidth() if any(sh.memory_bound for sh in shapes) else None
        peak0 = self.fma_peak()
        for sh in shapes:
            wanted = self.matmul_variants if sh.kind == "matmul" else layer_variants
            vs = [v for v in wanted if sh.runs(v) and available[v]]
            if not vs:
                continue
            files = self.prepare(sh)
            if files is None:
                continue
            for v in vs:
                rec = self.measure(lambda: self.measure_once(sh, v, files))
                self.results.append(rec)
                if v == "attn" and sh.kind != "matmul" and (rec["ok"] or "check" in rec):
                    if "check" not in rec:
                        rec["check"] = self.check_layer(sh, files)
                    c = rec["check"]
                    self.log(f"  check     {c.get('line') or c.get('why')}")
                    if c["ok"] is False:
                        self.failures.append(f"{sh.name}: attn-run --check failed: {c['line']}")
                self.log_measurement(rec)
            self.cleanup(files)
        self.forget_weight_source()
        self.finish(meta, peak0, bw0)
        if self.flop_mismatch:
            self.notes.append(
                f"attn-run's own FLOP count differs from the benchmark's in "
                f"{len(self.flop_mismatch)} measurement(s), e.g. {self.flop_mismatch[0]}; "
                "GFLOP/s in the tables use the benchmark's count")
        self.derive(meta)
        meta["ort_version"] = next((r.get("ort_version") for r in self.results
                                    if r["variant"] == "ort" and r.get("ort_version")), None)
        meta["blas"] = next((r["blas_config"] for r in self.results if r.get("blas_config")),
                            None)
        targets = evaluate_targets(self.results, meta) if not self.args.smoke else []
        self.write_results(meta, targets, lambda m: render_markdown(m, self.results, targets))
        return self.report_end(meta)

    def log_measurement(self, rec):
        v = rec["variant"]
        if rec["ok"]:
            self.log(f"  {v:9s} {rec['median_ms']:10.3f} ms  {rec['gflops']:8.2f} GFLOP/s  "
                     f"RSS {rec['peak_rss_mib']:7.0f} MiB  (x{rec['repeats']}, "
                     f"{rec['wall_s']:.1f} s, others' CPU {others(rec)})")
            self.note_quietness(rec)
            self.note_flop_counts(rec, rec["flops"])
        else:
            self.log(f"  {v:9s} FAILED (exit {rec.get('rc')}):\n    "
                     + rec.get("error", "").replace("\n", "\n    ")[-1500:])
            self.failures.append(f"{rec['shape']} {v}: "
                                 + (rec["error"].splitlines()[0][:200]
                                    if rec.get("error", "").startswith("wrong result")
                                    else f"exit {rec.get('rc')}"))

    def derive(self, meta):
        """% of the FMA peak, weight GB/s and % of the read bandwidth, and the
        ratios to ORT (time and peak RSS)."""
        peak, bw = meta["fma_peak_gflops"], meta["read_bw_gbs"]
        for r in self.results:
            if not r.get("ok"):
                continue
            if peak:
                r["pct_peak"] = 100.0 * r["gflops"] / peak
            if r["kind"] == "matmul":
                r["weight_gbs"] = r["weight_bytes"] / (r["median_ms"] * 1e-3) / 1e9
                if bw:
                    r["pct_bw"] = 100.0 * r["weight_gbs"] / bw
        ort_by = {r["shape"]: r for r in self.results if r["variant"] == "ort" and r.get("ok")}
        for r in self.results:
            o = ort_by.get(r["shape"])
            if r.get("ok") and o and r["variant"] != "ort":
                r["x_ort"] = o["median_ms"] / r["median_ms"]
                r["rss_vs_ort"] = r["peak_rss_mib"] / o["peak_rss_mib"]


# --------------------------------------------------------------------------- report

def render_markdown(meta, results, targets):
    L = render_header(meta, results, "attn layer and matmul benchmark results")
    L.append("Median time over the timed calls (after one warm-up); GFLOP/s from that median "
             "and the benchmark's FLOP count (matmuls 2·M·N·K; layers 2·rows·in·out per "
             "projection, 4·B·heads·S²·head_dim for the attention, 4·B·S·model·FFN for the "
             "FFN, as ort_layer.js counts); ORT / attn = ORT's median time / this variant's "
             "(above 1: faster than ORT); peak RSS is the process's own ru_maxrss (os.wait4): "
             "attn-run carries the JIT compiler (~120 MiB), the AOT runner only the compiled "
             "code, its weights and the data; node carries V8 and ONNX Runtime.")
    L.append("")
    mm = [r for r in results if r["kind"] == "matmul"]
    if mm:
        L.append("## Matmuls")
        L.append("")
        L.append("Y = A·W with W a constant (attn: an `attn.weight`; ORT: an initializer; "
                 "OpenBLAS: the same array every call). M ≥ 128 is judged against the FMA peak, "
                 f"M ≤ {DECODE_ROWS} (memory-bound) against the read bandwidth, counting the "
                 "weight's bytes (W MiB) once per call: a weight that fits in the L3 cache stays "
                 "there between calls, so its rate may exceed the memory's. attn's JIT result is "
                 "checked on sampled elements against double-precision dot products.")
        L.append("")
        L.append("| M | N | K | W MiB | variant | calls | median ms | GFLOP/s | % peak | "
                 "weight GB/s | % bandwidth | ORT / this | peak RSS MiB |")
        L.append("|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in mm:
            if r.get("ok"):
                mb = r["memory_bound"]
                L.append(f"| {r['M']} | {r['N']} | {r['K']} | {r['weight_bytes'] / 2**20:.1f} | "
                         f"{VARIANT_LABEL[r['variant']]} | "
                         f"{r['repeats']} | {fmt_ms(r['median_ms'])} | {fmt(r['gflops'])} | "
                         f"{'—' if mb else fmt(r.get('pct_peak'))} | {fmt(r.get('weight_gbs'))} | "
                         f"{fmt(r.get('pct_bw')) if mb else '—'} | {fmt(r.get('x_ort'))} | "
                         f"{r['peak_rss_mib']:.0f} |")
            else:
                L.append(f"| {r['M']} | {r['N']} | {r['K']} | {r['weight_bytes'] / 2**20:.1f} | "
                         f"{VARIANT_LABEL[r['variant']]} | {r['repeats']} | FAILED | | | | | | |")
        L.append("")
    ly = [r for r in results if r["kind"] != "matmul"]
    if ly:
        L.append("## Layers")
        L.append("")
        L.append("The layers of `ort_layer.js` written by examples/gen_layer.py: `mha` (Q/K/V/O "
                 "projections with biases around the attention), `encoder` (BERT-style post-"
                 "norm: H = LN(X + MHA(X)), Y = LN(H + W2·GELU(W1·H + b1) + b2)). Check: "
                 "`attn-run --check` (the independent double-precision reference) in a separate "
                 "run of the same module.")
        L.append("")
        L.append("| layer | variant | calls | median ms | GFLOP/s | % peak | ORT / this | "
                 "peak RSS MiB | RSS / ORT | check |")
        L.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
        for r in ly:
            chk = r.get("check")
            c = "" if not chk else ("PASS" if chk["ok"] else
                                    ("skipped" if chk["ok"] is None else "FAIL"))
            if r.get("ok"):
                L.append(f"| {r['label']} | {VARIANT_LABEL[r['variant']]} | {r['repeats']} | "
                         f"{fmt_ms(r['median_ms'])} | {fmt(r['gflops'])} | "
                         f"{fmt(r.get('pct_peak'))} | {fmt(r.get('x_ort'))} | "
                         f"{r['peak_rss_mib']:.0f} | {fmt(r.get('rss_vs_ort'))} | {c} |")
            else:
                L.append(f"| {r['label']} | {VARIANT_LABEL[r['variant']]} | {r['repeats']} | "
                         f"FAILED | | | | | | {c} |")
        L.append("")
    if targets:
        L.append("## Issue 11 targets, from this run")
        L.append("")
        L.append("| target | shapes | measured (attn) | met | ORT for comparison |")
        L.append("|---|---|---|---|---|")
        for t in targets:
            L.append(f"| {t['target']} | {t['shapes']} | {t['measured']} | {t['met']} | "
                     f"{t.get('peer', '—')} |")
        L.append("")
    L += render_footer(meta)
    return "\n".join(L)


def last_level_cache_bytes(meta):
    """The L3's size: lscpu's "L3 cache" ("32 MiB (1 instance)"), else the C
    library's (getconf; a guest may see its host's whole L3 there), else None."""
    m = re.match(r"([\d.]+)\s*([KMG])i?B", (meta.get("caches") or {}).get("L3 cache", ""))
    if m:
        return float(m.group(1)) * {"K": 2**10, "M": 2**20, "G": 2**30}[m.group(2)]
    try:
        r = subprocess.run(["getconf", "LEVEL3_CACHE_SIZE"], capture_output=True, text=True)
        return int(r.stdout.strip()) or None
    except (OSError, ValueError):
        return None


def evaluate_targets(results, meta):
    ok = [r for r in results if r.get("ok")]
    l3 = last_level_cache_bytes(meta)

    def of(variant, pred):
        return [r for r in ok if r["variant"] == variant and pred(r)]

    compute = lambda r: r["kind"] == "matmul" and not r["memory_bound"]  # noqa: E731
    memory = lambda r: r["kind"] == "matmul" and r["memory_bound"]  # noqa: E731
    layer = lambda r: r["kind"] != "matmul"  # noqa: E731
    T = []
    p = [r["pct_peak"] for r in of("attn", compute) if "pct_peak" in r]
    po = [r["pct_peak"] for r in of("ort", compute) if "pct_peak" in r]
    T.append({"target": "matmul M ≥ 128: ≥ 80% of the FMA peak",
              "shapes": "M 128–2048, N, K 768–4096", "measured": value_range(p, "%"),
              "met": verdict(p, lambda v: v >= 80), "peer": value_range(po, "%")})
    b = [r["pct_bw"] for r in of("attn", memory) if "pct_bw" in r]
    bo = [r["pct_bw"] for r in of("ort", memory) if "pct_bw" in r]
    T.append({"target": f"matmul M ≤ {DECODE_ROWS}: ≥ 70% of the read bandwidth",
              "shapes": "M 1, 8; N, K 768–4096", "measured": value_range(b, "%"),
              "met": verdict(b, lambda v: v >= 70), "peer": value_range(bo, "%")})
    if l3:
        # Weights that fit in the L3 stay there between calls: only the
        # larger ones are streamed from memory on every call.
        big = lambda r: memory(r) and r["weight_bytes"] > l3  # noqa: E731
        b = [r["pct_bw"] for r in of("attn", big) if "pct_bw" in r]
        bo = [r["pct_bw"] for r in of("ort", big) if "pct_bw" in r]
        T.append({"target": f"… of which weights larger than the L3 ({l3 / 2**20:.0f} MiB)",
                  "shapes": "M 1, 8; N·K·4 bytes > L3", "measured": value_range(b, "%"),
                  "met": verdict(b, lambda v: v >= 70), "peer": value_range(bo, "%")})
    x = [r["x_ort"] for r in of("attn", layer) if "x_ort" in r]
    xa = [r["x_ort"] for r in of("aot", layer) if "x_ort" in r]
    T.append({"target": "every mha and encoder layer: ≥ 1.0× ORT",
              "shapes": "B=1 S 128–2048, B=8 S=128, GQA", "measured": value_range(x, "×")
              + (f" (AOT {value_range(xa, '×')})" if xa else ""),
              "met": verdict(x, lambda v: v >= 1.0)})
    x5 = [r["x_ort"] for r in of("attn", lambda r: layer(r) and r["S"] >= 512) if "x_ort" in r]
    T.append({"target": "layers with S ≥ 512: ≥ 1.3× ORT", "shapes": "S 512, 2048, GQA",
              "measured": value_range(x5, "×"), "met": verdict(x5, lambda v: v >= 1.3)})
    checks = [r["check"]["ok"] for r in of("attn", lambda r: "check" in r)
              if r["check"]["ok"] is not None]
    T.append({"target": "attn's results checked (layers: --check; matmuls: sampled elements)",
              "shapes": "every attn (JIT) measurement within --check-max-gflop",
              "measured": f"{sum(checks)} of {len(checks)} pass",
              "met": verdict(checks, lambda v: v)})
    return T


# --------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smoke", action="store_true",
                    help="three small shapes (" + ", ".join(s.label for s in SMOKE_SHAPES)
                         + ") through every variant that can run; ORT only if node and an "
                           "installed build/peers exist, OpenBLAS only if installed; exit "
                           "non-zero if anything fails")
    ap.add_argument("--check-max-gflop", type=float, default=10.0, metavar="G",
                    help="run attn-run --check on the layers of at most G GFLOP per call "
                         "(default 10: the reference is plain double-precision loops)")
    ap.add_argument("--matmul-variants", default=None, metavar="LIST",
                    help="the variants for the matmul shapes (default: --variants), e.g. "
                         "attn,ort,openblas to leave out the ahead-of-time compile of each "
                         "matmul module (the slowest part of the matmul shapes)")
    add_common_arguments(ap, "layer-bench", VARIANTS, "'matmul-m(1|8)-' or 'encoder|mha'")
    args = ap.parse_args()
    args.matmul_variant_list = None
    if args.matmul_variants is not None:
        args.matmul_variant_list = [v.strip() for v in args.matmul_variants.split(",")
                                    if v.strip()]
        bad = [v for v in args.matmul_variant_list if v not in VARIANTS]
        if bad:
            ap.error(f"unknown --matmul-variants {bad}; known: {VARIANTS}")

    chosen = choose(ap, args, VARIANTS, SMOKE_SHAPES if args.smoke else all_shapes())
    if chosen is None:
        return 0
    settle_common_arguments(args, "layer-bench")
    return LayerBench(args).run(*chosen)


if __name__ == "__main__":
    sys.exit(main())
