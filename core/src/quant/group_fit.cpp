// SPDX-License-Identifier: MIT
// check_group_size: the decoder linears' input widths against a group size, and the size that fits.
#include <awq/quant/group_fit.hpp>
#include <awq/quant/layer_compute.hpp>
#include <awq/quant/quantize_model.hpp>

#include <cstdio>

namespace awq {

namespace {

// in/out widths of the seven linears, in layer_linear_names() order.
struct Shape {
    int64_t in, out;
};

std::vector<Shape> linear_shapes(const ModelConfig& c) {
    const int64_t H = c.hidden_size, I = c.intermediate_size;
    return {{H, c.q_dim()}, {H, c.kv_dim()}, {H, c.kv_dim()}, {c.q_dim(), H}, {H, I}, {H, I}, {I, H}};
}

bool divides_all(const std::vector<Shape>& shapes, int64_t g) {
    for (const Shape& s : shapes)
        if (s.in % g != 0) return false;
    return true;
}

}  // namespace

std::string not_quantized_reason(int64_t in, int group_size) {
    return std::to_string(in) + " not a multiple of " + std::to_string(group_size);
}

GroupSizeFit check_group_size(const ModelConfig& c, int group_size) {
    GroupSizeFit fit;
    fit.group_size = group_size;
    const std::vector<Shape> shapes = linear_shapes(c);
    QuantParams p;
    p.group_size = group_size;
    for (size_t i = 0; i < shapes.size(); ++i) {
        const int64_t weights = shapes[i].in * shapes[i].out;
        fit.total_linears += c.num_hidden_layers;
        fit.total_weights += weights * c.num_hidden_layers;
        if (quantizable(shapes[i].in, p)) continue;
        fit.skipped.push_back({layer_linear_names()[i], shapes[i].in, shapes[i].out});
        fit.skipped_linears += c.num_hidden_layers;
        fit.skipped_weights += weights * c.num_hidden_layers;
    }
    if (group_size <= 0) return fit;  // one group per row: nothing to propose
    for (int64_t g = 32; g <= group_size; g *= 2)
        if (divides_all(shapes, g)) fit.fitting_group_size = int(g);
    return fit;
}

std::vector<SkippedWidth> skipped_by_width(const GroupSizeFit& fit) {
    std::vector<SkippedWidth> out;
    for (const UnquantizedLinear& u : fit.skipped) {
        SkippedWidth* w = nullptr;
        for (SkippedWidth& e : out)
            if (e.in == u.in) w = &e;
        if (!w) w = &out.emplace_back(SkippedWidth{u.in, {}});
        w->names.push_back(u.name.substr(u.name.find('.') + 1));  // "self_attn.q_proj" -> "q_proj"
    }
    return out;
}

std::string group_size_warning(const GroupSizeFit& fit) {
    if (fit.fits()) return {};
    std::string list;
    for (const SkippedWidth& w : skipped_by_width(fit)) {
        if (!list.empty()) list += "; ";
        for (size_t i = 0; i < w.names.size(); ++i) list += (i ? ", " : "") + w.names[i];
        list += " (" + not_quantized_reason(w.in, fit.group_size) + ")";
    }
    char head[160];
    std::snprintf(head, sizeof head, "group size %d leaves %lld of %lld linears (%.1f %% of the decoder's weights) unquantized: ",
                  fit.group_size, (long long)fit.skipped_linears, (long long)fit.total_linears,
                  100.0 * fit.skipped_fraction());
    const std::string tail = fit.fitting_group_size
                                 ? "; group size " + std::to_string(fit.fitting_group_size) + " fits every linear"
                                 : "; no group size from 32 to " + std::to_string(fit.group_size) +
                                       " fits every linear (per channel, -1, does)";
    return head + list + tail;
}

}  // namespace awq
