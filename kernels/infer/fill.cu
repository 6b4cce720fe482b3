// SPDX-License-Identifier: MIT
// fill: deterministic device-side initialisation (synthetic weights for the end-to-end bench, so that a
// 7B-shaped model needs no host memory or PCIe traffic). A grid-stride loop; element i is
// splitmix64(seed + i * golden-ratio constant), a counter-based hash: no state, any launch shape gives the
// same values. Uniform floats take the top 24 bits (exact in fp32).
// Test: tests/gpu/test_gpu_kernels.cpp (range, determinism, mean).
#include "fill.cuh"

namespace awq::cuda {

namespace {

__device__ __forceinline__ unsigned long long splitmix64(unsigned long long x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

__device__ __forceinline__ unsigned long long hash_at(unsigned long long seed, long long i) {
    return splitmix64(seed ^ (static_cast<unsigned long long>(i) * 0x9E3779B97F4A7C15ull));
}

__global__ void fill_uniform_kernel(__half* p, long long n, float lo, float span, unsigned long long seed) {
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x) {
        const float u = float(hash_at(seed, i) >> 40) * (1.0f / 16777216.0f);
        p[i] = __float2half(lo + span * u);
    }
}

__global__ void fill_u32_kernel(uint32_t* p, long long n, unsigned long long seed) {
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x)
        p[i] = uint32_t(hash_at(seed, i) >> 32);
}

__global__ void fill_value_kernel(__half* p, long long n, __half v) {
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x)
        p[i] = v;
}

unsigned grid_for(long long n) {
    const long long blocks = (n + 255) / 256;
    return unsigned(blocks < 65536 ? blocks : 65536);
}

}  // namespace

cudaError_t fill_uniform_f16(__half* p, long long n, float lo, float hi, unsigned long long seed, cudaStream_t stream) {
    if (!p || n < 1 || !(hi >= lo)) return cudaErrorInvalidValue;
    fill_uniform_kernel<<<grid_for(n), 256, 0, stream>>>(p, n, lo, hi - lo, seed);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

cudaError_t fill_random_u32(uint32_t* p, long long n, unsigned long long seed, cudaStream_t stream) {
    if (!p || n < 1) return cudaErrorInvalidValue;
    fill_u32_kernel<<<grid_for(n), 256, 0, stream>>>(p, n, seed);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

cudaError_t fill_f16(__half* p, long long n, float value, cudaStream_t stream) {
    if (!p || n < 1) return cudaErrorInvalidValue;
    fill_value_kernel<<<grid_for(n), 256, 0, stream>>>(p, n, __float2half(value));
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

}  // namespace awq::cuda
