/* Runs the head-parallel attn.mha of examples/distributed on N MPI ranks and
   checks every rank's result against the same layer run in one process.

     python3 examples/distributed/gen_mha_tp.py --ranks N ... \
         --dist dist.mlir --plain plain.mlir --config config.h
     attn-compile dist.mlir  -o dist.so  --header dist.h \
         --pipeline-options=distribute=true
     attn-compile plain.mlir -o plain.so --header plain.h
     mpicc.mpich -I. -include config.h driver.c dist.so plain.so -o run
     mpirun.mpich -n N ./run [--repeat R] [--npy DIR]

   scripts/run-distributed.sh does all of that. Every rank builds the same
   full inputs from a seeded generator, passes its slice of the weights to
   @mha_tp (its heads: Wq/Wk/Wv columns, Wo rows, the Q/K/V bias slices) and
   the full ones to @mha_ref, and compares the two outputs elementwise with
   attn-run's f32 tolerance (|a - r| <= 1e-5 + 1e-4 |r|). It prints one line
   per rank and exits 1 if any rank's result is out of tolerance.

   MPI_Init comes before the first call and MPI_Finalize after the last: the
   compiled code calls MPI (MPI_Comm_rank, MPI_Comm_split, MPI_Allreduce) but
   neither initializes nor finalizes it.

   --repeat R also times R calls of @mha_tp (a barrier before each; the
   slowest rank's median) and of @mha_ref. The MPI calls of the compiled code
   are counted through MPI's profiling interface (the wrappers below
   intercept them and forward to PMPI_*), so the bytes each rank hands to
   MPI are measured, not estimated. --npy DIR (rank 0) writes the inputs and
   the distributed result as .npy files for `attn-run --check`.
   --test-perturb-rank R changes one weight on rank R only: every rank must
   then report FAIL (a check that the comparison can fail).
   --test-skip-rank-check calls the code on a rank count it was not compiled
   for, whose own check must fail the call. */

#include "dist.h"
#include "plain.h"

#include <math.h>
#include <mpi.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#ifndef CFG_RANKS
#error "compile with -include config.h (examples/distributed/gen_mha_tp.py)"
#endif

enum {
  B = CFG_B,
  S = CFG_S,
  M = CFG_M,
  HQ = CFG_HQ,
  HKV = CFG_HKV,
  D = CFG_D,
  QC = HQ * D,  /* Wq columns */
  KVC = HKV * D /* Wk/Wv columns */
};

/*===------------------------------------------------------------------===*
 * What the compiled code asks of MPI (profiling interface wrappers)
 *===------------------------------------------------------------------===*/

static long long allreduceCalls, allreduceBytes, splitCalls, p2pBytes;
static int countCalls; /* only the calls of @mha_tp, not the driver's own */
static int timeCalls;  /* the timed calls of @mha_tp */
static double allreduceSeconds;

static long long typeBytes(MPI_Datatype type, int count) {
  int size = 0;
  PMPI_Type_size(type, &size);
  return (long long)size * count;
}

int MPI_Allreduce(const void *in, void *out, int count, MPI_Datatype type,
                  MPI_Op op, MPI_Comm comm) {
  if (countCalls) {
    ++allreduceCalls;
    allreduceBytes += typeBytes(type, count);
  }
  double t0 = timeCalls ? PMPI_Wtime() : 0;
  int rc = PMPI_Allreduce(in, out, count, type, op, comm);
  if (timeCalls)
    allreduceSeconds += PMPI_Wtime() - t0;
  return rc;
}

int MPI_Comm_split(MPI_Comm comm, int color, int key, MPI_Comm *newcomm) {
  if (countCalls)
    ++splitCalls;
  return PMPI_Comm_split(comm, color, key, newcomm);
}

int MPI_Send(const void *buf, int count, MPI_Datatype type, int dest, int tag,
             MPI_Comm comm) {
  if (countCalls)
    p2pBytes += typeBytes(type, count);
  return PMPI_Send(buf, count, type, dest, tag, comm);
}

/*===------------------------------------------------------------------===*
 * Inputs
 *===------------------------------------------------------------------===*/

static uint64_t splitmix64(uint64_t *state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/* Uniform in (-bound, bound), from a stream of its own per tensor. */
static float *uniform(int64_t count, float bound, uint64_t seed) {
  float *data = malloc((size_t)count * sizeof(float));
  uint64_t state = seed * 0x632BE59BD9B4E019ull;
  for (int64_t i = 0; i < count; ++i)
    data[i] = bound *
              (2.0f * (float)((splitmix64(&state) >> 40) * (1.0 / 16777216.0)) -
               1.0f);
  return data;
}

/* Columns [c0, c0 + n) of a rows x cols row-major matrix, contiguous. */
static float *columns(const float *w, int64_t rows, int64_t cols, int64_t c0,
                      int64_t n) {
  float *out = malloc((size_t)(rows * n) * sizeof(float));
  for (int64_t r = 0; r < rows; ++r)
    memcpy(out + r * n, w + r * cols + c0, (size_t)n * sizeof(float));
  return out;
}

static attn_memref_f32_1d wrap1(float *data, int64_t n) {
  attn_memref_f32_1d m = {data, data, 0, {n}, {1}};
  return m;
}
static attn_memref_f32_2d wrap2(float *data, int64_t r, int64_t c) {
  attn_memref_f32_2d m = {data, data, 0, {r, c}, {c, 1}};
  return m;
}
static attn_memref_f32_3d wrap3(float *data, int64_t a, int64_t b, int64_t c) {
  attn_memref_f32_3d m = {data, data, 0, {a, b, c}, {b * c, c, 1}};
  return m;
}

/*===------------------------------------------------------------------===*
 * .npy output (for attn-run --check)
 *===------------------------------------------------------------------===*/

static void writeNpy(const char *dir, const char *name, const char *descr,
                     const void *data, size_t elemSize, int rank,
                     const int64_t *shape) {
  char path[4096], dims[128] = "", header[256];
  size_t count = 1;
  for (int i = 0; i < rank; ++i) {
    size_t len = strlen(dims);
    snprintf(dims + len, sizeof dims - len, "%lld,%s", (long long)shape[i],
             i + 1 < rank ? " " : "");
    count *= (size_t)shape[i];
  }
  int len = snprintf(header, sizeof header,
                     "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }",
                     descr, dims);
  int total = (10 + len + 1 + 63) / 64 * 64;
  memset(header + len, ' ', (size_t)(total - 10 - len - 1));
  header[total - 10 - 1] = '\n';
  snprintf(path, sizeof path, "%s/%s.npy", dir, name);
  FILE *f = fopen(path, "wb");
  if (!f) {
    perror(path);
    exit(2);
  }
  unsigned char hlen[2] = {(unsigned char)((total - 10) & 0xff),
                           (unsigned char)((total - 10) >> 8)};
  fwrite("\x93NUMPY\x01\x00", 1, 8, f);
  fwrite(hlen, 1, 2, f);
  fwrite(header, 1, (size_t)(total - 10), f);
  fwrite(data, elemSize, count, f);
  fclose(f);
}

/*===------------------------------------------------------------------===*/

static int compareDoubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(double *t, int n) {
  qsort(t, (size_t)n, sizeof *t, compareDoubles);
  return n % 2 ? t[n / 2] : 0.5 * (t[n / 2 - 1] + t[n / 2]);
}

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  int repeat = 0, perturbRank = -1, checkRanks = 1;
  const char *npyDir = NULL;
  for (int i = 1; i < argc; ++i) {
    if (!strcmp(argv[i], "--repeat") && i + 1 < argc)
      repeat = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--npy") && i + 1 < argc)
      npyDir = argv[++i];
    else if (!strcmp(argv[i], "--test-perturb-rank") && i + 1 < argc)
      perturbRank = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--test-skip-rank-check"))
      checkRanks = 0;
    else {
      if (rank == 0)
        fprintf(stderr,
                "usage: %s [--repeat N] [--npy DIR] [--test-perturb-rank R] "
                "[--test-skip-rank-check]\n",
                argv[0]);
      MPI_Finalize();
      return 2;
    }
  }
  /* The program was partitioned for CFG_RANKS ranks: on another count the
     all-reduce would sum the wrong partial results (the compiled code checks
     it too, and fails its call: --test-skip-rank-check shows it). */
  if (checkRanks && ranks != CFG_RANKS) {
    if (rank == 0)
      fprintf(stderr,
              "error: compiled for %d ranks (shard.grid shape), run on %d: "
              "use mpirun -n %d\n",
              CFG_RANKS, ranks, CFG_RANKS);
    MPI_Finalize();
    return 2;
  }

  /* The full layer, the same on every rank. */
  float *x = uniform((int64_t)B * S * M, 1.0f, 1);
  float wb = 1.0f / sqrtf((float)M), ob = 1.0f / sqrtf((float)QC);
  float *wq = uniform((int64_t)M * QC, wb, 2);
  float *wk = uniform((int64_t)M * KVC, wb, 3);
  float *wv = uniform((int64_t)M * KVC, wb, 4);
  float *wo = uniform((int64_t)QC * M, ob, 5);
  float *bq = uniform(QC, 0.02f, 6), *bk = uniform(KVC, 0.02f, 7);
  float *bv = uniform(KVC, 0.02f, 8), *bo = uniform(M, 0.02f, 9);
#if CFG_MASK
  /* Key padding: batch b keeps its first S - b*S/4 keys. */
  static uint8_t mask[B * S];
  for (int b = 0; b < B; ++b)
    for (int k = 0; k < S; ++k)
      mask[b * S + k] = k < S - (b % 4) * (S / 4);
  attn_memref_i1_4d mmask = {mask, mask, 0, {B, 1, 1, S}, {S, S, S, 1}};
#endif

  /* This rank's heads: query heads [r·HQ/N, (r+1)·HQ/N) and their key/value
     heads (all of them when there is one, MQA); N is the compiled rank count
     (the shapes the code expects), r this rank's part of it. */
  int mqa = HKV == 1 && HQ != 1, part = rank % CFG_RANKS;
  int64_t qc = QC / CFG_RANKS, kvc = mqa ? KVC : KVC / CFG_RANKS;
  int64_t kv0 = mqa ? 0 : part * kvc;
  float *wqL = columns(wq, M, QC, part * qc, qc);
  float *wkL = columns(wk, M, KVC, kv0, kvc);
  float *wvL = columns(wv, M, KVC, kv0, kvc);
  /* A test of the test: one rank computes with a slightly wrong weight (as
     a rank holding a stale or misrouted shard would), which every rank's
     comparison must catch after the all-reduce. */
  if (rank == perturbRank)
    wqL[0] += 0.05f;

  attn_memref_f32_3d mx = wrap3(x, B, S, M);
  attn_memref_f32_2d lq = wrap2(wqL, M, qc), lk = wrap2(wkL, M, kvc),
                     lv = wrap2(wvL, M, kvc),
                     lo = wrap2(wo + part * qc * M, qc, M);
  attn_memref_f32_1d lbq = wrap1(bq + part * qc, qc),
                     lbk = wrap1(bk + kv0, kvc), lbv = wrap1(bv + kv0, kvc),
                     mbo = wrap1(bo, M);
  attn_memref_f32_2d fq = wrap2(wq, M, QC), fk = wrap2(wk, M, KVC),
                     fv = wrap2(wv, M, KVC), fo = wrap2(wo, QC, M);
  attn_memref_f32_1d fbq = wrap1(bq, QC), fbk = wrap1(bk, KVC),
                     fbv = wrap1(bv, KVC);
#if CFG_MASK
#define MASK_ARG , &mmask
#else
#define MASK_ARG
#endif
#define CALL_DIST(res)                                                         \
  _mlir_ciface_mha_tp(res, &mx, &lq, &lk, &lv, &lo, &lbq, &lbk, &lbv,          \
                      &mbo MASK_ARG)
#define CALL_REF(res)                                                          \
  _mlir_ciface_mha_ref(res, &mx, &fq, &fk, &fv, &fo, &fbq, &fbk, &fbv,         \
                       &mbo MASK_ARG)

  attn_memref_f32_3d y, ref;
  countCalls = 1;
  CALL_DIST(&y);
  countCalls = 0;
  /* A failed runtime check returns from the call (every rank fails the
     same checks): the ranks agree on it and exit rather than MPI_Abort,
     which may lose the message. */
  int callFailed = 0, anyCallFailed = 0;
  if (mha_tp_error()) {
    fprintf(stderr, "rank %d: @mha_tp failed: %s\n", rank, mha_tp_error());
    callFailed = 1;
  } else {
    CALL_REF(&ref);
    if (mha_ref_error()) {
      fprintf(stderr, "rank %d: @mha_ref failed: %s\n", rank, mha_ref_error());
      callFailed = 1;
    }
  }
  fflush(stderr);
  MPI_Allreduce(&callFailed, &anyCallFailed, 1, MPI_INT, MPI_MAX,
                MPI_COMM_WORLD);
  if (anyCallFailed) {
    MPI_Finalize();
    return 2;
  }

  double maxErr = 0, maxRef = 0;
  long long bad = 0, n = (long long)B * S * M;
  for (long long i = 0; i < n; ++i) {
    double a = y.aligned[y.offset + i], r = ref.aligned[ref.offset + i];
    double err = fabs(a - r);
    if (!(err <= 1e-5 + 1e-4 * fabs(r))) /* NaN fails too */
      ++bad;
    if (!(err <= maxErr))
      maxErr = err;
    if (fabs(r) > maxRef)
      maxRef = fabs(r);
  }
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  /* One line per rank, in rank order. */
  for (int r = 0; r < ranks; ++r) {
    if (r == rank)
      printf("rank %d/%d: %d of %d query heads, %lld MPI_Allreduce (%lld "
             "bytes), %lld MPI_Comm_split; max abs err %.3g vs one process "
             "(max |y| %.3g), %lld of %lld out of tolerance: %s\n",
             rank, ranks, HQ / CFG_RANKS, HQ, allreduceCalls, allreduceBytes,
             splitCalls, maxErr, maxRef, bad, n, bad ? "FAIL" : "PASS");
    fflush(stdout);
    MPI_Barrier(MPI_COMM_WORLD);
  }

  if (npyDir && rank == 0) {
    int64_t sx[3] = {B, S, M}, sq[2] = {M, QC}, skv[2] = {M, KVC},
            so[2] = {QC, M}, bqs[1] = {QC}, bkvs[1] = {KVC}, bos[1] = {M};
    writeNpy(npyDir, "x", "<f4", x, 4, 3, sx);
    writeNpy(npyDir, "wq", "<f4", wq, 4, 2, sq);
    writeNpy(npyDir, "wk", "<f4", wk, 4, 2, skv);
    writeNpy(npyDir, "wv", "<f4", wv, 4, 2, skv);
    writeNpy(npyDir, "wo", "<f4", wo, 4, 2, so);
    writeNpy(npyDir, "bq", "<f4", bq, 4, 1, bqs);
    writeNpy(npyDir, "bk", "<f4", bk, 4, 1, bkvs);
    writeNpy(npyDir, "bv", "<f4", bv, 4, 1, bkvs);
    writeNpy(npyDir, "bo", "<f4", bo, 4, 1, bos);
#if CFG_MASK
    int64_t sm[4] = {B, 1, 1, S};
    writeNpy(npyDir, "mask", "|b1", mask, 1, 4, sm);
#endif
    writeNpy(npyDir, "y", "<f4", y.aligned + y.offset, 4, 3, sx);
  }
  free(y.allocated);
  free(ref.allocated);

  if (repeat > 0) {
    double *t = malloc((size_t)repeat * sizeof(double));
    double *tr = malloc((size_t)repeat * sizeof(double));
    timeCalls = 1;
    for (int i = 0; i < repeat; ++i) {
      MPI_Barrier(MPI_COMM_WORLD);
      double t0 = MPI_Wtime();
      CALL_DIST(&y);
      t[i] = MPI_Wtime() - t0;
      free(y.allocated);
    }
    timeCalls = 0;
    /* The one-process layer, alone (the other ranks wait at the barrier). */
    for (int i = 0; i < repeat; ++i) {
      MPI_Barrier(MPI_COMM_WORLD);
      double t0 = MPI_Wtime();
      if (rank == 0)
        CALL_REF(&ref);
      tr[i] = MPI_Wtime() - t0;
      if (rank == 0)
        free(ref.allocated);
    }
    double mine = median(t, repeat), slowest = 0, one = median(tr, repeat);
    long maxRss, peak = 0;
    getrusage(RUSAGE_SELF, &usage);
    maxRss = usage.ru_maxrss; /* KiB on Linux */
    MPI_Reduce(&mine, &slowest, 1, MPI_DOUBLE, MPI_MAX, 0, MPI_COMM_WORLD);
    MPI_Reduce(&maxRss, &peak, 1, MPI_LONG, MPI_MAX, 0, MPI_COMM_WORLD);
    double inReduce = allreduceSeconds / repeat, slowestReduce = 0;
    MPI_Reduce(&inReduce, &slowestReduce, 1, MPI_DOUBLE, MPI_MAX, 0,
               MPI_COMM_WORLD);
    /* What this rank's call reads and writes: x, its weight and bias
       slices, the output (and the mask). */
    long long argBytes = 4 * ((long long)B * S * M * 2 + M * qc + 2 * M * kvc +
                              qc * M + qc + 2 * kvc + M) +
                         (CFG_MASK ? (long long)B * S : 0);
    if (rank == 0)
      printf("timing: %d ranks, median of %d calls: %.4f ms (slowest rank), "
             "of which %.4f ms in MPI_Allreduce (mean, slowest rank); "
             "one process (@mha_ref on rank 0): %.4f ms; %lld bytes "
             "all-reduced per rank per call; %lld bytes of arguments and "
             "result per rank; peak RSS per rank %ld KiB (max over ranks)\n",
             ranks, repeat, 1e3 * slowest, 1e3 * slowestReduce, 1e3 * one,
             allreduceBytes, argBytes, peak);
    free(t);
    free(tr);
  }

  int failed = bad != 0, anyFailed = 0;
  MPI_Allreduce(&failed, &anyFailed, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  MPI_Finalize();
  return anyFailed ? 1 : 0;
}
