// SPDX-License-Identifier: MIT
#pragma once
// Where work runs: the user's request (auto, cpu or cuda) against what the machine has, one rule for the
// CLI and both GUI workers. "cpu" never touches the GPU; otherwise the GPU is probed and the object is
// made there; when there is no GPU, or making the object there fails (too large, a layout the plugin
// cannot run), the caller gets the CPU and the reason. Whether a missing GPU is an error ("cuda") or a
// note ("auto") stays with the caller, which words it for its own users (a command-line option, a
// translated message).
#include <awq/error.hpp>
#include <awq/device/gpu_plugin.hpp>

#include <functional>
#include <memory>
#include <string>

namespace awq {

enum class DeviceRequest { Auto, Cpu, Cuda };

// "auto", "cpu" or "cuda"; anything else throws InvalidArgument: "<what>: '<text>' is not auto, cpu or cuda".
DeviceRequest parse_device_request(const std::string& text, const std::string& what);
// The name parse_device_request reads back: "auto", "cpu" or "cuda" (how settings store the choice).
const char* device_request_name(DeviceRequest request);

template <class T>
struct DevicePlacement {
    std::unique_ptr<T> on_gpu;  // the object made on the GPU; null: run on the CPU
    GpuStatus gpu;              // the probe (its device is the one used when on_gpu is set)
    std::string cpu_reason;     // why not on the GPU; empty when on it or when the CPU was asked for
};

// Makes `make(gpu)` on the GPU unless the CPU was asked for. Every failure to get there is a reason, not
// an exception, except Cancelled (the user stopped: it propagates).
template <class T>
DevicePlacement<T> place_on_device(DeviceRequest request,
                                   const std::function<std::unique_ptr<T>(const GpuStatus&)>& make,
                                   const std::function<GpuStatus()>& probe = probe_gpu) {
    DevicePlacement<T> p;
    if (request == DeviceRequest::Cpu) return p;
    p.gpu = probe();
    if (!p.gpu.available) {
        p.cpu_reason = p.gpu.reason.empty() ? "no GPU was found" : p.gpu.reason;
        return p;
    }
    try {
        p.on_gpu = make(p.gpu);
        if (!p.on_gpu) p.cpu_reason = "the GPU could not run it";
    } catch (const Cancelled&) {
        throw;
    } catch (const std::exception& e) {
        p.cpu_reason = e.what();
    }
    return p;
}

}  // namespace awq
