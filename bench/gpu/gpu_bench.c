/* Runs attn-gpu-pipeline's kernels on a GPU and checks them: the host side
 * of every shape in shapes.h (gen_gpu_bench.py) is compiled ahead of time
 * into this program, with the kernels' cubin/fatbin inside it; it needs only
 * attn's CUDA runtime (linked in) and the driver's libcuda.so.1.
 *
 *   gpu_bench [REPEATS] [SHAPE_NAME...]
 *
 * Each shape is f16 (the tensor-core kernel) or f32 (the FMA kernel).
 * For each shape: random Q, K, V in [-1, 1) (one LCG; for f16 rounded to
 * f16, and the reference reads the rounded values), one warm-up call
 * (module already loaded by the constructors), then REPEATS (default 10)
 * calls with ATTN_CUDA_TIMING set: the kernel time is measured with CUDA
 * events around each launch, so the host↔device copies the compiled host
 * code makes on every call are not counted. TFLOP/s uses the usual
 * 4·B·H·S²·D forward FLOPs, halved for causal (FlashAttention-2's count).
 * The result is checked against a double-precision reference computed here
 * (independently of the compiler) on 2 heads × 16 rows of the output;
 * PASS when max |err| <= 2e-4 + 1e-3·|ref| (f32) or 1e-3 + 1e-2·|ref|
 * (f16: attn-run's f16 tolerance). Exit status 1 if any fails. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  void *allocated, *aligned;
  int64_t offset, sizes[4], strides[4];
} memref4;

typedef void (*sdpa_fn)(memref4 *, memref4 *, memref4 *, memref4 *);
typedef struct {
  const char *name;
  sdpa_fn fn;
  int64_t b, h, s, d;
  int causal;
  int f16; /* f16 operands and result, else f32 */
} bench_shape;

#include "shapes.h"

double attnCudaKernelMilliseconds(void);
void attnCudaResetKernelTime(void);
long attnCudaKernelLaunches(void);
void attnCudaDeviceInfo(char *name, int size, int *major, int *minor);

static uint64_t lcg = 0x9E3779B97F4A7C15ull;
static float *random_array(size_t n) {
  float *p = malloc(n * sizeof(float));
  if (!p) {
    fprintf(stderr, "out of memory\n");
    exit(2);
  }
  for (size_t i = 0; i < n; ++i) {
    lcg = lcg * 6364136223846793005ull + 1442695040888963407ull;
    p[i] = (float)((lcg >> 40) * (1.0 / (1 << 23)) - 1.0);
  }
  return p;
}

/* IEEE half <-> float, round to nearest even (no compiler support needed). */
static uint16_t to_half(float f) {
  uint32_t x;
  memcpy(&x, &f, 4);
  uint32_t sign = (x >> 16) & 0x8000, mant = x & 0x7fffff;
  int32_t exp = (int32_t)((x >> 23) & 0xff) - 127 + 15;
  if (((x >> 23) & 0xff) == 0xff)
    return (uint16_t)(sign | 0x7c00 | (mant ? 0x200 : 0));
  if (exp >= 31)
    return (uint16_t)(sign | 0x7c00);
  if (exp <= 0) {
    if (exp < -10)
      return (uint16_t)sign;
    mant |= 0x800000;
    uint32_t shift = (uint32_t)(14 - exp);
    uint32_t h = mant >> shift, rem = mant & ((1u << shift) - 1),
             half = 1u << (shift - 1);
    if (rem > half || (rem == half && (h & 1)))
      ++h;
    return (uint16_t)(sign | h);
  }
  uint32_t h = ((uint32_t)exp << 10) | (mant >> 13), rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem == 0x1000 && (h & 1)))
    ++h; /* may carry into the exponent: still correct */
  return (uint16_t)(sign | h);
}

static float from_half(uint16_t h) {
  uint32_t sign = (uint32_t)(h & 0x8000) << 16, exp = (h >> 10) & 0x1f,
           mant = h & 0x3ff, x;
  if (exp == 0x1f)
    x = sign | 0x7f800000 | (mant << 13);
  else if (exp != 0)
    x = sign | ((exp - 15 + 127) << 23) | (mant << 13);
  else if (mant == 0)
    x = sign;
  else {
    exp = 127 - 15 + 1;
    while (!(mant & 0x400)) {
      mant <<= 1;
      --exp;
    }
    x = sign | (exp << 23) | ((mant & 0x3ff) << 13);
  }
  float f;
  memcpy(&f, &x, 4);
  return f;
}

/* The f16 copy of `p` (whose values become the rounded ones). */
static uint16_t *halves(float *p, size_t n) {
  uint16_t *h = malloc(n * sizeof(uint16_t));
  if (!h) {
    fprintf(stderr, "out of memory\n");
    exit(2);
  }
  for (size_t i = 0; i < n; ++i) {
    h[i] = to_half(p[i]);
    p[i] = from_half(h[i]);
  }
  return h;
}

static memref4 wrap(void *p, const bench_shape *s) {
  memref4 m = {p, p, 0, {s->b, s->h, s->s, s->d}, {0}};
  m.strides[3] = 1;
  m.strides[2] = s->d;
  m.strides[1] = s->s * s->d;
  m.strides[0] = s->h * s->s * s->d;
  return m;
}

/* max |out - ref| over the sampled rows, and whether each is within
 * tolerance. */
static int check(const bench_shape *s, const float *q, const float *k,
                 const float *v, const void *out, double *max_err) {
  int ok = 1;
  int64_t S = s->s, D = s->d;
  double scale = 1.0 / sqrt((double)D);
  double *p = malloc(S * sizeof(double));
  *max_err = 0;
  for (int sample = 0; sample < 2; ++sample) {
    int64_t bh = sample == 0 ? 0 : s->b * s->h - 1;
    const float *Q = q + bh * S * D, *K = k + bh * S * D, *V = v + bh * S * D;
    int64_t o0 = bh * S * D;
    for (int r = 0; r < 16; ++r) {
      int64_t i = r == 15 ? S - 1 : (r * 7919) % S;
      int64_t keys = s->causal ? i + 1 : S; /* Sq == Skv: offset 0 */
      double m = -INFINITY, sum = 0;
      for (int64_t j = 0; j < keys; ++j) {
        double dot = 0;
        for (int64_t d = 0; d < D; ++d)
          dot += (double)Q[i * D + d] * K[j * D + d];
        p[j] = dot * scale;
        if (p[j] > m)
          m = p[j];
      }
      for (int64_t j = 0; j < keys; ++j)
        sum += p[j] = exp(p[j] - m);
      for (int64_t d = 0; d < D; ++d) {
        double ref = 0;
        for (int64_t j = 0; j < keys; ++j)
          ref += p[j] * V[j * D + d];
        ref /= sum;
        int64_t at = o0 + i * D + d;
        double got = s->f16 ? from_half(((const uint16_t *)out)[at])
                            : ((const float *)out)[at];
        double err = fabs(got - ref);
        if (err > *max_err)
          *max_err = err;
        if (!(s->f16 ? err <= 1e-3 + 1e-2 * fabs(ref)
                     : err <= 2e-4 + 1e-3 * fabs(ref)))
          ok = 0;
      }
    }
  }
  free(p);
  return ok;
}

int main(int argc, char **argv) {
  int repeats = argc > 1 ? atoi(argv[1]) : 10;
  if (repeats < 1)
    repeats = 1;
  setenv("ATTN_CUDA_TIMING", "1", 1);
  char device[256] = "?";
  int major = 0, minor = 0;
  attnCudaDeviceInfo(device, sizeof(device), &major, &minor);
  printf("device: %s (sm_%d%d)\n", device, major, minor);
  printf("%-8s %-5s %6s %4s %6s %4s %-6s %10s %9s %10s %s\n", "name", "dtype",
         "batch", "heads", "seqlen", "hdim", "causal", "kernel ms", "TFLOP/s",
         "max err", "check");
  int failed = 0;
  for (size_t n = 0; n < sizeof(SHAPES) / sizeof(SHAPES[0]); ++n) {
    const bench_shape *s = &SHAPES[n];
    if (argc > 2) {
      int wanted = 0;
      for (int a = 2; a < argc; ++a)
        wanted |= strcmp(argv[a], s->name) == 0;
      if (!wanted)
        continue;
    }
    size_t count = (size_t)(s->b * s->h * s->s * s->d);
    float *q = random_array(count), *k = random_array(count),
          *v = random_array(count);
    void *dq = q, *dk = k, *dv = v;
    if (s->f16) {
      dq = halves(q, count);
      dk = halves(k, count);
      dv = halves(v, count);
    }
    memref4 mq = wrap(dq, s), mk = wrap(dk, s), mv = wrap(dv, s), out;
    s->fn(&out, &mq, &mk, &mv); /* warm-up */
    double max_err;
    int ok = check(s, q, k, v, out.aligned, &max_err);
    free(out.allocated);
    attnCudaResetKernelTime();
    for (int r = 0; r < repeats; ++r) {
      s->fn(&out, &mq, &mk, &mv);
      free(out.allocated);
    }
    double ms = attnCudaKernelMilliseconds() / repeats;
    double flops = 4.0 * s->b * s->h * (double)s->s * s->s * s->d;
    if (s->causal)
      flops /= 2;
    printf("%-8s %-5s %6lld %4lld %6lld %4lld %-6s %10.3f %9.2f %10.2e %s\n",
           s->name, s->f16 ? "f16" : "f32", (long long)s->b, (long long)s->h, (long long)s->s,
           (long long)s->d, s->causal ? "yes" : "no", ms,
           flops / (ms * 1e-3) / 1e12, max_err, ok ? "PASS" : "FAIL");
    fflush(stdout);
    failed |= !ok;
    if (s->f16) {
      free(dq);
      free(dk);
      free(dv);
    }
    free(q);
    free(k);
    free(v);
  }
  return failed;
}
