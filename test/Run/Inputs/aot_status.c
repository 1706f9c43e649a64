/* Calls @lengths (test/Run/runtime-checks.mlir, compiled by attn-compile)
   with K and V of different lengths, then with agreeing ones: the first call
   must return with lengths_error() set instead of aborting this process,
   the second must succeed with lengths_error() null again. */
#include "lengths.h"

#include <stdio.h>
#include <stdlib.h>

static attn_memref_f32_4d make(int64_t s) {
  int64_t n = 1 * 2 * s * 16;
  float *data = calloc((size_t)n, sizeof(float));
  for (int64_t i = 0; i < n; ++i)
    data[i] = (float)(i % 7) * 0.125f;
  attn_memref_f32_4d m = {data, data, 0, {1, 2, s, 16}, {2 * s * 16, s * 16, 16, 1}};
  return m;
}

int main(void) {
  attn_memref_f32_4d q = make(5), k = make(7), v = make(6), v7 = make(7), out;
  _mlir_ciface_lengths(&out, &q, &k, &v);
  const char *error = lengths_error();
  printf("mismatch: %s\n", error ? error : "(no error)");
  if (!error)
    return 1;
  _mlir_ciface_lengths(&out, &q, &k, &v7);
  error = lengths_error();
  printf("agreeing: %s, result %lldx%lldx%lldx%lld\n", error ? error : "(no error)",
         (long long)out.sizes[0], (long long)out.sizes[1],
         (long long)out.sizes[2], (long long)out.sizes[3]);
  if (error)
    return 1;
  free(out.allocated);
  free(q.allocated);
  free(k.allocated);
  free(v.allocated);
  free(v7.allocated);
  return 0;
}
