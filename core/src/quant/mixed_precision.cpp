// SPDX-License-Identifier: MIT
#include <awq/error.hpp>
#include <awq/quant/mixed_precision.hpp>
#include <awq/quant/scale_search.hpp>

#include <algorithm>
#include <cmath>

namespace awq {

namespace {

struct RankedUnit {
    FloatUnit unit;
    double gain_per_weight = 0;
    int64_t weights = 0;
};

std::vector<RankedUnit> ranked(const Report& r) {
    std::vector<RankedUnit> units;
    for (const LayerReport& l : r.layers)
        for (const UnitSensitivity& u : l.sensitivity) {
            const auto g = std::find_if(kScaleGroups.begin(), kScaleGroups.end(),
                                        [&](ScaleGroup s) { return u.unit == scale_group_name(s); });
            if (g == kScaleGroups.end() || u.weights <= 0) continue;
            units.push_back({{l.index, *g}, unit_gain(l, u) / double(u.weights), u.weights});
        }
    // Stable: equal gains keep the layer and pipeline order the report lists them in.
    std::stable_sort(units.begin(), units.end(),
                     [](const RankedUnit& a, const RankedUnit& b) { return a.gain_per_weight > b.gain_per_weight; });
    return units;
}

// How many of the ranked units, in order, fit `percent` of `total` weights (a prefix: a larger budget keeps
// a superset).
size_t budget_prefix(const std::vector<RankedUnit>& units, double percent, int64_t total) {
    const double budget = std::max(0.0, percent) / 100.0 * double(total);
    double kept = 0;
    size_t n = 0;
    for (; n < units.size() && kept + double(units[n].weights) <= budget; ++n) kept += double(units[n].weights);
    return n;
}

int64_t measured_weights(const Report& r) {
    int64_t total = 0;
    for (const LayerReport& l : r.layers)
        for (const UnitSensitivity& u : l.sensitivity) total += std::max<int64_t>(0, u.weights);
    return total;
}

UnitSensitivity* find_unit(LayerReport& l, ScaleGroup g) {
    for (UnitSensitivity& u : l.sensitivity)
        if (u.unit == scale_group_name(g)) return &u;
    return nullptr;
}

}  // namespace

bool scale_float_linear(int linear, const QuantizedLayer& q, std::vector<float>& w, std::vector<float>& bias,
                        int64_t out, int64_t in) {
    if (linear < 0 || linear >= kLinearCount) throw InvalidArgument("scale_float_linear: no linear " + std::to_string(linear));
    // The groups of the one scale-group table (layer_compute.hpp): s on the input columns, 1/s on the output
    // rows where the linear feeds a group (v_proj -> o_proj, up_proj -> down_proj).
    const int row_group = row_scale_group(linear);
    const std::vector<float>& cols = q.group_scales[size_t(column_scale_group(linear))];
    const bool scaled_rows = row_group >= 0 && !q.group_scales[size_t(row_group)].empty();
    if (!cols.empty()) {
        if (int64_t(cols.size()) != in)
            throw InvalidArgument("scale_float_linear: " + std::to_string(cols.size()) + " scales for " +
                                  std::to_string(in) + " input channels of " + layer_linear_names()[size_t(linear)]);
        scale_columns(w, out, in, cols);
    }
    if (!scaled_rows) return !cols.empty();
    const std::vector<float>& rows = q.group_scales[size_t(row_group)];
    if (int64_t(rows.size()) != out)
        throw InvalidArgument("scale_float_linear: " + std::to_string(rows.size()) + " scales for " +
                              std::to_string(out) + " output rows of " + layer_linear_names()[size_t(linear)]);
    divide_rows(w, bias, out, in, rows);
    return true;
}

double unit_gain(const LayerReport& layer, const UnitSensitivity& unit) {
    if (!(layer.output_power > 0) || !std::isfinite(unit.error_in_float) || !std::isfinite(layer.sensitivity_error))
        return 0;
    return (layer.sensitivity_error - unit.error_in_float) / layer.output_power;
}

std::vector<FloatUnit> rank_float_units(const Report& report) {
    std::vector<FloatUnit> out;
    for (const RankedUnit& u : ranked(report)) out.push_back(u.unit);
    return out;
}

std::vector<FloatUnit> select_float_units(const Report& report, double percent) {
    const std::vector<RankedUnit> units = ranked(report);
    std::vector<FloatUnit> out;
    for (size_t k = 0, n = budget_prefix(units, percent, measured_weights(report)); k < n; ++k) out.push_back(units[k].unit);
    return out;
}

void keep_in_float(QuantizationResult& result, const std::vector<FloatUnit>& units) {
    for (const FloatUnit& f : units) {
        if (f.layer < 0 || size_t(f.layer) >= result.layers.size() || size_t(f.layer) >= result.report.layers.size())
            throw InvalidArgument("keep_in_float: no layer " + std::to_string(f.layer));
        QuantizedLayer& q = result.layers[size_t(f.layer)];
        const LayerWeights& base = result.base->weights().layers[size_t(f.layer)];
        const Linear* originals[kLinearCount] = {base.q_proj.get(),    base.k_proj.get(),  base.v_proj.get(),
                                                 base.o_proj.get(),    base.gate_proj.get(), base.up_proj.get(),
                                                 base.down_proj.get()};
        for (int i : scale_group_linears(f.unit)) {
            QuantizedLinearData& d = q.linears[size_t(i)];
            if (!d.quantized) continue;
            const auto* dense = dynamic_cast<const DenseLinear*>(originals[i]);
            if (!dense) throw Unsupported("keep_in_float: the base model's " + d.name + " is not dense");
            std::vector<float> w = dense->to_f32(), bias = dense->bias();
            const bool unscaled = !scale_float_linear(i, q, w, bias, d.out, d.in);
            d.quantized = false;
            d.q = {};
            d.from_base = unscaled;
            d.fp_weights = unscaled ? std::vector<float>{} : std::move(w);
            d.bias = std::move(bias);
            result.report.modules_to_not_convert.push_back("model.layers." + std::to_string(f.layer) + "." + d.name);
        }
        if (UnitSensitivity* u = find_unit(result.report.layers[size_t(f.layer)], f.unit)) u->kept_float = true;
    }
}

std::vector<TradeoffPoint> predicted_tradeoff(const Report& report, const std::vector<double>& percents) {
    const int64_t total = measured_weights(report);
    if (total <= 0) return {};
    double all_quantized = 0;
    for (const LayerReport& l : report.layers)
        if (!l.sensitivity.empty() && l.output_power > 0 && std::isfinite(l.sensitivity_error))
            all_quantized += l.sensitivity_error / l.output_power;
    const std::vector<RankedUnit> units = ranked(report);
    std::vector<TradeoffPoint> points;
    for (double p : percents) {
        TradeoffPoint t;
        t.percent = p;
        double kept = 0, gained = 0;
        for (size_t k = 0, n = budget_prefix(units, p, total); k < n; ++k) {
            kept += double(units[k].weights);
            gained += units[k].gain_per_weight * double(units[k].weights);
        }
        t.kept_weights_percent = 100.0 * kept / double(total);
        t.calibration_error = std::max(0.0, all_quantized - gained);
        points.push_back(t);
    }
    return points;
}

const std::vector<double>& default_tradeoff_percents() {
    static const std::vector<double> p = {0, 1, 2, 5, 10, 20, 50, 100};
    return p;
}

}  // namespace awq
