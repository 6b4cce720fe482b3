// SPDX-License-Identifier: MIT
// awq quantize MODEL_DIR --out OUT_DIR [calibration and AWQ options] [--rtn] [--report FILE]
#include "commands.hpp"
#include "device_option.hpp"
#include "progress_bar.hpp"
#include "quant_options.hpp"

#include <awq/error.hpp>
#include <awq/export/quantize_and_export.hpp>
#include <awq/model/model_summary.hpp>
#include <awq/quant/group_fit.hpp>
#include <awq/quant/layer_compute.hpp>
#include <awq/quant/report.hpp>
#include <awq/quant/run_estimate.hpp>

#include <cstdio>

namespace awq::cli {

const CommandSpec& quantize_spec() {
    static const CommandSpec spec = [] {
        CommandSpec s{"quantize", "MODEL_DIR --out OUT_DIR [options]",
                      "Quantize a model with AWQ and write an AutoAWQ GEMM checkpoint (vLLM / transformers).",
                      {"MODEL_DIR"},
                      {{"--out", "DIR", "output folder (required for 4-bit; written atomically)"},
                       {"--force", "", "replace OUT_DIR if it exists"},
                       {"--rtn", "", "round-to-nearest baseline: no scale or clip search"},
                       {"--resume", "", "continue an interrupted run from its last finished layer"},
                       {"--fresh", "", "discard an interrupted run's saved layers and start over"},
                       {"--report", "FILE", "also write the run's report JSON here (it is always in OUT_DIR/awq_report.json)"},
                       {"--estimate-only", "", "print the run's estimated time and peak memory (with their terms) and exit"}}};
        for (auto v : {calibration_option_specs(), awq_option_specs()}) s.options.insert(s.options.end(), v.begin(), v.end());
        s.options.push_back(device_option_spec());
        return s;
    }();
    return spec;
}

namespace {

// The run's estimate (run_estimate.hpp) before it starts, and a warning when it would not fit in memory.
// `detail`: every term, on stdout (--estimate-only); else the estimate line and any warning on stderr.
void print_estimate(const Model& model, const CalibrationSet& calib, const AwqSettings& settings, bool on_gpu,
                    size_t gpu_memory, bool gpu_present, bool detail) {
    RunShape shape;
    shape.config = model.config();
    shape.blocks = calib.n_blocks();
    shape.block_len = calib.block_len;
    shape.settings = settings;
    shape.device = on_gpu ? EstimateDevice::Cuda : EstimateDevice::Cpu;
    const RunEstimate e = estimate_run(shape);
    FILE* out = detail ? stdout : stderr;
    std::fprintf(out, "%s\n", estimate_line(e).c_str());
    if (detail) {
        std::fprintf(out, "host memory at its peak (%s):\n", e.host_phase.c_str());
        for (const auto& t : e.host_terms) std::fprintf(out, "  %10s  %s\n", human_bytes(uint64_t(t.amount)).c_str(), term_text(t).c_str());
        if (on_gpu) {
            std::fprintf(out, "GPU memory:\n");
            for (const auto& t : e.gpu_terms) std::fprintf(out, "  %10s  %s\n", human_bytes(uint64_t(t.amount)).c_str(), term_text(t).c_str());
        }
        std::fprintf(out, "time (%.2f TFLOP):\n", e.flops / 1e12);
        for (const auto& t : e.time_terms) std::fprintf(out, "  %8.1f s  %s\n", t.amount, term_text(t).c_str());
    }
    if (const auto available = host_memory_available()) {
        const FitCheck fit = check_fit(shape, e, *available, on_gpu ? gpu_memory : 0, gpu_present);
        if (!fit.fits()) std::fprintf(stderr, "warning: %s\n", fit_warning(shape, e, fit).c_str());
    }
}

}  // namespace

int run_quantize(const Args& args) {
    const auto model = Model::load(args.positional(0));
    AwqSettings settings = awq_settings_from(args);
    settings.rtn = args.flag("--rtn");
    if (settings.rtn) settings.error_feedback = false;  // the baseline rounds each weight to nearest
    // Said first, and the explicit setting kept: the user may want exactly this size.
    const GroupSizeFit fit = check_group_size(model->config(), settings.quant.group_size);
    if (!fit.fits())
        std::fprintf(stderr, "warning: %s%s\n", group_size_warning(fit).c_str(),
                     fit.fitting_group_size ? (" (--group-size " + std::to_string(fit.fitting_group_size) + ")").c_str() : "");
    if (args.flag("--estimate-only")) {
        // No device is claimed: cuda is estimated without a GPU too; auto asks the plugin what it would get.
        const std::string device = args.str("--device", "auto");
        const GpuStatus gpu = device == "cpu" ? GpuStatus{} : probe_gpu();
        const bool on_gpu = device == "cuda" || (device == "auto" && gpu.available);
        const CalibrationSet calib = calibration_from(args, model->tokenizer(), model->config().max_position_embeddings);
        print_estimate(*model, calib, settings, on_gpu, gpu.available ? gpu.device.total_memory : 0, gpu.available, true);
        return 0;
    }
    const bool exporting = args.has("--out");
    if (exporting && settings.quant.bits != 4)
        throw UsageError("--out: only 4-bit models can be exported in the AutoAWQ GEMM format; drop --out to "
                         "evaluate other widths with --report");
    if (!exporting && !args.has("--report")) throw UsageError("give --out DIR (and/or --report FILE)");
    // Finished layers are saved next to the output so an interrupted run can continue (--resume); the flow
    // and what counts as already complete are the core's (quantize_and_export.hpp), shared with the GUI.
    QuantizeExportOptions opt;
    if (exporting) {
        opt.out = args.str("--out");
        opt.overwrite = args.flag("--force");
        opt.interrupted = args.flag("--fresh")    ? InterruptedRun::StartOver
                          : args.flag("--resume") ? InterruptedRun::Resume
                                                  : InterruptedRun::Refuse;
        opt.on_resume = [](int done, int n_layers) {
            std::fprintf(stderr, "resuming: %d of %d layers already done\n", done, n_layers);
        };
        check_quantize_destination(*model, settings, opt);
    }
    // Before the calibration is read, so that --device cuda without a GPU fails at once.
    const std::unique_ptr<LayerCompute> compute = layer_compute_from(args);
    opt.compute = compute.get();

    const CalibrationSet calib = calibration_from(args, model->tokenizer(), model->config().max_position_embeddings);
    {
        const GpuStatus gpu = compute ? probe_gpu() : GpuStatus{};
        print_estimate(*model, calib, settings, compute != nullptr, gpu.available ? gpu.device.total_memory : 0,
                       gpu.available, false);
    }
    ProgressBar bar;
    const QuantizeExportResult run =
        quantize_and_export(model, calib, settings, opt, [&](const Progress& p) { return bar.update(p); });
    bar.finish();
    if (run.already_complete) {
        std::printf("%s is already complete (%s)\n", args.str("--out").c_str(),
                    run.removed_work_folder ? "the interrupted run had finished its export"
                                            : "an earlier run with this model, settings and calibration wrote it");
    } else {
        const ModelSummary before = summarize(*model);
        std::printf("%s: %lld layers in %.1f s, peak memory %s\n", settings.rtn ? "RTN" : "AWQ",
                    (long long)model->config().num_hidden_layers, run.report.seconds,
                    human_bytes(run.report.peak_rss_bytes).c_str());
        for (const auto& w : run.report.warnings) std::printf("warning: %s\n", w.c_str());
        if (!run.report.modules_to_not_convert.empty())
            std::printf("not quantized, kept in FP16 (input width not a multiple of group size %d): %zu linears\n",
                        settings.quant.group_size, run.report.modules_to_not_convert.size());
        if (exporting) {
            std::printf("wrote %s: %s in %d file(s) (the original's weights: %s)\n", run.folder.c_str(),
                        human_bytes(run.bytes).c_str(), run.shards, human_bytes(before.bytes_on_disk).c_str());
            std::printf("report: %s\n", (run.folder / "awq_report.json").c_str());
        }
    }
    if (args.has("--report")) {
        write_report(run.report, args.str("--report"));
        std::printf("report: %s\n", args.str("--report").c_str());
    }
    return 0;
}

}  // namespace awq::cli
