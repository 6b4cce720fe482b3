// SPDX-License-Identifier: MIT
#include <awq/model/int4_linear.hpp>
#include <awq/error.hpp>
#include <awq/quant/clip_search.hpp>
#include <awq/quant/group_fit.hpp>
#include <awq/quant/layer_compute.hpp>
#include <awq/quant/mixed_precision.hpp>
#include <awq/quant/quantize_model.hpp>
#include <awq/quant/scale_search.hpp>
#include <awq/quant/work_folder.hpp>
#include <awq/runtime/decoder_layer.hpp>

#include <array>
#include <memory>

#include <omp.h>

#include <chrono>
#include <cstring>
#include <cmath>
#include <new>

namespace awq {

const std::vector<std::string>& layer_linear_names() {
    static const std::vector<std::string> names = {"self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj",
                                                   "self_attn.o_proj", "mlp.gate_proj",    "mlp.up_proj",
                                                   "mlp.down_proj"};
    return names;
}

namespace {

// A NaN or Inf weight would poison the scale search and every later layer: refuse it up front, naming
// the tensor and its layer.
void check_finite(const std::vector<float>& v, int64_t in, const std::string& tensor, const Model& m, int layer) {
    for (size_t k = 0; k < v.size(); ++k)
        if (!std::isfinite(v[k]))
            throw InvalidArgument(m.folder().string() + ": tensor '" + tensor + "' (layer " + std::to_string(layer) +
                                  ") holds a non-finite value (" + (std::isnan(v[k]) ? "NaN" : "Inf") + ") at [" +
                                  std::to_string(int64_t(k) / in) + ", " + std::to_string(int64_t(k) % in) +
                                  "]; the weights are corrupt and cannot be quantized");
}

FloatLayer to_float(const LayerWeights& l, const Model& m, int layer) {
    FloatLayer f = float_layer(l);
    for (int i = 0; i < kLinearCount; ++i) {
        const std::string prefix = "model.layers." + std::to_string(layer) + "." + layer_linear_names()[size_t(i)];
        check_finite(f.w[i], f.in[i], prefix + ".weight", m, layer);
        check_finite(f.b[i], f.out[i], prefix + ".bias", m, layer);
    }
    return f;
}

bool same_weights(const DenseLinear& base, const std::vector<float>& w) {
    if (base.in_features() * base.out_features() != int64_t(w.size())) return false;
    const std::vector<float> b = base.to_f32();
    return std::memcmp(b.data(), w.data(), w.size() * sizeof(float)) == 0;
}

// A result holds no f32 copy of a linear it left as it was (on a 7B model whose widths the group size
// does not divide, those copies alone would take twice the model's memory): from_base instead.
void drop_unchanged_weights(QuantizedLayer& q, const LayerWeights& base) {
    const Linear* originals[7] = {base.q_proj.get(), base.k_proj.get(), base.v_proj.get(), base.o_proj.get(),
                                  base.gate_proj.get(), base.up_proj.get(), base.down_proj.get()};
    for (size_t i = 0; i < q.linears.size() && i < 7; ++i) {
        QuantizedLinearData& d = q.linears[i];
        const auto* b = dynamic_cast<const DenseLinear*>(originals[i]);
        if (d.quantized || d.from_base || !b || !same_weights(*b, d.fp_weights)) continue;
        d.from_base = true;
        std::vector<float>().swap(d.fp_weights);
    }
}

// The layer as round-to-nearest quantizes it: the original weights and norms, every quantizable linear
// quantized as it is, the others the base's own (from_base).
QuantizedLayer rtn_layer(const LayerWeights& base, const QuantParams& quant) {
    const FloatLayer f = float_layer(base);
    return assemble_quantized_layer(
        f, quant, [&](int i) { return quantize(f.w[i].data(), f.out[i], f.in[i], quant); },
        [](QuantizedLinearData& d, int) { d.from_base = true; });
}

// Seconds since the previous lap, added to the layer report's stage_seconds.
class StageClock {
public:
    explicit StageClock(LayerReport& rep) : rep_(rep), last_(std::chrono::steady_clock::now()) {}
    void lap(const std::string& stage) {
        const auto now = std::chrono::steady_clock::now();
        rep_.stage_seconds[stage] += std::chrono::duration<double>(now - last_).count();
        last_ = now;
    }

private:
    LayerReport& rep_;
    std::chrono::steady_clock::time_point last_;
};

// The per-layer loop: grid, progress and report here, the arithmetic in a LayerCompute.
class LayerQuantizer {
public:
    LayerQuantizer(const Model& m, const AwqSettings& s, LayerCompute& compute, int64_t tokens,
                   const ProgressCallback& cb, int layer)
        : m_(m), c_(m.config()), s_(s), compute_(compute), T_(tokens), cb_(cb), layer_(layer) {}

    QuantizedLayer run(LayerReport& rep) {
        StageClock clock(rep);
        const LayerWeights& base = m_.weights().layers[size_t(layer_)];
        FloatLayer f = to_float(base, m_, layer_);
        in_ = {f.in[kQ], f.in[kO], f.in[kGate], f.in[kDown]};
        gqa_skip_ = f.out[kV] != f.in[kO];
        const int64_t v_out = f.out[kV], o_in = f.in[kO];
        report(Stage::Capturing, 0.0);
        LayerCapture cap = compute_.begin_layer(std::move(f), base);
        clock.lap("capture");
        rep.output_power = cap.output_power;
        for (size_t g = 0; g < kScaleGroups.size(); ++g)
            rep.saliency[scale_group_name(kScaleGroups[g])] = std::move(cap.saliency[g]);
        if (!s_.rtn) {
            for (size_t g = 0; g < kScaleGroups.size(); ++g) {
                if (!quantizable(in_[g], s_.quant)) {  // nothing to protect: its linears stay in float
                    rep.groups.push_back(unquantized_group(kScaleGroups[g], in_[g]));
                    continue;
                }
                if (kScaleGroups[g] == ScaleGroup::O && gqa_skip_) {
                    rep.groups.push_back(skipped_o_group(v_out, o_in));
                    continue;
                }
                rep.groups.push_back(search(kScaleGroups[g], rep, 0.18 * double(g)));
                clock.lap(std::string("search ") + scale_group_name(kScaleGroups[g]));
            }
            if (s_.clip) search_clip(rep);
            clock.lap("clip");
        }
        report(Stage::Quantizing, 0.9);
        QuantizedLayer out = compute_.quantize_layer(s_.quant, rep);
        out.group_scales = std::move(scales_);
        clock.lap("quantize");
        report(Stage::Evaluating, 0.95);
        compute_.measure_errors(out, s_.quant, rep);
        if (s_.rtn_fallback && !s_.rtn && rep.awq_error > rep.rtn_error) {
            // Never worse than round-to-nearest on the calibration data: the layer keeps RTN's weights,
            // whose error measure_errors has just computed (the same fake quantization, bit for bit).
            rep.rtn_fallback = true;
            rep.searched_error = rep.awq_error;
            rep.awq_error = rep.rtn_error;
            out = rtn_layer(base, s_.quant);
        }
        clock.lap("measure");
        if (s_.sensitivity || s_.keep_float_percent > 0) {
            report(Stage::Evaluating, 0.97);
            if (!compute_.measure_sensitivity(out, s_.quant, rep)) sensitivity_missing_ = true;
            clock.lap("sensitivity");
        }
        return out;
    }

    bool sensitivity_missing() const { return sensitivity_missing_; }

private:
    bool report(Stage stage, double within, const std::string& group = "", int point = 0, double alpha = 0,
                double loss = 0) {
        if (!cb_) return true;
        Progress p;
        p.stage = stage;
        p.layer = layer_;
        p.n_layers = int(c_.num_hidden_layers);
        p.group = group;
        p.grid_point = point;
        p.n_grid = s_.n_grid;
        p.alpha = alpha;
        p.loss = loss;
        p.tokens = T_;
        p.fraction = (double(layer_) + within) / double(c_.num_hidden_layers);
        if (!cb_(p)) throw Cancelled();
        return true;
    }

    // v_proj -> o_proj is only scaled when v's output width equals o's input width (not under GQA).
    static GroupReport skipped_o_group(int64_t v_out, int64_t o_in) {
        GroupReport g;
        g.name = "o";
        g.prev_op = scale_group_info(ScaleGroup::O).prev_op;
        g.linears = {"self_attn.o_proj"};
        g.skipped = true;
        g.reason = "grouped-query attention: v_proj gives " + std::to_string(v_out) + " channels, o_proj takes " +
                   std::to_string(o_in);
        return g;
    }

    // A group whose input width the group size does not divide: its linears stay in floating point, so
    // there is no quantization error to search scales against (the search would find none finite).
    GroupReport unquantized_group(ScaleGroup group, int64_t in) const {
        GroupReport g;
        g.name = scale_group_name(group);
        g.prev_op = scale_group_info(group).prev_op;
        for (int i : scale_group_linears(group)) g.linears.push_back(layer_linear_names()[size_t(i)]);
        g.skipped = true;
        g.quantized = false;
        g.reason = "not quantized (" + not_quantized_reason(in, s_.quant.group_size) + ")";
        return g;
    }

    GroupReport search(ScaleGroup group, const LayerReport& rep, double within) {
        const size_t gi = size_t(group);
        const std::string name = scale_group_name(group);
        GroupReport g;
        g.name = name;
        g.prev_op = scale_group_info(group).prev_op;
        for (int i : scale_group_linears(group)) g.linears.push_back(layer_linear_names()[size_t(i)]);
        const std::vector<float> w_mean =
            s_.duo_scaling ? compute_.weight_mean(group, s_.quant.group_size) : std::vector<float>{};
        const auto loss = [&](const std::vector<float>& s) { return compute_.scale_loss(group, s, s_.quant); };
        const ScaleSearchResult r =
            search_scales_on_grid(in_[gi], rep.saliency.at(name), w_mean, s_, loss, [&](int i, double al, double l) {
                return report(Stage::ScaleSearch, within + 0.18 * double(i + 1) / s_.n_grid, name, i, al, l);
            });
        g.alphas = r.alphas;
        g.losses = r.losses;
        g.best_index = r.best_index;
        g.best_alpha = r.best_alpha();
        g.best_loss = r.best_loss();
        g.identity_loss = r.identity_loss;
        g.identity_chosen = r.identity_chosen;
        compute_.apply_scales(group, r.scales);
        scales_[gi] = r.scales;
        return g;
    }

    void search_clip(LayerReport& rep) {
        const int64_t in[7] = {in_[0], in_[0], in_[0], in_[1], in_[2], in_[2], in_[3]};
        for (int i : {kV, kO, kGate, kUp, kDown}) {  // q and k are not clipped (attention logits are sensitive)
            if (!quantizable(in[i], s_.quant)) continue;
            const std::string& name = layer_linear_names()[size_t(i)];
            report(Stage::ClipSearch, 0.72 + 0.035 * (i - kV), name);
            const ClipResult r =
                compute_.clip_search(i, s_, [&] { return report(Stage::ClipSearch, 0.72 + 0.035 * (i - kV), name); });
            ClipReport cr;
            cr.linear = name;
            double sum = 0, mn = 1, clipped = 0;
            for (float v : r.shrink) {
                sum += v;
                mn = std::min(mn, double(v));
                clipped += v < 1.0f ? 1 : 0;
            }
            cr.mean_shrink = sum / double(r.shrink.size());
            cr.min_shrink = mn;
            cr.clipped_fraction = clipped / double(r.shrink.size());
            cr.error_unclipped = r.error_unclipped;
            cr.error_clipped = r.error_clipped;
            cr.rows_reverted = double(r.rows_reverted) / double(std::max<int64_t>(1, r.rows));
            cr.method = range_search_name(s_.range_search);
            if (!r.lo_shrink.empty()) {
                double lo_sum = 0;
                for (float v : r.lo_shrink) lo_sum += v;
                cr.mean_lo_shrink = lo_sum / double(r.lo_shrink.size());
            }
            rep.clips.push_back(cr);
        }
    }

    const Model& m_;
    const ModelConfig& c_;
    const AwqSettings& s_;
    LayerCompute& compute_;
    int64_t T_;
    const ProgressCallback& cb_;
    int layer_;
    std::array<int64_t, 4> in_{};  // input width of each scale group
    bool gqa_skip_ = false;
    std::array<std::vector<float>, 4> scales_;  // the applied scales of each group (empty: none)
    bool sensitivity_missing_ = false;
};

// Mixed precision once every layer's sensitivity is known: the predicted trade-off, and the kept units.
void choose_float_units(QuantizationResult& result, bool sensitivity_missing) {
    Report& rep = result.report;
    if (sensitivity_missing) {
        rep.warnings.push_back("this device does not measure the linears' sensitivity (the CPU does): no "
                               "trade-off prediction" +
                               std::string(result.settings.keep_float_percent > 0 ? ", and no linear was kept in floating point" : ""));
        return;
    }
    rep.tradeoff = predicted_tradeoff(rep, default_tradeoff_percents());
    if (result.settings.keep_float_percent > 0)
        keep_in_float(result, select_float_units(rep, result.settings.keep_float_percent));
}

}  // namespace

std::vector<std::string> layer_warnings(const LayerReport& l) {
    std::vector<std::string> w;
    for (const auto& g : l.groups)
        if (!g.skipped && g.best_index < 0)
            w.push_back("layer " + std::to_string(l.index) + " group " + g.name +
                        ": no scale candidate gave a finite loss; scales left at 1");
    return w;
}

QuantizationResult quantize_model(std::shared_ptr<const Model> model, const CalibrationSet& calib,
                                  const AwqSettings& settings, const ProgressCallback& progress, WorkFolder* work,
                                  LayerCompute* compute) {
    using clock = std::chrono::steady_clock;
    const auto t0 = clock::now();
    const ModelConfig& c = model->config();
    if (model->is_quantized()) throw Unsupported(model->folder().string() + " is already AWQ-quantized");
    if (settings.quant.bits < 2 || settings.quant.bits > 8) throw InvalidArgument("bits must be between 2 and 8");
    if (settings.quant.group_size == 0 || settings.quant.group_size < -1)
        throw InvalidArgument("the group size must be positive or -1 (per channel)");
    if (calib.n_blocks() == 0) throw InvalidArgument("the calibration set is empty");
    if (settings.search_blocks < 0) throw InvalidArgument("the scale search's block count must be 0 (all) or positive");
    if (calib.block_len > c.max_position_embeddings)
        throw InvalidArgument("calibration blocks of " + std::to_string(calib.block_len) +
                              " tokens are longer than the model's context of " +
                              std::to_string(c.max_position_embeddings));
    const int saved_threads = omp_get_max_threads();
    if (settings.threads > 0) omp_set_num_threads(settings.threads);

    QuantizationResult result;
    result.base = model;
    result.settings = settings;
    Report& rep = result.report;
    rep.model = model->folder().string();
    rep.method = settings.rtn ? "rtn" : "awq";
    rep.settings = settings;
    rep.calibration_source = calib.source;
    rep.calibration_blocks = calib.n_blocks();
    rep.calibration_block_len = calib.block_len;
    rep.calibration_tokens = int64_t(calib.tokens.size());

    const int64_t n_seq = calib.n_blocks(), len = calib.block_len, H = c.hidden_size;
    // Out of memory becomes an OutOfMemory naming what was being done and how to need less.
    const auto out_of_memory = [&](const std::string& what) {
        omp_set_num_threads(saved_threads);
        return OutOfMemory(model->folder().string() + ": out of memory " + what + " (calibration: " +
                           std::to_string(n_seq) + " blocks of " + std::to_string(len) +
                           " tokens); use fewer calibration samples, shorter blocks, or free memory");
    };
    std::vector<float> hidden;
    try {
        hidden.resize(static_cast<size_t>(n_seq * len * H));
    } catch (const std::bad_alloc&) {
        throw out_of_memory("allocating the calibration activations (" +
                            std::to_string(uint64_t(n_seq * len * H) * sizeof(float) >> 20) + " MiB)");
    }
    for (size_t t = 0; t < calib.tokens.size(); ++t) model->weights().embedding.lookup(calib.tokens[t], hidden.data() + t * size_t(H));
    const RopeTable rope(c);
    bool sensitivity_missing = false;
    std::unique_ptr<LayerCompute> cpu;
    if (!compute) compute = (cpu = make_cpu_layer_compute()).get();
    try {
        compute->start(c, rope, std::move(hidden), n_seq, len, search_block_count(settings, n_seq));
        if (settings.error_feedback) {
            ErrorFeedbackOptions o;
            o.damp = settings.feedback_damp;
            if (!compute->use_error_feedback(o)) {  // the report records what ran
                rep.settings.error_feedback = false;
                rep.warnings.push_back("error feedback runs on the CPU only: this run rounded without it");
            }
        }
        for (int l = 0; l < c.num_hidden_layers; ++l) {
            const auto tl = clock::now();
            LayerReport lr;
            lr.index = l;
            if (work && l < work->layers_done()) {
                // Finished in an earlier run: take its results and only advance the hidden states.
                result.layers.push_back(work->load_layer(l, lr, settings));
                compute->advance(model->weights().layers[size_t(l)]);
                if (progress) {
                    Progress p;
                    p.stage = Stage::Capturing;
                    p.layer = l;
                    p.n_layers = int(c.num_hidden_layers);
                    p.fraction = double(l + 1) / double(c.num_hidden_layers);
                    p.message = "resumed";
                    if (!progress(p)) throw Cancelled();
                }
            } else {
                LayerQuantizer lq(*model, settings, *compute, n_seq * len, progress, l);
                result.layers.push_back(lq.run(lr));
                sensitivity_missing = sensitivity_missing || lq.sensitivity_missing();
                lr.seconds = std::chrono::duration<double>(clock::now() - tl).count();
                lr.peak_rss_bytes = current_peak_rss_bytes();
                if (work) work->save_layer(l, result.layers.back(), lr, settings);
            }
            drop_unchanged_weights(result.layers.back(), model->weights().layers[size_t(l)]);
            mark_unquantized_groups(lr, settings.quant.group_size);  // also layers saved by older versions
            for (auto& w : layer_warnings(lr)) rep.warnings.push_back(std::move(w));
            for (const auto& name : lr.fp16_linears)
                rep.modules_to_not_convert.push_back("model.layers." + std::to_string(l) + "." + name);
            rep.layers.push_back(std::move(lr));
        }
    } catch (const std::bad_alloc&) {
        throw out_of_memory("while quantizing layer " + std::to_string(rep.layers.size()));
    } catch (...) {
        omp_set_num_threads(saved_threads);
        throw;
    }
    omp_set_num_threads(saved_threads);
    choose_float_units(result, sensitivity_missing);
    rep.seconds = std::chrono::duration<double>(clock::now() - t0).count();
    rep.peak_rss_bytes = current_peak_rss_bytes();
    if (progress) {
        Progress p;
        p.stage = Stage::Done;
        p.layer = p.n_layers = int(c.num_hidden_layers);
        p.fraction = 1.0;
        progress(p);
    }
    return result;
}

namespace {

// w (f32) at `dtype`'s width, round to nearest even. F16 gives way to BF16, the same two bytes, when a
// value the scales moved leaves F16's range (an F16 infinity would poison every later layer).
std::unique_ptr<Linear> at_width(DType dtype, const std::vector<float>& w, const QuantizedLinearData& d) {
    if (dtype == DType::F32) return std::make_unique<DenseLinear>(w, d.in, d.out, d.bias);
    std::vector<uint16_t> h(w.size());
    bool overflow = false;
    if (dtype == DType::F16) {
#pragma omp parallel for schedule(static) reduction(|| : overflow) if (h.size() > (1u << 16))
        for (size_t k = 0; k < h.size(); ++k) {
            h[k] = f32_to_f16(w[k]);
            overflow = overflow || (std::isfinite(w[k]) && !std::isfinite(f16_to_f32(h[k])));
        }
        if (!overflow) return std::make_unique<DenseLinear>(DType::F16, std::move(h), d.in, d.out, d.bias);
    }
#pragma omp parallel for schedule(static) if (h.size() > (1u << 16))
    for (size_t k = 0; k < h.size(); ++k) h[k] = f32_to_bf16(w[k]);
    return std::make_unique<DenseLinear>(DType::BF16, std::move(h), d.in, d.out, d.bias);
}

}  // namespace

// An unquantized linear costs no more than the original's: a view of the base's mapped weights when the
// search left them unchanged (from_base, or bit for bit equal), else a copy at the base's width (scales
// folded in). Never an f32 copy of an F16/BF16 model: on a 7B model that doubles the memory.
std::unique_ptr<Linear> float_linear(const QuantizedLinearData& d, const Linear* original) {
    const auto* base = dynamic_cast<const DenseLinear*>(original);
    if (d.from_base && !base)
        throw InvalidArgument("make_quantized_model: " + d.name + " is the base model's, which holds it as " +
                              (original ? original->kind() : std::string("nothing")) + ", not dense");
    if (base && (d.from_base || same_weights(*base, d.fp_weights))) {
        if (base->borrowed()) return std::make_unique<DenseLinear>(base->dtype(), base->data(), d.in, d.out, d.bias);
        return at_width(base->dtype(), base->to_f32(), d);  // an in-memory base: its storage is not ours to share
    }
    return at_width(base ? base->dtype() : DType::F32, d.fp_weights, d);
}

std::shared_ptr<Model> make_quantized_model(const QuantizationResult& r, bool int4_kernels) {
    return make_quantized_model(*r.base, r.layers, r.settings.quant, r.report.modules_to_not_convert, int4_kernels);
}

std::shared_ptr<Model> make_quantized_model(const Model& base, const std::vector<QuantizedLayer>& quantized,
                                            const QuantParams& quant,
                                            const std::vector<std::string>& modules_to_not_convert,
                                            bool int4_kernels) {
    if (quantized.size() != base.weights().layers.size())
        throw InvalidArgument("make_quantized_model: " + std::to_string(quantized.size()) + " quantized layers for a model of " +
                              std::to_string(base.weights().layers.size()));
    std::vector<LayerWeights> layers;
    for (size_t li = 0; li < quantized.size(); ++li) {
        const QuantizedLayer& q = quantized[li];
        const LayerWeights& b = base.weights().layers[li];
        const Linear* originals[7] = {b.q_proj.get(), b.k_proj.get(), b.v_proj.get(), b.o_proj.get(),
                                      b.gate_proj.get(), b.up_proj.get(), b.down_proj.get()};
        LayerWeights l;
        std::unique_ptr<Linear>* slots[7] = {&l.q_proj, &l.k_proj, &l.v_proj, &l.o_proj, &l.gate_proj, &l.up_proj, &l.down_proj};
        for (size_t i = 0; i < 7; ++i) {
            const QuantizedLinearData& d = q.linears[i];
            if (!d.quantized) *slots[i] = float_linear(d, originals[i]);
            else if (int4_kernels && d.q.bits == 4) *slots[i] = std::make_unique<Int4Linear>(repack_for_cpu(d.q), d.bias);
            else *slots[i] = std::make_unique<DenseLinear>(d.q.dequantize(), d.in, d.out, d.bias);
        }
        l.input_norm = q.input_norm;
        l.post_attention_norm = q.post_attention_norm;
        l.q_norm = q.q_norm;
        l.k_norm = q.k_norm;
        layers.push_back(std::move(l));
    }
    AwqQuantConfig qc;
    qc.bits = quant.bits;
    qc.group_size = quant.group_size;
    qc.zero_point = quant.zero_point;
    qc.modules_to_not_convert = modules_to_not_convert;
    return Model::derive(base, std::move(layers), qc);
}

}  // namespace awq
