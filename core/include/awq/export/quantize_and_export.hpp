// SPDX-License-Identifier: MIT
#pragma once
// One AWQ run from a loaded model and calibration set to a finished AutoAWQ checkpoint: quantize_model with
// the resumable work folder (<out>.awq-work, work_folder.hpp), then export_awq_gemm with the run's report
// inside (awq_report.json), then the work folder removed. `awq quantize` and the GUI's QuantizeWorker both
// run it, so resuming, refusing and "already complete" mean the same in both.
//
// "Already complete" (nothing is searched or written; a leftover work folder is removed): the caller asked
// to resume, and
//   1. OUT exists and its awq_report.json is the record of this very run: the same model folder, the same
//      settings (the thread count aside), the same calibration (source, blocks, block length, tokens) and
//      one entry per decoder layer of the model; and
//   2. there is no work folder, or there is one of this run (its fingerprint covers the model, the settings
//      and the calibration tokens) with every layer saved.
// The export is renamed into place only once complete and the report travels inside it, so (1) says the
// output is whole and this run's; (2) catches a run that was started again and interrupted before it
// finished (its layers are not all saved: it continues, and replacing OUT then needs `overwrite`). The two
// states this covers: a run killed after its export was renamed into place but before it removed its work
// folder, and a second run into a finished output. A changed setting, model or calibration never counts as
// complete (without a work folder the calibration text itself is compared only by its source and counts:
// the export does not record the tokens).
#include <awq/error.hpp>
#include <awq/quant/quantize_model.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace awq {

class LayerCompute;

// What to do with an interrupted run's work folder next to the output.
enum class InterruptedRun {
    Refuse,     // none expected: one that exists is refused (SavedWorkConflict::Found)
    Resume,     // continue from its last saved layer; it must be this run's (else SavedWorkConflict::DifferentRun)
    StartOver,  // discard it first
};

struct QuantizeExportOptions {
    std::filesystem::path out;  // the export folder; empty: quantize only, nothing is written
    bool overwrite = false;     // replace an existing OUT
    InterruptedRun interrupted = InterruptedRun::Refuse;
    LayerCompute* compute = nullptr;  // the per-layer arithmetic (layer_compute.hpp); null: the CPU
    // When already complete, rebuild the quantized layers from the work folder if there is one (no search;
    // the hidden states are advanced layer by layer) for a caller that needs them in memory (the GUI's chat).
    bool load_layers_when_complete = false;
    // Called once the work folder is open with layers saved by an interrupted run, before the rest is
    // searched (the CLI says "resuming: k of n layers already done").
    std::function<void(int layers_done, int n_layers)> on_resume;
};

struct QuantizeExportResult {
    // The quantized layers and the report. Null only when already complete and the layers were not loaded.
    std::shared_ptr<QuantizationResult> quantization;
    Report report;                 // of this run; when already complete, the one saved in the export
    std::filesystem::path folder;  // the export, absolute; empty when not exporting
    uint64_t bytes = 0;            // its weight files
    int shards = 0;
    int layers_resumed = 0;        // taken from the work folder instead of searched
    bool already_complete = false;
    bool removed_work_folder = false;  // already complete: a leftover work folder was removed
    double quantize_seconds = 0, export_seconds = 0, seconds = 0;  // wall time: the search, the export, all
};

// The work folder next to the output cannot be used as asked. what() is the core's message (it names the
// CLI's --resume / --fresh); `problem` lets a front end word the remedy in its own terms.
class SavedWorkConflict : public InvalidArgument {
public:
    enum class Problem { Found, DifferentRun };
    SavedWorkConflict(Problem problem, std::filesystem::path folder, const std::string& message)
        : InvalidArgument(message), problem_(problem), folder_(std::move(folder)) {}
    Problem problem() const { return problem_; }
    const std::filesystem::path& folder() const { return folder_; }

private:
    Problem problem_;
    std::filesystem::path folder_;
};

// The checks that need no calibration, for callers to make before reading it: with an output, 4 bits
// (InvalidArgument) and a writable destination that is not the model folder (check_export_destination).
// An existing OUT passes when resuming (it may be complete); quantize_and_export decides.
void check_quantize_destination(const Model& model, const AwqSettings& settings, const QuantizeExportOptions& options);

// Runs (or resumes) the quantization and the export. Progress goes to `progress` (the quantization's, then
// Stage::Exporting before the export and Stage::Done after it); a false return throws Cancelled: during the
// search the saved layers stay (a run stopped before its first layer leaves no work folder), after the
// export the finished folder is removed again and the work folder kept (resuming then only exports).
QuantizeExportResult quantize_and_export(std::shared_ptr<const Model> model, const CalibrationSet& calibration,
                                         const AwqSettings& settings, const QuantizeExportOptions& options,
                                         const ProgressCallback& progress = {});

}  // namespace awq
