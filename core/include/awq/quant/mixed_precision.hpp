// SPDX-License-Identifier: MIT
#pragma once
// Mixed precision: the few linears whose quantization costs the model most stay in floating point.
//
// The unit of the choice is a scale group's linears (q/k/v, o, gate/up, down): vLLM fuses q/k/v and
// gate/up into one module and refuses one whose shards differ in precision, so they are kept together.
// Per layer the engine measures each unit's sensitivity (LayerCompute::measure_sensitivity): the layer's
// output error with that unit in floating point and the rest quantized. What keeping a unit buys is the
// error it removes relative to the layer's output power (comparable across layers, whose outputs grow with
// depth). Units are ranked by that gain per weight, and the best are kept while the kept weights fit the
// budget; the export names them in modules_to_not_convert, which transformers and vLLM leave unquantized.
#include <awq/quant/layer_compute.hpp>
#include <awq/quant/quantize_model.hpp>
#include <awq/quant/report.hpp>

#include <vector>

namespace awq {

struct FloatUnit {
    int layer = 0;
    ScaleGroup unit = ScaleGroup::Qkv;
    bool operator==(const FloatUnit&) const = default;
};

// Linear `linear` of a layer as float weights that fit the layer's folded norms: the base model's w [out, in]
// (and bias) with the scales q recorded applied as the search applied them, in the same order: the
// columns multiplied by the scales of the linear's own group, then v_proj's and up_proj's rows (and bias)
// divided by the scales of the group they feed (o, down). No clipping: that belongs to the quantization.
// Returns whether any scale applied (false: the weights are the base's as they were).
bool scale_float_linear(int linear, const QuantizedLayer& q, std::vector<float>& w, std::vector<float>& bias,
                        int64_t out, int64_t in);

// The relative layer error keeping the unit removes: (sensitivity_error - error_in_float) / output_power.
double unit_gain(const LayerReport& layer, const UnitSensitivity& unit);

// Every measured unit (kept or not), the largest gain per weight first (ties: earlier layer, pipeline order).
std::vector<FloatUnit> rank_float_units(const Report& report);
// The longest prefix of the ranking whose weights stay within `percent` of the quantizable linear weights
// (a prefix, so a larger budget keeps a superset). Empty when nothing was measured.
std::vector<FloatUnit> select_float_units(const Report& report, double percent);

// Turns the units' linears into float weights (from result.base, scale_float_linear), marks them kept in
// the report and names them in modules_to_not_convert. A unit whose linears are already float is left.
void keep_in_float(QuantizationResult& result, const std::vector<FloatUnit>& units);

// The trade-off predicted from the sensitivities at each budget: the kept share and the summed relative
// calibration error left (perplexity and bytes unmeasured). Empty when nothing was measured.
std::vector<TradeoffPoint> predicted_tradeoff(const Report& report, const std::vector<double>& percents);

// The budgets quantize_model predicts by default (%).
const std::vector<double>& default_tradeoff_percents();

}  // namespace awq
