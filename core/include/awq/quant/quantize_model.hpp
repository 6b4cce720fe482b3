// SPDX-License-Identifier: MIT
#pragma once
// The per-layer AWQ driver: for each decoder layer (one layer's weights in float at a time) capture the
// linear inputs on the calibration blocks, search the scales of the four groups, apply them, search the
// clipping, quantize, measure the layer's output error; the next layer's input is this layer's
// full-precision output, as in the reference.
#include <awq/model/model.hpp>
#include <awq/quant/awq_settings.hpp>
#include <awq/quant/calibration.hpp>
#include <awq/int4/quantizer.hpp>
#include <awq/quant/report.hpp>

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace awq {

// The seven linears of a Llama-family layer, in checkpoint naming ("self_attn.q_proj", ...).
const std::vector<std::string>& layer_linear_names();

struct QuantizedLinearData {
    std::string name;               // "self_attn.q_proj"
    int64_t in = 0, out = 0;
    bool quantized = true;
    QuantizedMatrix q;              // when quantized
    std::vector<float> fp_weights;  // when left in floating point (scales applied); empty when from_base
    // Left in floating point and untouched by every scale group: the weights are the base model's, read
    // from there (make_quantized_model, the export) instead of held here as an f32 copy.
    bool from_base = false;
    std::vector<float> bias;
};

struct QuantizedLayer {
    std::vector<QuantizedLinearData> linears;  // in layer_linear_names() order
    std::vector<float> input_norm, post_attention_norm, q_norm, k_norm;  // with the scales folded in
    // The scales the search applied to each scale group (qkv, o, gate_up, down; empty: none), kept so that
    // a linear can later be turned back into float weights that match the folded norms (mixed_precision.hpp).
    std::array<std::vector<float>, 4> group_scales;
};

struct QuantizationResult {
    std::shared_ptr<const Model> base;
    AwqSettings settings;
    std::vector<QuantizedLayer> layers;
    Report report;
};

class WorkFolder;
class LayerCompute;

// Throws Cancelled when the callback returns false, InvalidArgument/Unsupported for unusable settings.
// With a work folder, finished layers are loaded from it instead of recomputed, and each newly finished
// layer is saved to it (see work_folder.hpp). `compute` runs the per-layer arithmetic (layer_compute.hpp);
// null means the CPU (make_cpu_layer_compute()).
QuantizationResult quantize_model(std::shared_ptr<const Model> model, const CalibrationSet& calibration,
                                  const AwqSettings& settings, const ProgressCallback& progress = {},
                                  WorkFolder* work = nullptr, LayerCompute* compute = nullptr);

// A runnable model from a result: INT4 kernels (packed, as an exported checkpoint would run) or the
// dequantized float weights (the "fake-quantized" model, for checking the kernels and the export).
// The report's warnings about one layer (a scale group where no candidate gave a finite loss), derived from
// its LayerReport alone: a layer loaded from the work folder on resume gives the same warnings.
std::vector<std::string> layer_warnings(const LayerReport& layer);

std::shared_ptr<Model> make_quantized_model(const QuantizationResult& result, bool int4_kernels = true);
// One unquantized linear of a result as make_quantized_model builds it; `original` is the base's linear.
std::unique_ptr<Linear> float_linear(const QuantizedLinearData& d, const Linear* original);
// Unquantized linears keep the base model's width: a view of its mapped weights when unchanged, else an
// F16/BF16 copy (F32 only for an F32 base), so the result never holds more weight bytes than the base.
// The same from the parts of a result (the CUDA plugin rebuilds one on its side from plain data).
std::shared_ptr<Model> make_quantized_model(const Model& base, const std::vector<QuantizedLayer>& layers,
                                            const QuantParams& quant,
                                            const std::vector<std::string>& modules_to_not_convert,
                                            bool int4_kernels = true);

}  // namespace awq
