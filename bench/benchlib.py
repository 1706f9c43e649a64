"""Machinery shared by the benchmarks in bench/ (attn_bench.py, layer_bench.py):
running a measured process (its peak RSS, wall time and how much CPU others used
meanwhile), waiting for a quiet machine and measuring again when disturbed, the
machine probes (FP32 FMA peak, memory read bandwidth), attn's ahead-of-time
runner, ONNX Runtime's node scripts in BUILD/peers, .npy files, the run's
metadata and the results' header. Python 3 standard library only.
"""

import hashlib
import json
import os
import platform
import re
import shutil
import signal
import struct
import subprocess
import sys
import threading
import time
from array import array

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _find_peers():
    """../shared/peers next to the checkout, or next to one of its parents (a git
    worktree in a subfolder); $ATTN_PEERS_DIR overrides."""
    if os.environ.get("ATTN_PEERS_DIR"):
        return os.path.abspath(os.environ["ATTN_PEERS_DIR"])
    d = REPO
    while True:
        cand = os.path.join(os.path.dirname(d), "shared", "peers")
        if os.path.isdir(cand) or os.path.dirname(d) == d:
            break
        d = os.path.dirname(d)
    return cand if os.path.isdir(cand) else os.path.normpath(
        os.path.join(REPO, "..", "shared", "peers"))


PEERS_SRC = _find_peers()


# --------------------------------------------------------------------------- processes

def cpu_times():
    """(busy, steal) CPU seconds of the whole machine so far, from /proc/stat."""
    try:
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    tick = os.sysconf("SC_CLK_TCK")
    user, nice, system, idle, iowait, irq, softirq = v[:7]
    steal = v[7] if len(v) > 7 else 0
    return (user + nice + system + irq + softirq) / tick, steal / tick


WAITED = [0.0]  # seconds spent in wait_quiet


def others_busy(seconds=3.0):
    """CPU cores busy (and stolen) over a short window while this script idles."""
    c0 = cpu_times()
    time.sleep(seconds)
    c1 = cpu_times()
    if not c0 or not c1:
        return 0.0
    return ((c1[0] - c0[0]) + (c1[1] - c0[1])) / seconds


def wait_quiet(max_wait, log, threshold=0.15):
    """Waits until other processes use under `threshold` cores (probed over 3 s),
    at most max_wait seconds; returns whether it got quiet."""
    t0 = time.monotonic()
    deadline = t0 + max_wait
    while True:
        busy = others_busy()
        if busy < threshold:
            WAITED[0] += time.monotonic() - t0
            return True
        if time.monotonic() >= deadline:
            WAITED[0] += time.monotonic() - t0
            return False
        log(f"    waiting for a quiet machine: others use {busy:.2f} cores")
        time.sleep(15)


# bench/peak_rss.c, built by Harness.start(): [its path, its report file].
LAUNCHER = []


def run_measured(cmd, env, timeout, cwd=None):
    """Runs cmd; returns (exit code, output, its own peak RSS in MiB, wall s,
    machine-wide CPU seconds not used by it, steal seconds).
    The command runs under bench/peak_rss.c (when built), which forks it from
    a small process and reports its ru_maxrss: forked from this Python, it
    would inherit Python's resident pages into its high-water mark. wait4 on
    the launcher gives the CPU time of both; /proc/stat the machine's, so the
    difference is what other processes (and this script) used meanwhile: a
    quietness check. The command gets a session of its own, so a timeout
    kills it and whatever it started."""
    report = None
    if LAUNCHER:
        exe, report = LAUNCHER
        if os.path.exists(report):
            os.remove(report)
        cmd = [exe, report] + list(cmd)
    c0 = cpu_times()
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         start_new_session=True)
    killed = []

    def kill():
        killed.append(True)
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except OSError:
            pass

    timer = threading.Timer(timeout, kill)
    timer.start()
    try:
        out = p.stdout.read().decode(errors="replace")
        _, status, ru = os.wait4(p.pid, 0)
    except BaseException:  # e.g. Ctrl-C: the command is in another session
        kill()
        raise
    finally:
        timer.cancel()
    p.stdout.close()
    p.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - t0
    c1 = cpu_times()
    if killed:
        out += f"\n[bench: killed after {timeout} s]"
    other = steal = None
    if c0 and c1:
        other = max(0.0, (c1[0] - c0[0]) - (ru.ru_utime + ru.ru_stime))
        steal = c1[1] - c0[1]
    rss = ru.ru_maxrss / 1024.0
    if report:
        try:
            with open(report) as f:
                rss = int(re.search(r"maxrss_kib=(\d+)", f.read()).group(1)) / 1024.0
        except (OSError, AttributeError):
            pass  # killed before it reported: the launcher's figure
    return p.returncode, out, rss, wall, other, steal


def find_cc():
    """$CC, else the system cc, else the clang that scripts/setup.sh installs
    (a fresh machine may have no cc); None when there is none."""
    return next((c for c in [os.environ.get("CC"), "cc", "/usr/lib/llvm-22/bin/clang"]
                 if c and shutil.which(c)), None)


def build_c(src, exe, flags=()):
    """Compiles one C program of bench/; returns None, or why it failed."""
    cc = find_cc()
    if cc is None:
        return "no C compiler (cc, $CC or clang-22)"
    r = subprocess.run([cc, "-O2", src, "-o", exe] + list(flags), capture_output=True, text=True)
    if r.returncode != 0:
        return f"{os.path.basename(src)} did not compile: {r.stderr.strip()[:300]}"
    return None


def load_npy_f32(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:6] != b"\x93NUMPY":
        raise ValueError(f"{path}: not a .npy file")
    hlen = struct.unpack("<H", data[8:10])[0]
    header = data[10:10 + hlen].decode("latin1")
    if "'<f4'" not in header:
        raise ValueError(f"{path}: not <f4: {header}")
    a = array("f")
    a.frombytes(data[10 + hlen:])
    if sys.byteorder != "little":
        a.byteswap()
    return a


def compare_npy(path, ref_path, atol=1e-5, rtol=1e-4):
    """Max abs diff and whether every element is within atol + rtol·|ref|."""
    a, r = load_npy_f32(path), load_npy_f32(ref_path)
    if len(a) != len(r):
        return None, False
    worst, ok = 0.0, True
    for x, y in zip(a, r):
        e = abs(x - y)
        if e > worst:
            worst = e
        if not e <= atol + rtol * abs(y):  # also catches NaN
            ok = False
    return worst, ok



# --------------------------------------------------------------------------- harness

class Harness:
    """One benchmark run: its output folder, the measured tools (copied at the
    start), the machine probes, notes and failures. Subclasses measure."""

    def __init__(self, args):
        self.args = args
        self.build = os.path.abspath(args.build)
        self.out = os.path.abspath(args.out)
        self.work = os.path.join(self.out, "work")
        os.makedirs(self.work, exist_ok=True)
        self.attn_run = os.path.join(self.build, "bin", "attn-run")
        self.threads = args.threads
        self.env = dict(os.environ, OMP_NUM_THREADS=str(self.threads))
        self.results = []
        self.failures = []
        self.notes = []
        self.flop_mismatch = []
        self.aot = None

    def log(self, msg):
        print(msg, flush=True)

    # ---- the run's metadata and the measured attn-run
    def start(self):
        """The machine's description, the command and the checkout; copies
        attn-run into OUT/bin (None, after a message, when it is missing)."""
        meta = machine_info()
        meta["loadavg_start"] = os.getloadavg()
        meta["command"] = "python3 " + " ".join(
            [os.path.relpath(os.path.abspath(sys.argv[0]), REPO)] + sys.argv[1:])
        meta["threads"] = self.threads
        meta["git"] = git_describe()
        self.t_start = time.monotonic()
        self.log(f"machine: {meta['cpu']}, {meta['cores']} cores; load average "
                 f"{meta['loadavg_start'][0]:.2f}; threads {self.threads}")
        if meta["loadavg_start"][0] > 0.5:
            self.notes.append(f"load average at start was {meta['loadavg_start'][0]:.2f} (> 0.5): "
                              "the machine was not quiet")
        if not os.access(self.attn_run, os.X_OK):
            self.log(f"error: {self.attn_run} is missing: build it first "
                     f"(ninja -C {self.build} attn-run)")
            return None
        # Run a copy, so that a rebuild of BUILD during the run (others work in
        # the same tree) cannot mix two compilers in one table. It finds its
        # libraries through its RUNPATH's absolute entries and the paths
        # configured into it.
        snap = os.path.join(self.out, "bin", "attn-run")
        os.makedirs(os.path.dirname(snap), exist_ok=True)
        shutil.copy2(self.attn_run, snap)
        meta["attn_run"] = {"path": os.path.relpath(self.attn_run, REPO),
                            "mtime": time.strftime("%Y-%m-%d %H:%M:%S",
                                                   time.gmtime(os.path.getmtime(self.attn_run))),
                            "sha256": sha256_file(snap)[:16]}
        self.attn_run = snap
        launcher = os.path.join(self.out, "peak_rss")
        why = build_c(os.path.join(REPO, "bench", "peak_rss.c"), launcher)
        if why:
            self.notes.append(f"{why}: peak RSS figures include this script's own")
        else:
            LAUNCHER[:] = [launcher, os.path.join(self.out, "peak_rss.report")]
        return meta

    def finish(self, meta, peak0, bw0):
        """The probes at the end of the run, the notes on what moved during it,
        and the machine's figures (the larger of each pair) into meta."""
        # --smoke probes once: it exercises the probes, its figures mean little.
        peak1 = None if self.args.smoke else self.fma_peak()
        bw1 = self.read_bandwidth() if bw0 and not self.args.smoke else None
        head = git_describe()
        if head != meta["git"]:
            self.notes.append(f"the checkout moved from {meta['git']} to {head} during the run "
                              "(the measured attn-run is the copy taken at the start)")
        peaks = [p for p in (peak0, peak1) if p]
        peak = max(peaks) if peaks else None
        bws = [b for b in (bw0, bw1) if b]
        if len(bws) == 2 and abs(bw0 - bw1) > 0.1 * max(bws):
            self.notes.append(f"the memory read bandwidth moved during the run ({bw0} then "
                              f"{bw1} GB/s): the host's memory bandwidth is shared")
        meta.update(read_bw_gbs=max(bws) if bws else None, read_bw_runs=[bw0, bw1])
        meta.update(fma_peak_gflops=peak, fma_peak_runs=[peak0, peak1],
                    loadavg_end=os.getloadavg(),
                    total_s=time.monotonic() - self.t_start, waited_s=WAITED[0])
        if len(peaks) == 2 and abs(peak0 - peak1) > 0.1 * max(peaks):
            self.notes.append(f"the FMA peak moved during the run ({peak0} then {peak1} GFLOP/s)")

    def write_results(self, meta, targets, render):
        """OUT/results.md (render(meta), with the notes and failures in meta)
        and OUT/results.json; prints the markdown."""
        meta["notes"] = self.notes
        meta["failures"] = self.failures
        md = render(meta)
        os.makedirs(self.out, exist_ok=True)
        with open(os.path.join(self.out, "results.md"), "w") as f:
            f.write(md)
        with open(os.path.join(self.out, "results.json"), "w") as f:
            json.dump({"meta": meta, "results": self.results, "targets": targets}, f, indent=1)
        print()
        print(md)

    def report_end(self, meta):
        """The last lines of the log; the exit status (1 when anything failed)."""
        self.log(f"results: {os.path.join(self.out, 'results.md')}, results.json; "
                 f"total {meta['total_s']:.0f} s, of which {meta.get('waited_s', 0):.0f} s "
                 "waiting for a quiet machine")
        if self.failures:
            self.log("FAILURES:\n  " + "\n  ".join(self.failures))
            return 1
        return 0

    def note_flop_counts(self, rec, flops):
        """Records where attn-run's own FLOP count differs from the benchmark's."""
        tf = rec.get("tool_flops")
        if tf is not None and abs(tf - flops) > 1e-3 * flops:
            self.flop_mismatch.append(f"{rec['shape']} {rec['variant']}: {tf:.4g} vs {flops:.4g}")

    # ---- machine probes: FMA peak and memory read bandwidth
    def probe(self, src, exe_name, pattern, what):
        """Builds and runs one C probe; returns the number its output gives
        for `pattern`, or None (with a note saying why)."""
        exe = os.path.join(self.out, exe_name)
        if not os.path.exists(src):
            self.notes.append(f"{src} not found: no {what}")
            return None
        # Built every time (a second or less): a reused --out must not run a
        # stale probe. clang's OpenMP runtime is LLVM's libomp, found through
        # an rpath.
        llvm_lib = "/usr/lib/llvm-22/lib"
        flags = ["-march=native", "-fopenmp"]
        if "llvm-22" in (find_cc() or ""):
            flags += [f"-L{llvm_lib}", f"-Wl,-rpath,{llvm_lib}"]
        why = build_c(src, exe, flags)
        if why:
            self.notes.append(f"{why}: no {what}")
            return None
        # Without binding, libgomp has put both threads on one core here and
        # reported half the peak.
        env = dict(os.environ, OMP_NUM_THREADS=str(self.threads),
                   OMP_PROC_BIND="spread", OMP_PLACES="cores")
        if not self.args.smoke:
            wait_quiet(self.args.quiet_wait, self.log)
        r = subprocess.run([exe], capture_output=True, text=True, env=env)
        m = re.search(pattern, r.stdout)
        if r.returncode != 0 or not m:
            self.notes.append(f"{exe_name} failed: {r.stdout} {r.stderr}")
            return None
        self.log(f"{exe_name}: {r.stdout.strip()}")
        return float(m.group(1))

    def fma_peak(self):
        return self.probe(os.path.join(PEERS_SRC, "fma_peak.c"), "fma_peak",
                          r"fp32_fma_peak_gflops=([\d.]+)", "% of FMA peak")

    def read_bandwidth(self):
        return self.probe(os.path.join(REPO, "bench", "mem_bw.c"), "mem_bw",
                          r"read_bandwidth_gbs=([\d.]+)", "memory bandwidth")

    # ---- ahead-of-time: attn-compile + bench/aot_run.c
    def setup_aot(self):
        compiler = os.path.join(self.build, "bin", "attn-compile")
        if not os.access(compiler, os.X_OK):
            self.notes.append(f"{compiler} is missing: no AOT memory column")
            return None
        snap = os.path.join(self.out, "bin", "attn-compile")
        shutil.copy2(compiler, snap)
        runner = os.path.join(self.out, "aot_run")
        why = build_c(os.path.join(REPO, "bench", "aot_run.c"), runner, ["-ldl"])
        if why:
            self.notes.append(f"{why}: no AOT column")
            return None
        return snap, runner

    def run_aot(self, mlir, function, shapes, calls):
        """`mlir` compiled ahead of time (attn-compile, a shared library) and
        run by bench/aot_run.c on f32 arguments of the given shapes: the same
        code as attn-run's JIT, without LLVM and MLIR in the process, so its
        peak RSS is what the compiled code itself takes (weights included)."""
        compiler, runner = self.aot
        lib = os.path.splitext(mlir)[0] + ".so"
        t0 = time.monotonic()
        r = subprocess.run([compiler, mlir, "-o", lib], capture_output=True, text=True)
        aot = {"compile_s": time.monotonic() - t0, "ok": False}
        if r.returncode != 0:
            aot.update(rc=r.returncode, error="attn-compile failed:\n"
                       + (r.stdout + r.stderr).strip()[-2000:])
            return aot
        dims = ["x".join(str(d) for d in s) for s in shapes]
        cmd = [runner, lib, function, str(calls)] + dims
        # Pinned: unpinned, its two OpenMP threads sometimes shared a core
        # (bimodal times at small shapes, which attn-run did not show).
        env = dict(self.env, OMP_PROC_BIND="spread", OMP_PLACES="cores")
        aot["command"] = " ".join(
            ["build/bin/attn-compile", os.path.relpath(mlir, REPO), "-o",
             os.path.relpath(lib, REPO), "&&", "OMP_PROC_BIND=spread", "OMP_PLACES=cores",
             os.path.relpath(runner, REPO), os.path.relpath(lib, REPO)] + cmd[2:])
        rc, out, rss, wall, other, steal = run_measured(cmd, env, self.args.timeout)
        m = re.search(r"time: median ([\d.e+-]+) ms over (\d+) run", out)
        aot.update(rc=rc, peak_rss_mib=rss, wall_s=wall, other_cpu_s=other, steal_s=steal,
                   calls=calls)
        if rc != 0 or not m:
            aot["error"] = out.strip()[-2000:]
        else:
            aot["median_ms"] = float(m.group(1))
            aot["ok"] = True
        if not self.args.keep_files and os.path.exists(lib):
            os.remove(lib)
        return aot

    # ---- ONNX Runtime: node scripts next to an npm-installed onnxruntime-node
    def setup_ort(self, allow_install, scripts):
        """BUILD/peers with onnxruntime-node installed (npm, once; never with
        allow_install False) and the current copies of `scripts` (paths of the
        node scripts to run, from ../shared/peers or bench/). Returns
        ((node, peers folder), None), or (None, why not)."""
        node, npm = shutil.which("node"), shutil.which("npm")
        if not node:
            return None, "node is not installed: ONNX Runtime column skipped"
        peers = os.path.join(self.build, "peers")
        installed = os.path.isdir(os.path.join(peers, "node_modules", "onnxruntime-node"))
        if not installed:
            if not allow_install:
                return None, f"no installed peers folder ({peers}): ONNX Runtime skipped"
            if not npm:
                return None, "npm is not installed: ONNX Runtime column skipped"
            if not os.path.isdir(PEERS_SRC):
                return None, f"{PEERS_SRC} not found: ONNX Runtime column skipped"
            os.makedirs(peers, exist_ok=True)
            for f in os.listdir(PEERS_SRC):
                p = os.path.join(PEERS_SRC, f)
                if os.path.isfile(p):
                    shutil.copy(p, peers)
            self.log(f"npm install in {peers} ...")
            r = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--ignore-scripts"],
                               cwd=peers, capture_output=True, text=True)
            if r.returncode != 0:
                return None, ("npm install failed: ONNX Runtime column skipped: "
                              + (r.stderr or r.stdout).strip()[-300:])
        # The scripts run from the peers folder (node resolves onnxruntime-node
        # next to them); refreshed whenever their source changed.
        for src in scripts:
            if not os.path.exists(src):
                return None, f"{src} not found: ONNX Runtime column skipped"
            dst = os.path.join(peers, os.path.basename(src))
            if not os.path.exists(dst) or open(dst).read() != open(src).read():
                shutil.copy(src, peers)
        return (node, peers), None

    def run_ort(self, script, args, rec):
        """`node script args...` in the peers folder; fills rec from the JSON
        line it prints (median_ms, its GFLOP/s and RSS) and returns that line."""
        node, peers = self.ort
        cmd = [node, os.path.join(peers, script)] + [str(a) for a in args]
        rec["command"] = " ".join(["node", script] + cmd[2:])
        rc, out, rss, wall, other, steal = run_measured(cmd, self.env, self.args.timeout,
                                                        cwd=peers)
        rec.update(rc=rc, peak_rss_mib=rss, wall_s=wall, other_cpu_s=other, steal_s=steal)
        line = next((l for l in reversed(out.splitlines()) if l.startswith("{")), None)
        if rc != 0 or not line:
            rec["error"] = out.strip()[-2000:]
            return None
        j = json.loads(line)
        rec["median_ms"] = j["median_s"] * 1e3
        rec["tool_gflops"] = j["gflops"]
        rec["tool_peak_rss_mib"] = j["peak_rss_mib"]
        rec["ort_version"] = j.get("version")
        return j

    def run_attn(self, path, args, rec, exe=None):
        """build/bin/attn-run PATH ARGS... (or `exe` PATH ARGS...); fills rec
        (median_ms, attn-run's own FLOP count, rc, RSS) and returns its output,
        or None on failure."""
        cmd = [exe or self.attn_run, path] + args
        rec["command"] = " ".join(
            (f'"{c}"' if " " in c else c) for c in
            [exe or "build/bin/attn-run", os.path.relpath(path, REPO)] + cmd[2:])
        rc, out, rss, wall, other, steal = run_measured(cmd, self.env, self.args.timeout)
        rec.update(rc=rc, peak_rss_mib=rss, wall_s=wall, other_cpu_s=other, steal_s=steal)
        m = re.search(r"time: median ([\d.e+-]+) ms over (\d+) run", out)
        if rc != 0 or not m:
            rec["error"] = out.strip()[-2000:]
            return None
        rec["median_ms"] = float(m.group(1))
        g = re.search(r"; ([\d.e+-]+|unknown) GFLOP/s(?: \(([\d.e+-]+) FLOP per call\))?", out)
        if g and g.group(2):
            rec["tool_flops"] = float(g.group(2))
        return out

    # ---- measuring with retries
    @staticmethod
    def disturbed(rec):
        busy = (rec.get("other_cpu_s") or 0) + (rec.get("steal_s") or 0)
        return busy > 0.1 * rec["wall_s"] + 0.3

    def measure(self, once):
        """once() (a measurement record); when other processes used the CPU
        meanwhile, wait for a quiet machine and measure again (--retries
        times), keeping the least disturbed measurement."""
        tries = []
        for attempt in range(1 + self.args.retries):
            rec = once()
            tries.append(rec)
            if not rec["ok"] or not self.disturbed(rec) or attempt == self.args.retries:
                break
            self.log(f"  {rec['variant']:9s} disturbed ({others(rec)} of others' CPU in "
                     f"{rec['wall_s']:.1f} s): waiting for quiet, then again")
            wait_quiet(self.args.quiet_wait, self.log)
        best = min(tries, key=lambda r: (not r["ok"], (r.get("other_cpu_s") or 0)
                                         + (r.get("steal_s") or 0)))
        best["attempts"] = len(tries)
        if len(tries) > 1:
            best["discarded"] = [{k: r.get(k) for k in ("median_ms", "wall_s", "other_cpu_s",
                                                        "steal_s")}
                                 for r in tries if r is not best]
        return best

    def note_quietness(self, rec):
        """Notes on a measurement that needed retries or stayed disturbed."""
        if rec["attempts"] > 1:
            self.notes.append(f"{rec['shape']} {rec['variant']}: measured {rec['attempts']} "
                              "times (other processes were busy); the least disturbed one is "
                              "kept")
        if self.disturbed(rec):
            self.notes.append(
                f"{rec['shape']} {rec['variant']}: other processes used "
                f"{rec['other_cpu_s']:.1f} CPU s (steal {rec['steal_s']:.1f} s) during its "
                f"{rec['wall_s']:.1f} s: the machine was not quiet")


# --------------------------------------------------------------------------- helpers

def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def others(rec):
    o, st = rec.get("other_cpu_s"), rec.get("steal_s")
    if o is None:
        return "?"
    return f"{o:.1f} s" + (f", steal {st:.1f} s" if st else "")


def machine_info():
    info = {"cpu": platform.processor() or "unknown", "cores": os.cpu_count(),
            "date": time.strftime("%Y-%m-%d %H:%M:%S %Z")}
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        kv = dict(l.split(":", 1) for l in out.splitlines() if ":" in l)
        kv = {k.strip(): v.strip() for k, v in kv.items()}
        info["cpu"] = kv.get("Model name", info["cpu"])
        info["cpu_family"] = kv.get("CPU family")
        info["cpu_model"] = kv.get("Model")
        info["cores"] = int(kv.get("CPU(s)", info["cores"]))
        info["threads_per_core"] = kv.get("Thread(s) per core")
        info["hypervisor"] = kv.get("Hypervisor vendor")
        info["caches"] = {k: kv[k] for k in ("L1d cache", "L2 cache", "L3 cache") if k in kv}
        info["avx512f"] = "avx512f" in kv.get("Flags", "").split()
    except (OSError, ValueError):
        pass
    try:
        with open("/proc/meminfo") as f:
            info["mem_gib"] = round(int(f.readline().split()[1]) / 2**20, 1)
    except (OSError, ValueError, IndexError):
        pass
    return info


def git_describe():
    try:
        h = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"],
                           capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip()
        return h + ("+changes" if dirty else "")
    except OSError:
        return None


def python_with_matplotlib():
    """An interpreter that can import matplotlib: this one, else Debian's."""
    for py in dict.fromkeys([sys.executable, "/usr/bin/python3"]):
        if py and os.access(py, os.X_OK) and subprocess.run(
                [py, "-c", "import matplotlib"], capture_output=True).returncode == 0:
            return py
    return None


def ensure_matplotlib(notes, log):
    """Returns a python that has matplotlib, installing Debian's
    python3-matplotlib with apt-get when it is missing (and we are root)."""
    py = python_with_matplotlib()
    if py:
        return py
    apt = shutil.which("apt-get")
    if apt and os.geteuid() == 0:
        log("matplotlib missing: apt-get install python3-matplotlib ...")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        cmd = [apt, "install", "-y", "-qq", "--no-install-recommends", "python3-matplotlib"]
        if subprocess.run(cmd, capture_output=True, env=env).returncode != 0:
            subprocess.run([apt, "update", "-qq"], capture_output=True, env=env)
            subprocess.run(cmd, capture_output=True, env=env)
        py = python_with_matplotlib()
        if py:
            return py
    notes.append("matplotlib (Debian's python3-matplotlib) is missing and could not be "
                 "installed: no plot")
    log("note: " + notes[-1])
    return None


def fmt(x, digits=3):
    if x is None:
        return "—"
    if x >= 100:
        return f"{x:.0f}"
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.{digits - 1}f}" if x >= 1 else f"{x:.{digits}g}"


def fmt_ms(x):
    if x is None:
        return "—"
    return f"{x:.4g}" if x < 1000 else f"{x:.0f}"


def render_header(meta, results, title):
    """The results' heading: the command, the checkout, the machine and its
    measured peak and bandwidth, the peers' versions, how quiet it was."""
    L = []
    peak = meta.get("fma_peak_gflops")
    L.append(f"# {title}")
    L.append("")
    L.append(f"- command: `{meta['command']}`")
    ar = meta.get("attn_run") or {}
    L.append(f"- date: {meta['date']}; git {meta.get('git')}; attn-run built "
             f"{ar.get('mtime')} UTC (sha256 {ar.get('sha256')}, copied at the start); "
             f"total {meta['total_s']:.0f} s")
    L.append(f"- machine: {meta['cpu']} (family {meta.get('cpu_family')}, model "
             f"{meta.get('cpu_model')}), {meta['cores']} cores, "
             f"{meta.get('threads_per_core')} thread(s) per core, {meta.get('mem_gib')} GiB, "
             f"hypervisor {meta.get('hypervisor')}")
    runs = ", ".join(f"{p:.1f}" for p in meta.get("fma_peak_runs", []) if p)
    L.append(f"- FP32 FMA peak, {meta['threads']} threads (fma_peak.c, OMP_PROC_BIND=spread "
             f"OMP_PLACES=cores): **{fmt(peak)} GFLOP/s** (best of the runs at start and end: "
             f"{runs})")
    if meta.get("read_bw_gbs"):
        bw_runs = ", ".join(f"{b:.1f}" for b in meta.get("read_bw_runs", []) if b)
        L.append(f"- memory read bandwidth, {meta['threads']} threads (bench/mem_bw.c, 512 MiB, "
                 f"best of 7 passes): **{meta['read_bw_gbs']:.1f} GB/s** (best of the runs at "
                 f"start and end: {bw_runs})")
    L.append(f"- threads: {meta['threads']} (OMP_NUM_THREADS for attn-run, THREADS for ORT); "
             f"ONNX Runtime {meta.get('ort_version') or '—'}, node {meta.get('node') or '—'}"
             + (f"; {meta['blas']}" if meta.get("blas") else ""))
    la0, la1 = meta["loadavg_start"], meta["loadavg_end"]
    L.append(f"- load average (1 min) at start {la0[0]:.2f}, at end {la1[0]:.2f}")
    ms = [r for r in results if r.get("other_cpu_s") is not None]
    if ms:
        L.append(f"- quietness: while the {len(ms)} measured processes ran "
                 f"({sum(r['wall_s'] for r in ms):.0f} s), other processes used "
                 f"{sum(r['other_cpu_s'] for r in ms):.1f} CPU s in all (this script's own "
                 f"bookkeeping included) and the hypervisor stole "
                 f"{sum(r['steal_s'] or 0 for r in ms):.1f} s")
    L.append("")
    return L


def render_footer(meta):
    L = []
    if meta.get("notes"):
        L.append("Notes:")
        L.extend(f"- {n}" for n in meta["notes"])
        L.append("")
    if meta.get("failures"):
        L.append("Failures:")
        L.extend(f"- {n}" for n in meta["failures"])
        L.append("")
    return L


def verdict(vals, pred):
    """"yes", "no", "k of n" or "not measured" for a target over values."""
    if not vals:
        return "not measured"
    n = sum(1 for v in vals if pred(v))
    return "yes" if n == len(vals) else ("no" if n == 0 else f"{n} of {len(vals)}")


def value_range(vals, suffix=""):
    return f"{min(vals):.2f}{suffix} – {max(vals):.2f}{suffix}" if vals else "—"


# --------------------------------------------------------------------------- command line

def add_common_arguments(ap, default_out, variants, shape_examples):
    """The options every benchmark here takes."""
    ap.add_argument("--shapes", default=None,
                    help="regular expression matched (re.search) against the shape names "
                         f"(see --list), e.g. {shape_examples}")
    ap.add_argument("--variants", default=",".join(variants),
                    help="comma-separated subset of " + ",".join(variants))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=None,
                    help="timed calls for every measurement (default: per shape and variant)")
    ap.add_argument("--build", default=os.path.join(REPO, "build"),
                    help="the build folder holding bin/attn-run (default build/)")
    ap.add_argument("--out", default=None,
                    help=f"output folder (default BUILD/{default_out}, BUILD/{default_out}-smoke "
                         "with --smoke)")
    ap.add_argument("--timeout", type=float, default=900,
                    help="seconds one measured process may run (default 900)")
    ap.add_argument("--wait-quiet", type=float, default=0, metavar="SECONDS",
                    help="wait up to SECONDS for the 1-minute load average to drop below 0.5")
    ap.add_argument("--retries", type=int, default=None,
                    help="measure again, after waiting for a quiet machine, when other "
                         "processes used the CPU during a measurement (default 2; 0 with --smoke)")
    ap.add_argument("--quiet-wait", type=float, default=300, metavar="SECONDS",
                    help="longest wait for a quiet machine before a retry (default 300)")
    ap.add_argument("--keep-files", action="store_true",
                    help="keep the generated modules and libraries in OUT/work")
    ap.add_argument("--list", action="store_true", help="print shapes and variants, run nothing")


def choose(ap, args, known_variants, shapes):
    """The shapes (--shapes, a regular expression on their names) and variants
    (--variants) to run; with --list, prints them with their timed calls and
    returns None."""
    variants = [v.strip() for v in args.variants.split(",") if v.strip()]
    bad = [v for v in variants if v not in known_variants]
    if bad:
        ap.error(f"unknown variant(s) {bad}; known: {known_variants}")
    if args.shapes:
        rx = re.compile(args.shapes)
        shapes = [s for s in shapes if rx.search(s.name)]
        if not shapes:
            ap.error(f"--shapes {args.shapes!r} matches no shape (see --list)")
    if args.list:
        width = max(len(s.name) for s in shapes) + 2
        for s in shapes:
            vs = [f"{v}(x{args.repeat or s.repeats(v)})" for v in variants if s.runs(v)]
            print(f"{s.name:{width}s} {s.flops:10.3g} FLOP  {' '.join(vs)}")
        return None
    return shapes, variants


def settle_common_arguments(args, default_out):
    """Defaults that depend on --smoke and --build; then --wait-quiet's wait."""
    if args.retries is None:
        args.retries = 0 if args.smoke else 2
    if args.out is None:
        args.out = os.path.join(args.build, default_out + ("-smoke" if args.smoke else ""))
    if args.wait_quiet > 0:
        deadline = time.monotonic() + args.wait_quiet
        while time.monotonic() < deadline:
            busy = others_busy()
            if os.getloadavg()[0] < 0.5 and busy < 0.15:
                break
            print(f"waiting for a quiet machine: load average {os.getloadavg()[0]:.2f}, "
                  f"busy {busy:.2f} cores", flush=True)
            time.sleep(20)
