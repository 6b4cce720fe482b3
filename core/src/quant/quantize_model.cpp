#include <awq/cpu/int4_linear.hpp>
#include <awq/error.hpp>
#include <awq/quant/clip_search.hpp>
#include <awq/quant/linear_loss.hpp>
#include <awq/quant/quantize_model.hpp>
#include <awq/quant/scale_search.hpp>
#include <awq/quant/work_folder.hpp>
#include <awq/runtime/decoder_layer.hpp>

#include <omp.h>

#include <chrono>
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

enum { Q, K, V, O, GATE, UP, DOWN };

// One layer's weights in float, owned: what the search modifies.
struct FloatLayer {
    std::vector<float> w[7], b[7];
    int64_t in[7], out[7];
    std::vector<float> input_norm, post_norm, q_norm, k_norm;
};

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
    FloatLayer f;
    const Linear* lins[7] = {l.q_proj.get(), l.k_proj.get(),  l.v_proj.get(),   l.o_proj.get(),
                             l.gate_proj.get(), l.up_proj.get(), l.down_proj.get()};
    for (int i = 0; i < 7; ++i) {
        const auto* d = dynamic_cast<const DenseLinear*>(lins[i]);
        if (!d) throw Unsupported("the model is already quantized (" + layer_linear_names()[size_t(i)] +
                                  " is " + lins[i]->kind() + "); quantize the original model instead");
        f.w[i] = d->to_f32();
        f.b[i] = d->bias();
        f.in[i] = d->in_features();
        f.out[i] = d->out_features();
        const std::string prefix = "model.layers." + std::to_string(layer) + "." + layer_linear_names()[size_t(i)];
        check_finite(f.w[i], f.in[i], prefix + ".weight", m, layer);
        check_finite(f.b[i], f.out[i], prefix + ".bias", m, layer);
    }
    f.input_norm = l.input_norm;
    f.post_norm = l.post_attention_norm;
    f.q_norm = l.q_norm;
    f.k_norm = l.k_norm;
    return f;
}

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

double mse(const float* a, const float* b, size_t n) {
    double s = 0;
#pragma omp parallel for reduction(+ : s) schedule(static)
    for (size_t i = 0; i < n; ++i) s += (double(a[i]) - b[i]) * (double(a[i]) - b[i]);
    return s / double(n);
}

double mean_square(const std::vector<float>& a) {
    double s = 0;
    for (float v : a) s += double(v) * v;
    return a.empty() ? 0 : s / double(a.size());
}

bool quantizable(int64_t in, const QuantParams& p) { return p.group_size <= 0 || in % p.group_size == 0; }

// Fake-quantizes (in place) every linear that will be quantized.
void fake_quantize_layer(FloatLayer& f, const QuantParams& p) {
    for (int i = 0; i < 7; ++i)
        if (quantizable(f.in[i], p)) fake_quantize(f.w[i].data(), f.out[i], f.in[i], p);
}

// Runs the layer with float weights `f` on a copy of `input`, returning the output.
std::vector<float> run_layer(const ModelConfig& c, const RopeTable& rope, const FloatLayer& f,
                             const std::vector<float>& input, int64_t n_seq, int64_t len) {
    std::vector<float> h = input;
    const LayerWeights l = to_layer(f);
    decoder_layer_forward(c, rope, l, h.data(), n_seq, len);
    return h;
}

class LayerQuantizer {
public:
    LayerQuantizer(const Model& m, const AwqSettings& s, const RopeTable& rope, int64_t n_seq, int64_t len,
                   const ProgressCallback& cb, int layer)
        : m_(m), c_(m.config()), s_(s), rope_(rope), n_seq_(n_seq), len_(len), T_(n_seq * len), cb_(cb),
          layer_(layer) {}

    // hidden: this layer's input on entry, its full-precision output on return.
    QuantizedLayer run(std::vector<float>& hidden, LayerReport& rep) {
        const LayerWeights& base = m_.weights().layers[size_t(layer_)];
        FloatLayer f = to_float(base, m_, layer_);
        const FloatLayer original = f;
        const std::vector<float> input = hidden;
        LayerActivations a;
        report(Stage::Capturing, 0.0);
        decoder_layer_forward(c_, rope_, base, hidden.data(), n_seq_, len_, &a);
        rep.output_power = mean_square(hidden);
        rep.saliency["qkv"] = channel_mean_abs(a.attn_input.data(), T_, c_.hidden_size);
        rep.saliency["o"] = channel_mean_abs(a.o_input.data(), T_, c_.q_dim());
        rep.saliency["gate_up"] = channel_mean_abs(a.mlp_input.data(), T_, c_.hidden_size);
        rep.saliency["down"] = channel_mean_abs(a.down_input.data(), T_, c_.intermediate_size);
        if (!s_.rtn) {
            search_and_apply_scales(f, a, rep);
            if (s_.clip) search_and_apply_clip(f, a, rep);
        }
        report(Stage::Quantizing, 0.9);
        QuantizedLayer out = quantize_layer(f, rep);
        report(Stage::Evaluating, 0.95);
        measure_errors(original, out, input, hidden, rep);
        return out;
    }

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

    GroupReport search(const std::string& name, const std::string& prev, std::vector<int> idx,
                       const std::vector<std::string>& names, const std::vector<float>& x_mean, FloatLayer& f,
                       const BlockLoss& loss, double within) {
        GroupReport g;
        g.name = name;
        g.prev_op = prev;
        g.linears = names;
        std::vector<const std::vector<float>*> ws;
        for (int i : idx) ws.push_back(&f.w[i]);
        const ScaleSearchResult r = search_best_scales(ws, f.in[idx[0]], x_mean, s_, loss, [&](int i, double al, double l) {
            return report(Stage::ScaleSearch, within + 0.18 * double(i + 1) / s_.n_grid, name, i, al, l);
        });
        g.alphas = r.alphas;
        g.losses = r.losses;
        g.best_index = r.best_index;
        g.best_alpha = r.best_alpha();
        g.best_loss = r.best_loss();
        last_scales_ = r.scales;
        return g;
    }

    void search_and_apply_scales(FloatLayer& f, LayerActivations& a, LayerReport& rep) {
        const int64_t H = c_.hidden_size, I = c_.intermediate_size, qd = c_.q_dim();
        std::vector<float> out(static_cast<size_t>(T_ * H));
        // 1. input_layernorm -> q, k, v; loss on the attention block output.
        {
            auto loss = [&](const std::vector<std::vector<float>>& w) {
                auto q = dense(w[0], f.b[Q], H, f.out[Q]), k = dense(w[1], f.b[K], H, f.out[K]),
                     v = dense(w[2], f.b[V], H, f.out[V]), o = dense(f.w[O], f.b[O], qd, H);
                AttentionLinears lin{q.get(), k.get(), v.get(), o.get(), &f.q_norm, &f.k_norm};
                attention_block(c_, rope_, lin, a.attn_input.data(), n_seq_, len_, out.data());
                return mse(out.data(), a.attn_output.data(), out.size());
            };
            rep.groups.push_back(search("qkv", "input_layernorm", {Q, K, V},
                                        {"self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj"},
                                        rep.saliency["qkv"], f, loss, 0.0));
            const auto s = last_scales_;
            for (size_t i = 0; i < s.size(); ++i) f.input_norm[i] /= s[i];
            for (int i : {Q, K, V}) scale_columns(f.w[i], f.out[i], H, s);
            divide_columns(a.attn_input.data(), T_, H, s);
        }
        // 2. v_proj -> o_proj, only when v's output width equals o's input width (not under GQA).
        if (f.out[V] == f.in[O]) {
            // One linear: the loss comes from the Gram matrix of its inputs (linear_loss.hpp).
            const LinearOutputLoss o_loss(a.o_input.data(), T_, qd, f.w[O], H);
            auto loss = [&](const std::vector<std::vector<float>>& w) { return o_loss(w[0]); };
            rep.groups.push_back(search("o", "self_attn.v_proj", {O}, {"self_attn.o_proj"}, rep.saliency["o"], f,
                                        loss, 0.18));
            const auto s = last_scales_;
            divide_rows(f.w[V], f.b[V], f.out[V], H, s);
            scale_columns(f.w[O], H, qd, s);
            divide_columns(a.o_input.data(), T_, qd, s);
        } else {
            GroupReport g;
            g.name = "o";
            g.prev_op = "self_attn.v_proj";
            g.linears = {"self_attn.o_proj"};
            g.skipped = true;
            g.reason = "grouped-query attention: v_proj gives " + std::to_string(f.out[V]) +
                       " channels, o_proj takes " + std::to_string(f.in[O]);
            rep.groups.push_back(g);
        }
        // 3. post_attention_layernorm -> gate, up; loss on the MLP output.
        {
            auto loss = [&](const std::vector<std::vector<float>>& w) {
                auto gate = dense(w[0], f.b[GATE], H, I), up = dense(w[1], f.b[UP], H, I),
                     down = dense(f.w[DOWN], f.b[DOWN], I, H);
                mlp_block({gate.get(), up.get(), down.get()}, a.mlp_input.data(), T_, out.data());
                return mse(out.data(), a.mlp_output.data(), out.size());
            };
            rep.groups.push_back(search("gate_up", "post_attention_layernorm", {GATE, UP},
                                        {"mlp.gate_proj", "mlp.up_proj"}, rep.saliency["gate_up"], f, loss, 0.36));
            const auto s = last_scales_;
            for (size_t i = 0; i < s.size(); ++i) f.post_norm[i] /= s[i];
            for (int i : {GATE, UP}) scale_columns(f.w[i], I, H, s);
            divide_columns(a.mlp_input.data(), T_, H, s);
        }
        // 4. up_proj -> down_proj; loss on the down_proj output.
        {
            const LinearOutputLoss down_loss(a.down_input.data(), T_, I, f.w[DOWN], H);
            auto loss = [&](const std::vector<std::vector<float>>& w) { return down_loss(w[0]); };
            rep.groups.push_back(search("down", "mlp.up_proj", {DOWN}, {"mlp.down_proj"}, rep.saliency["down"], f,
                                        loss, 0.54));
            const auto s = last_scales_;
            divide_rows(f.w[UP], f.b[UP], I, H, s);
            scale_columns(f.w[DOWN], H, I, s);
            divide_columns(a.down_input.data(), T_, I, s);
        }
    }

    void search_and_apply_clip(FloatLayer& f, const LayerActivations& a, LayerReport& rep) {
        const float* inputs[7] = {nullptr, nullptr, a.attn_input.data(), a.o_input.data(), a.mlp_input.data(),
                                  a.mlp_input.data(), a.down_input.data()};
        for (int i : {V, O, GATE, UP, DOWN}) {  // q and k are not clipped (attention logits are sensitive)
            if (!quantizable(f.in[i], s_.quant)) continue;
            report(Stage::ClipSearch, 0.72 + 0.035 * (i - V), layer_linear_names()[size_t(i)]);
            const std::vector<float> xs = sample_rows(inputs[i], T_, f.in[i], s_.clip_tokens);
            const int64_t n = int64_t(xs.size()) / f.in[i];
            const ClipResult r = search_best_clip(f.w[i], f.out[i], f.in[i], xs, n, s_, [&] {
                return report(Stage::ClipSearch, 0.72 + 0.035 * (i - V), layer_linear_names()[size_t(i)]);
            });
            apply_clip(f.w[i], f.out[i], f.in[i], resolve_group_size(s_.quant, f.in[i]), r.max_abs);
            ClipReport cr;
            cr.linear = layer_linear_names()[size_t(i)];
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
            rep.clips.push_back(cr);
        }
    }

    QuantizedLayer quantize_layer(const FloatLayer& f, LayerReport& rep) {
        QuantizedLayer q;
        for (int i = 0; i < 7; ++i) {
            QuantizedLinearData d;
            d.name = layer_linear_names()[size_t(i)];
            d.in = f.in[i];
            d.out = f.out[i];
            d.bias = f.b[i];
            if (quantizable(f.in[i], s_.quant)) {
                d.q = quantize(f.w[i].data(), f.out[i], f.in[i], s_.quant);
            } else {
                d.quantized = false;
                d.fp_weights = f.w[i];
                rep.fp16_linears.push_back(d.name);
            }
            q.linears.push_back(std::move(d));
        }
        q.input_norm = f.input_norm;
        q.post_attention_norm = f.post_norm;
        q.q_norm = f.q_norm;
        q.k_norm = f.k_norm;
        return q;
    }

    void measure_errors(const FloatLayer& original, const QuantizedLayer& q, const std::vector<float>& input,
                        const std::vector<float>& fp_out, LayerReport& rep) {
        FloatLayer rtn = original;
        fake_quantize_layer(rtn, s_.quant);
        rep.rtn_error = mse(run_layer(c_, rope_, rtn, input, n_seq_, len_).data(), fp_out.data(), fp_out.size());
        FloatLayer mine = original;
        for (int i = 0; i < 7; ++i) mine.w[i] = q.linears[size_t(i)].quantized ? q.linears[size_t(i)].q.dequantize()
                                                                              : q.linears[size_t(i)].fp_weights;
        for (int i = 0; i < 7; ++i) mine.b[i] = q.linears[size_t(i)].bias;
        mine.input_norm = q.input_norm;
        mine.post_norm = q.post_attention_norm;
        rep.awq_error = mse(run_layer(c_, rope_, mine, input, n_seq_, len_).data(), fp_out.data(), fp_out.size());
    }

    const Model& m_;
    const ModelConfig& c_;
    const AwqSettings& s_;
    const RopeTable& rope_;
    int64_t n_seq_, len_, T_;
    const ProgressCallback& cb_;
    int layer_;
    std::vector<float> last_scales_;
};

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
                                  const AwqSettings& settings, const ProgressCallback& progress, WorkFolder* work) {
    using clock = std::chrono::steady_clock;
    const auto t0 = clock::now();
    const ModelConfig& c = model->config();
    if (model->is_quantized()) throw Unsupported(model->folder().string() + " is already AWQ-quantized");
    if (settings.quant.bits < 2 || settings.quant.bits > 8) throw InvalidArgument("bits must be between 2 and 8");
    if (settings.quant.group_size == 0 || settings.quant.group_size < -1)
        throw InvalidArgument("the group size must be positive or -1 (per channel)");
    if (calib.n_blocks() == 0) throw InvalidArgument("the calibration set is empty");
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
    try {
        for (int l = 0; l < c.num_hidden_layers; ++l) {
            const auto tl = clock::now();
            LayerReport lr;
            lr.index = l;
            if (work && l < work->layers_done()) {
                // Finished in an earlier run: take its results and only advance the hidden states.
                result.layers.push_back(work->load_layer(l, lr, settings));
                decoder_layer_forward(c, rope, model->weights().layers[size_t(l)], hidden.data(), n_seq, len);
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
                LayerQuantizer lq(*model, settings, rope, n_seq, len, progress, l);
                result.layers.push_back(lq.run(hidden, lr));
                lr.seconds = std::chrono::duration<double>(clock::now() - tl).count();
                lr.peak_rss_bytes = current_peak_rss_bytes();
                if (work) work->save_layer(l, result.layers.back(), lr, settings);
            }
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

std::shared_ptr<Model> make_quantized_model(const QuantizationResult& r, bool int4_kernels) {
    std::vector<LayerWeights> layers;
    for (const QuantizedLayer& q : r.layers) {
        LayerWeights l;
        std::unique_ptr<Linear>* slots[7] = {&l.q_proj, &l.k_proj, &l.v_proj, &l.o_proj, &l.gate_proj, &l.up_proj, &l.down_proj};
        for (size_t i = 0; i < 7; ++i) {
            const QuantizedLinearData& d = q.linears[i];
            if (!d.quantized) *slots[i] = std::make_unique<DenseLinear>(d.fp_weights, d.in, d.out, d.bias);
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
    qc.bits = r.settings.quant.bits;
    qc.group_size = r.settings.quant.group_size;
    qc.zero_point = r.settings.quant.zero_point;
    qc.modules_to_not_convert = r.report.modules_to_not_convert;
    return Model::derive(*r.base, std::move(layers), qc);
}

}  // namespace awq
