// SPDX-License-Identifier: MIT
// embedding: token embedding lookup, out[t][:] = table[ids[t]][:] (fp16 rows). One block per token,
// threads stride over the row (coalesced copy). Out-of-range ids give NaN rows rather than wild reads.
// Test: tests/gpu/test_gpu_kernels.cpp against the table rows on the host.
#include "embedding.cuh"

namespace awq::cuda {

namespace {

__global__ void embedding_kernel(const int* __restrict__ ids, const __half* __restrict__ table, int vocab, int dim,
                                 __half* out) {
    const int id = ids[blockIdx.x];
    __half* dst = out + size_t(blockIdx.x) * dim;
    if (id < 0 || id >= vocab) {
        for (int i = threadIdx.x; i < dim; i += blockDim.x) dst[i] = __float2half(__int_as_float(0x7fc00000));
        return;
    }
    const __half* src = table + size_t(id) * dim;
    for (int i = threadIdx.x; i < dim; i += blockDim.x) dst[i] = src[i];
}

}  // namespace

cudaError_t embedding(const int* ids, int tokens, const __half* table, int vocab, int dim, __half* out,
                      cudaStream_t stream) {
    if (!ids || !table || !out || tokens < 1 || vocab < 1 || dim < 1) return cudaErrorInvalidValue;
    embedding_kernel<<<tokens, 256, 0, stream>>>(ids, table, vocab, dim, out);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

}  // namespace awq::cuda
