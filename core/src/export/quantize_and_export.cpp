// SPDX-License-Identifier: MIT
#include <awq/export/quantize_and_export.hpp>

#include <awq/export/awq_export.hpp>
#include <awq/io/tensor_store.hpp>
#include <awq/quant/report.hpp>
#include <awq/quant/work_folder.hpp>

#include <chrono>
#include <optional>

namespace awq {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

int layer_count(const Model& model) { return int(model.config().num_hidden_layers); }

// The same folder or file, also when one of the two was given relative or with a trailing slash.
bool same_path(const fs::path& a, const fs::path& b) {
    std::error_code ec;
    if (fs::equivalent(a, b, ec)) return true;
    return fs::absolute(a).lexically_normal() == fs::absolute(b).lexically_normal();
}

std::string settings_meaning(AwqSettings s) {
    s.threads = 0;  // the thread count does not change the result (as in WorkFolder::fingerprint)
    return settings_to_json(s);
}

// OUT's awq_report.json when it records this very run (rule 1 in the header), else nothing: a missing,
// unreadable or foreign report means OUT is not this run's finished export.
std::optional<Report> saved_report_of_this_run(const fs::path& out, const Model& model, const AwqSettings& settings,
                                               const CalibrationSet& calib) {
    const fs::path file = out / "awq_report.json";
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) return std::nullopt;
    Report r;
    try {
        r = read_report(file);
    } catch (const Error&) {
        return std::nullopt;
    }
    const bool same = same_path(r.model, model.folder()) && r.method == (settings.rtn ? "rtn" : "awq") &&
                      settings_meaning(r.settings) == settings_meaning(settings) &&
                      same_path(r.calibration_source, calib.source) && r.calibration_blocks == calib.n_blocks() &&
                      r.calibration_block_len == calib.block_len &&
                      r.calibration_tokens == int64_t(calib.tokens.size()) &&
                      r.layers.size() == size_t(layer_count(model));
    if (!same) return std::nullopt;
    for (size_t i = 0; i < r.layers.size(); ++i)
        if (r.layers[i].index != int(i)) return std::nullopt;
    return r;
}

// WorkFolder throws InvalidArgument for exactly two things: a saved run found when not resuming, and a saved
// run of different inputs when resuming. Both become a SavedWorkConflict the front ends can word themselves.
WorkFolder open_work_folder(const fs::path& dir, const std::string& fingerprint, bool resume) {
    try {
        return WorkFolder(dir, fingerprint, resume);
    } catch (const InvalidArgument& e) {
        throw SavedWorkConflict(resume ? SavedWorkConflict::Problem::DifferentRun : SavedWorkConflict::Problem::Found,
                                dir, e.what());
    }
}

// The weights of a finished export as ExportSummary counts them for a new one: tensor bytes and files.
void count_weights(const fs::path& folder, QuantizeExportResult& r) {
    const TensorStore store = TensorStore::open_folder(folder);
    r.bytes = store.total_bytes();
    r.shards = int(store.files().size());
}

bool report_progress(const ProgressCallback& progress, Stage stage, int n_layers) {
    if (!progress) return true;
    Progress p;
    p.stage = stage;
    p.layer = p.n_layers = n_layers;
    p.fraction = 1.0;
    return progress(p);
}

}  // namespace

void check_quantize_destination(const Model& model, const AwqSettings& settings, const QuantizeExportOptions& options) {
    if (options.out.empty()) return;
    if (settings.quant.bits != 4)
        throw InvalidArgument(options.out.string() + ": only 4-bit models can be exported in the AutoAWQ GEMM format "
                              "(these settings use " + std::to_string(settings.quant.bits) + " bits)");
    std::error_code ec;
    const bool may_be_complete = options.interrupted == InterruptedRun::Resume && fs::exists(options.out, ec);
    check_export_destination(model.folder(), options.out, options.overwrite || may_be_complete);
}

QuantizeExportResult quantize_and_export(std::shared_ptr<const Model> model, const CalibrationSet& calib,
                                         const AwqSettings& settings, const QuantizeExportOptions& options,
                                         const ProgressCallback& progress) {
    const auto t0 = Clock::now();
    check_quantize_destination(*model, settings, options);
    const int n_layers = layer_count(*model);
    QuantizeExportResult res;
    std::optional<WorkFolder> work;
    if (!options.out.empty()) {
        const fs::path dir = WorkFolder::path_for(options.out);
        if (options.interrupted == InterruptedRun::StartOver) {
            std::error_code ec;
            fs::remove_all(dir, ec);
            if (ec) throw FileError(dir.string() + ": could not discard the interrupted run: " + ec.message());
        }
        const std::string fingerprint = WorkFolder::fingerprint(*model, settings, calib);
        std::error_code ec;
        if (options.interrupted == InterruptedRun::Resume && fs::exists(options.out, ec)) {
            if (std::optional<Report> saved = saved_report_of_this_run(options.out, *model, settings, calib)) {
                std::optional<WorkFolder> leftover;
                if (fs::exists(dir / "state.json", ec)) leftover.emplace(open_work_folder(dir, fingerprint, true));
                if (!leftover || leftover->layers_done() == n_layers) {
                    res.already_complete = true;
                    res.folder = fs::absolute(options.out);
                    count_weights(res.folder, res);
                    if (leftover && options.load_layers_when_complete) {
                        // Every layer is loaded, none searched.
                        res.quantization = std::make_shared<QuantizationResult>(
                            quantize_model(model, calib, settings, progress, &*leftover, options.compute));
                        res.quantization->report = *saved;  // the run's own record, with its timings
                        res.layers_resumed = n_layers;
                    }
                    if (leftover) {
                        leftover->remove();
                        res.removed_work_folder = true;
                    }
                    res.report = std::move(*saved);
                    res.seconds = seconds_since(t0);
                    return res;
                }
            }
        }
        check_export_destination(model->folder(), options.out, options.overwrite);
        work.emplace(open_work_folder(dir, fingerprint, options.interrupted == InterruptedRun::Resume));
        res.layers_resumed = work->layers_done();
        if (res.layers_resumed > 0 && options.on_resume) options.on_resume(res.layers_resumed, n_layers);
    }

    const auto tq = Clock::now();
    auto result = std::make_shared<QuantizationResult>();
    try {
        *result = quantize_model(model, calib, settings, progress, work ? &*work : nullptr, options.compute);
    } catch (...) {
        // A run stopped before it finished a layer leaves nothing worth resuming.
        if (work && work->layers_done() == 0) work->remove();
        throw;
    }
    res.quantize_seconds = seconds_since(tq);

    if (work) {
        if (!report_progress(progress, Stage::Exporting, n_layers)) throw Cancelled();
        // The report travels inside the export, so the folder is complete the moment it appears.
        result->report.output = fs::absolute(options.out).string();
        ExportOptions eo;
        eo.overwrite = options.overwrite;
        eo.extra_files["awq_report.json"] = report_to_json(result->report);
        const auto te = Clock::now();
        const ExportSummary ex = export_awq_gemm(*result, options.out, eo);
        res.export_seconds = seconds_since(te);
        // The export is atomic; a cancel that arrived while it ran removes the finished folder again. The work
        // folder stays complete, so resuming only exports.
        if (!report_progress(progress, Stage::Done, n_layers)) {
            std::error_code ec;
            fs::remove_all(ex.folder, ec);
            throw Cancelled();
        }
        work->remove();
        res.folder = ex.folder;
        res.bytes = ex.bytes;
        res.shards = ex.shards;
    }
    res.report = result->report;
    res.quantization = std::move(result);
    res.seconds = seconds_since(t0);
    return res;
}

}  // namespace awq
