// SPDX-License-Identifier: MIT
#pragma once
// A linear layer with packed INT4 weights (Int4Matrix) and an optional float bias.
#include <awq/int4/int4_matrix.hpp>
#include <awq/model/linear.hpp>

#include <string>
#include <vector>

namespace awq {

class Int4Linear final : public Linear {
public:
    // bias: empty or out_features values (InvalidArgument otherwise).
    explicit Int4Linear(Int4Matrix weights, std::vector<float> bias = {});

    // m == 1: int4_gemv; otherwise int4_gemm. Then adds the bias.
    void forward(const float* x, int64_t m, float* y) const override;
    // Packed codes + scales + zeros + bias, as held.
    size_t weight_bytes() const override;
    // "int4-g128" (the effective group size; a whole-row group prints the input width).
    std::string kind() const override;

    const Int4Matrix& weights() const { return w_; }
    const std::vector<float>& bias() const { return bias_; }

private:
    Int4Matrix w_;
    std::vector<float> bias_;
};

}  // namespace awq
