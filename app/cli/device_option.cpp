#include "device_option.hpp"

#include <awq/error.hpp>
#include <awq/runtime/gpu_plugin.hpp>

#include <cstdio>

namespace awq::cli {

OptionSpec device_option_spec() {
    return {"--device", "D", "auto (default: the GPU when the CUDA plugin finds one, else the CPU), cpu or cuda"};
}

std::unique_ptr<LayerCompute> layer_compute_from(const Args& args) {
    const std::string device = args.str("--device", "auto");
    if (device != "auto" && device != "cpu" && device != "cuda")
        throw UsageError("--device: '" + device + "' is not auto, cpu or cuda");
    if (device == "cpu") return nullptr;
    const GpuStatus gpu = probe_gpu();
    if (!gpu.available) {
        if (device == "cuda") throw Unsupported("--device cuda: " + gpu.reason);
        std::fprintf(stderr, "note: running on the CPU: %s\n", gpu.reason.c_str());
        return nullptr;
    }
    auto compute = make_gpu_layer_compute(gpu);
    std::fprintf(stderr, "device: %s, %s (plugin %s)\n", describe_device(gpu.device).c_str(),
                 gpu.device.runtime.c_str(), gpu.plugin.c_str());
    return compute;
}

}  // namespace awq::cli
