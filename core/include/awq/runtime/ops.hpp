// SPDX-License-Identifier: MIT
#pragma once
// The element-wise and attention operations of a Llama-family decoder on the CPU (float32, row-major).
#include <awq/model/config.hpp>

#include <cstdint>
#include <vector>

namespace awq {

// out[r] = x[r] / sqrt(mean(x[r]^2) + eps) * weight, for `rows` rows of width `dim`. out may alias x.
void rms_norm(const float* x, const float* weight, float eps, int64_t rows, int64_t dim, float* out);

// Rotary position embedding tables (default, `linear` and `llama3` frequency scaling) in HF's
// rotate-half convention: the first and second halves of each head are the two coordinates.
class RopeTable {
public:
    RopeTable(const ModelConfig& config);
    const std::vector<double>& inv_freq() const { return inv_freq_; }
    // Rotates `n_heads` heads of width head_dim in each of `rows` rows; row r is at position positions[r].
    void apply(float* x, int64_t rows, int64_t n_heads, const int64_t* positions) const;

private:
    // cos/sin for one position (float angle, double trigonometry, as the reference computes them).
    void angles(int64_t position, float* cs, float* sn) const;
    // Tabulated for the first positions, since RoPE runs for every token of every scale-search
    // candidate; capped so that long-context models do not spend memory on it (4 MiB at head_dim 128).
    static constexpr int64_t kMaxTablePositions = 8192;
    int64_t head_dim_, table_positions_ = 0;
    std::vector<double> inv_freq_;
    std::vector<float> cos_, sin_;  // [table_positions_][head_dim / 2]
};

// Causal grouped-query attention for one sequence. q: [n_new, n_heads*head_dim] for positions
// past..past+n_new-1; k, v: [past+n_new, n_kv_heads*head_dim] (keys of all positions so far).
// out: [n_new, n_heads*head_dim].
void causal_attention(const float* q, const float* k, const float* v, int64_t n_new, int64_t past,
                      int64_t n_heads, int64_t n_kv_heads, int64_t head_dim, float* out);
// Reference twin: the textbook formula, double accumulation, no blocking.
void causal_attention_ref(const float* q, const float* k, const float* v, int64_t n_new, int64_t past,
                          int64_t n_heads, int64_t n_kv_heads, int64_t head_dim, float* out);

// gate[i] = silu(gate[i]) * up[i] (SwiGLU), in place on gate.
void silu_mul(float* gate, const float* up, int64_t n);

}  // namespace awq
