// SPDX-License-Identifier: MIT
// libawq_cuda.so: the plugin side of core/include/awq/device/gpu_plugin.hpp. Everything here runs with the
// plugin's own copy of awq_core; every entry catches whatever its work throws and hands it back as a
// Status (the caller's copy of the awq exception types is not ours, so nothing may unwind across).
#include "bench_cli.hpp"
#include "gpu_quant_backend.hpp"
#include "model_runner.hpp"

#include <awq/error.hpp>
#include <awq/model/linear.hpp>
#include <awq/quant/quantize_model.hpp>
#include <awq/device/gpu_plugin.hpp>
#include <awq/runtime/ops.hpp>

#include <cuda_runtime_api.h>

#include <new>
#include <ostream>
#include <sstream>
#include <streambuf>
#include <string>

namespace {

using namespace awq;
using namespace awq::gpu_plugin;

// Runs f, turning anything it throws into a Status of the matching kind (most derived types first).
template <typename F>
Status guarded(F&& f) noexcept {
    try {
        try {
            f();
            return {};
        } catch (const Cancelled& e) {
            return {ErrorKind::Cancelled, e.what()};
        } catch (const OutOfMemory& e) {
            return {ErrorKind::OutOfMemory, e.what()};
        } catch (const InvalidArgument& e) {
            return {ErrorKind::InvalidArgument, e.what()};
        } catch (const Unsupported& e) {
            return {ErrorKind::Unsupported, e.what()};
        } catch (const FormatError& e) {
            return {ErrorKind::FormatError, e.what()};
        } catch (const FileError& e) {
            return {ErrorKind::FileError, e.what()};
        } catch (const Error& e) {
            return {ErrorKind::Error, e.what()};
        } catch (const std::bad_alloc&) {
            return {ErrorKind::OutOfMemory, "CUDA plugin: out of host memory"};
        } catch (const std::exception& e) {
            return {ErrorKind::Error, std::string("CUDA plugin: ") + e.what()};
        } catch (...) {
            return {ErrorKind::Error, "CUDA plugin: unknown exception"};
        }
    } catch (...) {
        // Building the Status itself failed (no memory for the message).
        return Status{ErrorKind::OutOfMemory, {}};
    }
}

// The layer as plugin-owned DenseLinear objects: GpuLayerCompute::advance reads a LayerWeights.
LayerWeights to_layer_weights(FloatLayer& f) {
    LayerWeights l;
    std::unique_ptr<Linear>* slots[kLinearCount] = {&l.q_proj,    &l.k_proj, &l.v_proj,   &l.o_proj,
                                                    &l.gate_proj, &l.up_proj, &l.down_proj};
    for (int i = 0; i < kLinearCount; ++i)
        *slots[i] = std::make_unique<DenseLinear>(std::move(f.w[i]), f.in[i], f.out[i], std::move(f.b[i]));
    l.input_norm = std::move(f.input_norm);
    l.post_attention_norm = std::move(f.post_norm);
    l.q_norm = std::move(f.q_norm);
    l.k_norm = std::move(f.k_norm);
    return l;
}

class PluginLayerCompute final : public LayerComputeAbi {
public:
    explicit PluginLayerCompute(const cuda::GpuQuantOptions& o) : gpu_(o) {}

    void destroy() noexcept override { delete this; }
    Status start(const ModelConfig& config, std::vector<float>& embeddings, int64_t n_seq, int64_t seq_len,
                 int64_t search_seqs) noexcept override {
        return guarded([&] {
            const RopeTable rope(config);  // uploaded by start(); made here from the config
            gpu_.start(config, rope, std::move(embeddings), n_seq, seq_len, search_seqs);
        });
    }
    Status advance(FloatLayer& layer) noexcept override {
        return guarded([&] { gpu_.advance(to_layer_weights(layer)); });
    }
    Status begin_layer(FloatLayer& layer, LayerCapture& capture) noexcept override {
        // GpuLayerCompute runs `layer`; the model's own LayerWeights is not needed (nor passable).
        return guarded([&] { capture = gpu_.begin_layer(std::move(layer), LayerWeights{}); });
    }
    Status weight_mean(ScaleGroup g, int64_t group_size, std::vector<float>& out) noexcept override {
        return guarded([&] { out = gpu_.weight_mean(g, group_size); });
    }
    Status scale_loss(ScaleGroup g, const std::vector<float>& s, const QuantParams& quant,
                      double& loss) noexcept override {
        return guarded([&] { loss = gpu_.scale_loss(g, s, quant); });
    }
    Status apply_scales(ScaleGroup g, const std::vector<float>& s) noexcept override {
        return guarded([&] { gpu_.apply_scales(g, s); });
    }
    Status clip_search(int linear, const AwqSettings& settings, bool (*keep_going)(void*), void* context,
                       ClipResult& out) noexcept override {
        return guarded([&] {
            const std::function<bool()> go = [&] { return keep_going(context); };
            out = gpu_.clip_search(linear, settings, go);
        });
    }
    Status quantize_layer(const QuantParams& quant, LayerReport& rep, QuantizedLayer& out) noexcept override {
        return guarded([&] { out = gpu_.quantize_layer(quant, rep); });
    }
    Status measure_errors(const QuantizedLayer& q, const QuantParams& quant, LayerReport& rep) noexcept override {
        return guarded([&] { gpu_.measure_errors(q, quant, rep); });
    }

private:
    ~PluginLayerCompute() = default;
    cuda::GpuLayerCompute gpu_;
};

class PluginSession final : public SessionAbi {
public:
    PluginSession(const Model& model, const cuda::RunnerOptions& o) : runner_(model, o) {}

    void destroy() noexcept override { delete this; }
    Status feed(const std::vector<int32_t>& tokens, bool all_logits, std::vector<float>& logits) noexcept override {
        return guarded([&] { logits = runner_.feed(tokens, all_logits); });
    }
    Status reset() noexcept override {
        return guarded([&] { runner_.reset(); });
    }
    Status truncate(int64_t n) noexcept override {
        return guarded([&] { runner_.truncate(n); });
    }
    int64_t length() const noexcept override { return runner_.length(); }
    Status info(SessionInfo& out) noexcept override {
        return guarded([&] {
            const cuda::RunnerMemory m = runner_.memory();
            out.max_context = runner_.max_context();
            out.weights_kind = runner_.weights_kind();
            out.weights = m.weights;
            out.kv_cache = m.kv_cache;
            out.scratch = m.scratch;
            if (cudaMemGetInfo(&out.device_free, &out.device_total) != cudaSuccess) {
                cudaGetLastError();  // the numbers are informative; a failure here is not the caller's error
                out.device_free = out.device_total = 0;
            }
        });
    }

private:
    ~PluginSession() = default;
    cuda::ModelRunner runner_;
};

Status probe(DeviceInfo& info) noexcept {
    return guarded([&] {
        int n = 0;
        const cudaError_t e = cudaGetDeviceCount(&n);
        if (e != cudaSuccess || n == 0) {
            cudaGetLastError();
            throw Unsupported(std::string("no CUDA device: ") +
                              (e != cudaSuccess ? cudaGetErrorString(e) : "the CUDA runtime reports none"));
        }
        int dev = 0, runtime = 0, driver = 0;
        cudaDeviceProp prop{};
        if (cudaGetDevice(&dev) != cudaSuccess || cudaGetDeviceProperties(&prop, dev) != cudaSuccess) {
            cudaGetLastError();
            throw Unsupported("the CUDA device could not be queried");
        }
        cudaRuntimeGetVersion(&runtime);
        cudaDriverGetVersion(&driver);
        info.count = n;
        info.name = prop.name;
        info.total_memory = prop.totalGlobalMem;
        info.cc_major = prop.major;
        info.cc_minor = prop.minor;
        info.runtime = "CUDA runtime " + std::to_string(runtime / 1000) + "." + std::to_string(runtime % 1000 / 10) +
                       ", driver " + std::to_string(driver / 1000) + "." + std::to_string(driver % 1000 / 10);
    });
}

Status create_layer_compute(bool tf32, LayerComputeAbi*& out) noexcept {
    out = nullptr;
    return guarded([&] {
        cuda::GpuQuantOptions o;
        o.tf32 = tf32;
        out = new PluginLayerCompute(o);
    });
}

Status create_session(const SessionModel& m, SessionAbi*& out) noexcept {
    out = nullptr;
    return guarded([&] {
        // This side's own Model: the runner uploads it, then it (and its file mappings) can go.
        std::shared_ptr<const Model> model = Model::load(m.folder);
        if (m.layers) model = make_quantized_model(*model, *m.layers, m.quant, m.modules_to_not_convert, true);
        cuda::RunnerOptions o;
        o.max_context = m.max_context;
        out = new PluginSession(*model, o);
    });
}

// An ostream buffer that hands every write to the caller's callback (the benchmark's tables reach the
// CLI's stdout as they are printed, not at the end).
class CallbackBuf final : public std::streambuf {
public:
    CallbackBuf(void (*write)(void*, const char*, size_t), void* context) : write_(write), context_(context) {}

protected:
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        write_(context_, s, size_t(n));
        return n;
    }
    int_type overflow(int_type c) override {
        if (c != traits_type::eof()) {
            const char ch = traits_type::to_char_type(c);
            write_(context_, &ch, 1);
        }
        return traits_type::not_eof(c);
    }

private:
    void (*write_)(void*, const char*, size_t);
    void* context_;
};

Status run_bench(const std::vector<std::string>& args, void (*write)(void*, const char*, size_t), void* context) noexcept {
    int code = 0;
    std::ostringstream err;
    const Status s = guarded([&] {
        CallbackBuf buf(write, context);
        std::ostream out(&buf);
        code = cuda::run_bench_cli(args, "awq bench --device cuda", out, err);
    });
    if (!s.ok()) return s;
    // The first line names the argument; the usage after it is awq_kernel_bench's, not the CLI's.
    if (code == 2) return {ErrorKind::InvalidArgument, err.str().substr(0, err.str().find('\n'))};
    if (code != 0) {
        std::string why = err.str();
        while (!why.empty() && why.back() == '\n') why.pop_back();
        return {ErrorKind::Error, "the GPU benchmark failed" + (why.empty() ? std::string(" (see above)") : ": " + why)};
    }
    return {};
}

}  // namespace

extern "C" __attribute__((visibility("default"))) const PluginApi* awq_gpu_plugin_entry() {
    // The tag is made on first use (a std::string cannot be a constant) and lives until exit.
    static const std::string tag = build_tag();
    static const PluginApi api{kAbiVersion,           sizeof(PluginApi), tag.c_str(), &probe,
                               &create_layer_compute, &create_session, &run_bench};
    return &api;
}
