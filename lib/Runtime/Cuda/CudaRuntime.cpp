//===- CudaRuntime.cpp - the GPU runtime that attn's host code calls ------===//
//
// After attn-gpu-pipeline and mlir-translate, the host code calls the mgpu*
// functions below (MLIR's GPU runtime ABI: module load from a cubin, fatbin
// or PTX blob, kernel launch, device memory, streams, events). Debian's MLIR
// ships no libmlir_cuda_runtime, so attn provides its own, on the CUDA driver
// API only: it must run on a GPU machine where neither MLIR nor LLVM is
// installed (docs/gpu.md). Built only when CMake finds the CUDA toolkit.
//
// A failing CUDA call prints what failed and exits: the ABI has no way to
// return an error, and carrying on would compute on garbage.
//
// For benchmarks, ATTN_CUDA_TIMING=1 times every launch with CUDA events;
// attnCudaKernelMilliseconds() returns the sum since the last
// attnCudaResetKernelTime().
//
//===----------------------------------------------------------------------===//

#include <cuda.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <mutex>

#define ATTN_CUDA_EXPORT extern "C" __attribute__((visibility("default")))

namespace {

void check(CUresult result, const char *what) {
  if (result == CUDA_SUCCESS)
    return;
  const char *name = "?", *text = "?";
  cuGetErrorName(result, &name);
  cuGetErrorString(result, &text);
  std::fprintf(stderr, "attn CUDA runtime: %s failed: %s (%s)\n", what, name,
               text);
  std::exit(70);
}

/// The primary context of device ATTN_CUDA_DEVICE (default 0), made current
/// on the calling thread: every entry point calls this first.
CUcontext context() {
  static CUcontext ctx = [] {
    check(cuInit(0), "cuInit (is there an NVIDIA GPU and driver?)");
    int ordinal = 0;
    if (const char *env = std::getenv("ATTN_CUDA_DEVICE"))
      ordinal = std::atoi(env);
    CUdevice device;
    check(cuDeviceGet(&device, ordinal), "cuDeviceGet");
    CUcontext c;
    check(cuDevicePrimaryCtxRetain(&c, device), "cuDevicePrimaryCtxRetain");
    return c;
  }();
  check(cuCtxSetCurrent(ctx), "cuCtxSetCurrent");
  return ctx;
}

bool timingEnabled() {
  static bool enabled = [] {
    const char *env = std::getenv("ATTN_CUDA_TIMING");
    return env && *env && *env != '0';
  }();
  return enabled;
}

std::mutex timeMutex;
double kernelMilliseconds = 0;
long kernelLaunches = 0;

} // namespace

ATTN_CUDA_EXPORT CUmodule mgpuModuleLoad(void *data, size_t /*size*/) {
  context();
  CUmodule module = nullptr;
  check(cuModuleLoadData(&module, data),
        "cuModuleLoadData (is the cubin for this GPU's architecture?)");
  return module;
}

ATTN_CUDA_EXPORT CUmodule mgpuModuleLoadJIT(void *data, int optLevel) {
  context();
  CUmodule module = nullptr;
  char log[8192] = {0};
  CUjit_option options[] = {CU_JIT_OPTIMIZATION_LEVEL, CU_JIT_ERROR_LOG_BUFFER,
                            CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES};
  void *values[] = {reinterpret_cast<void *>(static_cast<intptr_t>(optLevel)),
                    log, reinterpret_cast<void *>(sizeof(log))};
  CUresult result = cuModuleLoadDataEx(&module, data, 3, options, values);
  if (result != CUDA_SUCCESS)
    std::fprintf(stderr, "attn CUDA runtime: PTX JIT log:\n%s\n", log);
  check(result, "cuModuleLoadDataEx (PTX JIT)");
  return module;
}

ATTN_CUDA_EXPORT void mgpuModuleUnload(CUmodule module) {
  context();
  check(cuModuleUnload(module), "cuModuleUnload");
}

ATTN_CUDA_EXPORT CUfunction mgpuModuleGetFunction(CUmodule module,
                                                  const char *name) {
  context();
  CUfunction function = nullptr;
  check(cuModuleGetFunction(&function, module, name), "cuModuleGetFunction");
  return function;
}

ATTN_CUDA_EXPORT void mgpuLaunchKernel(CUfunction function, intptr_t gridX,
                                       intptr_t gridY, intptr_t gridZ,
                                       intptr_t blockX, intptr_t blockY,
                                       intptr_t blockZ, int32_t smem,
                                       CUstream stream, void **params,
                                       void **extra, size_t /*paramsCount*/) {
  context();
  if (smem > 48 * 1024)
    check(cuFuncSetAttribute(function,
                             CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES,
                             smem),
          "cuFuncSetAttribute (dynamic shared memory)");
  if (!timingEnabled()) {
    check(cuLaunchKernel(function, gridX, gridY, gridZ, blockX, blockY, blockZ,
                         smem, stream, params, extra),
          "cuLaunchKernel");
    return;
  }
  CUevent start, stop;
  check(cuEventCreate(&start, CU_EVENT_DEFAULT), "cuEventCreate");
  check(cuEventCreate(&stop, CU_EVENT_DEFAULT), "cuEventCreate");
  check(cuEventRecord(start, stream), "cuEventRecord");
  check(cuLaunchKernel(function, gridX, gridY, gridZ, blockX, blockY, blockZ,
                       smem, stream, params, extra),
        "cuLaunchKernel");
  check(cuEventRecord(stop, stream), "cuEventRecord");
  check(cuEventSynchronize(stop), "cuEventSynchronize (the kernel failed?)");
  float ms = 0;
  check(cuEventElapsedTime(&ms, start, stop), "cuEventElapsedTime");
  cuEventDestroy(start);
  cuEventDestroy(stop);
  std::lock_guard<std::mutex> lock(timeMutex);
  kernelMilliseconds += ms;
  ++kernelLaunches;
}

ATTN_CUDA_EXPORT CUstream mgpuStreamCreate() {
  context();
  CUstream stream = nullptr;
  check(cuStreamCreate(&stream, CU_STREAM_NON_BLOCKING), "cuStreamCreate");
  return stream;
}

ATTN_CUDA_EXPORT void mgpuStreamDestroy(CUstream stream) {
  context();
  check(cuStreamDestroy(stream), "cuStreamDestroy");
}

ATTN_CUDA_EXPORT void mgpuStreamSynchronize(CUstream stream) {
  context();
  check(cuStreamSynchronize(stream),
        "cuStreamSynchronize (a kernel or copy failed?)");
}

ATTN_CUDA_EXPORT void mgpuStreamWaitEvent(CUstream stream, CUevent event) {
  context();
  check(cuStreamWaitEvent(stream, event, 0), "cuStreamWaitEvent");
}

ATTN_CUDA_EXPORT CUevent mgpuEventCreate() {
  context();
  CUevent event = nullptr;
  check(cuEventCreate(&event, CU_EVENT_DISABLE_TIMING), "cuEventCreate");
  return event;
}

ATTN_CUDA_EXPORT void mgpuEventDestroy(CUevent event) {
  context();
  check(cuEventDestroy(event), "cuEventDestroy");
}

ATTN_CUDA_EXPORT void mgpuEventSynchronize(CUevent event) {
  context();
  check(cuEventSynchronize(event), "cuEventSynchronize");
}

ATTN_CUDA_EXPORT void mgpuEventRecord(CUevent event, CUstream stream) {
  context();
  check(cuEventRecord(event, stream), "cuEventRecord");
}

ATTN_CUDA_EXPORT void *mgpuMemAlloc(uint64_t bytes, CUstream /*stream*/,
                                    bool isHostShared) {
  context();
  CUdeviceptr ptr = 0;
  if (bytes == 0)
    return nullptr;
  if (isHostShared)
    check(cuMemAllocManaged(&ptr, bytes, CU_MEM_ATTACH_GLOBAL),
          "cuMemAllocManaged");
  else
    check(cuMemAlloc(&ptr, bytes), "cuMemAlloc");
  return reinterpret_cast<void *>(ptr);
}

ATTN_CUDA_EXPORT void mgpuMemFree(void *ptr, CUstream /*stream*/) {
  context();
  if (ptr)
    check(cuMemFree(reinterpret_cast<CUdeviceptr>(ptr)), "cuMemFree");
}

ATTN_CUDA_EXPORT void mgpuMemcpy(void *dst, void *src, size_t bytes,
                                 CUstream stream) {
  context();
  check(cuMemcpyAsync(reinterpret_cast<CUdeviceptr>(dst),
                      reinterpret_cast<CUdeviceptr>(src), bytes, stream),
        "cuMemcpyAsync");
}

ATTN_CUDA_EXPORT void mgpuMemset32(void *dst, unsigned int value, size_t count,
                                   CUstream stream) {
  context();
  check(cuMemsetD32Async(reinterpret_cast<CUdeviceptr>(dst), value, count,
                         stream),
        "cuMemsetD32Async");
}

ATTN_CUDA_EXPORT void mgpuMemset16(void *dst, unsigned short value,
                                   size_t count, CUstream stream) {
  context();
  check(cuMemsetD16Async(reinterpret_cast<CUdeviceptr>(dst), value, count,
                         stream),
        "cuMemsetD16Async");
}

ATTN_CUDA_EXPORT void mgpuSetDefaultDevice(int32_t device) {
  // The device is chosen once, by ATTN_CUDA_DEVICE, before the first call.
  (void)device;
}

/// Kernel time (ms) summed over the launches since the last reset, when
/// ATTN_CUDA_TIMING is set; -1 otherwise.
ATTN_CUDA_EXPORT double attnCudaKernelMilliseconds() {
  if (!timingEnabled())
    return -1;
  std::lock_guard<std::mutex> lock(timeMutex);
  return kernelMilliseconds;
}

ATTN_CUDA_EXPORT long attnCudaKernelLaunches() {
  std::lock_guard<std::mutex> lock(timeMutex);
  return kernelLaunches;
}

ATTN_CUDA_EXPORT void attnCudaResetKernelTime() {
  std::lock_guard<std::mutex> lock(timeMutex);
  kernelMilliseconds = 0;
  kernelLaunches = 0;
}

/// The device's name and compute capability, for reports.
ATTN_CUDA_EXPORT void attnCudaDeviceInfo(char *name, int nameSize, int *major,
                                         int *minor) {
  context();
  CUdevice device;
  check(cuCtxGetDevice(&device), "cuCtxGetDevice");
  check(cuDeviceGetName(name, nameSize, device), "cuDeviceGetName");
  check(cuDeviceGetAttribute(major,
                             CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR,
                             device),
        "cuDeviceGetAttribute");
  check(cuDeviceGetAttribute(minor,
                             CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR,
                             device),
        "cuDeviceGetAttribute");
}
