/* What the benchmarks' C runners (aot_run.c, blas_matmul.c) share: their
 * pseudo-random inputs and the median of the timed calls, printed in
 * attn-run's format so the benchmarks parse one line for every tool. */
#ifndef ATTN_BENCH_RUNNER_H
#define ATTN_BENCH_RUNNER_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* A 64-byte aligned array of n floats in scale · [-1, 1), from the LCG state
 * (a 64-bit multiplicative generator's top bits); exits when out of memory. */
static float *runner_random(size_t n, float scale, uint64_t *state) {
  float *p = aligned_alloc(64, (n * 4 + 63) / 64 * 64);
  if (!p) {
    fprintf(stderr, "out of memory\n");
    exit(1);
  }
  for (size_t i = 0; i < n; ++i) {
    *state = *state * 6364136223846793005ull + 1442695040888963407ull;
    p[i] = scale * (float)((*state >> 40) * (1.0 / (1 << 23)) - 1.0);
  }
  return p;
}

static double runner_now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec * 1e-6;
}

static int runner_compare(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Sorts the calls' times and prints `time: median X ms over N runs (min Y
 * ms, after 1 warm-up); checksum C`. */
static void runner_report(double *times, int calls, double checksum) {
  qsort(times, (size_t)calls, sizeof(double), runner_compare);
  double median = calls % 2 ? times[calls / 2]
                            : 0.5 * (times[calls / 2 - 1] + times[calls / 2]);
  printf("time: median %.6g ms over %d runs (min %.6g ms, after 1 warm-up); "
         "checksum %g\n",
         median, calls, times[0], checksum);
}

#endif /* ATTN_BENCH_RUNNER_H */
