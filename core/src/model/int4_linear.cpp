// SPDX-License-Identifier: MIT
#include <awq/model/int4_linear.hpp>
#include <awq/error.hpp>

namespace awq {

Int4Linear::Int4Linear(Int4Matrix weights, std::vector<float> bias)
    : Linear(weights.in(), weights.out()), w_(std::move(weights)), bias_(std::move(bias)) {
    if (!bias_.empty() && int64_t(bias_.size()) != out_features())
        throw InvalidArgument("Int4Linear: bias has " + std::to_string(bias_.size()) + " values for " +
                              std::to_string(out_features()) + " outputs");
}

void Int4Linear::forward(const float* x, int64_t m, float* y) const {
    if (m == 1)
        int4_gemv(w_, x, y);
    else
        int4_gemm(w_, x, m, y);
    if (bias_.empty()) return;
    const int64_t out = out_features();
    for (int64_t r = 0; r < m; ++r)
        for (int64_t o = 0; o < out; ++o) y[r * out + o] += bias_[size_t(o)];
}

size_t Int4Linear::weight_bytes() const { return w_.bytes() + bias_.size() * sizeof(float); }

std::string Int4Linear::kind() const { return "int4-g" + std::to_string(w_.group_size()); }

}  // namespace awq
