/* Calls attention compiled ahead of time by attn-compile from plain C.

     build/bin/attn-compile examples/aot/sdpa.mlir -o sdpa.so --header sdpa.h
     cc -I. examples/aot/main.c sdpa.so -Wl,-rpath,'$ORIGIN' -lm -o sdpa-main
     ./sdpa-main OUTDIR

   (or link sdpa.o from `-o sdpa.o` instead of the .so, with the libraries
   the header names: libm, and libomp unless compiled with
   --pipeline-options=parallel=false). It fills Q, K and V
   with deterministic values, calls _mlir_ciface_sdpa, prints a summary and
   writes q.npy, k.npy, v.npy and out.npy into OUTDIR, so that
   `attn-run examples/aot/sdpa.mlir --inputs q.npy,k.npy,v.npy
   --expected out.npy --check` can compare the result with the JIT and with
   the double-precision reference. It also prints the target the code was
   compiled for (sdpa_target(), see the header): code for the host CPU dies
   with SIGILL on a CPU without its instructions. */

#include "sdpa.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { B = 1, HQ = 8, HKV = 2, S = 16, D = 32 };

static void fill(float *data, int64_t count, float phase) {
  for (int64_t i = 0; i < count; ++i)
    data[i] = sinf(0.37f * (float)i + phase) * 1.5f;
}

/* A descriptor for a row-major B x H x S x D array owned by the caller. */
static attn_memref_f32_4d wrap(float *data, int64_t heads) {
  attn_memref_f32_4d m;
  m.allocated = data;
  m.aligned = data;
  m.offset = 0;
  int64_t sizes[4] = {B, heads, S, D};
  int64_t stride = 1;
  for (int i = 3; i >= 0; --i) {
    m.sizes[i] = sizes[i];
    m.strides[i] = stride;
    stride *= sizes[i];
  }
  return m;
}

/* Writes a float32 .npy file (format 1.0, C order). */
static int write_npy(const char *dir, const char *name, const float *data,
                     const int64_t shape[4]) {
  char path[4096], header[128];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  int len = snprintf(header, sizeof header,
                     "{'descr': '<f4', 'fortran_order': False, "
                     "'shape': (%lld, %lld, %lld, %lld), }",
                     (long long)shape[0], (long long)shape[1],
                     (long long)shape[2], (long long)shape[3]);
  /* Pad so that magic (6) + version (2) + length (2) + header is a
     multiple of 64, ending in '\n'. */
  int total = (10 + len + 1 + 63) / 64 * 64;
  memset(header + len, ' ', (size_t)(total - 10 - len - 1));
  header[total - 10 - 1] = '\n';
  FILE *f = fopen(path, "wb");
  if (!f) {
    perror(path);
    return 1;
  }
  unsigned short hlen = (unsigned short)(total - 10);
  unsigned char lenBytes[2] = {(unsigned char)(hlen & 0xff),
                               (unsigned char)(hlen >> 8)};
  fwrite("\x93NUMPY\x01\x00", 1, 8, f);
  fwrite(lenBytes, 1, 2, f);
  fwrite(header, 1, (size_t)(total - 10), f);
  fwrite(data, sizeof(float),
         (size_t)(shape[0] * shape[1] * shape[2] * shape[3]), f);
  return fclose(f) != 0;
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : ".";
  static float q[B * HQ * S * D], k[B * HKV * S * D], v[B * HKV * S * D];
  fill(q, B * HQ * S * D, 0.0f);
  fill(k, B * HKV * S * D, 1.0f);
  fill(v, B * HKV * S * D, 2.0f);

  attn_memref_f32_4d mq = wrap(q, HQ), mk = wrap(k, HKV), mv = wrap(v, HKV);
  attn_memref_f32_4d out;
  _mlir_ciface_sdpa(&out, &mq, &mk, &mv);

  /* The result is malloc'ed by the compiled code; copy it out row-major
     through its strides, then free it. */
  static float o[B * HQ * S * D];
  double sum = 0.0;
  int64_t n = 0;
  for (int64_t b = 0; b < out.sizes[0]; ++b)
    for (int64_t h = 0; h < out.sizes[1]; ++h)
      for (int64_t s = 0; s < out.sizes[2]; ++s)
        for (int64_t d = 0; d < out.sizes[3]; ++d) {
          float x =
              out.aligned[out.offset + b * out.strides[0] + h * out.strides[1] +
                          s * out.strides[2] + d * out.strides[3]];
          o[n++] = x;
          sum += x;
        }
  printf("sdpa: result %lldx%lldx%lldx%lld, o[0] = %.6f, sum = %.6f\n",
         (long long)out.sizes[0], (long long)out.sizes[1],
         (long long)out.sizes[2], (long long)out.sizes[3], o[0], sum);
  free(out.allocated);
  printf("compiled for: %s\n", sdpa_target());

  const int64_t qShape[4] = {B, HQ, S, D}, kvShape[4] = {B, HKV, S, D};
  if (write_npy(dir, "q.npy", q, qShape) ||
      write_npy(dir, "k.npy", k, kvShape) ||
      write_npy(dir, "v.npy", v, kvShape) ||
      write_npy(dir, "out.npy", o, qShape))
    return 1;
  return 0;
}
