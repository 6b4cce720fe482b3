// SPDX-License-Identifier: MIT
#pragma once
#include "common.cuh"

namespace awq::cuda {

// The applications of AWQ scales s on an fp32 matrix x [rows][cols]:
//   MulColumns:  x[r][c] *= s[c]   (awq::scale_columns: a group's weights)
//   DivColumns:  x[r][c] /= s[c]   (awq::divide_columns: the captured inputs)
//   DivRows:     x[r][c] /= s[r]   (awq::divide_rows: the previous linear; its bias is a 1-column matrix)
enum class ScaleMode { MulColumns, DivColumns, DivRows };
cudaError_t apply_scale_f32(float* x, long long rows, int cols, const float* s, ScaleMode mode,
                            cudaStream_t stream = nullptr);

}  // namespace awq::cuda
