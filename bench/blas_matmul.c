/* A second peer for the matmul benchmark: OpenBLAS's cblas_sgemm, row-major,
 * Y = A · B with A M×K and B K×N (B's values fixed, as a layer's weight;
 * BLAS has no pre-packed-weight interface, so sgemm packs B on every call).
 *
 *   blas_matmul LIB M N K CALLS        e.g.
 *   blas_matmul /usr/lib/x86_64-linux-gnu/libopenblas.so.0 512 768 768 20
 *
 * The library is dlopen'ed (Debian's libopenblas0-pthread; no headers or
 * link-time dependency needed) and run with OPENBLAS_NUM_THREADS threads
 * (the benchmark sets it). Inputs from an LCG (A in [-1, 1), B in
 * ±1/sqrt(K)); prints the library's configuration and the median time in
 * attn-run's format: `time: median X ms over N runs`. Built by
 * bench/layer_bench.py with `cc -O2 blas_matmul.c -ldl`. */
#define _GNU_SOURCE /* clock_gettime, dlopen with a strict -std */
#include "runner.h"

#include <dlfcn.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { ROW_MAJOR = 101, NO_TRANS = 111 }; /* CBLAS's enumerators */

typedef void (*sgemm_fn)(int order, int trans_a, int trans_b, int m, int n,
                         int k, float alpha, const float *a, int lda,
                         const float *b, int ldb, float beta, float *c,
                         int ldc);
typedef char *(*config_fn)(void);

int main(int argc, char **argv) {
  if (argc != 6) {
    fprintf(stderr, "usage: blas_matmul LIB M N K CALLS\n");
    return 2;
  }
  void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    fprintf(stderr, "blas_matmul: %s\n", dlerror());
    return 1;
  }
  sgemm_fn sgemm = (sgemm_fn)dlsym(lib, "cblas_sgemm");
  if (!sgemm) {
    fprintf(stderr, "blas_matmul: no cblas_sgemm in %s\n", argv[1]);
    return 1;
  }
  config_fn config = (config_fn)dlsym(lib, "openblas_get_config");
  int m = atoi(argv[2]), n = atoi(argv[3]), k = atoi(argv[4]);
  int calls = atoi(argv[5]);
  if (m < 1 || n < 1 || k < 1) {
    fprintf(stderr, "blas_matmul: M, N and K must be positive\n");
    return 2;
  }
  if (calls < 1)
    calls = 1;
  uint64_t state = 42;
  float *a = runner_random((size_t)m * k, 1.0f, &state);
  float *b = runner_random((size_t)k * n, 1.0f / sqrtf((float)k), &state);
  float *c = runner_random((size_t)m * n, 0.0f, &state);
  double *times = malloc(sizeof(double) * (size_t)calls);
  for (int i = -1; i < calls; ++i) {
    double t0 = runner_now_ms();
    sgemm(ROW_MAJOR, NO_TRANS, NO_TRANS, m, n, k, 1.0f, a, k, b, n, 0.0f, c, n);
    double t1 = runner_now_ms();
    if (i >= 0)
      times[i] = t1 - t0;
  }
  printf("config: %s\n", config ? config() : "unknown");
  runner_report(times, calls, (double)c[0]);
  free(times);
  free(a);
  free(b);
  free(c);
  return 0;
}
