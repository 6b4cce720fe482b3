// SPDX-License-Identifier: MIT
// The caller's side of the CUDA plugin boundary (gpu_plugin.hpp): discovery, dlopen, the checks of the
// table, and a LayerCompute and a Session (GpuSession) that forward to the plugin's LayerComputeAbi and
// SessionAbi and turn Statuses back into awq exceptions.
#include <awq/error.hpp>
#include <awq/device/gpu_plugin.hpp>

#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <system_error>
#include <utility>

namespace awq {

namespace gpu_plugin {

std::string build_tag() {
    // The compiler and the sizes of what crosses: enough to refuse a plugin of another build or version
    // whose structs would be read with the wrong layout.
    const size_t sizes[] = {sizeof(ModelConfig),  sizeof(FloatLayer),  sizeof(LayerCapture), sizeof(LayerReport),
                            sizeof(GroupReport),  sizeof(ClipReport),  sizeof(QuantizedLayer),
                            sizeof(QuantizedLinearData), sizeof(ClipResult), sizeof(AwqSettings), sizeof(QuantParams),
                            sizeof(DeviceInfo),   sizeof(Status),      sizeof(std::string), sizeof(std::vector<float>),
                            sizeof(SessionModel), sizeof(SessionInfo)};
    std::string tag = "abi ";
    tag += std::to_string(kAbiVersion);
#if defined(__clang__)
    tag += ", clang ";
#else
    tag += ", gcc ";
#endif
    tag += __VERSION__;
#ifdef _GLIBCXX_USE_CXX11_ABI
    tag += ", cxx11 abi ";
    tag += std::to_string(_GLIBCXX_USE_CXX11_ABI);
#endif
    tag += ", layout";
    for (size_t s : sizes) {
        tag += ' ';
        tag += std::to_string(s);
    }
    return tag;
}

void rethrow(const Status& s) {
    switch (s.kind) {
        case ErrorKind::FileError: throw FileError(s.message);
        case ErrorKind::FormatError: throw FormatError(s.message);
        case ErrorKind::Unsupported: throw Unsupported(s.message);
        case ErrorKind::InvalidArgument: throw InvalidArgument(s.message);
        case ErrorKind::OutOfMemory: throw OutOfMemory(s.message);
        case ErrorKind::Cancelled: throw Cancelled();
        case ErrorKind::None:
        case ErrorKind::Error: break;
    }
    throw Error(s.message.empty() ? std::string("CUDA plugin: unknown error") : s.message);
}

}  // namespace gpu_plugin

namespace {

using namespace gpu_plugin;

void check(const Status& s) {
    if (!s.ok()) rethrow(s);
}

std::filesystem::path exe_dir() {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path() : exe.parent_path();
}

class PluginLayerCompute final : public LayerCompute {
public:
    explicit PluginLayerCompute(LayerComputeAbi* p) : p_(p) {}
    ~PluginLayerCompute() override { p_->destroy(); }
    PluginLayerCompute(const PluginLayerCompute&) = delete;
    PluginLayerCompute& operator=(const PluginLayerCompute&) = delete;

    // The plugin makes its own RopeTable from the config.
    void start(const ModelConfig& config, const RopeTable&, std::vector<float> embeddings, int64_t n_seq,
               int64_t seq_len, int64_t search_seqs) override {
        check(p_->start(config, embeddings, n_seq, seq_len, search_seqs));
    }
    void advance(const LayerWeights& original) override {
        FloatLayer f = float_layer(original);
        check(p_->advance(f));
    }
    LayerCapture begin_layer(FloatLayer layer, const LayerWeights&) override {
        LayerCapture c;
        check(p_->begin_layer(layer, c));
        return c;
    }
    std::vector<float> weight_mean(ScaleGroup g, int64_t group_size) override {
        std::vector<float> out;
        check(p_->weight_mean(g, group_size, out));
        return out;
    }
    double scale_loss(ScaleGroup g, const std::vector<float>& s, const QuantParams& quant) override {
        double loss = 0;
        check(p_->scale_loss(g, s, quant, loss));
        return loss;
    }
    void apply_scales(ScaleGroup g, const std::vector<float>& s) override { check(p_->apply_scales(g, s)); }
    ClipResult clip_search(int linear, const AwqSettings& settings, const std::function<bool()>& keep_going) override {
        // keep_going may throw (the progress callback's Cancelled): caught here, on this side, and
        // rethrown once the plugin has unwound.
        struct Context {
            const std::function<bool()>* keep_going;
            std::exception_ptr error;
        } ctx{&keep_going, nullptr};
        auto trampoline = [](void* p) noexcept -> bool {
            auto* c = static_cast<Context*>(p);
            try {
                return !*c->keep_going || (*c->keep_going)();
            } catch (...) {
                c->error = std::current_exception();
                return false;
            }
        };
        ClipResult out;
        const Status s = p_->clip_search(linear, settings, trampoline, &ctx, out);
        if (ctx.error) std::rethrow_exception(ctx.error);
        check(s);
        return out;
    }
    QuantizedLayer quantize_layer(const QuantParams& quant, LayerReport& rep) override {
        QuantizedLayer q;
        check(p_->quantize_layer(quant, rep, q));
        return q;
    }
    void measure_errors(const QuantizedLayer& q, const QuantParams& quant, LayerReport& rep) override {
        check(p_->measure_errors(q, quant, rep));
    }

private:
    LayerComputeAbi* p_;
};

// Records why the GPU is not available: the code and its argument for the GUI, the English line for the rest.
void missing(GpuStatus& st, GpuMissing code, std::string detail, std::string reason, std::string words = {}) {
    st.missing = code;
    st.detail = std::move(detail);
    st.words = std::move(words);
    st.reason = std::move(reason);
}

// dlopen + the checks of the table; fills `st` (reason or api).
bool load(const std::filesystem::path& path, GpuStatus& st) {
    st.plugin = path;
    dlerror();
    void* h = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char* e = dlerror();
        const std::string words = e ? e : "unknown dlopen error";
        missing(st, GpuMissing::PluginLoadFailed, path.string(),
                "the CUDA plugin " + path.string() + " failed to load: " + words, words);
        return false;
    }
    auto entry = reinterpret_cast<EntryPoint>(dlsym(h, kEntryPoint));
    if (!entry) {
        missing(st, GpuMissing::NotAPlugin, path.string(),
                path.string() + " is not an AWQ Studio CUDA plugin (no " + kEntryPoint + " symbol)");
        dlclose(h);
        return false;
    }
    const PluginApi* api = entry();
    if (!api || api->abi_version != kAbiVersion || api->size != sizeof(PluginApi)) {
        missing(st, GpuMissing::PluginAbiMismatch, path.string(),
                "the CUDA plugin " + path.string() + " has ABI version " +
                    (api ? std::to_string(api->abi_version) : std::string("?")) + ", this program needs " +
                    std::to_string(kAbiVersion) + " (install the plugin of the same build)");
        dlclose(h);
        return false;
    }
    if (!api->build_tag || build_tag() != api->build_tag) {
        missing(st, GpuMissing::PluginOtherBuild, path.string(),
                "the CUDA plugin " + path.string() + " comes from another build (" +
                    (api->build_tag ? api->build_tag : "?") + "; this program: " + build_tag() + ")");
        dlclose(h);
        return false;
    }
    // Never unloaded: objects of the plugin may live until exit.
    st.api = api;
    return true;
}

// Whether the NVIDIA driver's library can be loaded: without it no GPU can run, and loading the plugin
// (its CUDA runtime and cuBLAS add ~150 MiB to the process) only to learn that would cost every CPU-only
// run. Kept loaded when found: the plugin's CUDA runtime loads the same library.
bool nvidia_driver_present(GpuStatus& st) {
    if (dlopen(kDriverLibrary, RTLD_LAZY | RTLD_LOCAL)) return true;
    missing(st, GpuMissing::NoDriver, kDriverLibrary,
            std::string("no CUDA device: the NVIDIA driver is not installed (") + kDriverLibrary + " not found)");
    return false;
}

}  // namespace

GpuStatus probe_gpu() {
    GpuStatus st;
    try {
        if (const char* env = std::getenv("AWQ_CUDA_PLUGIN"); env && *env) {
            if (!load(env, st)) return st;
        } else {
            const auto dir = exe_dir();
            const std::filesystem::path candidates[] = {
                dir / kFileName, (dir / ".." / "lib" / "awq-studio" / kFileName).lexically_normal()};
            const std::filesystem::path* found = nullptr;
            for (const auto& c : candidates) {
                std::error_code ec;
                if (std::filesystem::exists(c, ec)) {
                    found = &c;
                    break;
                }
            }
            if (!found) {
#ifdef AWQ_CUDA_PLUGIN_BUILT
                missing(st, GpuMissing::PluginNotInstalled, candidates[1].string(),
                        "the CUDA plugin is not installed (no " + candidates[0].string() + " or " +
                            candidates[1].string() + "; AWQ_CUDA_PLUGIN can name it)");
#else
                missing(st, GpuMissing::NoCudaBuild, "",
                        "this build has no CUDA support (configured with AWQ_CUDA=OFF or without nvcc)");
#endif
                return st;
            }
            // An explicitly named plugin (above) is always loaded and checked; the installed one only
            // where a GPU could run.
            if (!nvidia_driver_present(st)) return st;
            if (!load(*found, st)) return st;
        }
        const Status s = st.api->probe(st.device);
        if (!s.ok()) {
            missing(st, GpuMissing::NoDevice, "", s.message, s.message);
            return st;
        }
        st.available = true;
    } catch (const std::exception& e) {
        missing(st, GpuMissing::ProbeFailed, "", std::string("the CUDA plugin could not be probed: ") + e.what(), e.what());
    }
    return st;
}

std::unique_ptr<LayerCompute> make_gpu_layer_compute(const GpuStatus& gpu, bool tf32) {
    if (!gpu.available || !gpu.api) throw Unsupported("no GPU: " + gpu.reason);
    LayerComputeAbi* p = nullptr;
    check(gpu.api->create_layer_compute(tf32, p));
    if (!p) throw Error("the CUDA plugin returned no LayerCompute");
    return std::make_unique<PluginLayerCompute>(p);
}

GpuSession::GpuSession(const GpuStatus& gpu, std::shared_ptr<const Model> model, int64_t max_context,
                       const QuantizationResult* result)
    : model_(std::move(model)) {
    if (!gpu.available || !gpu.api) throw Unsupported("no GPU: " + gpu.reason);
    SessionModel m;
    m.max_context = max_context;
    if (result) {
        if (!result->base || !result->base->from_folder())
            throw Unsupported("the AWQ result's base model was not loaded from a folder; the GPU cannot rebuild it");
        m.folder = result->base->folder().string();
        m.layers = &result->layers;
        m.quant = result->settings.quant;
        m.modules_to_not_convert = result->report.modules_to_not_convert;
    } else if (model_->from_folder()) {
        m.folder = model_->folder().string();
    } else {
        throw Unsupported("the model exists only in memory (not loaded from a folder), which the GPU cannot rebuild");
    }
    check(gpu.api->create_session(m, p_));
    if (!p_) throw Error("the CUDA plugin returned no session");
    SessionInfo i;
    const Status s = p_->info(i);
    if (!s.ok()) {
        p_->destroy();
        rethrow(s);
    }
    max_context_ = i.max_context;
}

GpuSession::~GpuSession() { p_->destroy(); }

std::vector<float> GpuSession::feed(const std::vector<int32_t>& tokens, bool all_logits) {
    std::vector<float> logits;
    check(p_->feed(tokens, all_logits, logits));
    return logits;
}

void GpuSession::reset() { check(p_->reset()); }
void GpuSession::truncate(int64_t n) { check(p_->truncate(n)); }
int64_t GpuSession::length() const { return p_->length(); }

SessionInfo GpuSession::info() const {
    SessionInfo i;
    check(p_->info(i));
    return i;
}

void run_gpu_bench(const GpuStatus& gpu, const std::vector<std::string>& args, std::ostream& out) {
    if (!gpu.available || !gpu.api) throw Unsupported("no GPU: " + gpu.reason);
    auto write = [](void* context, const char* text, size_t size) {
        auto& o = *static_cast<std::ostream*>(context);
        o.write(text, std::streamsize(size));
        o.flush();  // a long benchmark's rows show as they come
    };
    check(gpu.api->run_bench(args, write, &out));
}

std::string describe_device(const DeviceInfo& d) {
    char buf[96];
    std::snprintf(buf, sizeof buf, " (%.1f GiB, sm_%d%d)", double(d.total_memory) / double(1ull << 30), d.cc_major,
                  d.cc_minor);
    return d.name + buf;
}

}  // namespace awq
