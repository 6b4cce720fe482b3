// SPDX-License-Identifier: MIT
#pragma once
#include "common.cuh"

namespace awq::cuda {

// The device steps of awq::search_best_clip (core/src/quant/clip_search.cpp) around the products
// err_k = (Wq - W)[:, group k] . xs[:, group k]^T that the caller computes with cuBLAS:
//
// clip_update: err [groups][out][n_tokens] of shrink step `step` with factor f. For every (o, k):
//   mse = sum_t err^2 / n_tokens (double); step 0 also stores unclipped[o][k] = mse; when mse < best
//   (or at step 0) best = mse, max_abs = org_max * f, shrink = f. best/unclipped double, the rest float,
//   all [out][groups].
cudaError_t clip_update(const float* err, int groups, int out, int n_tokens, int step, float factor,
                        const float* org_max, double* best, double* unclipped, float* max_abs, float* shrink,
                        cudaStream_t stream = nullptr);

// clip_row_check: the row check of awq::search_best_clip. y_clip, y_plain [out][n_tokens]: each row's
//   output error on the sampled tokens with the chosen bounds and unclipped (the caller's SGEMMs). A row
//   whose summed squared error (double) is not below the unclipped one goes back to factor 1: max_abs =
//   org_max, shrink = 1, best = unclipped for all its groups; reverted[o] = 1 when it had a factor < 1,
//   else 0.
cudaError_t clip_row_check(const float* y_clip, const float* y_plain, int out, int groups, int n_tokens,
                           const float* org_max, const double* unclipped, double* best, float* max_abs,
                           float* shrink, int* reverted, cudaStream_t stream = nullptr);

// clip_apply: w [rows][in] clamped per group to [-max_abs, max_abs] (awq::apply_clip).
cudaError_t clip_apply(float* w, int rows, int in, int group, const float* max_abs, cudaStream_t stream = nullptr);

}  // namespace awq::cuda
