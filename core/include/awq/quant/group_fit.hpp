// SPDX-License-Identifier: MIT
#pragma once
// Which linears a group size leaves unquantized, said before a run. A linear is quantized only when its
// input width is a multiple of the group size (quantizable() in layer_compute.hpp): on SmolLM2-135M
// (hidden 576, intermediate 1536) the default 128 leaves q/k/v/o/gate/up, three quarters of the decoder's
// weights, in floating point. The Settings page and `awq quantize` say so and propose the size that fits.
#include <awq/model/config.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace awq {

// One kind of linear (the same in every decoder layer) that a group size leaves unquantized.
struct UnquantizedLinear {
    std::string name;  // "self_attn.q_proj"
    int64_t in = 0, out = 0;
};

struct GroupSizeFit {
    int group_size = 0;                      // the size checked (-1: one group per row, fits everything)
    std::vector<UnquantizedLinear> skipped;  // per layer, in layer_linear_names() order
    int64_t skipped_linears = 0, total_linears = 0;  // over all decoder layers
    int64_t skipped_weights = 0, total_weights = 0;  // parameters of the decoder layers' linears
    // The largest power of two in [32, group_size] dividing every linear's input width; 0 when none does.
    // Capped at the size checked because a larger group is coarser (less accurate), never a fix.
    int fitting_group_size = 0;

    bool fits() const { return skipped.empty(); }
    double skipped_fraction() const { return total_weights ? double(skipped_weights) / double(total_weights) : 0.0; }
};

// The decoder linears' shapes come from the config alone: no weights are read.
GroupSizeFit check_group_size(const ModelConfig& config, int group_size);

// The skipped linears by input width, in layer order, with short names: {576, {"q_proj", "k_proj", ...}}.
struct SkippedWidth {
    int64_t in = 0;
    std::vector<std::string> names;  // "q_proj"
};
std::vector<SkippedWidth> skipped_by_width(const GroupSizeFit& fit);

// "576 not a multiple of 128": why a linear with this input width is not quantized.
std::string not_quantized_reason(int64_t in, int group_size);

// One line for a log or a terminal, empty when the size fits: "group size 128 leaves 180 of 210 linears
// (75.0 % of the decoder's weights) unquantized: q_proj, ..., up_proj (576 not a multiple of 128); group
// size 64 fits every linear".
std::string group_size_warning(const GroupSizeFit& fit);

}  // namespace awq
