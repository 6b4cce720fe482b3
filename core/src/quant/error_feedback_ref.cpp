// SPDX-License-Identifier: MIT
// Straightforward twin of quantize_with_error_feedback (error_feedback.cpp), for tests: GPTQ's steps as
// its paper and reference code write them, in double precision, one column at a time over all rows:
// H^-1 formed explicitly (Cholesky of H, inverse from it, Cholesky of the inverse), no blocking, no BLAS.
#include "error_feedback_common.hpp"

#include <algorithm>
#include <cmath>

namespace awq {

namespace {

// Lower Cholesky factor L of a[n, n] (a = L L^T), unblocked; its upper triangle is zero.
std::vector<double> cholesky_lower_ref(const std::vector<double>& a, int64_t n, double damp) {
    std::vector<double> l(size_t(n * n), 0.0);
    for (int64_t j = 0; j < n; ++j) {
        double d = a[size_t(j * n + j)];
        for (int64_t t = 0; t < j; ++t) d -= l[size_t(j * n + t)] * l[size_t(j * n + t)];
        if (!(d > 0.0) || !std::isfinite(d)) ef::throw_not_positive_definite(j, damp);
        const double ljj = std::sqrt(d);
        l[size_t(j * n + j)] = ljj;
        for (int64_t i = j + 1; i < n; ++i) {
            double s = a[size_t(i * n + j)];
            for (int64_t t = 0; t < j; ++t) s -= l[size_t(i * n + t)] * l[size_t(j * n + t)];
            l[size_t(i * n + j)] = s / ljj;
        }
    }
    return l;
}

// H^-1 = L^-T L^-1, with L^-1 by forward substitution column by column.
std::vector<double> inverse_from_cholesky_ref(const std::vector<double>& l, int64_t n) {
    std::vector<double> li(size_t(n * n), 0.0);  // lower
    for (int64_t c = 0; c < n; ++c)
        for (int64_t i = c; i < n; ++i) {
            double s = i == c ? 1.0 : 0.0;
            for (int64_t t = c; t < i; ++t) s -= l[size_t(i * n + t)] * li[size_t(t * n + c)];
            li[size_t(i * n + c)] = s / l[size_t(i * n + i)];
        }
    std::vector<double> inv(size_t(n * n), 0.0);
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j) {
            double s = 0.0;
            for (int64_t t = std::max(i, j); t < n; ++t) s += li[size_t(t * n + i)] * li[size_t(t * n + j)];
            inv[size_t(i * n + j)] = s;
        }
    return inv;
}

}  // namespace

QuantizedMatrix quantize_with_error_feedback_ref(const float* w, int64_t out, int64_t in, const InputGram& gram,
                                                 const QuantParams& p, const ErrorFeedbackOptions& o) {
    const ef::Shape s = ef::check_arguments(w, out, in, gram, p, o);
    const int qmax = (1 << p.bits) - 1;
    std::vector<char> dead;
    const std::vector<double> h = ef::damped_hessian(gram, o.damp, dead);
    const std::vector<double> hinv = inverse_from_cholesky_ref(cholesky_lower_ref(h, in, o.damp), in);
    const std::vector<double> l2 = cholesky_lower_ref(hinv, in, o.damp);
    auto u = [&](int64_t i, int64_t j) { return l2[size_t(j * in + i)]; };  // U = L2^T, H^-1 = U^T U

    std::vector<double> wd(size_t(out * in));
    for (int64_t r = 0; r < out; ++r)
        for (int64_t i = 0; i < in; ++i) wd[size_t(r * in + i)] = dead[size_t(i)] ? 0.0 : double(w[r * in + i]);
    QuantizedMatrix m = ef::empty_result(out, in, p, s);
    std::vector<GroupParams> gp(static_cast<size_t>(out));
    for (int64_t i = 0; i < in; ++i) {
        const int64_t g = i / s.gs;
        for (int64_t r = 0; r < out; ++r) {
            double* wr = wd.data() + r * in;
            if (i % s.gs == 0) {
                gp[size_t(r)] = ef::current_group_params(wr + i, s.gs, p, o, r, g, s.ng);
                m.scales[size_t(r * s.ng + g)] = gp[size_t(r)].scale;
                m.zeros[size_t(r * s.ng + g)] = gp[size_t(r)].zero;
            }
            const int code = ef::code_of(wr[i], gp[size_t(r)], qmax);
            m.q[size_t(r * in + i)] = uint8_t(code);
            const double err = (wr[i] - double(ef::dequant(code, gp[size_t(r)]))) / u(i, i);
            for (int64_t j = i + 1; j < in; ++j) wr[j] -= err * u(i, j);
        }
    }
    return m;
}

}  // namespace awq
