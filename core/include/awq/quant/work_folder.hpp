// SPDX-License-Identifier: MIT
#pragma once
// The resumable state of a quantization run: every finished layer (codes, scales, zero points, folded norms,
// report entry) is saved atomically to a work folder next to the output, so an interrupted run continues
// from the last finished layer and produces the same bytes as an uninterrupted one.
//
// Layout of <out>.awq-work/:
//   state.json            {"format": "awq-studio-work", "version": 1, "fingerprint": "...", "layers_done": N}
//   layer-0007.safetensors  the QuantizedLayer of layer 7 (written before state.json counts it)
//   layer-0007.json         its LayerReport
// The fingerprint covers the model (config.json, weight sizes), the settings and the calibration tokens: a
// work folder from a different run is refused rather than mixed in.
#include <awq/quant/quantize_model.hpp>

#include <filesystem>
#include <string>

namespace awq {

class WorkFolder {
public:
    // The work folder that belongs to an output folder.
    static std::filesystem::path path_for(const std::filesystem::path& out_dir);
    static std::string fingerprint(const Model& model, const AwqSettings& settings, const CalibrationSet& calib);

    // Opens (resume = true: must match the fingerprint when it exists) or creates the folder. resume = false
    // with an existing folder throws InvalidArgument telling the user to resume or start fresh.
    WorkFolder(std::filesystem::path folder, std::string fingerprint, bool resume);

    int layers_done() const { return layers_done_; }
    void save_layer(int index, const QuantizedLayer& layer, const LayerReport& report, const AwqSettings& settings);
    QuantizedLayer load_layer(int index, LayerReport& report, const AwqSettings& settings) const;
    void remove();  // after a successful export
    const std::filesystem::path& folder() const { return folder_; }

private:
    void write_state() const;
    std::filesystem::path folder_;
    std::string fingerprint_;
    int layers_done_ = 0;
};

}  // namespace awq
