// SPDX-License-Identifier: MIT
#include <awq/error.hpp>
#include <awq/io/safetensors.hpp>
#include <awq/quant/work_folder.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstring>

namespace awq {

namespace fs = std::filesystem;

namespace {

struct Fnv1a {
    uint64_t h = 0xcbf29ce484222325ull;
    void add(const void* p, size_t n) {
        const auto* b = static_cast<const unsigned char*>(p);
        for (size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 0x100000001b3ull;
    }
    void add(const std::string& s) { add(s.data(), s.size() + 1); }
};

// QuantizedLayer::group_scales, by scale group.
const char* const kScaleNames[4] = {"scales.qkv", "scales.o", "scales.gate_up", "scales.down"};

std::string layer_file(int index, const char* ext) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "layer-%04d.%s", index, ext);
    return buf;
}

template <typename T>
std::span<const std::byte> bytes_of(const std::vector<T>& v) {
    return {reinterpret_cast<const std::byte*>(v.data()), v.size() * sizeof(T)};
}

template <typename T>
std::vector<T> read_as(const TensorStore& s, const std::string& name, DType dtype) {
    const TensorView& t = s.get(name);
    if (t.dtype != dtype) throw FormatError(t.file.string() + ": tensor '" + name + "' has the wrong dtype");
    std::vector<T> v(size_t(t.numel()));
    if (!v.empty()) std::memcpy(v.data(), t.data, t.nbytes);
    return v;
}

}  // namespace

fs::path WorkFolder::path_for(const fs::path& out_dir) {
    const fs::path abs = fs::absolute(out_dir);
    return abs.parent_path() / (abs.filename().string() + ".awq-work");
}

std::string WorkFolder::fingerprint(const Model& model, const AwqSettings& settings, const CalibrationSet& calib) {
    Fnv1a f;
    f.add(read_text_file(model.folder() / "config.json", 16 << 20));
    for (const auto& name : model.tensors().names()) {
        f.add(name);
        const uint64_t n = model.tensors().get(name).nbytes;
        f.add(&n, sizeof n);
    }
    AwqSettings s = settings;
    s.threads = 0;  // the thread count does not change the result's meaning
    s.keep_float_percent = 0;  // applied once every layer is done, to the saved layers as to new ones
    f.add(settings_to_json(s));
    f.add(&calib.block_len, sizeof calib.block_len);
    f.add(calib.tokens.data(), calib.tokens.size() * sizeof(int32_t));
    char buf[20];
    std::snprintf(buf, sizeof buf, "%016llx", (unsigned long long)f.h);
    return buf;
}

WorkFolder::WorkFolder(fs::path folder, std::string fingerprint, bool resume)
    : folder_(std::move(folder)), fingerprint_(std::move(fingerprint)) {
    const fs::path state = folder_ / "state.json";
    if (fs::exists(state)) {
        if (!resume)
            throw InvalidArgument(folder_.string() + ": an unfinished quantization was found here; resume it "
                                  "(--resume) or discard it (--fresh)");
        const auto j = nlohmann::json::parse(read_text_file(state, 1 << 20), nullptr, false);
        if (j.is_discarded() || j.value("format", "") != "awq-studio-work")
            throw FormatError(state.string() + ": not an AWQ Studio work state");
        if (j.value("fingerprint", "") != fingerprint_)
            throw InvalidArgument(folder_.string() + ": belongs to a different run (the model, settings or "
                                  "calibration differ); discard it with --fresh");
        layers_done_ = j.value("layers_done", 0);
        return;
    }
    fs::create_directories(folder_);
    write_state();
}

void WorkFolder::write_state() const {
    const nlohmann::json j = {{"format", "awq-studio-work"}, {"version", 1}, {"fingerprint", fingerprint_},
                              {"layers_done", layers_done_}};
    write_file_atomic(folder_ / "state.json", j.dump(1) + "\n");
}

void WorkFolder::save_layer(int index, const QuantizedLayer& layer, const LayerReport& report, const AwqSettings&) {
    if (index != layers_done_) throw InvalidArgument("work folder: layers must be saved in order");
    std::vector<TensorToWrite> t;
    for (const QuantizedLinearData& d : layer.linears) {
        if (d.quantized) {
            const int64_t groups = d.q.groups();
            t.push_back({d.name + ".q", DType::U8, {d.out, d.in}, bytes_of(d.q.q)});
            t.push_back({d.name + ".scales", DType::F32, {d.out, groups}, bytes_of(d.q.scales)});
            t.push_back({d.name + ".zeros", DType::I32, {d.out, groups}, bytes_of(d.q.zeros)});
        } else {
            t.push_back({d.name + ".weight", DType::F32, {d.out, d.in}, bytes_of(d.fp_weights)});
        }
        if (!d.bias.empty()) t.push_back({d.name + ".bias", DType::F32, {d.out}, bytes_of(d.bias)});
    }
    const std::pair<const char*, const std::vector<float>*> norms[] = {
        {"input_norm", &layer.input_norm}, {"post_attention_norm", &layer.post_attention_norm},
        {"q_norm", &layer.q_norm}, {"k_norm", &layer.k_norm}};
    for (const auto& [name, v] : norms)
        if (!v->empty()) t.push_back({name, DType::F32, {int64_t(v->size())}, bytes_of(*v)});
    for (size_t g = 0; g < layer.group_scales.size(); ++g)
        if (!layer.group_scales[g].empty())
            t.push_back({kScaleNames[g], DType::F32, {int64_t(layer.group_scales[g].size())}, bytes_of(layer.group_scales[g])});
    // Data first, then the state that counts it: a kill between the two only repeats this layer.
    write_safetensors(folder_ / layer_file(index, "safetensors"), t);
    write_file_atomic(folder_ / layer_file(index, "json"), layer_report_to_json(report));
    ++layers_done_;
    write_state();
}

QuantizedLayer WorkFolder::load_layer(int index, LayerReport& report, const AwqSettings& settings) const {
    const fs::path file = folder_ / layer_file(index, "safetensors");
    const TensorStore s = TensorStore::open_file(file);
    QuantizedLayer layer;
    for (const std::string& name : layer_linear_names()) {
        QuantizedLinearData d;
        d.name = name;
        if (s.contains(name + ".q")) {
            const TensorView& q = s.get(name + ".q");
            if (q.shape.size() != 2) throw FormatError(file.string() + ": '" + name + ".q' must be 2-D");
            d.out = q.shape[0];
            d.in = q.shape[1];
            d.q.out = d.out;
            d.q.in = d.in;
            d.q.bits = settings.quant.bits;
            d.q.zero_point = settings.quant.zero_point;
            d.q.q = read_as<uint8_t>(s, name + ".q", DType::U8);
            d.q.scales = read_as<float>(s, name + ".scales", DType::F32);
            d.q.zeros = read_as<int32_t>(s, name + ".zeros", DType::I32);
            const int64_t groups = d.out > 0 ? int64_t(d.q.scales.size()) / d.out : 0;
            if (groups <= 0 || d.in % groups != 0) throw FormatError(file.string() + ": bad group count for " + name);
            d.q.group_size = d.in / groups;
        } else {
            const TensorView& w = s.get(name + ".weight");
            d.quantized = false;
            d.out = w.shape.at(0);
            d.in = w.shape.at(1);
            d.fp_weights = read_as<float>(s, name + ".weight", DType::F32);
        }
        if (s.contains(name + ".bias")) d.bias = read_as<float>(s, name + ".bias", DType::F32);
        layer.linears.push_back(std::move(d));
    }
    layer.input_norm = read_as<float>(s, "input_norm", DType::F32);
    layer.post_attention_norm = read_as<float>(s, "post_attention_norm", DType::F32);
    if (s.contains("q_norm")) layer.q_norm = read_as<float>(s, "q_norm", DType::F32);
    if (s.contains("k_norm")) layer.k_norm = read_as<float>(s, "k_norm", DType::F32);
    for (size_t g = 0; g < layer.group_scales.size(); ++g)
        if (s.contains(kScaleNames[g])) layer.group_scales[g] = read_as<float>(s, kScaleNames[g], DType::F32);
    const fs::path json = folder_ / layer_file(index, "json");
    report = layer_report_from_json(read_text_file(json), json.string());
    return layer;
}

void WorkFolder::remove() {
    std::error_code ec;
    fs::remove_all(folder_, ec);
}

}  // namespace awq
