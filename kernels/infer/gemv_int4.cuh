// SPDX-License-Identifier: MIT
#pragma once
// INT4 x FP16 matrix-vector product for decode and short prefills (see gemv_int4.cu).
#include "common.cuh"

namespace awq::cuda {

// Simt: fp32 FMAs on the CUDA cores, m <= 8. TensorCore: mma.sync with the weights as B, m <= 64.
// TensorCoreW: mma.sync with the weights as A, m <= 8. Pipelined: TensorCoreW's math on weights streamed
// through shared memory by cp.async, m <= 8 (gemv_int4_pipe.cu). Auto picks per m.
enum class GemvAlgo { Auto, Simt, TensorCore, TensorCoreW, Pipelined };

inline constexpr int kGemvSimtMaxM = 8;
inline constexpr int kGemvMaxM = 64;
// Auto runs Pipelined for m <= kGemvAutoPipelinedMaxM where its shared memory fits the device (not at m > 2 on
// sm_86 / sm_89, whose blocks get 99 KB), TensorCore otherwise (from awq_kernel_bench --algos on an
// H100, docs/benchmarks.md: Pipelined was the fastest version at every measured shape for m = 1..8, by a few
// per cent over Simt at m = 1 and by up to 2.6x at m = 8).
inline constexpr int kGemvAutoPipelinedMaxM = 8;

// y[m][n] = x[m][k] . W[n][k]^T for 1 <= m <= kGemvMaxM (kGemvSimtMaxM for Simt, TensorCoreW, Pipelined), W the INT4 weights
// (dequantised on the fly), fp32 accumulation, fp16 output. x must be 16-byte aligned (cudaMalloc memory
// is). Returns cudaErrorInvalidValue for a bad shape, else the launch status.
// `overlap` applies to the Pipelined version (common.cuh).
cudaError_t gemv_int4(const __half* x, int m, const Int4Weights& w, __half* y, cudaStream_t stream = nullptr,
                      GemvAlgo algo = GemvAlgo::Auto, GemvOverlap overlap = {});

}  // namespace awq::cuda
