// SPDX-License-Identifier: MIT
#include <awq/cpu/sgemm.hpp>
#include <awq/cpu/vec_exp.hpp>
#include <awq/error.hpp>
#include <awq/runtime/ops.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace awq {

void rms_norm(const float* x, const float* weight, float eps, int64_t rows, int64_t dim, float* out) {
#pragma omp parallel for schedule(static) if (rows > 16)
    for (int64_t r = 0; r < rows; ++r) {
        const float* xr = x + r * dim;
        double ss = 0;
        for (int64_t i = 0; i < dim; ++i) ss += double(xr[i]) * xr[i];
        const float inv = float(1.0 / std::sqrt(ss / double(dim) + eps));
        float* o = out + r * dim;
        for (int64_t i = 0; i < dim; ++i) o[i] = xr[i] * inv * weight[i];
    }
}

RopeTable::RopeTable(const ModelConfig& c) : head_dim_(c.head_dim) {
    const int64_t half = head_dim_ / 2;
    inv_freq_.resize(size_t(half));
    for (int64_t i = 0; i < half; ++i)
        inv_freq_[size_t(i)] = 1.0 / std::pow(c.rope_theta, double(2 * i) / double(head_dim_));
    const RopeScaling& s = c.rope_scaling;
    if (s.type == "linear") {
        for (double& f : inv_freq_) f /= s.factor;
    } else if (s.type == "llama3") {
        // Long wavelengths are slowed down by `factor`, short ones kept, the band between interpolated.
        const double old_ctx = double(s.original_max_position_embeddings);
        const double low_wavelen = old_ctx / s.low_freq_factor;
        const double high_wavelen = old_ctx / s.high_freq_factor;
        for (double& f : inv_freq_) {
            const double wavelen = 2 * std::numbers::pi / f;
            if (wavelen > low_wavelen) {
                f /= s.factor;
            } else if (wavelen >= high_wavelen) {
                const double smooth = (old_ctx / wavelen - s.low_freq_factor) / (s.high_freq_factor - s.low_freq_factor);
                f = (1 - smooth) * f / s.factor + smooth * f;
            }
        }
    } else if (!s.type.empty() && s.type != "default") {
        throw Unsupported("rope_scaling type '" + s.type + "' is not supported");
    }
    table_positions_ = std::min<int64_t>(c.max_position_embeddings, kMaxTablePositions);
    cos_.resize(size_t(table_positions_ * half));
    sin_.resize(size_t(table_positions_ * half));
    for (int64_t p = 0; p < table_positions_; ++p) angles(p, cos_.data() + p * half, sin_.data() + p * half);
}

void RopeTable::angles(int64_t position, float* cs, float* sn) const {
    for (size_t i = 0; i < inv_freq_.size(); ++i) {
        // Angles in float like the reference (position * inv_freq in float32), cos/sin in double.
        const float angle = float(position) * float(inv_freq_[i]);
        cs[i] = float(std::cos(double(angle)));
        sn[i] = float(std::sin(double(angle)));
    }
}

void RopeTable::apply(float* x, int64_t rows, int64_t n_heads, const int64_t* positions) const {
    const int64_t half = head_dim_ / 2;
#pragma omp parallel if (rows > 16)
    {
        std::vector<float> cs_far(static_cast<size_t>(half)), sn_far(static_cast<size_t>(half));
#pragma omp for schedule(static)
        for (int64_t r = 0; r < rows; ++r) {
            const bool tabulated = positions[r] < table_positions_;
            if (!tabulated) angles(positions[r], cs_far.data(), sn_far.data());  // the same formula, here
            const float* cs = tabulated ? cos_.data() + positions[r] * half : cs_far.data();
            const float* sn = tabulated ? sin_.data() + positions[r] * half : sn_far.data();
            for (int64_t h = 0; h < n_heads; ++h) {
                float* v = x + (r * n_heads + h) * head_dim_;
                for (int64_t i = 0; i < half; ++i) {
                    const float a = v[i], b = v[i + half];
                    v[i] = a * cs[i] - b * sn[i];
                    v[i + half] = b * cs[i] + a * sn[i];
                }
            }
        }
    }
}

void causal_attention(const float* q, const float* k, const float* v, int64_t n_new, int64_t past,
                      int64_t n_heads, int64_t n_kv_heads, int64_t head_dim, float* out) {
    const int64_t group = n_heads / n_kv_heads;
    const int64_t q_stride = n_heads * head_dim, kv_stride = n_kv_heads * head_dim;
    const int64_t n_keys = past + n_new;
    const float scale = 1.0f / std::sqrt(float(head_dim));
    // Per head and block of kQueryBlock queries: scores = Q_b K^T by BLAS over the keys the block's last
    // query sees, softmax, then out_b = P V. Blocking skips most of the masked upper triangle (512 queries
    // in blocks of 64 do 56 % of the unblocked QK^T and PV work) while each product stays large enough for
    // BLAS. (head, block) tasks go to threads dynamically, as later blocks see more keys; BLAS runs on the
    // calling thread (see sgemm.hpp).
    constexpr int64_t kQueryBlock = 64;
    const int64_t n_blocks = (n_new + kQueryBlock - 1) / kQueryBlock;
    const int64_t work = n_heads * n_new * n_keys * head_dim;
#pragma omp parallel if (work >= (int64_t(1) << 18))
    {
        std::vector<float> scores(static_cast<size_t>(std::min(n_new, kQueryBlock) * n_keys));
#pragma omp for schedule(dynamic)
        for (int64_t task = 0; task < n_heads * n_blocks; ++task) {
            const int64_t h = task / n_blocks, kvh = h / group;
            const int64_t i0 = (task % n_blocks) * kQueryBlock, i1 = std::min(n_new, i0 + kQueryBlock);
            const int64_t keys = past + i1;  // what the block's last query sees
            sgemm_nt(i1 - i0, keys, head_dim, q + i0 * q_stride + h * head_dim, q_stride,
                     k + kvh * head_dim, kv_stride, scores.data(), keys, scale);
            for (int64_t i = i0; i < i1; ++i) {
                float* row = scores.data() + (i - i0) * keys;
                const int64_t visible = past + i + 1;
                const float mx = *std::max_element(row, row + visible);
                const float inv = 1.0f / exp_shifted_sum(row, visible, mx);
                for (int64_t j = 0; j < visible; ++j) row[j] *= inv;
                std::fill(row + visible, row + keys, 0.0f);
            }
            sgemm_nn_serial(i1 - i0, head_dim, keys, scores.data(), keys, v + kvh * head_dim, kv_stride,
                            out + i0 * q_stride + h * head_dim, q_stride);
        }
    }
}

void causal_attention_ref(const float* q, const float* k, const float* v, int64_t n_new, int64_t past,
                          int64_t n_heads, int64_t n_kv_heads, int64_t head_dim, float* out) {
    const int64_t group = n_heads / n_kv_heads;
    const int64_t q_stride = n_heads * head_dim, kv_stride = n_kv_heads * head_dim;
    for (int64_t h = 0; h < n_heads; ++h) {
        const int64_t kvh = h / group;
        for (int64_t i = 0; i < n_new; ++i) {
            const float* qi = q + i * q_stride + h * head_dim;
            const int64_t visible = past + i + 1;
            std::vector<double> p(static_cast<size_t>(visible));
            double mx = -INFINITY;
            for (int64_t j = 0; j < visible; ++j) {
                const float* kj = k + j * kv_stride + kvh * head_dim;
                double d = 0;
                for (int64_t t = 0; t < head_dim; ++t) d += double(qi[t]) * kj[t];
                p[size_t(j)] = d / std::sqrt(double(head_dim));
                mx = std::max(mx, p[size_t(j)]);
            }
            double sum = 0;
            for (double& e : p) sum += (e = std::exp(e - mx));
            for (int64_t t = 0; t < head_dim; ++t) {
                double acc = 0;
                for (int64_t j = 0; j < visible; ++j) acc += p[size_t(j)] * v[j * kv_stride + kvh * head_dim + t];
                out[i * q_stride + h * head_dim + t] = float(acc / sum);
            }
        }
    }
}

void silu_mul(float* gate, const float* up, int64_t n) {
    constexpr int64_t chunk = 4096;
    const int64_t chunks = (n + chunk - 1) / chunk;
#pragma omp parallel for schedule(static) if (n > 65536)
    for (int64_t c = 0; c < chunks; ++c)
        silu_mul_span(gate + c * chunk, up + c * chunk, std::min(chunk, n - c * chunk));
}

}  // namespace awq
