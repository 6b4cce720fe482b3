// SPDX-License-Identifier: MIT
#pragma once
// The scale-search loss of a group made of one linear layer (v_proj -> o_proj, up_proj -> down_proj):
// the mean squared error of y = x W^T + b between candidate weights W_c and the reference W, over the
// captured inputs x [rows, in]. It only depends on E = W_c - W (the bias cancels):
//     sum_t |x_t E^T|^2 = sum_o e_o^T G e_o,  G = x^T x  [in, in],
// so the Gram matrix G is built once per group (rows * in^2 multiply-adds) and each of the n_grid
// candidates costs out * in^2 instead of rows * in * out: for up_proj -> down_proj on 23 blocks of 512
// tokens that is ~0.3 GFLOP per candidate instead of ~4.6.
#include <cstdint>
#include <vector>

namespace awq {

class LinearOutputLoss {
public:
    // x: the captured inputs [rows, in]; reference: W [out, in]. Both are read only in the constructor
    // (reference is copied).
    LinearOutputLoss(const float* x, int64_t rows, int64_t in, const std::vector<float>& reference, int64_t out);
    // Mean over rows and outputs of (x W_c^T - x W^T)^2.
    double operator()(const std::vector<float>& candidate) const;

private:
    int64_t rows_, in_, out_;
    std::vector<float> gram_, reference_;
};

// Reference twin: computes both outputs and their squared difference directly, in double.
double linear_output_mse_ref(const float* x, int64_t rows, int64_t in, const std::vector<float>& reference,
                             const std::vector<float>& candidate, int64_t out);

}  // namespace awq
