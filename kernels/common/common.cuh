// SPDX-License-Identifier: MIT
#pragma once
// Shared by every kernel file: error checking and the device-side weight view.
// Launchers return cudaError_t (cudaSuccess or the first failure) and never throw: they are called from
// C++ code that may be compiled without CUDA exceptions in mind, and a status crosses any boundary.
// Host-compilable (included by the tests through the per-kernel .cuh headers).
#include <cuda_fp16.h>
#include <cuda_runtime_api.h>

#include <cstdint>

// Evaluates a CUDA runtime call; returns its error from the enclosing function when it fails.
#define AWQ_CUDA_CHECK(call)                        \
    do {                                            \
        const cudaError_t awq_err_ = (call);        \
        if (awq_err_ != cudaSuccess) return awq_err_; \
    } while (0)

// After a <<<...>>> launch: returns the launch error (bad configuration, no kernel image for this GPU).
// Asynchronous execution errors surface at the next synchronising call, which the caller checks.
#define AWQ_LAUNCH_CHECK() AWQ_CUDA_CHECK(cudaGetLastError())

namespace awq::cuda {

// INT4 weights in the GPU layout of awq/int4/int4_layout.hpp, on the device:
//   qweight [n][k/8] (8 codes per word, field f holds k-offset {0,2,4,6,1,3,5,7}[f]),
//   scales and zeros fp16 [n][k/group]. k and group are multiples of 32; n is any positive width
//   (a multiple of 8 for AutoAWQ checkpoints, which the kernels do not require).
struct Int4Weights {
    const uint32_t* qweight = nullptr;
    const __half* scales = nullptr;
    const __half* zeros = nullptr;
    int n = 0, k = 0, group = 0;
};

// How a decode gemv launch may overlap the kernels before it (GemvAlgo::Pipelined honours it, the other
// versions ignore it; gemv_int4_pipe.cu). Both off by default until measured faster on a GPU.
struct GemvOverlap {
    bool prefetch_l2 = false;   // each block first asks for all its weight bytes to be brought into L2
    bool programmatic = false;  // programmatic dependent launch (programmatic_launch.cuh; sm_90 and later)
};

// Checks the shape contract above; cudaErrorInvalidValue when it does not hold.
inline cudaError_t check_int4_weights(const Int4Weights& w) {
    if (!w.qweight || !w.scales || !w.zeros || w.n <= 0 || w.k <= 0 || w.group <= 0 || w.k % 32 != 0 ||
        w.group % 32 != 0 || w.k % w.group != 0)
        return cudaErrorInvalidValue;
    return cudaSuccess;
}

// Rows [row0, row0 + rows) of w as weights of their own: every array is row-major in n, so a slice is
// pointer offsets (the chunked long-prompt linear dequantises one slice at a time).
inline Int4Weights int4_row_slice(const Int4Weights& w, int row0, int rows) {
    const size_t groups = size_t(w.k / w.group);
    return Int4Weights{w.qweight + size_t(row0) * size_t(w.k / 8), w.scales + size_t(row0) * groups,
                       w.zeros + size_t(row0) * groups, rows, w.k, w.group};
}

}  // namespace awq::cuda
