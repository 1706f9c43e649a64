#!/usr/bin/env python3
"""Attention benchmark: attn's tiled pipeline, attn's untiled lowering, upstream
MLIR's plain linalg lowering and ONNX Runtime's CPU Attention op, on the same
shapes and thread count, in one invocation, with the machine's FP32 FMA peak
measured in the same run.

    python3 bench/attn_bench.py                  # the full run (about 10-20 minutes)
    python3 bench/attn_bench.py --smoke          # one small shape; non-zero exit on failure
    python3 bench/attn_bench.py --list           # the shapes and variants it would run
    python3 bench/attn_bench.py --shapes 's2048' --variants tiled,ort

Writes OUT/results.md, OUT/results.json and OUT/performance.png (OUT defaults to
build/bench). Python 3 standard library only; matplotlib (Debian's
python3-matplotlib) for the plot, installed with apt-get when missing and
possible, else the plot is skipped. See bench/README.md.
"""

import argparse
import json
import os
import struct
import shutil
import subprocess
import sys
import time

from benchlib import (choose, PEERS_SRC, Harness, add_common_arguments, compare_npy, fmt, fmt_ms,
                      others, render_footer, render_header, settle_common_arguments,
                      ensure_matplotlib, sha256_file, value_range, verdict)

VARIANTS = ["tiled", "untiled", "upstream", "ort"]
# With --base-build DIR: the tiled module through DIR/bin/attn-run as well (an
# older checkout's build), for a before/after comparison in one run.
KNOWN_VARIANTS = VARIANTS + ["base"]
VARIANT_LABEL = {
    "base": "attn tiled, base build",
    "tiled": "attn tiled",
    "untiled": "attn untiled (tile=false)",
    "upstream": "upstream linalg",
    "ort": "ONNX Runtime",
}
# Largest S (= SKV) each variant runs at; decode shapes are named separately.
MAX_S = {"tiled": None, "untiled": 2048, "upstream": 2048, "ort": 8192}
DECODE_VARIANTS = {"tiled", "ort"}  # untiled/upstream: SKV=4096 is past their limit


# --------------------------------------------------------------------------- shapes

class Shape:
    def __init__(self, b, hq, hkv, sq, skv, d, causal, decode=False):
        self.b, self.hq, self.hkv, self.sq, self.skv, self.d = b, hq, hkv, sq, skv, d
        self.causal, self.decode = causal, decode

    @property
    def name(self):
        if self.decode:
            return f"decode-b{self.b}-hq{self.hq}-hkv{self.hkv}-skv{self.skv}-d{self.d}"
        c = "-causal" if self.causal else ""
        return f"b{self.b}-h{self.hq}-s{self.sq}-d{self.d}{c}"

    @property
    def label(self):
        if self.decode:
            return (f"decode B={self.b} HQ={self.hq} HKV={self.hkv} SQ=1 "
                    f"SKV={self.skv} D={self.d}")
        return (f"B={self.b} H={self.hq} S={self.sq} D={self.d}"
                + (" causal" if self.causal else ""))

    @property
    def flops(self):
        # 4·B·HQ·SQ·SKV·D, halved for causal with SQ == SKV (what attn-run and
        # ort_attention.js count).
        f = 4 * self.b * self.hq * self.sq * self.skv * self.d
        return f // 2 if self.causal and self.sq == self.skv else f

    @property
    def tensor_bytes(self):
        # Q, K, V and the output, f32.
        return 4 * (2 * self.b * self.hq * self.sq * self.d
                    + 2 * self.b * self.hkv * self.skv * self.d)

    def runs(self, variant):
        if variant == "base":
            variant = "tiled"
        if self.decode:
            return variant in DECODE_VARIANTS
        if variant == "upstream" and self.hq != self.hkv:
            return False
        lim = MAX_S[variant]
        return lim is None or self.skv <= lim

    def repeats(self, variant):
        """Timed calls (after one warm-up): enough for a stable median, few
        enough that the largest shapes stay affordable."""
        s = self.skv
        if variant == "base":
            variant = "tiled"
        if self.decode:
            return 50 if variant == "tiled" else 20
        if variant in ("untiled", "upstream"):
            return 5 if self.flops <= 2e9 else 3
        if variant == "ort":
            return 10 if s <= 2048 else 5
        # tiled
        if s <= 1024:
            return 20
        if s <= 4096:
            return 10
        if s <= 8192:
            return 5
        return 3


def all_shapes():
    shapes = []
    for s in (512, 1024, 2048, 4096, 8192, 16384, 32768):
        for d in (64, 128):
            for causal in (False, True):
                shapes.append(Shape(1, 8, 8, s, s, d, causal))
    shapes.append(Shape(4, 12, 12, 512, 512, 64, False))
    for skv in (4096, 32768):
        shapes.append(Shape(1, 32, 8, 1, skv, 128, True, decode=True))
    return shapes


SMOKE_SHAPE = Shape(1, 2, 2, 128, 128, 64, False)


# --------------------------------------------------------------------------- MLIR

def f32_hex(x):
    return "0x%08X" % struct.unpack("<I", struct.pack("<f", x))[0]


def attn_module(sh):
    tq = f"tensor<{sh.b}x{sh.hq}x{sh.sq}x{sh.d}xf32>"
    tk = f"tensor<{sh.b}x{sh.hkv}x{sh.skv}x{sh.d}xf32>"
    causal = " causal" if sh.causal else ""
    return f"""// Generated by bench/attn_bench.py: {sh.label}
func.func @attention(%q: {tq}, %k: {tk}, %v: {tk}) -> {tq} {{
  %o = attn.sdpa %q, %k, %v{causal} : {tq}, {tk}, {tk} -> {tq}
  return %o : {tq}
}}
"""


def upstream_module(sh):
    """Q·Kᵀ (linalg.batch_matmul over B·H with a transposed-K indexing map),
    scale (and the causal mask) as a linalg.generic, softmax as linalg.generic
    ops (row max, exp(x - max), row sum, divide), then P·V (linalg.batch_matmul).
    Same arguments as attn_module, so the same --seed gives the same inputs."""
    assert sh.hq == sh.hkv
    n, m, k, d = sh.b * sh.hq, sh.sq, sh.skv, sh.d
    t4q = f"tensor<{sh.b}x{sh.hq}x{m}x{d}xf32>"
    t4k = f"tensor<{sh.b}x{sh.hkv}x{k}x{d}xf32>"
    tq, tk = f"tensor<{n}x{m}x{d}xf32>", f"tensor<{n}x{k}x{d}xf32>"
    ts, tr = f"tensor<{n}x{m}x{k}xf32>", f"tensor<{n}x{m}xf32>"
    scale = f32_hex(1.0 / (d ** 0.5))
    if sh.causal:
        # Bottom-right causal, as attn.sdpa: query i sees key j iff j <= i + (SKV - SQ).
        scale_body = f"""  ^bb0(%x: f32, %o: f32):
    %i = linalg.index 1 : index
    %j = linalg.index 2 : index
    %lim = arith.addi %i, %off : index
    %out = arith.cmpi sgt, %j, %lim : index
    %y = arith.mulf %x, %scale : f32
    %r = arith.select %out, %ninf, %y : f32
    linalg.yield %r : f32"""
    else:
        scale_body = """  ^bb0(%x: f32, %o: f32):
    %y = arith.mulf %x, %scale : f32
    linalg.yield %y : f32"""
    return f"""// Generated by bench/attn_bench.py: {sh.label}, upstream linalg only
#mq = affine_map<(b, m, n, k) -> (b, m, k)>
#mk = affine_map<(b, m, n, k) -> (b, n, k)>
#ms = affine_map<(b, m, n, k) -> (b, m, n)>
#id = affine_map<(b, i, j) -> (b, i, j)>
#row = affine_map<(b, i, j) -> (b, i)>
func.func @attention(%q4: {t4q}, %k4: {t4k}, %v4: {t4k}) -> {t4q} {{
  %q = tensor.collapse_shape %q4 [[0, 1], [2], [3]] : {t4q} into {tq}
  %k = tensor.collapse_shape %k4 [[0, 1], [2], [3]] : {t4k} into {tk}
  %v = tensor.collapse_shape %v4 [[0, 1], [2], [3]] : {t4k} into {tk}
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %scale = arith.constant {scale} : f32
  %off = arith.constant {k - m} : index
  %se = tensor.empty() : {ts}
  %s0 = linalg.fill ins(%zero : f32) outs(%se : {ts}) -> {ts}
  %s = linalg.batch_matmul indexing_maps = [#mq, #mk, #ms]
      ins(%q, %k : {tq}, {tk}) outs(%s0 : {ts}) -> {ts}
  %ss = linalg.generic {{indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel"]}}
      ins(%s : {ts}) outs(%se : {ts}) {{
{scale_body}
  }} -> {ts}
  %re = tensor.empty() : {tr}
  %m0 = linalg.fill ins(%ninf : f32) outs(%re : {tr}) -> {tr}
  %mx = linalg.generic {{indexing_maps = [#id, #row], iterator_types = ["parallel", "parallel", "reduction"]}}
      ins(%ss : {ts}) outs(%m0 : {tr}) {{
  ^bb0(%x: f32, %acc: f32):
    %y = arith.maximumf %x, %acc : f32
    linalg.yield %y : f32
  }} -> {tr}
  %e = linalg.generic {{indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel", "parallel"]}}
      ins(%ss, %mx : {ts}, {tr}) outs(%se : {ts}) {{
  ^bb0(%x: f32, %rmax: f32, %o: f32):
    %dd = arith.subf %x, %rmax : f32
    %y = math.exp %dd : f32
    linalg.yield %y : f32
  }} -> {ts}
  %l0 = linalg.fill ins(%zero : f32) outs(%re : {tr}) -> {tr}
  %l = linalg.generic {{indexing_maps = [#id, #row], iterator_types = ["parallel", "parallel", "reduction"]}}
      ins(%e : {ts}) outs(%l0 : {tr}) {{
  ^bb0(%x: f32, %acc: f32):
    %y = arith.addf %x, %acc : f32
    linalg.yield %y : f32
  }} -> {tr}
  %p = linalg.generic {{indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel", "parallel"]}}
      ins(%e, %l : {ts}, {tr}) outs(%se : {ts}) {{
  ^bb0(%x: f32, %sum: f32, %o: f32):
    %y = arith.divf %x, %sum : f32
    linalg.yield %y : f32
  }} -> {ts}
  %oe = tensor.empty() : {tq}
  %o0 = linalg.fill ins(%zero : f32) outs(%oe : {tq}) -> {tq}
  %o = linalg.batch_matmul ins(%p, %v : {ts}, {tk}) outs(%o0 : {tq}) -> {tq}
  %o4 = tensor.expand_shape %o [[0, 1], [2], [3]] output_shape [{sh.b}, {sh.hq}, {m}, {d}] : {tq} into {t4q}
  return %o4 : {t4q}
}}
"""


# --------------------------------------------------------------------------- bench

class Bench(Harness):
    def measure_aot(self, sh, rec):
        """The tiled pipeline's code compiled ahead of time and run by
        bench/aot_run.c (benchlib.Harness.run_aot): its peak RSS is the
        attention's own memory, without the JIT compiler."""
        path = os.path.join(self.work, f"{sh.name}.aot.mlir")
        with open(path, "w") as f:
            f.write(attn_module(sh))
        # Enough calls for a median that cross-checks attn-run's, but one
        # for the shapes that take seconds per call.
        calls = 1 if sh.flops > 1e12 else rec["repeats"]
        q, kv = (sh.b, sh.hq, sh.sq, sh.d), (sh.b, sh.hkv, sh.skv, sh.d)
        rec["aot"] = self.run_aot(path, "attention", [q, kv, kv], calls)

    def setup_base(self):
        """--base-build's attn-run, copied into OUT/bin like the measured one,
        and a description of its checkout (for the table's header)."""
        exe = os.path.join(os.path.abspath(self.args.base_build), "bin", "attn-run")
        if not os.access(exe, os.X_OK):
            self.log(f"error: {exe} is missing: build it first")
            return None, None
        snap = os.path.join(self.out, "bin", "attn-run-base")
        shutil.copy2(exe, snap)
        src = self.args.base_source or os.path.dirname(os.path.abspath(self.args.base_build))
        r = subprocess.run(["git", "-C", src, "log", "-1", "--format=%h %cI %s"],
                           capture_output=True, text=True)
        info = {"build": os.path.abspath(self.args.base_build),
                "git": r.stdout.strip() if r.returncode == 0 else f"unknown ({src})",
                "mtime": time.strftime("%Y-%m-%d %H:%M:%S",
                                       time.gmtime(os.path.getmtime(exe))),
                "sha256": sha256_file(snap)[:16]}
        self.log(f"base: {exe} ({info['git']})")
        return snap, info

    # ---- one measurement
    def measure_once(self, sh, variant):
        n = self.args.repeat or sh.repeats(variant)
        rec = {"shape": sh.name, "label": sh.label, "variant": variant, "B": sh.b,
               "HQ": sh.hq, "HKV": sh.hkv, "SQ": sh.sq, "SKV": sh.skv, "D": sh.d,
               "causal": sh.causal, "decode": sh.decode, "flops": sh.flops,
               "tensor_mib": sh.tensor_bytes / 2**20, "repeats": n, "ok": False,
               "kv_bytes": 2 * 4 * sh.b * sh.hkv * sh.skv * sh.d}
        if variant == "ort":
            # attn's causal is bottom-right; ONNX's is_causal is top-left. They
            # agree for SQ == SKV; for decode (SQ=1) bottom-right causal masks
            # nothing, so the same computation in ONNX is is_causal=0.
            causal = int(sh.causal and sh.sq == sh.skv)
            if not self.run_ort("ort_attention.js", [sh.b, sh.hq, sh.hkv, sh.sq, sh.skv, sh.d,
                                                     causal, self.threads, n], rec):
                return rec
        else:
            text = upstream_module(sh) if variant == "upstream" else attn_module(sh)
            exe = self.base_attn_run if variant == "base" else None
            base = os.path.join(self.work, f"{sh.name}.{variant}")
            path = base + ".mlir"
            with open(path, "w") as f:
                f.write(text)
            args = ["--repeat", str(n)]
            if variant == "untiled":
                args += ["--pipeline-options", "tile=false"]
            if variant == "upstream":
                # The upstream lowering of the graph as written (attn-raise
                # would make it attn.sdpa).
                args += ["--pipeline-options", "raise=false"]
            if self.args.smoke and variant == "tiled":
                args += ["--check"]
            if self.want_npy(sh):
                args += ["--output-npy", base + "."]
                rec["npy"] = base + ".0.npy"
            out = self.run_attn(path, args, rec, exe=exe)
            if out is None:
                return rec
            if self.args.smoke and variant == "tiled" and " PASS" not in out:
                rec["error"] = "--check did not PASS:\n" + out.strip()[-2000:]
                return rec
        rec["gflops"] = sh.flops / (rec["median_ms"] * 1e-3) / 1e9
        rec["ok"] = True
        return rec

    def want_npy(self, sh):
        # Outputs are written (after timing) and compared across attn tiled,
        # attn untiled and upstream wherever more than one of them runs.
        return not sh.decode and sh.skv <= 2048 and not self.args.no_compare

    def compare_outputs(self, sh, recs):
        by = {r["variant"]: r for r in recs if r.get("ok") and "npy" in r}
        ref_v = next((v for v in ("upstream", "untiled") if v in by),
                     "tiled" if "tiled" in by and "base" in by else None)
        if not ref_v:
            return
        for v, r in by.items():
            if v == ref_v:
                continue
            worst, ok = compare_npy(r["npy"], by[ref_v]["npy"])
            r["compare"] = {"against": ref_v, "max_abs_diff": worst, "within_f32_tol": ok}
            tag = "OK" if ok else "MISMATCH"
            self.log(f"    compare {v} vs {ref_v}: max |diff| {worst:.3g} {tag}")
            if not ok:
                self.failures.append(f"{sh.name}: {v} differs from {ref_v} "
                                     f"(max |diff| {worst:.3g})")
        for r in by.values():
            try:
                os.remove(r["npy"])
            except OSError:
                pass

    # ---- the run
    def run(self, shapes, variants):
        meta = self.start()
        if meta is None:
            return 2
        if "base" in variants:
            self.base_attn_run, meta["base"] = self.setup_base()
            if not self.base_attn_run:
                return 2
        # attn-compile and the AOT runner, for the memory of the tiled
        # pipeline's code without a compiler in the process.
        self.aot = None if self.args.no_aot else self.setup_aot()
        plot_py = None
        if not self.args.smoke and not self.args.no_plot:
            plot_py = ensure_matplotlib(self.notes, self.log)
        self.ort = None
        if "ort" in variants:
            self.ort, why = self.setup_ort(not self.args.smoke,
                                           [os.path.join(PEERS_SRC, "ort_attention.js")])
            if why:
                self.notes.append(why)
                self.log(f"note: {why}")
            if self.ort:
                r = subprocess.run([self.ort[0], "--version"], capture_output=True, text=True)
                meta["node"] = r.stdout.strip()
        # The bandwidth probe first: the FMA probe after it waits for quiet,
        # so the 512 MiB it frees are settled before the first measurement
        # (measured right after it, the first shape ran 1.9x slow once).
        bw0 = self.read_bandwidth() if any(sh.decode for sh in shapes) else None
        peak0 = self.fma_peak()
        for sh in shapes:
            vs = [v for v in variants if sh.runs(v) and (v != "ort" or self.ort)]
            if not vs:
                continue
            self.log(f"{sh.label}  ({sh.flops:.3g} FLOP)")
            recs = []
            for v in vs:
                rec = self.measure(lambda: self.measure_once(sh, v))
                recs.append(rec)
                self.results.append(rec)
                if v == "tiled" and rec["ok"] and self.aot:
                    self.measure_aot(sh, rec)
                    a = rec["aot"]
                    if a["ok"]:
                        self.log(f"  {'AOT':9s} {a['median_ms']:10.3f} ms  "
                                 f"RSS {a['peak_rss_mib']:7.0f} MiB  (x{a['calls']}, "
                                 f"compiled in {a['compile_s']:.1f} s)")
                    else:
                        self.log("  AOT       FAILED:\n    " + a.get("error", "")[-1500:])
                        self.failures.append(f"{sh.name} tiled AOT: failed")
                if rec["ok"]:
                    self.log(f"  {v:9s} {rec['median_ms']:10.3f} ms  {rec['gflops']:8.2f} GFLOP/s  "
                             f"RSS {rec['peak_rss_mib']:7.0f} MiB  (x{rec['repeats']}, "
                             f"{rec['wall_s']:.1f} s, others' CPU {others(rec)})")
                    self.note_quietness(rec)
                    self.note_flop_counts(rec, sh.flops)
                    tg = rec.get("tool_gflops")
                    if tg is not None and abs(tg - rec["gflops"]) > 1e-3 * tg:
                        self.notes.append(f"{sh.name} ort: its GFLOP/s {tg:.4g} differs from ours "
                                          f"{rec['gflops']:.4g}")
                else:
                    self.log(f"  {v:9s} FAILED (exit {rec['rc']}):\n    "
                             + rec.get("error", "").replace("\n", "\n    ")[-1500:])
                    self.failures.append(f"{sh.name} {v}: exit {rec['rc']}")
            self.compare_outputs(sh, recs)
        self.finish(meta, peak0, bw0)
        if self.flop_mismatch:
            self.notes.append(
                f"attn-run's own FLOP count differs from 4·B·H·SQ·SKV·D (halved when causal) in "
                f"{len(self.flop_mismatch)} measurement(s), e.g. {self.flop_mismatch[0]}; "
                "GFLOP/s in the table always use the benchmark's count (for the upstream module "
                "attn-run counts its two batch_matmuls in full, causal or not)")
        peak = meta["fma_peak_gflops"]
        for r in self.results:
            if r.get("ok") and peak:
                r["pct_peak"] = 100.0 * r["gflops"] / peak
            if r.get("ok") and r["decode"]:
                # A decoding step reads all of K and V once (Q and O are tiny).
                r["kv_gbs"] = r["kv_bytes"] / (r["median_ms"] * 1e-3) / 1e9
                if meta["read_bw_gbs"]:
                    r["pct_bw"] = 100.0 * r["kv_gbs"] / meta["read_bw_gbs"]
        ort_by = {r["shape"]: r for r in self.results if r["variant"] == "ort" and r.get("ok")}
        for r in self.results:
            o = ort_by.get(r["shape"])
            if r.get("ok") and o:
                r["x_ort"] = o["median_ms"] / r["median_ms"]
                r["rss_vs_ort"] = r["peak_rss_mib"] / o["peak_rss_mib"]
                if r.get("aot", {}).get("ok"):
                    r["aot"]["rss_vs_ort"] = r["aot"]["peak_rss_mib"] / o["peak_rss_mib"]
        meta["ort_version"] = next((r["ort_version"] for r in ort_by.values()), None)
        targets = evaluate_targets(self.results) if not self.args.smoke else []
        self.write_results(meta, targets, lambda m: render_markdown(m, self.results, targets))
        if plot_py:
            # In a separate interpreter: matplotlib may be Debian's, not this python's.
            png = os.path.join(self.out, "performance.png")
            r = subprocess.run([plot_py, os.path.abspath(__file__), "--plot-from",
                                os.path.join(self.out, "results.json"), "--png", png],
                               capture_output=True, text=True)
            self.log(f"plot: {png}" if r.returncode == 0 else
                     f"plot failed: {(r.stderr or r.stdout).strip()[-500:]}")
        return self.report_end(meta)


# --------------------------------------------------------------------------- report

def render_markdown(meta, results, targets):
    L = render_header(meta, results, "attn benchmark results")
    L.append("FLOPs per call: 4·B·HQ·SQ·SKV·D, halved for causal with SQ = SKV (the untiled, "
             "upstream and ORT variants compute the full square and mask it, but are credited "
             "the same useful FLOPs). Median time over the timed calls (after one warm-up); "
             "GFLOP/s from that median; × ORT = ORT's median time / this variant's; peak RSS "
             "is the process's own ru_maxrss (os.wait4), including the JIT compiler (attn-run) "
             "or node, the inputs and the output; tensors = Q, K, V and O in MiB.")
    L.append("")
    L.append("| shape | variant | calls | median ms | GFLOP/s | % peak | × ORT | peak RSS MiB | RSS / ORT | tensors MiB |")
    L.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        if r.get("ok"):
            L.append(f"| {r['label']} | {VARIANT_LABEL[r['variant']]} | {r['repeats']} | "
                     f"{fmt_ms(r['median_ms'])} | {fmt(r['gflops'])} | "
                     f"{fmt(r.get('pct_peak'))} | {fmt(r.get('x_ort'))} | "
                     f"{r['peak_rss_mib']:.0f} | "
                     f"{fmt(r.get('rss_vs_ort')) if r['variant'] != 'ort' else '—'} | "
                     f"{fmt(r['tensor_mib'])} |")
        else:
            L.append(f"| {r['label']} | {VARIANT_LABEL[r['variant']]} | {r['repeats']} | "
                     f"FAILED (exit {r['rc']}) | | | | {r['peak_rss_mib']:.0f} | | |")
    L.append("")
    aot = [r for r in results if r.get("ok") and r.get("aot", {}).get("ok")]
    if aot:
        L.append("attn's tiled code compiled ahead of time (attn-compile → shared library, run "
                 "by bench/aot_run.c, no compiler in the process; inputs filled with other "
                 "values than attn-run's): its median time cross-checks the JIT's, and its "
                 "peak RSS is the attention's own memory (inputs, output and the pipeline's "
                 "buffers) without the ~135 MiB of LLVM and MLIR that attn-run carries.")
        L.append("")
        L.append("| shape | calls | AOT median ms | JIT median ms | AOT peak RSS MiB | "
                 "JIT peak RSS MiB | AOT RSS / ORT | tensors MiB |")
        L.append("|---|---:|---:|---:|---:|---:|---:|---:|")
        for r in aot:
            a = r["aot"]
            L.append(f"| {r['label']} | {a['calls']} | {fmt_ms(a['median_ms'])} | "
                     f"{fmt_ms(r['median_ms'])} | {a['peak_rss_mib']:.0f} | "
                     f"{r['peak_rss_mib']:.0f} | {fmt(a.get('rss_vs_ort'))} | "
                     f"{fmt(r['tensor_mib'])} |")
        L.append("")
    dec = [r for r in results if r.get("ok") and r["decode"]]
    if dec:
        L.append("Decoding steps stream K and V once (Q and O are tiny): the rate at which each "
                 "variant reads them, against the memory read bandwidth measured in this run.")
        L.append("")
        L.append("| shape | variant | median ms | K+V MiB | K+V GB/s | % of read bandwidth | × ORT |")
        L.append("|---|---|---:|---:|---:|---:|---:|")
        for r in dec:
            L.append(f"| {r['label']} | {VARIANT_LABEL[r['variant']]} | {fmt_ms(r['median_ms'])} | "
                     f"{r['kv_bytes'] / 2**20:.0f} | {fmt(r['kv_gbs'])} | {fmt(r.get('pct_bw'))} | "
                     f"{fmt(r.get('x_ort'))} |")
        L.append("")
    L += render_base(meta, results)
    cmp_rows = [r for r in results if "compare" in r]
    if cmp_rows:
        bad = [r for r in cmp_rows if not r["compare"]["within_f32_tol"]]
        worst = max(r["compare"]["max_abs_diff"] or 0 for r in cmp_rows)
        L.append(f"Outputs compared (same --seed inputs, |x − ref| ≤ 1e-5 + 1e-4·|ref|) on "
                 f"{len(cmp_rows)} (shape, variant) pairs against the upstream (or untiled) "
                 f"result: {len(cmp_rows) - len(bad)} within tolerance, largest |diff| "
                 f"{worst:.3g}.")
        for r in bad:
            L.append(f"- MISMATCH: {r['label']} {r['variant']} vs {r['compare']['against']}: "
                     f"{r['compare']['max_abs_diff']}")
        L.append("")
    if targets:
        L.append("## Issue 5 targets, from this run")
        L.append("")
        L.append("| target | shapes | measured | met |")
        L.append("|---|---|---|---|")
        for t in targets:
            L.append(f"| {t['target']} | {t['shapes']} | {t['measured']} | {t['met']} |")
        L.append("")
    L += render_footer(meta)
    return "\n".join(L)


def render_base(meta, results):
    """With --base-build: the tiled pipeline of this build against the base
    build's, shape by shape, from the same run."""
    base = {r["shape"]: r for r in results if r["variant"] == "base" and r.get("ok")}
    rows = [(r, base[r["shape"]]) for r in results
            if r["variant"] == "tiled" and r.get("ok") and r["shape"] in base]
    if not meta.get("base"):
        return []
    b = meta["base"]
    L = [f"Before/after, same run: attn tiled of this build against the base build "
         f"`{b['build']}` (checkout {b['git']}; attn-run built {b['mtime']} UTC, sha256 "
         f"{b['sha256']}). base / this = the base's median time / this build's (above 1: "
         "this build is faster).", "",
         "| shape | this build ms | base build ms | base / this |",
         "|---|---:|---:|---:|"]
    for r, o in rows:
        L.append(f"| {r['label']} | {fmt_ms(r['median_ms'])} | {fmt_ms(o['median_ms'])} | "
                 f"{fmt(o['median_ms'] / r['median_ms'])} |")
    if rows:
        ratios = [o["median_ms"] / r["median_ms"] for r, o in rows]
        L.append("")
        L.append(f"base / this over {len(rows)} shapes: {min(ratios):.3f} – {max(ratios):.3f}.")
    L.append("")
    return L


def evaluate_targets(results):
    ok = [r for r in results if r.get("ok")]
    tiled = [r for r in ok if r["variant"] == "tiled"]
    T = []

    rng = value_range

    base = [r for r in tiled if not r["decode"] and r["B"] == 1 and r["HQ"] == 8
            and r["SKV"] >= 2048]
    nc = [r for r in base if not r["causal"]]
    x = [r["x_ort"] for r in nc if "x_ort" in r]
    T.append({"target": "non-causal S ≥ 2048: ≥ 1.5× ORT", "shapes": "S 2048–8192, D 64/128",
              "measured": rng(x, "×"), "met": verdict(x, lambda v: v >= 1.5)})
    p = [r["pct_peak"] for r in nc if "pct_peak" in r]
    T.append({"target": "non-causal S ≥ 2048: ≥ 60% of FMA peak (aim 75%)",
              "shapes": "S 2048–32768, D 64/128", "measured": rng(p, "%"),
              "met": verdict(p, lambda v: v >= 60)})
    c = [r["x_ort"] for r in base if r["causal"] and "x_ort" in r]
    T.append({"target": "causal S ≥ 2048: ≥ 2.5× ORT", "shapes": "S 2048–8192, D 64/128",
              "measured": rng(c, "×"), "met": verdict(c, lambda v: v >= 2.5)})
    d = [r["x_ort"] for r in tiled if r["decode"] and "x_ort" in r]
    T.append({"target": "decode: ≥ 3× ORT", "shapes": "SKV 4096, 32768",
              "measured": rng(d, "×"), "met": verdict(d, lambda v: v >= 3)})
    m = [r["rss_vs_ort"] for r in tiled if not r["decode"] and r["SKV"] == 8192
         and "rss_vs_ort" in r]
    T.append({"target": "peak RSS at S = 8192 ≤ 10% of ORT's (attn-run, JIT compiler included)",
              "shapes": "S 8192, D 64/128, ±causal",
              "measured": rng([100 * v for v in m], "%"), "met": verdict(m, lambda v: v <= 0.10)})
    ma = [r["aot"]["rss_vs_ort"] for r in tiled if not r["decode"] and r["SKV"] == 8192
          and "rss_vs_ort" in r.get("aot", {})]
    T.append({"target": "peak RSS at S = 8192 ≤ 10% of ORT's (AOT-compiled code)",
              "shapes": "S 8192, D 64/128, ±causal",
              "measured": rng([100 * v for v in ma], "%"), "met": verdict(ma, lambda v: v <= 0.10)})
    # Linear growth: per (D, causal), fit RSS = a + b·S over S = 512..32768 and
    # report the largest deviation from the fit relative to the RSS.
    for which in ("JIT", "AOT"):
        def rss(r):
            if which == "JIT":
                return r["peak_rss_mib"]
            return r["aot"]["peak_rss_mib"] if r.get("aot", {}).get("ok") else None
        T.append(linear_fit_target(tiled, rss, which))
    return T


def linear_fit_target(tiled, rss, which):
    devs, desc = [], []
    for dd in (64, 128):
        for cz in (False, True):
            pts = sorted((r["SKV"], rss(r)) for r in tiled if not r["decode"]
                         and r["B"] == 1 and r["HQ"] == 8 and r["D"] == dd and r["causal"] == cz
                         and rss(r) is not None)
            if len(pts) < 3:
                continue
            n = len(pts)
            sx = sum(s for s, _ in pts); sy = sum(y for _, y in pts)
            sxx = sum(s * s for s, _ in pts); sxy = sum(s * y for s, y in pts)
            b = (n * sxy - sx * sy) / (n * sxx - sx * sx)
            a = (sy - b * sx) / n
            # Linear: the points stay near the fitted line. The residuals are
            # measured against the growth over the range, not against each
            # point's RSS: a few MiB of allocator and thread-stack noise
            # would otherwise dominate the smallest sizes (20-40 MiB AOT).
            resid = max(abs(y - (a + b * s)) for s, y in pts)
            growth = max(y for _, y in pts) - min(y for _, y in pts)
            dev = resid / growth if growth > 0 else float("inf")
            devs.append(dev)
            desc.append(f"D={dd}{' causal' if cz else ''}: {a:.0f} + {b * 1024:.1f}·S/1024 MiB, "
                        f"largest residual {resid:.0f} MiB = {100 * dev:.1f}% of the growth")
    met = "not measured" if not devs else (
        "yes" if all(v <= 0.10 for v in devs) else
        f"{sum(v <= 0.10 for v in devs)} of {len(devs)}")
    return {"target": f"attn's peak RSS linear in S up to 32768 ({which}; least-squares line, "
                      "largest residual ≤ 10% of the RSS growth from S=512 to 32768)",
            "shapes": "S 512–32768", "measured": "; ".join(desc) or "—", "met": met}


def plot(results, meta, png):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import ticker
    ok = [r for r in results if r.get("ok") and not r["decode"] and r["B"] == 1 and r["HQ"] == 8]
    fig, axes = plt.subplots(2, 2, figsize=(13, 9), sharex=True)
    colors = {"tiled": "tab:blue", "untiled": "tab:orange", "upstream": "tab:green",
              "ort": "tab:red"}
    styles = {64: "-", 128: "--"}
    for col, causal in enumerate((False, True)):
        for v in VARIANTS:
            for d in (64, 128):
                pts = sorted((r["SKV"], r["gflops"], r["peak_rss_mib"]) for r in ok
                             if r["variant"] == v and r["D"] == d and r["causal"] == causal)
                if not pts:
                    continue
                s = [p[0] for p in pts]
                lab = f"{VARIANT_LABEL[v]}, D={d}"
                axes[0][col].plot(s, [p[1] for p in pts], styles[d], marker="o", ms=4,
                                  color=colors[v], label=lab)
                axes[1][col].plot(s, [p[2] for p in pts], styles[d], marker="o", ms=4,
                                  color=colors[v], label=lab)
                if v == "tiled":
                    # The same code compiled ahead of time: no JIT compiler in
                    # the process.
                    aot = sorted((r["SKV"], r["aot"]["peak_rss_mib"]) for r in ok
                                 if r["variant"] == v and r["D"] == d and r["causal"] == causal
                                 and r.get("aot", {}).get("ok"))
                    if aot:
                        axes[1][col].plot([p[0] for p in aot], [p[1] for p in aot], styles[d],
                                          marker="s", ms=4, color="tab:purple",
                                          label=f"attn tiled, AOT (no JIT in the process), D={d}")
        peak = meta.get("fma_peak_gflops")
        if peak:
            axes[0][col].axhline(peak, color="k", lw=0.8, ls=":",
                                 label=f"FP32 FMA peak {peak:.0f}")
        title = "causal" if causal else "non-causal"
        axes[0][col].set_title(f"GFLOP/s, B=1 H=8, {title}, {meta['threads']} threads")
        axes[1][col].set_title(f"peak RSS (MiB), {title}")
        svals = sorted({r["SKV"] for r in ok})
        for row in (0, 1):
            ax = axes[row][col]
            ax.set_xscale("log", base=2)
            ax.set_yscale("log")
            ax.set_xticks(svals)
            ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:.0f}"))
            ax.xaxis.set_minor_locator(ticker.NullLocator())
            ax.yaxis.set_major_locator(ticker.LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
            ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:g}"))
            ax.yaxis.set_minor_formatter(ticker.NullFormatter())
            ax.grid(True, which="major", alpha=0.3)
            ax.set_xlabel("S")
        axes[0][col].legend(fontsize=7, loc="lower right")
        axes[1][col].legend(fontsize=7, loc="upper left")
    fig.suptitle(f"attn vs upstream MLIR vs ONNX Runtime — {meta['cpu']}, "
                 f"{meta['date']}", fontsize=10)
    fig.tight_layout()
    fig.savefig(png, dpi=110)
    plt.close(fig)


# --------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--smoke", action="store_true",
                    help=f"one small shape ({SMOKE_SHAPE.label}) through every variant "
                         "that can run; ORT only if node and an installed build/peers exist; "
                         "exit non-zero if anything fails")
    add_common_arguments(ap, "bench", VARIANTS, "'s2048-d64' or 'decode|s512-'")
    ap.add_argument("--no-plot", action="store_true", help="skip the PNG")
    ap.add_argument("--no-aot", action="store_true",
                    help="skip the ahead-of-time run (attn-compile + bench/aot_run.c) that "
                         "measures the tiled code's memory without the JIT compiler")
    ap.add_argument("--no-compare", action="store_true",
                    help="do not write and compare outputs at S <= 2048")
    ap.add_argument("--base-build", metavar="DIR",
                    help="also run the tiled module through DIR/bin/attn-run (another "
                         "checkout's build, e.g. main before a refactoring): the variant "
                         "'base', and a before/after table from the same run")
    ap.add_argument("--base-source", metavar="DIR",
                    help="the checkout --base-build was built from, for its commit in the "
                         "table (default: the parent of --base-build)")
    ap.add_argument("--plot-from", metavar="RESULTS_JSON",
                    help="only draw the plot of an earlier run's results.json")
    ap.add_argument("--png", default=None, help="the plot's path (with --plot-from)")
    args = ap.parse_args()

    if args.plot_from:
        with open(args.plot_from) as f:
            data = json.load(f)
        png = args.png or os.path.join(os.path.dirname(args.plot_from), "performance.png")
        plot(data["results"], data["meta"], png)
        print(f"plot: {png}")
        return 0

    if args.base_build and "base" not in args.variants.split(","):
        vs = args.variants.split(",")
        vs.insert(vs.index("tiled") + 1 if "tiled" in vs else len(vs), "base")
        args.variants = ",".join(vs)
    chosen = choose(ap, args, KNOWN_VARIANTS, [SMOKE_SHAPE] if args.smoke else all_shapes())
    if chosen is None:
        return 0
    if "base" in chosen[1] and not args.base_build:
        ap.error("the variant 'base' needs --base-build DIR")
    settle_common_arguments(args, "bench")
    return Bench(args).run(*chosen)


if __name__ == "__main__":
    sys.exit(main())
