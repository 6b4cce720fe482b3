// SPDX-License-Identifier: MIT
#include <awq/error.hpp>
#include <awq/export/awq_export.hpp>
#include <awq/io/safetensors.hpp>
#include <awq/int4/awq_pack.hpp>

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstring>

namespace awq {

namespace fs = std::filesystem;

namespace {

// One tensor of the checkpoint, materialised only when its shard is written.
struct PendingTensor {
    std::string name;
    DType dtype;
    std::vector<int64_t> shape;
    uint64_t bytes;
    std::function<std::vector<std::byte>()> make;
};

template <typename T>
std::vector<std::byte> as_bytes(const std::vector<T>& v) {
    std::vector<std::byte> b(v.size() * sizeof(T));
    if (!b.empty()) std::memcpy(b.data(), v.data(), b.size());
    return b;
}

std::vector<std::byte> to_f16(const float* x, size_t n) {
    std::vector<uint16_t> h(n);
    for (size_t i = 0; i < n; ++i) h[i] = f32_to_f16(x[i]);
    return as_bytes(h);
}

PendingTensor f16_tensor(std::string name, std::vector<float> values, std::vector<int64_t> shape) {
    const uint64_t bytes = values.size() * 2;
    auto shared = std::make_shared<std::vector<float>>(std::move(values));
    return {std::move(name), DType::F16, std::move(shape), bytes, [shared] { return to_f16(shared->data(), shared->size()); }};
}

// A mapped tensor converted to FP16 when written (embeddings, lm_head): never held twice in memory.
PendingTensor f16_from_view(std::string name, const TensorView& t) {
    return {std::move(name), DType::F16, t.shape, uint64_t(t.numel()) * 2, [&t] {
                std::vector<float> f = t.to_f32();
                return to_f16(f.data(), f.size());
            }};
}

// An unquantized linear the search left as it was: the base model's weights, converted when written.
PendingTensor f16_from_linear(std::string name, const Linear* original) {
    const auto* d = dynamic_cast<const DenseLinear*>(original);
    if (!d) throw InvalidArgument("export: " + name + " is the base model's, which does not hold it as dense weights");
    return {std::move(name), DType::F16, {d->out_features(), d->in_features()},
            uint64_t(d->in_features() * d->out_features()) * 2, [d] {
                std::vector<float> f = d->to_f32();
                return to_f16(f.data(), f.size());
            }};
}

void add_linear(std::vector<PendingTensor>& out, const std::string& prefix, const QuantizedLinearData& d,
                const Linear* original) {
    if (!d.quantized && d.from_base) {
        out.push_back(f16_from_linear(prefix + ".weight", original));
    } else if (!d.quantized) {
        out.push_back(f16_tensor(prefix + ".weight", d.fp_weights, {d.out, d.in}));
    } else {
        auto packed = std::make_shared<AwqGemmTensors>(pack_awq_gemm(d.q, prefix));
        const int64_t groups = d.in / packed->group;
        out.push_back({prefix + ".qweight", DType::I32, {d.in, d.out / 8}, packed->qweight.size() * 4,
                       [packed] { return as_bytes(packed->qweight); }});
        out.push_back({prefix + ".qzeros", DType::I32, {groups, d.out / 8}, packed->qzeros.size() * 4,
                       [packed] { return as_bytes(packed->qzeros); }});
        out.push_back({prefix + ".scales", DType::F16, {groups, d.out}, packed->scales_f16.size() * 2,
                       [packed] { return as_bytes(packed->scales_f16); }});
    }
    if (!d.bias.empty()) out.push_back(f16_tensor(prefix + ".bias", d.bias, {d.out}));
}

std::vector<PendingTensor> checkpoint_tensors(const QuantizationResult& r) {
    const Model& m = *r.base;
    const TensorStore& s = m.tensors();
    std::vector<PendingTensor> t;
    t.push_back(f16_from_view("model.embed_tokens.weight", s.get("model.embed_tokens.weight")));
    for (size_t l = 0; l < r.layers.size(); ++l) {
        const QuantizedLayer& q = r.layers[l];
        const std::string p = "model.layers." + std::to_string(l) + ".";
        const LayerWeights& b = m.weights().layers[l];
        const Linear* originals[7] = {b.q_proj.get(), b.k_proj.get(), b.v_proj.get(), b.o_proj.get(),
                                      b.gate_proj.get(), b.up_proj.get(), b.down_proj.get()};
        for (size_t i = 0; i < q.linears.size(); ++i) add_linear(t, p + q.linears[i].name, q.linears[i], originals[i % 7]);
        const int64_t H = m.config().hidden_size;
        t.push_back(f16_tensor(p + "input_layernorm.weight", q.input_norm, {H}));
        t.push_back(f16_tensor(p + "post_attention_layernorm.weight", q.post_attention_norm, {H}));
        if (!q.q_norm.empty()) {
            t.push_back(f16_tensor(p + "self_attn.q_norm.weight", q.q_norm, {int64_t(q.q_norm.size())}));
            t.push_back(f16_tensor(p + "self_attn.k_norm.weight", q.k_norm, {int64_t(q.k_norm.size())}));
        }
    }
    t.push_back(f16_tensor("model.norm.weight", m.weights().final_norm, {m.config().hidden_size}));
    if (!m.weights().lm_head_tied) t.push_back(f16_from_view("lm_head.weight", s.get("lm_head.weight")));
    return t;
}

std::string config_json(const QuantizationResult& r) {
    const fs::path src = r.base->folder() / "config.json";
    nlohmann::json j = nlohmann::json::parse(read_text_file(src, 16 << 20), nullptr, false);
    if (j.is_discarded()) throw FormatError(src.string() + ": not valid JSON");
    j["torch_dtype"] = "float16";
    // Symmetric weights are stored as codes + 8 with zero points of 8, which every GEMM loader reads with
    // the zero-point formula; the checkpoint is therefore always a zero-point one.
    j["quantization_config"] = {{"quant_method", "awq"},
                                {"bits", r.settings.quant.bits},
                                {"group_size", r.settings.quant.group_size},
                                {"zero_point", true},
                                {"version", "gemm"},
                                {"modules_to_not_convert", r.report.modules_to_not_convert}};
    return j.dump(2) + "\n";
}

void copy_side_files(const fs::path& from, const fs::path& to) {
    for (const char* name : {"tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
                             "generation_config.json", "tokenizer.model", "LICENSE", "chat_template.jinja"}) {
        const fs::path src = from / name;
        if (fs::is_regular_file(src)) write_file_atomic(to / name, read_text_file(src, 1u << 30));
    }
}

bool same_folder(const fs::path& a, const fs::path& b) {
    std::error_code ec;
    return fs::exists(a, ec) && fs::exists(b, ec) && fs::equivalent(a, b, ec);
}

}  // namespace

void check_export_destination(const fs::path& model_folder, const fs::path& out, bool overwrite) {
    if (out.empty()) throw InvalidArgument("no output folder given");
    if (same_folder(model_folder, out))
        throw InvalidArgument(out.string() + ": the output folder is the model folder itself; choose another");
    const fs::path parent = fs::absolute(out).parent_path();
    if (!fs::is_directory(parent))
        throw FileError(parent.string() + (fs::exists(parent) ? ": is not a folder, so the output cannot go inside it"
                                                              : ": the output's parent folder does not exist"));
    if (::access(parent.c_str(), W_OK) != 0)
        throw FileError(parent.string() + ": cannot write here (" + std::strerror(errno) + ")");
    if (fs::exists(out) && !overwrite)
        throw FileError(out.string() + ": already exists (use --force to replace it)");
}

ExportSummary export_awq_gemm(const QuantizationResult& r, const fs::path& out, const ExportOptions& opt) {
    if (r.settings.quant.bits != 4)
        throw Unsupported("only 4-bit models can be written in the AutoAWQ GEMM format (this run used " +
                          std::to_string(r.settings.quant.bits) + " bits)");
    check_export_destination(r.base->folder(), out, opt.overwrite);
    const fs::path final_dir = fs::absolute(out);
    // A killed earlier export may have left its temporary folder: it was never the output, remove it.
    const std::string stale_prefix = "." + final_dir.filename().string() + ".partial-";
    for (const auto& e : fs::directory_iterator(final_dir.parent_path()))
        if (e.path().filename().string().starts_with(stale_prefix)) fs::remove_all(e.path());
    std::string tmpl = (final_dir.parent_path() / ("." + final_dir.filename().string() + ".partial-XXXXXX")).string();
    if (!::mkdtemp(tmpl.data())) throw FileError(final_dir.string() + ": cannot create a temporary folder: " + std::strerror(errno));
    const fs::path tmp = tmpl;
    ExportSummary summary;
    summary.folder = final_dir;
    uint64_t needed = 0;  // weight bytes, for the message when a write fails
    try {
        std::vector<PendingTensor> tensors = checkpoint_tensors(r);
        for (const auto& t : tensors) needed += t.bytes;
        // Cut into shards of at most max_shard_bytes (a tensor larger than that gets a shard of its own).
        std::vector<std::vector<size_t>> shards(1);
        uint64_t in_shard = 0;
        for (size_t i = 0; i < tensors.size(); ++i) {
            if (in_shard > 0 && in_shard + tensors[i].bytes > opt.max_shard_bytes) {
                shards.emplace_back();
                in_shard = 0;
            }
            shards.back().push_back(i);
            in_shard += tensors[i].bytes;
        }
        const int n = int(shards.size());
        nlohmann::json weight_map = nlohmann::json::object();
        for (int k = 0; k < n; ++k) {
            char name[64];
            if (n == 1) std::snprintf(name, sizeof name, "model.safetensors");
            else std::snprintf(name, sizeof name, "model-%05d-of-%05d.safetensors", k + 1, n);
            std::vector<std::vector<std::byte>> buffers;
            std::vector<TensorToWrite> batch;
            for (size_t i : shards[size_t(k)]) {
                buffers.push_back(tensors[i].make());
                batch.push_back({tensors[i].name, tensors[i].dtype, tensors[i].shape, buffers.back()});
                weight_map[tensors[i].name] = name;
                summary.bytes += tensors[i].bytes;
            }
            write_safetensors(tmp / name, batch, {{"format", "pt"}});
        }
        summary.shards = n;
        if (n > 1) {
            const nlohmann::json index = {{"metadata", {{"total_size", summary.bytes}}}, {"weight_map", weight_map}};
            write_file_atomic(tmp / "model.safetensors.index.json", index.dump(2) + "\n");
        }
        write_file_atomic(tmp / "config.json", config_json(r));
        copy_side_files(r.base->folder(), tmp);
        for (const auto& [name, content] : opt.extra_files) write_file_atomic(tmp / name, content);
        // Swap into place: an existing destination is moved aside first and removed only once the new one is in.
        fs::path old;
        if (fs::exists(final_dir)) {
            old = final_dir.parent_path() / ("." + final_dir.filename().string() + ".old");
            fs::remove_all(old);
            fs::rename(final_dir, old);
        }
        fs::rename(tmp, final_dir);
        if (!old.empty()) fs::remove_all(old);
    } catch (const fs::filesystem_error& e) {
        std::error_code ec;
        fs::remove_all(tmp, ec);
        throw FileError(final_dir.string() + ": export failed: " + e.what());
    } catch (const FileError& e) {
        // A failed write (disk full): say what is needed; the destination was not touched.
        std::error_code ec;
        fs::remove_all(tmp, ec);
        throw FileError(final_dir.string() + ": export failed, nothing there was changed (the weights need " +
                        std::to_string((needed + (1u << 20) - 1) >> 20) + " MiB of free space): " + e.what());
    } catch (...) {
        std::error_code ec;
        fs::remove_all(tmp, ec);
        throw;
    }
    return summary;
}

}  // namespace awq
