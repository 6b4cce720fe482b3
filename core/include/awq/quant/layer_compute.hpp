// SPDX-License-Identifier: MIT
#pragma once
// The heavy parts of the per-layer AWQ loop (quantize_model.cpp), behind an interface so that the loop
// itself (grid, progress, report, resume) is shared while the arithmetic runs where the implementation
// keeps one layer's weights and the calibration activations: CpuLayerCompute (this file, the default:
// the engine's float code) or awq::cuda::GpuLayerCompute (kernels/host/gpu_quant_backend.hpp, device memory).
//
// Protocol, driven by quantize_model for each run:
//   start(embeddings)                            once; the implementation owns the hidden states
//   per layer: advance(original) (a layer resumed from the work folder)  or
//              begin_layer(f, original) -> capture; then for g in qkv, o, gate_up, down:
//                  weight_mean(g), scale_loss(g, s) for each grid point, apply_scales(g, best s);
//              clip_search(i) for v, o, gate, up, down; quantize_layer(); measure_errors(q);
//              measure_sensitivity(final q) when AwqSettings::sensitivity
// Candidate scales are passed as the host vector s (a few thousand floats); the weights and
// activations never leave the implementation during a layer, so a GPU does not re-upload anything per
// grid point.
#include <awq/model/model.hpp>
#include <awq/quant/awq_settings.hpp>
#include <awq/quant/clip_search.hpp>
#include <awq/quant/error_feedback.hpp>
#include <awq/quant/quantize_model.hpp>
#include <awq/quant/report.hpp>
#include <awq/runtime/ops.hpp>

#include <array>
#include <functional>
#include <memory>
#include <vector>

namespace awq {

// Linear indices, in layer_linear_names() order.
enum LinearIndex { kQ, kK, kV, kO, kGate, kUp, kDown, kLinearCount };

// The four AWQ scale groups: which linears share an input and which op feeds them.
enum class ScaleGroup { Qkv, O, GateUp, Down };
inline constexpr std::array<ScaleGroup, 4> kScaleGroups = {ScaleGroup::Qkv, ScaleGroup::O, ScaleGroup::GateUp,
                                                           ScaleGroup::Down};

// Where a group's scales go, the one table that the search's report, the CPU and GPU arithmetic and the
// mixed-precision bookkeeping read: s multiplies the input columns of the group's linears, and the op before
// them absorbs 1/s so that the layer computes the same function (AutoAWQ's prev_op) — a norm's weight, or the
// output rows (and bias) of the linear that feeds the group.
enum class Absorber { InputNorm, PostNorm, Linear };
struct ScaleGroupInfo {
    const char* name;     // "qkv", "o", "gate_up", "down"
    const char* prev_op;  // the module that absorbs 1/s, as AutoAWQ names it
    Absorber absorber;
    int prev_linear;      // the absorbing linear when absorber == Absorber::Linear, else -1
    int first_linear;     // the linears s scales: first_linear .. first_linear + linear_count - 1
    int linear_count;     //   (consecutive in LinearIndex order)
};
inline constexpr std::array<ScaleGroupInfo, 4> kScaleGroupTable = {{
    {"qkv", "input_layernorm", Absorber::InputNorm, -1, kQ, 3},
    {"o", "self_attn.v_proj", Absorber::Linear, kV, kO, 1},
    {"gate_up", "post_attention_layernorm", Absorber::PostNorm, -1, kGate, 2},
    {"down", "mlp.up_proj", Absorber::Linear, kUp, kDown, 1},
}};
inline const ScaleGroupInfo& scale_group_info(ScaleGroup g) { return kScaleGroupTable[size_t(g)]; }
const char* scale_group_name(ScaleGroup g);  // "qkv", "o", "gate_up", "down"
// The linears a group scales ({q, k, v}, {o}, {gate, up}, {down}).
std::vector<int> scale_group_linears(ScaleGroup g);
// The group whose scales multiply linear i's input columns, and the one whose 1/s its output rows absorb
// (-1: none; v_proj -> o, up_proj -> down).
int column_scale_group(int linear);
int row_scale_group(int linear);

// One decoder layer in float, owned (the search modifies it).
struct FloatLayer {
    std::vector<float> w[kLinearCount], b[kLinearCount];
    int64_t in[kLinearCount] = {}, out[kLinearCount] = {};
    std::vector<float> input_norm, post_norm, q_norm, k_norm;
};

// A linear is quantized when its input width is a multiple of the group size.
inline bool quantizable(int64_t in, const QuantParams& p) { return p.group_size <= 0 || in % p.group_size == 0; }

// What the full-precision forward of a layer yields for the search and the report.
struct LayerCapture {
    double output_power = 0;  // mean square of the layer output
    // Per-input-channel mean |x| of the group inputs, in kScaleGroups order.
    std::array<std::vector<float>, 4> saliency;
};

class LayerCompute {
public:
    virtual ~LayerCompute() = default;

    // Takes the calibration hidden states [n_seq * seq_len, hidden] (the embeddings). The attention and
    // MLP scale-search losses run on the first search_seqs sequences (search_block_count), all else on all.
    virtual void start(const ModelConfig& config, const RopeTable& rope, std::vector<float> embeddings,
                       int64_t n_seq, int64_t seq_len, int64_t search_seqs) = 0;
    // Moves the hidden states through a layer without quantizing it (resume).
    virtual void advance(const LayerWeights& original) = 0;
    // Takes the layer's float weights, runs its full-precision forward (the hidden states become its
    // output) and keeps the block inputs and outputs for the searches. `original` is the same layer as
    // the model holds it (the CPU forward runs that, as it always has; a GPU uses `layer`).
    virtual LayerCapture begin_layer(FloatLayer layer, const LayerWeights& original) = 0;
    // weight_mean_normalised of the group's linears as they are now.
    virtual std::vector<float> weight_mean(ScaleGroup g, int64_t group_size) = 0;
    // The scale-search loss of candidate scales s: the group's linears replaced by fake_quant(W * s) / s,
    // the block (attention / MLP, on the first search_seqs sequences) or the linear (o, down, on all)
    // run on its captured input, the mean squared error against the full-precision output. Throws
    // InvalidArgument when the scaled weights cannot be quantized (the caller records the candidate as
    // skipped).
    virtual double scale_loss(ScaleGroup g, const std::vector<float>& s, const QuantParams& quant) = 0;
    // Applies chosen scales: the previous op divided, the linears' input columns multiplied, the
    // captured inputs divided.
    virtual void apply_scales(ScaleGroup g, const std::vector<float>& s) = 0;
    // search_best_clip of one linear (kV, kO, kGate, kUp, kDown) on rows of its captured input sampled
    // by sample_rows, then the chosen clamp applied to the weights. Throws Cancelled via keep_going.
    virtual ClipResult clip_search(int linear, const AwqSettings& settings, const std::function<bool()>& keep_going) = 0;
    // From now on quantize_layer rounds with error feedback (AwqSettings::error_feedback) on the linears'
    // captured inputs, and clip_search records its ranges as factors for it instead of clamping the
    // weights. Returns false (the default) where the backend has no error feedback: the run rounds without
    // it and its report says so.
    virtual bool use_error_feedback(const ErrorFeedbackOptions& options) { return false; }
    // The layer's linears quantized (or kept in float, named in rep.fp16_linears), norms and biases as
    // modified by the search.
    virtual QuantizedLayer quantize_layer(const QuantParams& quant, LayerReport& rep) = 0;
    // rep.rtn_error / rep.awq_error: the layer output MSE against full precision with round-to-nearest
    // weights and with `q`'s weights.
    virtual void measure_errors(const QuantizedLayer& q, const QuantParams& quant, LayerReport& rep) = 0;
    // rep.sensitivity: for each unit whose linears `q` quantizes, the layer output MSE with that unit in
    // floating point (scaled_float_linear) and the rest as `q`, on the first search_seqs sequences (and
    // the error with all of `q` on the same sequences, as the unit's baseline). Returns false (the
    // default) where the backend cannot measure it.
    virtual bool measure_sensitivity(const QuantizedLayer& q, const QuantParams& quant, LayerReport& rep) {
        return false;
    }
};

// The engine's own float32 code on the CPU (OpenMP inside the kernels it calls).
std::unique_ptr<LayerCompute> make_cpu_layer_compute();

// The quantized weights and folded norms of a QuantizedLayer on top of `original`'s biases and q/k
// norms, as floats (what measure_errors runs).
FloatLayer dequantized_layer(const FloatLayer& original, const QuantizedLayer& q);

// A QuantizedLayer of `f`'s linears, biases and norms: each linear whose input width the group size
// divides is rounded by `round(i)`, each other one marked unquantized and handed to `keep_float(d, i)`.
QuantizedLayer assemble_quantized_layer(const FloatLayer& f, const QuantParams& quant,
                                        const std::function<QuantizedMatrix(int)>& round,
                                        const std::function<void(QuantizedLinearData&, int)>& keep_float);

// A layer's linears and norms as owned float copies (the search modifies them). Throws Unsupported naming
// the linear when one is not dense (the model is already quantized).
FloatLayer float_layer(const LayerWeights& l);

}  // namespace awq
