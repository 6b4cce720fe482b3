// SPDX-License-Identifier: MIT
#pragma once
#include "common.cuh"

namespace awq::cuda {

// Duo scaling's weight statistic: mean[i] = (sum over rows o of |w[o][i]| / (gmax[o][i / group] + 1e-6))
// / rows, in double like awq::weight_mean_normalised (core/src/quant/scale_search.cpp), for the rows of
// all the group's linears stacked in one w [rows][in]; gmax from group_max_abs.
cudaError_t weight_mean_normalised(const float* w, int rows, int in, int group, const float* gmax, float* mean,
                                   cudaStream_t stream = nullptr);

}  // namespace awq::cuda
