// SPDX-License-Identifier: MIT
#pragma once
// AWQ quantization on the GPU: awq::LayerCompute (core/include/awq/quant/layer_compute.hpp) implemented
// with the fp32 kernels of awq_kernels and cuBLAS SGEMM (CUBLAS_DEFAULT_MATH: no TF32 unless asked), so
// that the per-layer loop of awq::quantize_model (grid, progress, report, work folder) runs unchanged
// while its arithmetic runs on the device.
//
// Device residency: the calibration hidden states stay on the device for the whole run; during a layer,
// that layer's weights (current, original, and one scratch copy for the candidates, all fp32) and its
// captured block inputs / outputs. A scale-search candidate uploads only its scale vector: the
// candidate weights fake_quant(W * s) / s are made on the device (fake_quant.cu).
//
// Memory, for T calibration tokens and a layer of P parameters (hidden H, intermediate I):
// ~ (10 H + 3 I) * T * 4 bytes of activations + 3 P * 4 bytes of weights + a scores chunk (<= 1 GiB) +
// the Gram matrix (max(q_dim, I)^2 * 4) + the clip search's errors; a 7B layer with 64 x 512 tokens
// needs ~13 GiB.
//
// Errors: awq::OutOfMemory naming the buffer, its MiB and the device's free memory (suggesting fewer
// calibration blocks or the CPU); awq::Error naming the layer and step for other CUDA / cuBLAS failures;
// awq::InvalidArgument as the CPU for weights that cannot be quantized. AWQ_CUDA_SYNC=1 synchronises
// after every step so that an asynchronous fault is reported where it happened; AWQ_GPU_QUANT_DEBUG=1
// prints per-layer stage timings to stderr.
#include <awq/quant/clip_search.hpp>
#include <awq/quant/layer_compute.hpp>
#include <awq/quant/quantize_model.hpp>

#include <cstddef>
#include <memory>
#include <string>

namespace awq {
class WorkFolder;
}

namespace awq::cuda {

struct GpuQuantOptions {
    // TF32 tensor cores for the SGEMMs (CUBLAS_TF32_TENSOR_OP_MATH): several times faster, but products
    // round their inputs to 10-bit mantissas, so the losses follow the CPU less closely. Off by default.
    bool tf32 = false;
};

struct GpuQuantMemory {
    size_t allocated = 0;   // bytes of every buffer the backend holds now
    size_t peak_used = 0;   // device memory in use (cudaMemGetInfo) at its highest, sampled per step
    std::string device;     // the device's name
};

class GpuLayerCompute final : public LayerCompute {
public:
    // Throws Unsupported without a CUDA device.
    explicit GpuLayerCompute(const GpuQuantOptions& options = {});
    ~GpuLayerCompute() override;
    GpuLayerCompute(const GpuLayerCompute&) = delete;
    GpuLayerCompute& operator=(const GpuLayerCompute&) = delete;

    void start(const ModelConfig& config, const RopeTable& rope, std::vector<float> embeddings, int64_t n_seq,
               int64_t seq_len, int64_t search_seqs) override;
    void advance(const LayerWeights& original) override;
    LayerCapture begin_layer(FloatLayer layer, const LayerWeights& original) override;
    std::vector<float> weight_mean(ScaleGroup g, int64_t group_size) override;
    double scale_loss(ScaleGroup g, const std::vector<float>& s, const QuantParams& quant) override;
    void apply_scales(ScaleGroup g, const std::vector<float>& s) override;
    ClipResult clip_search(int linear, const AwqSettings& settings, const std::function<bool()>& keep_going) override;
    QuantizedLayer quantize_layer(const QuantParams& quant, LayerReport& rep) override;
    void measure_errors(const QuantizedLayer& q, const QuantParams& quant, LayerReport& rep) override;

    GpuQuantMemory memory() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// awq::quantize_model with the per-layer arithmetic on the current CUDA device: the same
// QuantizationResult (report, work folder and resume included). Throws Unsupported without a device.
QuantizationResult quantize_model_gpu(std::shared_ptr<const Model> model, const CalibrationSet& calibration,
                                      const AwqSettings& settings, const ProgressCallback& progress = {},
                                      WorkFolder* work = nullptr, const GpuQuantOptions& options = {},
                                      GpuQuantMemory* memory = nullptr);

// awq::search_best_clip on the device for host data (what GpuLayerCompute::clip_search runs on the
// layer's device buffers; the test compares it with awq::search_best_clip_ref).
ClipResult search_best_clip_gpu(const std::vector<float>& w, int64_t out, int64_t in, const std::vector<float>& xs,
                                int64_t n_tokens, const AwqSettings& settings);

}  // namespace awq::cuda
