#pragma once
// --device auto|cpu|cuda of `awq quantize`: the GPU through the runtime-loaded CUDA plugin
// (awq/runtime/gpu_plugin.hpp) or the CPU.
#include "cli_args.hpp"

#include <awq/quant/layer_compute.hpp>

#include <memory>

namespace awq::cli {

OptionSpec device_option_spec();

// The LayerCompute for quantize_model: null for the CPU. auto: the GPU when the plugin loads and finds a
// device, else the CPU with a one-line note on stderr saying why; cuda: the GPU or an error saying why not.
// Prints the device used to stderr (nothing for an explicit --device cpu, whose output is unchanged).
std::unique_ptr<LayerCompute> layer_compute_from(const Args& args);

}  // namespace awq::cli
