#include "device_option.hpp"

#include <awq/error.hpp>
#include <awq/model/model_summary.hpp>
#include <awq/runtime/gpu_plugin.hpp>

#include <cstdio>
#include <optional>

namespace awq::cli {

namespace {

void note_cpu(const std::string& reason) { std::fprintf(stderr, "note: running on the CPU: %s\n", reason.c_str()); }

void print_device(const GpuStatus& gpu) {
    std::fprintf(stderr, "device: %s, %s (plugin %s)\n", describe_device(gpu.device).c_str(),
                 gpu.device.runtime.c_str(), gpu.plugin.c_str());
}

struct DeviceChoice {
    bool cuda_required = false;
    std::optional<GpuStatus> gpu;  // set when the GPU is to be used
};

// --device: none (the CPU), or the probed GPU; the note or the error when there is none.
DeviceChoice choose_device(const Args& args) {
    const std::string device = args.str("--device", "auto");
    if (device != "auto" && device != "cpu" && device != "cuda")
        throw UsageError("--device: '" + device + "' is not auto, cpu or cuda");
    DeviceChoice c;
    c.cuda_required = device == "cuda";
    if (device == "cpu") return c;
    GpuStatus gpu = probe_gpu();
    if (!gpu.available) {
        if (c.cuda_required) throw Unsupported("--device cuda: " + gpu.reason);
        note_cpu(gpu.reason);
        return c;
    }
    c.gpu = std::move(gpu);
    return c;
}

}  // namespace

OptionSpec device_option_spec() {
    return {"--device", "D", "auto (default: the GPU when the CUDA plugin finds one, else the CPU), cpu or cuda"};
}

std::unique_ptr<LayerCompute> layer_compute_from(const Args& args) {
    const DeviceChoice c = choose_device(args);
    if (!c.gpu) return nullptr;
    auto compute = make_gpu_layer_compute(*c.gpu);
    print_device(*c.gpu);
    return compute;
}

std::unique_ptr<Session> session_from(const Args& args, std::shared_ptr<const Model> model, int64_t max_context) {
    const DeviceChoice c = choose_device(args);
    if (c.gpu) {
        try {
            auto session = std::make_unique<GpuSession>(*c.gpu, model, max_context);
            print_device(*c.gpu);
            const gpu_plugin::SessionInfo i = session->info();
            std::fprintf(stderr, "on the GPU: %s weights %s, KV cache %s\n", i.weights_kind.c_str(),
                         human_bytes(i.weights).c_str(), human_bytes(i.kv_cache).c_str());
            return session;
        } catch (const Unsupported& e) {
            if (c.cuda_required) throw Unsupported(std::string("--device cuda: ") + e.what());
            note_cpu(e.what());
        } catch (const OutOfMemory& e) {
            if (c.cuda_required) throw;
            note_cpu(e.what());
        }
    }
    return std::make_unique<InferenceSession>(std::move(model), max_context);
}

}  // namespace awq::cli
