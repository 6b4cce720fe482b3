// SPDX-License-Identifier: MIT
#include <awq/cpu/sgemm.hpp>
#include <awq/error.hpp>
#include <awq/quant/linear_loss.hpp>

namespace awq {

LinearOutputLoss::LinearOutputLoss(const float* x, int64_t rows, int64_t in, const std::vector<float>& reference,
                                   int64_t out)
    : rows_(rows), in_(in), out_(out), gram_(static_cast<size_t>(in * in)), reference_(reference) {
    if (int64_t(reference.size()) != out * in) throw InvalidArgument("linear loss: reference weight has the wrong size");
    sgemm_tn(in, in, rows, x, in, x, in, gram_.data(), in);
}

double LinearOutputLoss::operator()(const std::vector<float>& candidate) const {
    if (int64_t(candidate.size()) != out_ * in_) throw InvalidArgument("linear loss: candidate weight has the wrong size");
    std::vector<float> e(candidate.size()), eg(candidate.size());
    for (size_t i = 0; i < e.size(); ++i) e[i] = candidate[i] - reference_[i];
    sgemm_nt(out_, in_, in_, e.data(), in_, gram_.data(), in_, eg.data(), in_);  // E G (G is symmetric)
    double sum = 0;
#pragma omp parallel for reduction(+ : sum) schedule(static) if (e.size() > 65536)
    for (size_t i = 0; i < e.size(); ++i) sum += double(e[i]) * eg[i];
    return sum / double(rows_ * out_);
}

double linear_output_mse_ref(const float* x, int64_t rows, int64_t in, const std::vector<float>& reference,
                             const std::vector<float>& candidate, int64_t out) {
    double sum = 0;
    for (int64_t t = 0; t < rows; ++t)
        for (int64_t o = 0; o < out; ++o) {
            double yc = 0, yr = 0;
            for (int64_t i = 0; i < in; ++i) {
                yc += double(x[t * in + i]) * candidate[size_t(o * in + i)];
                yr += double(x[t * in + i]) * reference[size_t(o * in + i)];
            }
            sum += (yc - yr) * (yc - yr);
        }
    return sum / double(rows * out);
}

}  // namespace awq
