// SPDX-License-Identifier: MIT
// GPTQ-style error feedback, fast version (the algorithm is described in error_feedback.hpp): double
// precision state, H^-1's upper Cholesky factor from one blocked Cholesky plus a triangular inverse, lazy
// batch updates with BLAS, OpenMP over rows. The straightforward twin is error_feedback_ref.cpp.
#include <awq/quant/error_feedback.hpp>

#include "error_feedback_common.hpp"
#include "int4/parallel_for.hpp"

#include <awq/cpu/sgemm.hpp>
#include <awq/error.hpp>

#include <cblas.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <mutex>
#include <string>

// Present in OpenBLAS; weak so that another CBLAS still links. Same rule as cpu/sgemm.cpp: BLAS runs
// single-threaded and the work is split across OpenMP threads, so that the program has one thread pool.
extern "C" void openblas_set_num_threads(int) __attribute__((weak));

namespace awq {

// ---- shared with the reference (declared in error_feedback_common.hpp) ----

namespace ef {

Shape check_arguments(const float* w, int64_t out, int64_t in, const InputGram& gram, const QuantParams& p,
                      const ErrorFeedbackOptions& o) {
    const int64_t gs = resolve_group_size(p, in);
    if (out <= 0) throw InvalidArgument("error feedback: output width must be positive, got " + std::to_string(out));
    if (gram.in() != in)
        throw InvalidArgument("error feedback: the input Gram matrix is " + std::to_string(gram.in()) + " x " +
                              std::to_string(gram.in()) + " but the weight has " + std::to_string(in) + " inputs");
    if (!(o.damp >= 0.0) || !std::isfinite(o.damp))
        throw InvalidArgument("error feedback: damp must be a finite value >= 0, got " + std::to_string(o.damp));
    if (o.block <= 0) throw InvalidArgument("error feedback: block must be positive, got " + std::to_string(o.block));
    const int64_t ng = in / gs;
    for (const auto* f : {&o.lo_factor, &o.hi_factor}) {
        const char* name = f == &o.lo_factor ? "lo_factor" : "hi_factor";
        if (!f->empty() && int64_t(f->size()) != out * ng)
            throw InvalidArgument(std::string("error feedback: ") + name + " has " + std::to_string(f->size()) +
                                  " values, expected one per row and group (" + std::to_string(out * ng) + ")");
        for (size_t k = 0; k < f->size(); ++k)
            if (!((*f)[k] > 0.0f && (*f)[k] <= 1.0f))
                throw InvalidArgument(std::string("error feedback: ") + name + " of row " +
                                      std::to_string(int64_t(k) / ng) + " group " + std::to_string(int64_t(k) % ng) +
                                      " is " + std::to_string((*f)[k]) + ", outside (0, 1]");
    }
    if (!w) throw InvalidArgument("error feedback: no weights given");
    for (int64_t k = 0; k < out * in; ++k)
        if (!std::isfinite(w[k]))
            throw InvalidArgument("error feedback: weight row " + std::to_string(k / in) + " column " +
                                  std::to_string(k % in) + " is not finite");
    return {gs, ng};
}

std::vector<double> damped_hessian(const InputGram& gram, double damp, std::vector<char>& dead) {
    const int64_t n = gram.in();
    std::vector<double> h = gram.matrix();
    dead.assign(size_t(n), 0);
    double mean = 0.0;
    for (int64_t i = 0; i < n; ++i) {
        double& d = h[size_t(i * n + i)];
        if (d == 0.0) d = 1.0, dead[size_t(i)] = 1;
        mean += d;
    }
    mean /= double(n);
    for (int64_t i = 0; i < n; ++i) h[size_t(i * n + i)] += damp * mean;
    return h;
}

void throw_not_positive_definite(int64_t column, double damp) {
    throw InvalidArgument("error feedback: the damped input Hessian is not positive definite (failed at input " +
                          std::to_string(column) + ", damp " + std::to_string(damp) +
                          "); use a larger damp, e.g. 0.1, or more calibration tokens");
}

GroupParams current_group_params(const double* w, int64_t gs, const QuantParams& p, const ErrorFeedbackOptions& o,
                                 int64_t row, int64_t g, int64_t ng) {
    float mn = float(w[0]), mx = mn;
    bool finite = true;
    for (int64_t i = 0; i < gs; ++i) {
        const float v = float(w[i]);
        finite &= std::isfinite(v);
        mn = std::min(mn, v);
        mx = std::max(mx, v);
    }
    const std::string where = "error feedback: weight row " + std::to_string(row) + " group " + std::to_string(g);
    if (!finite) throw InvalidArgument(where + " became non-finite while feeding errors forward; use a larger damp");
    mn += 0.0f;  // -0 -> +0, as quantize() does
    mx += 0.0f;
    const size_t k = size_t(row * ng + g);
    if (!o.lo_factor.empty()) mn *= o.lo_factor[k];
    if (!o.hi_factor.empty()) mx *= o.hi_factor[k];
    const GroupParams gp = group_params(mn, mx, p);
    if (!std::isfinite(gp.scale)) throw InvalidArgument(where + " has a scale beyond the FP16 range");
    return gp;
}

int code_of(double w, const GroupParams& gp, int qmax) {
    const float r = std::nearbyint(float(w) / gp.scale) + float(gp.zero);
    return int(std::clamp(r, 0.0f, float(qmax)));
}

QuantizedMatrix empty_result(int64_t out, int64_t in, const QuantParams& p, const Shape& s) {
    QuantizedMatrix m;
    m.out = out;
    m.in = in;
    m.bits = p.bits;
    m.group_size = s.gs;
    m.zero_point = p.zero_point;
    m.q.resize(size_t(out * in));
    m.scales.resize(size_t(out * s.ng));
    m.zeros.resize(size_t(out * s.ng));
    return m;
}

}  // namespace ef

// ---- InputGram ----

InputGram::InputGram(int64_t in) : m_in(in) {
    if (in <= 0) throw InvalidArgument("input Gram matrix: input width must be positive, got " + std::to_string(in));
    m_h.assign(size_t(in * in), 0.0);
}

void InputGram::add(const float* x, int64_t rows) {
    if (rows < 0) throw InvalidArgument("input Gram matrix: negative token count " + std::to_string(rows));
    if (rows == 0) return;
    if (!x) throw InvalidArgument("input Gram matrix: no activations given");
    const int64_t n = m_in;
    for (int64_t k = 0; k < rows * n; ++k)
        if (!std::isfinite(x[k]))
            throw InvalidArgument("input Gram matrix: activation of token " + std::to_string(k / n) + " input " +
                                  std::to_string(k % n) + " is not finite");
    // Float products over at most `chunk` tokens, accumulated into the double sum; the upper triangle is
    // computed in panels of `panel` rows (bounded scratch for wide layers) and mirrored, so the matrix is
    // exactly symmetric.
    constexpr int64_t chunk = 512, panel = 256;
    std::vector<float> tmp(size_t(std::min(panel, n) * n));
    for (int64_t t0 = 0; t0 < rows; t0 += chunk) {
        const int64_t tk = std::min(chunk, rows - t0);
        const float* xc = x + t0 * n;
        for (int64_t p0 = 0; p0 < n; p0 += panel) {
            const int64_t pm = std::min(panel, n - p0), width = n - p0;
            // tmp[pm, width] = xc[:, p0:p0+pm]^T * xc[:, p0:n]
            sgemm_tn(pm, width, tk, xc + p0, n, xc + p0, n, tmp.data(), width);
            for (int64_t i = 0; i < pm; ++i) {
                double* hrow = m_h.data() + (p0 + i) * n;
                const float* trow = tmp.data() + i * width;
                for (int64_t j = i; j < width; ++j) hrow[p0 + j] += double(trow[j]);
            }
        }
    }
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < i; ++j) m_h[size_t(i * n + j)] = m_h[size_t(j * n + i)];
    m_tokens += rows;
}

// ---- fast error feedback ----

namespace {

void single_threaded_blas() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (openblas_set_num_threads) openblas_set_num_threads(1);
    });
}

// The strips differ in cost (triangular parts): dynamic scheduling.
template <class Body>
void parallel_strips(int64_t count, Body body) {
    parallel_for(0, count, body, Schedule::Dynamic);
}

constexpr int64_t strip = 64;  // rows (or columns) per parallel BLAS call

// In place: a[n, n] (row-major, lower triangle read and written, upper left as garbage) <- its lower
// Cholesky factor L, a = L L^T. Right-looking, blocked: the diagonal block unblocked, the panel by a
// triangular solve and the trailing matrix by strips of matrix products.
void cholesky_lower(double* a, int64_t n, double damp) {
    constexpr int64_t nb = 96;
    for (int64_t k0 = 0; k0 < n; k0 += nb) {
        const int64_t kb = std::min(nb, n - k0), k1 = k0 + kb;
        for (int64_t j = k0; j < k1; ++j) {
            double d = a[j * n + j];
            for (int64_t t = k0; t < j; ++t) d -= a[j * n + t] * a[j * n + t];
            if (!(d > 0.0) || !std::isfinite(d)) ef::throw_not_positive_definite(j, damp);
            const double l = std::sqrt(d);
            a[j * n + j] = l;
            for (int64_t i = j + 1; i < k1; ++i) {
                double s = a[i * n + j];
                for (int64_t t = k0; t < j; ++t) s -= a[i * n + t] * a[j * n + t];
                a[i * n + j] = s / l;
            }
        }
        const int64_t rest = n - k1;
        if (rest == 0) break;
        const int64_t strips = (rest + strip - 1) / strip;
        // panel: A21 <- A21 L11^-T
        parallel_strips(strips, [&](int64_t s) {
            const int64_t r0 = k1 + s * strip, rm = std::min(strip, n - r0);
            cblas_dtrsm(CblasRowMajor, CblasRight, CblasLower, CblasTrans, CblasNonUnit, int(rm), int(kb), 1.0,
                        a + k0 * n + k0, int(n), a + r0 * n + k0, int(n));
        });
        // trailing: A22 <- A22 - A21 A21^T, lower part, one strip of rows [r0, r0 + rm) x columns [k1, r0 + rm)
        parallel_strips(strips, [&](int64_t s) {
            const int64_t r0 = k1 + s * strip, rm = std::min(strip, n - r0);
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, int(rm), int(r0 + rm - k1), int(kb), -1.0,
                        a + r0 * n + k0, int(n), a + k1 * n + k0, int(n), 1.0, a + r0 * n + k1, int(n));
        });
    }
}

// U, the upper Cholesky factor of H^-1 (H^-1 = U^T U), without forming H^-1: with P the reversal
// permutation and P H P = L L^T, H = R R^T for the upper R = P L P, so H^-1 = R^-T R^-1 and U = R^-1 =
// P L^-1 P. Reversing rows and columns of a row-major square is reversing its storage.
std::vector<double> inverse_cholesky_upper(std::vector<double> h, int64_t n, double damp) {
    std::reverse(h.begin(), h.end());
    cholesky_lower(h.data(), n, damp);
    // X = L^-1 column strip by column strip: column c of X is zero above row c, so strip [c0, c1) solves
    // L[c0:, c0:] X[c0:, c0:c1] = I[c0:, c0:c1].
    std::vector<double> x(size_t(n * n), 0.0);
    for (int64_t i = 0; i < n; ++i) x[size_t(i * n + i)] = 1.0;
    parallel_strips((n + strip - 1) / strip, [&](int64_t s) {
        const int64_t c0 = s * strip, cm = std::min(strip, n - c0);
        cblas_dtrsm(CblasRowMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, int(n - c0), int(cm), 1.0,
                    h.data() + c0 * n + c0, int(n), x.data() + c0 * n + c0, int(n));
    });
    std::reverse(x.begin(), x.end());
    return x;
}

// The blocks of the column loop: at most `block` columns, and never straddling a group start, so that
// every group's weights are fully updated when its parameters are computed: whole groups per block when
// groups are small, blocks inside one group when they are large.
int64_t block_end(int64_t j1, int64_t in, int64_t gs, int64_t block) {
    if (gs <= block) return std::min(in, j1 + (block / gs) * gs);
    return std::min({in, j1 + block, (j1 / gs + 1) * gs});
}

}  // namespace

QuantizedMatrix quantize_with_error_feedback(const float* w, int64_t out, int64_t in, const InputGram& gram,
                                             const QuantParams& p, const ErrorFeedbackOptions& o) {
    const ef::Shape s = ef::check_arguments(w, out, in, gram, p, o);
    single_threaded_blas();
    const int qmax = (1 << p.bits) - 1;
    std::vector<char> dead;
    const std::vector<double> u = inverse_cholesky_upper(ef::damped_hessian(gram, o.damp, dead), in, o.damp);

    std::vector<double> wd(size_t(out * in));
    parallel_strips((out + strip - 1) / strip, [&](int64_t t) {
        for (int64_t r = t * strip; r < std::min(out, (t + 1) * strip); ++r)
            for (int64_t i = 0; i < in; ++i) wd[size_t(r * in + i)] = dead[size_t(i)] ? 0.0 : double(w[r * in + i]);
    });
    QuantizedMatrix m = ef::empty_result(out, in, p, s);
    const int64_t bmax = std::min(in, o.block);  // block_end() never makes a longer block
    std::vector<double> err(size_t(out * bmax));  // [out][block]: scaled errors of the block's columns

    for (int64_t j1 = 0; j1 < in; j1 = block_end(j1, in, s.gs, o.block)) {
        const int64_t j2 = block_end(j1, in, s.gs, o.block), kb = j2 - j1;
        // Inside the block, column by column; each row on its own (rows never interact).
        parallel_strips((out + strip - 1) / strip, [&](int64_t t) {
            for (int64_t r = t * strip; r < std::min(out, (t + 1) * strip); ++r) {
                double* wr = wd.data() + r * in;
                double* er = err.data() + r * bmax;
                GroupParams gp{};
                for (int64_t i = j1; i < j2; ++i) {
                    const int64_t g = i / s.gs;
                    if (i % s.gs == 0) {  // entering a group: its parameters from its current weights
                        gp = ef::current_group_params(wr + i, s.gs, p, o, r, g, s.ng);
                        m.scales[size_t(r * s.ng + g)] = gp.scale;
                        m.zeros[size_t(r * s.ng + g)] = gp.zero;
                    } else if (i == j1) {  // a block inside a group that an earlier block entered
                        gp = {m.scales[size_t(r * s.ng + g)], m.zeros[size_t(r * s.ng + g)]};
                    }
                    const int code = ef::code_of(wr[i], gp, qmax);
                    m.q[size_t(r * in + i)] = uint8_t(code);
                    const double e = (wr[i] - double(ef::dequant(code, gp))) / u[size_t(i * in + i)];
                    er[i - j1] = e;
                    const double* ui = u.data() + i * in;
                    for (int64_t j = i + 1; j < j2; ++j) wr[j] -= e * ui[j];
                }
            }
        });
        if (j2 == in) break;
        // The later columns, lazily: W[:, j2:] -= Err[:, block] * U[block, j2:], split along the longer side.
        const int64_t cols = in - j2;
        if (out >= cols) {
            parallel_strips((out + strip - 1) / strip, [&](int64_t t) {
                const int64_t r0 = t * strip, rm = std::min(strip, out - r0);
                cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, int(rm), int(cols), int(kb), -1.0,
                            err.data() + r0 * bmax, int(bmax), u.data() + j1 * in + j2, int(in), 1.0,
                            wd.data() + r0 * in + j2, int(in));
            });
        } else {
            parallel_strips((cols + strip - 1) / strip, [&](int64_t t) {
                const int64_t c0 = t * strip, cm = std::min(strip, cols - c0);
                cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, int(out), int(cm), int(kb), -1.0, err.data(),
                            int(bmax), u.data() + j1 * in + j2 + c0, int(in), 1.0, wd.data() + j2 + c0, int(in));
            });
        }
    }
    return m;
}

}  // namespace awq
