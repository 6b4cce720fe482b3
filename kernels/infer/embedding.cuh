// SPDX-License-Identifier: MIT
#pragma once
#include "common.cuh"

namespace awq::cuda {

// out[t] = table[ids[t]] for t < tokens; table [vocab][dim] fp16, ids int32 on the device. An id outside
// 0..vocab-1 yields a row of NaN (the host validates ids; NaN makes a slip visible instead of reading
// out of bounds).
cudaError_t embedding(const int* ids, int tokens, const __half* table, int vocab, int dim, __half* out,
                      cudaStream_t stream = nullptr);

}  // namespace awq::cuda
