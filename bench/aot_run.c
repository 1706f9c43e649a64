/* Runs one function compiled ahead of time by attn-compile (a shared
 * library) the way an application would: no compiler in the process, so its
 * peak RSS is the compiled code's, its constant weights' and the data's. The
 * benchmarks use it for the memory (and a cross-check of the time) of attn's
 * compiled code.
 *
 *   aot_run LIB.so FUNCTION CALLS SHAPE...      e.g.
 *   aot_run attention.so attention 20 1x8x512x64 1x8x512x64 1x8x512x64
 *   aot_run encoder.so encoder 10 1x128x768
 *
 * calls `_mlir_ciface_FUNCTION(result, arg0, arg1, ...)` with one f32
 * argument per SHAPE (row-major, filled with pseudo-random values in
 * [-1, 1) from one LCG, argument after argument), once to warm up and then
 * CALLS times, freeing each result; prints the median time in attn-run's
 * format: `time: median X ms over N runs`. The function must return one
 * memref (a tensor result), of any rank up to 8.
 *
 * The compiled code mallocs its result and temporaries (e.g. the transposed
 * K) on every call. glibc serves blocks above its mmap threshold with fresh
 * mmaps, and its dynamic threshold never rises past a block that is freed
 * and asked for again at the same size, so every call would page-fault its
 * buffers in anew (about 1000 faults and +15-30% time per call at S = 1024
 * here). attn-run's heap has long raised that threshold by the time it
 * times anything; this runner sets it as a serving process would
 * (mallopt; glibc only). */
#define _GNU_SOURCE /* clock_gettime, dlopen with a strict -std */
#include <dlfcn.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include "runner.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { MAX_RANK = 8, MAX_ARGS = 6 };

/* A memref descriptor of any rank as the C interface lays it out: the
 * allocated and aligned pointers, the offset, then `rank` sizes and `rank`
 * strides, all 8-byte words. */
typedef struct {
  void *allocated;
  void *aligned;
  int64_t offset;
  int64_t sizes_and_strides[2 * MAX_RANK];
} memref;

/* The entry point's address; call() casts it to the arity used. */
typedef void (*entry_fn)(void);
typedef memref *desc;

static int parse_shape(const char *text, int64_t *sizes) {
  int rank = 0;
  for (const char *p = text;;) {
    char *end;
    long long v = strtoll(p, &end, 10);
    if (end == p || v <= 0 || rank == MAX_RANK)
      return -1;
    sizes[rank++] = v;
    if (*end == '\0')
      return rank;
    if (*end != 'x')
      return -1;
    p = end + 1;
  }
}

static memref make(const int64_t *sizes, int rank, uint64_t *state) {
  memref m;
  int64_t n = 1;
  for (int i = 0; i < rank; ++i)
    n *= sizes[i];
  m.allocated = m.aligned = runner_random((size_t)n, 1.0f, state);
  m.offset = 0;
  int64_t stride = 1;
  for (int i = rank - 1; i >= 0; --i) {
    m.sizes_and_strides[i] = sizes[i];
    m.sizes_and_strides[rank + i] = stride;
    stride *= sizes[i];
  }
  return m;
}

static void call(entry_fn fn, memref *out, memref *a, int nargs) {
  switch (nargs) {
  case 1:
    ((void (*)(desc, desc))fn)(out, &a[0]);
    break;
  case 2:
    ((void (*)(desc, desc, desc))fn)(out, &a[0], &a[1]);
    break;
  case 3:
    ((void (*)(desc, desc, desc, desc))fn)(out, &a[0], &a[1], &a[2]);
    break;
  case 4:
    ((void (*)(desc, desc, desc, desc, desc))fn)(out, &a[0], &a[1], &a[2],
                                                 &a[3]);
    break;
  case 5:
    ((void (*)(desc, desc, desc, desc, desc, desc))fn)(out, &a[0], &a[1], &a[2],
                                                       &a[3], &a[4]);
    break;
  default:
    ((void (*)(desc, desc, desc, desc, desc, desc, desc))fn)(
        out, &a[0], &a[1], &a[2], &a[3], &a[4], &a[5]);
    break;
  }
}

int main(int argc, char **argv) {
  if (argc < 5 || argc - 4 > MAX_ARGS) {
    fprintf(stderr,
            "usage: aot_run LIB.so FUNCTION CALLS SHAPE... (1 to %d "
            "f32 arguments, e.g. 1x128x768)\n",
            MAX_ARGS);
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
  entry_fn fn = (entry_fn)dlsym(lib, symbol);
  if (!fn) {
    fprintf(stderr, "aot_run: %s not found in %s\n", symbol, argv[1]);
    return 1;
  }
  int calls = atoi(argv[3]);
  if (calls < 1)
    calls = 1;
  int nargs = argc - 4;
  memref args[MAX_ARGS];
  uint64_t state = 42;
  for (int i = 0; i < nargs; ++i) {
    int64_t sizes[MAX_RANK];
    int rank = parse_shape(argv[4 + i], sizes);
    if (rank < 1) {
      fprintf(stderr, "aot_run: bad shape '%s' (want e.g. 1x128x768)\n",
              argv[4 + i]);
      return 2;
    }
    args[i] = make(sizes, rank, &state);
  }
  double *times = malloc(sizeof(double) * (size_t)calls);
  double checksum = 0.0;
  for (int i = -1; i < calls; ++i) {
    memref out;
    double t0 = runner_now_ms();
    call(fn, &out, args, nargs);
    double t1 = runner_now_ms();
    if (i >= 0)
      times[i] = t1 - t0;
    checksum += ((const float *)out.aligned)[out.offset];
    free(out.allocated);
  }
  runner_report(times, calls, checksum);
  free(times);
  for (int i = 0; i < nargs; ++i)
    free(args[i].allocated);
  return 0;
}
