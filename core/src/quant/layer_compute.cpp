// SPDX-License-Identifier: MIT
// CpuLayerCompute: the per-layer arithmetic of the AWQ engine in float32 on the CPU (the code that
// lived inside quantize_model.cpp, unchanged in its operations and their order).
#include <awq/error.hpp>
#include <awq/quant/layer_compute.hpp>
#include <awq/quant/linear_loss.hpp>
#include <awq/quant/mixed_precision.hpp>
#include <awq/quant/range_search.hpp>
#include <awq/quant/scale_search.hpp>
#include <awq/runtime/decoder_layer.hpp>

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

namespace awq {

FloatLayer float_layer(const LayerWeights& l) {
    FloatLayer f;
    const Linear* lins[kLinearCount] = {l.q_proj.get(),    l.k_proj.get(),  l.v_proj.get(),   l.o_proj.get(),
                                        l.gate_proj.get(), l.up_proj.get(), l.down_proj.get()};
    for (int i = 0; i < kLinearCount; ++i) {
        const auto* d = dynamic_cast<const DenseLinear*>(lins[i]);
        if (!d) throw Unsupported("the model is already quantized (" + layer_linear_names()[size_t(i)] + " is " +
                                  lins[i]->kind() + "); quantize the original model instead");
        f.w[i] = d->to_f32();
        f.b[i] = d->bias();
        f.in[i] = d->in_features();
        f.out[i] = d->out_features();
    }
    f.input_norm = l.input_norm;
    f.post_norm = l.post_attention_norm;
    f.q_norm = l.q_norm;
    f.k_norm = l.k_norm;
    return f;
}

const char* scale_group_name(ScaleGroup g) { return scale_group_info(g).name; }

std::vector<int> scale_group_linears(ScaleGroup g) {
    const ScaleGroupInfo& info = scale_group_info(g);
    std::vector<int> linears;
    for (int k = 0; k < info.linear_count; ++k) linears.push_back(info.first_linear + k);
    return linears;
}

int column_scale_group(int linear) {
    for (size_t g = 0; g < kScaleGroupTable.size(); ++g) {
        const ScaleGroupInfo& info = kScaleGroupTable[g];
        if (linear >= info.first_linear && linear < info.first_linear + info.linear_count) return int(g);
    }
    return -1;
}

int row_scale_group(int linear) {
    for (size_t g = 0; g < kScaleGroupTable.size(); ++g)
        if (kScaleGroupTable[g].absorber == Absorber::Linear && kScaleGroupTable[g].prev_linear == linear) return int(g);
    return -1;
}

QuantizedLayer assemble_quantized_layer(const FloatLayer& f, const QuantParams& quant,
                                        const std::function<QuantizedMatrix(int)>& round,
                                        const std::function<void(QuantizedLinearData&, int)>& keep_float) {
    QuantizedLayer q;
    for (int i = 0; i < kLinearCount; ++i) {
        QuantizedLinearData d;
        d.name = layer_linear_names()[size_t(i)];
        d.in = f.in[i];
        d.out = f.out[i];
        d.bias = f.b[i];
        if (quantizable(f.in[i], quant)) {
            d.q = round(i);
        } else {
            d.quantized = false;
            keep_float(d, i);
        }
        q.linears.push_back(std::move(d));
    }
    q.input_norm = f.input_norm;
    q.post_attention_norm = f.post_norm;
    q.q_norm = f.q_norm;
    q.k_norm = f.k_norm;
    return q;
}

FloatLayer dequantized_layer(const FloatLayer& original, const QuantizedLayer& q) {
    FloatLayer mine = original;
    for (int i = 0; i < kLinearCount; ++i) {
        const QuantizedLinearData& d = q.linears[size_t(i)];
        mine.w[i] = d.quantized ? d.q.dequantize() : d.from_base ? original.w[i] : d.fp_weights;
        mine.b[i] = d.bias;
    }
    mine.input_norm = q.input_norm;
    mine.post_norm = q.post_attention_norm;
    return mine;
}

namespace {

std::unique_ptr<Linear> dense(const std::vector<float>& w, const std::vector<float>& b, int64_t in, int64_t out) {
    return std::make_unique<DenseLinear>(w, in, out, b);
}

LayerWeights to_layer(const FloatLayer& f) {
    LayerWeights l;
    std::unique_ptr<Linear>* slots[7] = {&l.q_proj, &l.k_proj, &l.v_proj, &l.o_proj, &l.gate_proj, &l.up_proj, &l.down_proj};
    for (int i = 0; i < 7; ++i) *slots[i] = dense(f.w[i], f.b[i], f.in[i], f.out[i]);
    l.input_norm = f.input_norm;
    l.post_attention_norm = f.post_norm;
    l.q_norm = f.q_norm;
    l.k_norm = f.k_norm;
    return l;
}

double squared_error(const float* a, const float* b, size_t n) {
    double s = 0;
#pragma omp parallel for reduction(+ : s) schedule(static)
    for (size_t i = 0; i < n; ++i) s += (double(a[i]) - b[i]) * (double(a[i]) - b[i]);
    return s;
}

double mse(const float* a, const float* b, size_t n) { return squared_error(a, b, n) / double(n); }

// A candidate's block output is computed a few sequences at a time: the chunk's activations stay in
// cache and its buffers are reused by every chunk and candidate. (Whole-calibration buffers, ~66 MB each
// for the MLP at 42 x 512 tokens and fresh for every candidate, cost a sixth of the run's CPU time in page
// faults.) Per-token results do not depend on the chunking; only the order of the error sum does.
constexpr int64_t kLossChunkTokens = 2048;

double mean_square(const std::vector<float>& a) {
    double s = 0;
    for (float v : a) s += double(v) * v;
    return a.empty() ? 0 : s / double(a.size());
}

// Fake-quantizes (in place) every linear that will be quantized.
void fake_quantize_layer(FloatLayer& f, const QuantParams& p) {
    for (int i = 0; i < kLinearCount; ++i)
        if (quantizable(f.in[i], p)) fake_quantize(f.w[i].data(), f.out[i], f.in[i], p);
}

// fake_quant(W * s) / s of one linear W [out, in].
std::vector<float> scaled_candidate(const std::vector<float>& w, int64_t out, int64_t in, const std::vector<float>& s,
                                    const QuantParams& p) {
    std::vector<float> c = w;
    scale_columns(c, out, in, s);
    fake_quantize(c.data(), out, in, p);
    for (int64_t o = 0; o < out; ++o)
        for (int64_t i = 0; i < in; ++i) c[size_t(o * in + i)] /= s[size_t(i)];
    return c;
}

class CpuLayerCompute final : public LayerCompute {
public:
    void start(const ModelConfig& config, const RopeTable& rope, std::vector<float> embeddings, int64_t n_seq,
               int64_t seq_len, int64_t search_seqs) override {
        config_ = &config;
        rope_ = &rope;
        n_seq_ = n_seq;
        len_ = seq_len;
        tokens_ = n_seq * seq_len;
        search_seqs_ = std::clamp<int64_t>(search_seqs, 1, n_seq);
        hidden_ = std::move(embeddings);
    }

    void advance(const LayerWeights& original) override {
        decoder_layer_forward(*config_, *rope_, original, hidden_.data(), n_seq_, len_);
    }

    LayerCapture begin_layer(FloatLayer layer, const LayerWeights& original) override {
        layer_ = std::move(layer);
        original_ = layer_;
        range_factors_ = {};
        grams_ = {nullptr, std::nullopt};
        input_ = hidden_;
        loss_.reset();
        decoder_layer_forward(*config_, *rope_, original, hidden_.data(), n_seq_, len_, &captured_);
        LayerCapture cap;
        cap.output_power = mean_square(hidden_);
        cap.saliency[0] = channel_mean_abs(captured_.attn_input.data(), tokens_, config_->hidden_size);
        cap.saliency[1] = channel_mean_abs(captured_.o_input.data(), tokens_, config_->q_dim());
        cap.saliency[2] = channel_mean_abs(captured_.mlp_input.data(), tokens_, config_->hidden_size);
        cap.saliency[3] = channel_mean_abs(captured_.down_input.data(), tokens_, config_->intermediate_size);
        return cap;
    }

    std::vector<float> weight_mean(ScaleGroup g, int64_t group_size) override {
        std::vector<const std::vector<float>*> ws;
        const std::vector<int> idx = scale_group_linears(g);
        for (int i : idx) ws.push_back(&layer_.w[i]);
        return weight_mean_normalised(ws, layer_.in[idx[0]], group_size);
    }

    double scale_loss(ScaleGroup g, const std::vector<float>& s, const QuantParams& p) override {
        const int64_t H = config_->hidden_size, I = config_->intermediate_size, qd = config_->q_dim();
        out_.resize(size_t(std::max(kLossChunkTokens, len_) * H));
        switch (g) {
            case ScaleGroup::Qkv: {
                auto q = dense(scaled_candidate(layer_.w[kQ], layer_.out[kQ], H, s, p), layer_.b[kQ], H, layer_.out[kQ]);
                auto k = dense(scaled_candidate(layer_.w[kK], layer_.out[kK], H, s, p), layer_.b[kK], H, layer_.out[kK]);
                auto v = dense(scaled_candidate(layer_.w[kV], layer_.out[kV], H, s, p), layer_.b[kV], H, layer_.out[kV]);
                auto o = dense(layer_.w[kO], layer_.b[kO], qd, H);
                AttentionLinears lin{q.get(), k.get(), v.get(), o.get(), &layer_.q_norm, &layer_.k_norm};
                const int64_t seqs = std::max<int64_t>(1, kLossChunkTokens / len_);
                double se = 0;
                for (int64_t s0 = 0; s0 < search_seqs_; s0 += seqs) {
                    const int64_t n = std::min(seqs, search_seqs_ - s0), first = s0 * len_ * H;
                    attention_block(*config_, *rope_, lin, captured_.attn_input.data() + first, n, len_, out_.data());
                    se += squared_error(out_.data(), captured_.attn_output.data() + first, size_t(n * len_ * H));
                }
                return se / double(search_seqs_ * len_ * H);
            }
            case ScaleGroup::GateUp: {
                auto gate = dense(scaled_candidate(layer_.w[kGate], I, H, s, p), layer_.b[kGate], H, I);
                auto up = dense(scaled_candidate(layer_.w[kUp], I, H, s, p), layer_.b[kUp], H, I);
                auto down = dense(layer_.w[kDown], layer_.b[kDown], I, H);
                const int64_t tokens = search_seqs_ * len_;
                double se = 0;
                for (int64_t t0 = 0; t0 < tokens; t0 += kLossChunkTokens) {
                    const int64_t n = std::min(kLossChunkTokens, tokens - t0);
                    mlp_block({gate.get(), up.get(), down.get()}, captured_.mlp_input.data() + t0 * H, n, out_.data());
                    se += squared_error(out_.data(), captured_.mlp_output.data() + t0 * H, size_t(n * H));
                }
                return se / double(tokens * H);
            }
            case ScaleGroup::O:
            case ScaleGroup::Down: {
                // One linear: the loss comes from the Gram matrix of its inputs (linear_loss.hpp), built
                // once per group on its first candidate.
                const int i = g == ScaleGroup::O ? kO : kDown;
                if (!loss_ || loss_group_ != g) {
                    const float* x = g == ScaleGroup::O ? captured_.o_input.data() : captured_.down_input.data();
                    loss_.emplace(x, tokens_, layer_.in[i], layer_.w[i], layer_.out[i]);
                    loss_group_ = g;
                }
                return (*loss_)(scaled_candidate(layer_.w[i], layer_.out[i], layer_.in[i], s, p));
            }
        }
        return NAN;
    }

    void apply_scales(ScaleGroup g, const std::vector<float>& s) override {
        const ScaleGroupInfo& info = scale_group_info(g);
        loss_.reset();
        if (info.absorber == Absorber::Linear) {
            const int p = info.prev_linear;
            divide_rows(layer_.w[p], layer_.b[p], layer_.out[p], layer_.in[p], s);
        } else {
            std::vector<float>& norm = info.absorber == Absorber::InputNorm ? layer_.input_norm : layer_.post_norm;
            for (size_t i = 0; i < s.size(); ++i) norm[i] /= s[i];
        }
        for (int i : scale_group_linears(g)) scale_columns(layer_.w[i], layer_.out[i], layer_.in[i], s);
        divide_columns(group_input(g), tokens_, layer_.in[info.first_linear], s);
    }

    ClipResult clip_search(int i, const AwqSettings& settings, const std::function<bool()>& keep_going) override {
        const float* inputs[7] = {nullptr, nullptr, captured_.attn_input.data(), captured_.o_input.data(), captured_.mlp_input.data(),
                                  captured_.mlp_input.data(), captured_.down_input.data()};
        if (!inputs[i]) throw InvalidArgument("the clip search does not run on q_proj or k_proj");
        ClipResult r;
        if (settings.range_search == RangeSearch::Weighted) {
            const std::vector<float> importance = channel_mean_square(inputs[i], tokens_, layer_.in[i]);
            RangeResult rr = search_weighted_range(layer_.w[i], layer_.out[i], layer_.in[i], importance, settings, keep_going);
            if (!feedback_) apply_range(layer_.w[i], layer_.out[i], layer_.in[i], resolve_group_size(settings.quant, layer_.in[i]), rr.lo, rr.hi);
            r = as_clip_result(std::move(rr));
        } else {
            const std::vector<float> xs = sample_rows(inputs[i], tokens_, layer_.in[i], settings.clip_tokens);
            const int64_t n = int64_t(xs.size()) / layer_.in[i];
            r = search_best_clip(layer_.w[i], layer_.out[i], layer_.in[i], xs, n, settings, keep_going);
            if (!feedback_) apply_clip(layer_.w[i], layer_.out[i], layer_.in[i], resolve_group_size(settings.quant, layer_.in[i]), r.max_abs);
        }
        if (feedback_) {  // the error feedback narrows each group's range by these factors when it gets there
            range_factors_[i].hi = r.shrink;
            range_factors_[i].lo = r.lo_shrink.empty() ? r.shrink : r.lo_shrink;
        }
        return r;
    }

    QuantizedLayer quantize_layer(const QuantParams& p, LayerReport& rep) override {
        return assemble_quantized_layer(
            layer_, p,
            [&](int i) { return feedback_ ? quantize_with_feedback(i, p) : quantize(layer_.w[i].data(), layer_.out[i], layer_.in[i], p); },
            [&](QuantizedLinearData& d, int i) {
                d.fp_weights = layer_.w[i];
                rep.fp16_linears.push_back(d.name);
            });
    }

    void measure_errors(const QuantizedLayer& q, const QuantParams& p, LayerReport& rep) override {
        FloatLayer rtn = original_;
        fake_quantize_layer(rtn, p);
        rep.rtn_error = mse(run(rtn).data(), hidden_.data(), hidden_.size());
        rep.awq_error = mse(run(dequantized_layer(original_, q)).data(), hidden_.data(), hidden_.size());
    }

    // Each unit's float weights swapped into the quantized layer in turn, the layer run on the search's
    // sequences (five layer forwards there: the baseline and the four units).
    bool measure_sensitivity(const QuantizedLayer& q, const QuantParams&, LayerReport& rep) override {
        FloatLayer work = dequantized_layer(original_, q);
        const int64_t seqs = search_seqs_;
        const size_t count = size_t(seqs * len_ * config_->hidden_size);
        rep.sensitivity.clear();
        rep.sensitivity_error = mse(run(work, seqs).data(), hidden_.data(), count);
        for (ScaleGroup g : kScaleGroups) {
            const std::vector<int> linears = scale_group_linears(g);
            if (!std::all_of(linears.begin(), linears.end(), [&](int i) { return q.linears[size_t(i)].quantized; }))
                continue;
            UnitSensitivity u;
            u.unit = scale_group_name(g);
            std::array<std::pair<std::vector<float>, std::vector<float>>, kLinearCount> held;  // quantized w, b
            for (int i : linears) {
                std::vector<float> w = original_.w[i], b = original_.b[i];
                scale_float_linear(i, q, w, b, layer_.out[i], layer_.in[i]);
                held[size_t(i)] = {std::exchange(work.w[i], std::move(w)), std::exchange(work.b[i], std::move(b))};
                u.linears.push_back(layer_linear_names()[size_t(i)]);
                u.weights += layer_.out[i] * layer_.in[i];
            }
            u.error_in_float = mse(run(work, seqs).data(), hidden_.data(), count);
            for (int i : linears) {  // the unit's quantized weights back for the next unit
                work.w[i] = std::move(held[size_t(i)].first);
                work.b[i] = std::move(held[size_t(i)].second);
            }
            rep.sensitivity.push_back(std::move(u));
        }
        return true;
    }

    bool use_error_feedback(const ErrorFeedbackOptions& options) override {
        feedback_ = options;
        return true;
    }

private:
    // The captured input of a group's linears (its columns take 1/s as the weights take s).
    float* group_input(ScaleGroup g) {
        switch (g) {
            case ScaleGroup::Qkv: return captured_.attn_input.data();
            case ScaleGroup::O: return captured_.o_input.data();
            case ScaleGroup::GateUp: return captured_.mlp_input.data();
            case ScaleGroup::Down: return captured_.down_input.data();
        }
        return nullptr;
    }

    // Linear i rounded with error feedback on the Gram matrix of its captured (scaled) input, built once
    // per input (q, k, v share one, gate and up another) and dropped with the layer.
    QuantizedMatrix quantize_with_feedback(int i, const QuantParams& p) {
        const float* inputs[7] = {captured_.attn_input.data(), captured_.attn_input.data(), captured_.attn_input.data(), captured_.o_input.data(),
                                  captured_.mlp_input.data(),  captured_.mlp_input.data(),  captured_.down_input.data()};
        if (grams_.first != inputs[i]) {
            grams_.second.emplace(layer_.in[i]);
            grams_.second->add(inputs[i], tokens_);
            grams_.first = inputs[i];
        }
        ErrorFeedbackOptions o = *feedback_;
        o.lo_factor = range_factors_[i].lo;
        o.hi_factor = range_factors_[i].hi;
        return quantize_with_error_feedback(layer_.w[i].data(), layer_.out[i], layer_.in[i], *grams_.second, p, o);
    }

    // The layer with float weights `f` on a copy of its input (the first `seqs` sequences; 0: all).
    std::vector<float> run(const FloatLayer& f, int64_t seqs = 0) const {
        const int64_t n = seqs > 0 ? std::min(seqs, n_seq_) : n_seq_;
        std::vector<float> h(input_.begin(), input_.begin() + n * len_ * config_->hidden_size);
        const LayerWeights l = to_layer(f);
        decoder_layer_forward(*config_, *rope_, l, h.data(), n, len_);
        return h;
    }

    const ModelConfig* config_ = nullptr;
    const RopeTable* rope_ = nullptr;
    int64_t n_seq_ = 0, len_ = 0, tokens_ = 0, search_seqs_ = 0;
    std::vector<float> hidden_, input_, out_;
    FloatLayer layer_, original_;
    LayerActivations captured_;
    std::optional<LinearOutputLoss> loss_;
    ScaleGroup loss_group_ = ScaleGroup::O;
    std::optional<ErrorFeedbackOptions> feedback_;
    struct RangeFactors {
        std::vector<float> lo, hi;  // [out][groups]; empty: the full range
    };
    std::array<RangeFactors, kLinearCount> range_factors_;
    std::pair<const float*, std::optional<InputGram>> grams_{nullptr, std::nullopt};  // input -> its Gram
};

}  // namespace

std::unique_ptr<LayerCompute> make_cpu_layer_compute() { return std::make_unique<CpuLayerCompute>(); }

}  // namespace awq
