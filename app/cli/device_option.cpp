// SPDX-License-Identifier: MIT
#include "device_option.hpp"

#include <awq/error.hpp>
#include <awq/model/model_summary.hpp>
#include <awq/device/device_choice.hpp>
#include <awq/device/gpu_plugin.hpp>

#include <cstdio>
#include <functional>

namespace awq::cli {

namespace {

void note_cpu(const std::string& reason) { std::fprintf(stderr, "note: running on the CPU: %s\n", reason.c_str()); }

void print_device(const GpuStatus& gpu) {
    std::fprintf(stderr, "device: %s, %s (plugin %s)\n", describe_device(gpu.device).c_str(),
                 gpu.device.runtime.c_str(), gpu.plugin.c_str());
}

// --device as a request; a bad value is a usage error (exit 2), like every other option.
DeviceRequest device_request(const Args& args) {
    try {
        return parse_device_request(args.str("--device", "auto"), "--device");
    } catch (const InvalidArgument& e) {
        throw UsageError(e.what());
    }
}

// The object on the GPU, or null after the note (auto) or the error (cuda) that says why not.
template <class T>
std::unique_ptr<T> on_gpu_or_note(const Args& args, const std::function<std::unique_ptr<T>(const GpuStatus&)>& make) {
    const DeviceRequest request = device_request(args);
    DevicePlacement<T> p = place_on_device<T>(request, make);
    if (p.on_gpu) {
        print_device(p.gpu);
        return std::move(p.on_gpu);
    }
    if (request == DeviceRequest::Cuda) throw Unsupported("--device cuda: " + p.cpu_reason);
    if (request == DeviceRequest::Auto) note_cpu(p.cpu_reason);
    return nullptr;
}

}  // namespace

OptionSpec device_option_spec() {
    return {"--device", "D", "auto (default: the GPU when the CUDA plugin finds one, else the CPU), cpu or cuda"};
}

std::unique_ptr<LayerCompute> layer_compute_from(const Args& args) {
    return on_gpu_or_note<LayerCompute>(args, [](const GpuStatus& gpu) { return make_gpu_layer_compute(gpu); });
}

std::unique_ptr<Session> session_from(const Args& args, std::shared_ptr<const Model> model, int64_t max_context) {
    std::unique_ptr<GpuSession> gpu = on_gpu_or_note<GpuSession>(args, [&](const GpuStatus& status) {
        return std::make_unique<GpuSession>(status, model, max_context);
    });
    if (!gpu) return std::make_unique<InferenceSession>(std::move(model), max_context);
    const gpu_plugin::SessionInfo i = gpu->info();
    std::fprintf(stderr, "on the GPU: %s weights %s, KV cache %s\n", i.weights_kind.c_str(),
                 human_bytes(i.weights).c_str(), human_bytes(i.kv_cache).c_str());
    return gpu;
}

GpuStatus gpu_or_error() {
    GpuStatus gpu = probe_gpu();
    if (!gpu.available) throw Unsupported("--device cuda: " + gpu.reason);
    print_device(gpu);
    return gpu;
}

}  // namespace awq::cli
