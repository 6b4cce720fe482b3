// SPDX-License-Identifier: MIT
#pragma once
#include "common.cuh"

namespace awq::cuda {

// gmax[row][g] = max |w[row][i]| over i in [g * group, min(in, (g + 1) * group)) for w [rows][in] fp32;
// ceil(in / group) groups per row (a last partial group when group does not divide in, as
// awq::weight_mean_normalised allows). Exact (a max does not round). CPU references: the loops of
// awq::weight_mean_normalised and awq::search_best_clip.
cudaError_t group_max_abs(const float* w, int rows, int in, int group, float* gmax, cudaStream_t stream = nullptr);

}  // namespace awq::cuda
