#pragma once
#include "common.cuh"

namespace awq::cuda {

// out[i] = silu(gate[i]) * up[i] = gate / (1 + exp(-gate)) * up (SwiGLU), fp32 inside; out may alias gate.
cudaError_t silu_mul(const __half* gate, const __half* up, __half* out, long long n, cudaStream_t stream = nullptr);

}  // namespace awq::cuda
