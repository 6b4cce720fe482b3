// SPDX-License-Identifier: MIT
#pragma once
// --device auto|cpu|cuda of `awq quantize`, `awq generate` and `awq ppl`: the GPU through the
// runtime-loaded CUDA plugin (awq/device/gpu_plugin.hpp) or the CPU.
#include "cli_args.hpp"

#include <awq/quant/layer_compute.hpp>
#include <awq/device/gpu_plugin.hpp>
#include <awq/runtime/session.hpp>

#include <memory>

namespace awq::cli {

OptionSpec device_option_spec();

// The LayerCompute for quantize_model: null for the CPU. auto: the GPU when the plugin loads and finds a
// device, else the CPU with a one-line note on stderr saying why; cuda: the GPU or an error saying why not.
// Prints the device used to stderr (nothing for an explicit --device cpu, whose output is unchanged).
std::unique_ptr<LayerCompute> layer_compute_from(const Args& args);

// The inference session for generate / ppl, with the same choice and messages. auto also falls back to
// the CPU (with the note) when the GPU cannot take this model (too large, a layout it cannot run).
std::unique_ptr<Session> session_from(const Args& args, std::shared_ptr<const Model> model, int64_t max_context);

// The GPU for `awq bench --device cuda`: the probe's result, after printing the device line to stderr;
// Unsupported saying why when there is none.
GpuStatus gpu_or_error();

}  // namespace awq::cli
