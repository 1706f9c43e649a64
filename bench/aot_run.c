/* Runs one attention function compiled ahead of time by attn-compile (a
 * shared library) the way an application would: no compiler in the
 * process, so its peak RSS is the compiled code's and the data's. The
 * benchmark uses it for the memory column of attn's tiled pipeline.
 *
 *   aot_run LIB.so FUNCTION B HQ HKV SQ SKV D CALLS
 *
 * calls `_mlir_ciface_FUNCTION(result, q, k, v)` on f32 Q (B×HQ×SQ×D),
 * K and V (B×HKV×SKV×D) filled with pseudo-random values in [-1, 1), once
 * to warm up and then CALLS times, freeing each result; prints the median
 * time in attn-run's format: `time: median X ms over N runs`.
 *
 * The compiled code mallocs its result and temporaries (e.g. the transposed
 * K) on every call. glibc serves blocks above its mmap threshold with fresh
 * mmaps, and its dynamic threshold never rises past a block that is freed
 * and asked for again at the same size, so every call would page-fault its
 * buffers in anew (about 1000 faults and +15-30% time per call at S = 1024
 * here). attn-run's heap has long raised that threshold by the time it
 * times anything; this runner sets it as a serving process would
 * (mallopt; glibc only). */
#include <dlfcn.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
  float *allocated;
  float *aligned;
  int64_t offset;
  int64_t sizes[4];
  int64_t strides[4];
} memref4d;

typedef void (*attention_fn)(memref4d *, memref4d *, memref4d *, memref4d *);

static memref4d make(int64_t b, int64_t h, int64_t s, int64_t d,
                     uint64_t *state) {
  memref4d m;
  int64_t n = b * h * s * d;
  m.allocated = m.aligned = aligned_alloc(64, ((size_t)n * 4 + 63) / 64 * 64);
  if (!m.allocated) {
    fprintf(stderr, "aot_run: out of memory\n");
    exit(1);
  }
  for (int64_t i = 0; i < n; ++i) {
    *state = *state * 6364136223846793005ull + 1442695040888963407ull;
    m.aligned[i] = (float)((*state >> 40) * (1.0 / (1 << 23)) - 1.0);
  }
  m.offset = 0;
  int64_t sizes[4] = {b, h, s, d}, stride = 1;
  for (int i = 3; i >= 0; --i) {
    m.sizes[i] = sizes[i];
    m.strides[i] = stride;
    stride *= sizes[i];
  }
  return m;
}

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec * 1e-6;
}

static int compare(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc != 10) {
    fprintf(stderr, "usage: aot_run LIB.so FUNCTION B HQ HKV SQ SKV D CALLS\n");
    return 2;
  }
#ifdef __GLIBC__
  /* Blocks up to 32 MiB (glibc's largest threshold) from the reusable
   * heap, and freed heap memory kept rather than trimmed each call. */
  mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
#endif
  void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    fprintf(stderr, "aot_run: %s\n", dlerror());
    return 1;
  }
  char symbol[256];
  snprintf(symbol, sizeof symbol, "_mlir_ciface_%s", argv[2]);
  attention_fn fn = (attention_fn)dlsym(lib, symbol);
  if (!fn) {
    fprintf(stderr, "aot_run: %s not found in %s\n", symbol, argv[1]);
    return 1;
  }
  int64_t b = atoll(argv[3]), hq = atoll(argv[4]), hkv = atoll(argv[5]),
          sq = atoll(argv[6]), skv = atoll(argv[7]), d = atoll(argv[8]);
  int calls = atoi(argv[9]);
  if (calls < 1)
    calls = 1;
  uint64_t state = 42;
  memref4d q = make(b, hq, sq, d, &state), k = make(b, hkv, skv, d, &state),
           v = make(b, hkv, skv, d, &state);
  double *times = malloc(sizeof(double) * (size_t)calls);
  double checksum = 0.0;
  for (int i = -1; i < calls; ++i) {
    memref4d out;
    double t0 = now_ms();
    fn(&out, &q, &k, &v);
    double t1 = now_ms();
    if (i >= 0)
      times[i] = t1 - t0;
    checksum += out.aligned[out.offset];
    free(out.allocated);
  }
  qsort(times, (size_t)calls, sizeof(double), compare);
  double median = calls % 2 ? times[calls / 2]
                            : 0.5 * (times[calls / 2 - 1] + times[calls / 2]);
  printf("time: median %.6g ms over %d runs (min %.6g ms, after 1 warm-up); "
         "checksum %g\n",
         median, calls, times[0], checksum);
  free(times);
  free(q.allocated);
  free(k.allocated);
  free(v.allocated);
  return 0;
}
