/* Memory read bandwidth of this machine with OMP_NUM_THREADS threads: the
 * rate at which a decoding step can stream K and V at best. Sums a buffer
 * much larger than the last-level cache (512 MiB of floats, first touched
 * by the threads that read it), best of 7 passes; prints
 * `read_bandwidth_gbs=<GB/s>` (1 GB = 1e9 bytes). Built by
 * bench/attn_bench.py with `cc -O2 -march=native -fopenmp`. */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

typedef float v16 __attribute__((vector_size(64)));

int main(void) {
  const size_t n = (size_t)512 * 1024 * 1024 / sizeof(float);
  float *a = aligned_alloc(64, n * sizeof(float));
  if (!a)
    return 1;
#pragma omp parallel for schedule(static)
  for (size_t i = 0; i < n; ++i)
    a[i] = (float)(i & 7);
  double best = 0.0, sink = 0.0;
  for (int pass = 0; pass < 7; ++pass) {
    double t = omp_get_wtime();
    /* Four independent vector sums per thread (GCC/Clang vector
     * extension: full-width loads whatever the ISA), reduced once at the
     * end of the thread's share. */
    float total = 0.0f;
#pragma omp parallel reduction(+ : total)
    {
      v16 s0 = {0}, s1 = {0}, s2 = {0}, s3 = {0};
#pragma omp for schedule(static)
      for (size_t i = 0; i < n; i += 64) {
        const v16 *p = (const v16 *)(a + i);
        s0 += p[0];
        s1 += p[1];
        s2 += p[2];
        s3 += p[3];
      }
      v16 s = s0 + s1 + s2 + s3;
      for (int k = 0; k < 16; ++k)
        total += s[k];
    }
    t = omp_get_wtime() - t;
    sink += total;
    double gbs = n * sizeof(float) / t / 1e9;
    if (gbs > best)
      best = gbs;
  }
  printf("read_bandwidth_gbs=%.1f threads=%d (checksum %g)\n", best,
         omp_get_max_threads(), sink);
  free(a);
  return 0;
}
