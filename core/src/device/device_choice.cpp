// SPDX-License-Identifier: MIT
#include <awq/device/device_choice.hpp>

namespace awq {

DeviceRequest parse_device_request(const std::string& text, const std::string& what) {
    if (text == "auto") return DeviceRequest::Auto;
    if (text == "cpu") return DeviceRequest::Cpu;
    if (text == "cuda") return DeviceRequest::Cuda;
    throw InvalidArgument(what + ": '" + text + "' is not auto, cpu or cuda");
}

const char* device_request_name(DeviceRequest request) {
    switch (request) {
        case DeviceRequest::Auto: return "auto";
        case DeviceRequest::Cpu: return "cpu";
        case DeviceRequest::Cuda: return "cuda";
    }
    return "?";
}

}  // namespace awq
