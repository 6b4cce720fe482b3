// SPDX-License-Identifier: MIT
#include "quant_options.hpp"

#include <awq/error.hpp>

#include <cstdio>
#include <string>

namespace awq::cli {

std::vector<OptionSpec> calibration_option_specs() {
    return {{"--calib", "FILE", "calibration .txt/.jsonl file or folder of .txt (default: bundled corpus)"},
            {"--samples", "N", "calibration documents (default 128)"},
            {"--seqlen", "N", "tokens per calibration block (default 512)"}};
}

std::vector<OptionSpec> awq_option_specs() {
    return {{"--w-bit", "N", "weight bits, 2..8 (default 4; export needs 4)"},
            {"--group-size", "N", "quantization group: 32, 64, 128 (default) or -1 per channel"},
            {"--no-zero-point", "", "symmetric quantization"},
            {"--no-clip", "", "skip the range (clip) search"},
            {"--range-search", "M", "clip (default: AWQ's symmetric clip on the sampled output error) or weighted "
                                    "(min and max per group by the importance-weighted error)"},
            {"--no-identity-candidate", "", "the scale search does not try s = 1 (AWQ as published)"},
            {"--no-rtn-fallback", "", "keep a layer's searched weights even where RTN's give a smaller error"},
            {"--no-error-feedback", "", "round each group to nearest instead of with GPTQ's error feedback on the "
                                        "calibration inputs (the default; CPU only)"},
            {"--feedback-damp", "X", "error feedback's dampening of X^T X, relative to its mean diagonal (default 0.01)"},
            {"--published", "", "AWQ exactly as published (AutoAWQ): --range-search clip --clip-row-check off "
                                "--no-identity-candidate --no-rtn-fallback --no-error-feedback, the scale search on every block"},
            {"--clip-tokens", "N", "calibration tokens sampled for the clip search (default 512)"},
            {"--clip-row-check", "M", "auto (default: on below 4 bits), on or off (AutoAWQ's clip search): a row keeps its clipping only if its output error drops"},
            {"--no-duo-scaling", "", "scales from activations only (s = x^a)"},
            {"--n-grid", "N", "scale-search grid points (default 20)"},
            {"--search-blocks", "N", "run the attention and MLP scale-search losses on the first N calibration blocks "
                                     "(default 8; 0: all, as the reference and --published; fewer is faster)"},
            {"--keep-float", "PCT", "keep the most sensitive linears, up to PCT % of the quantizable weights, in "
                                    "floating point (exported as modules_to_not_convert; default 0)"},
            {"--no-sensitivity", "", "do not measure each linear group's sensitivity (the layer error with it kept "
                                     "in floating point; five extra layer passes on the search's blocks)"},
            {"--threads", "N", "CPU threads (default: all)"}};
}

AwqSettings awq_settings_from(const Args& a) {
    AwqSettings s;
    s.quant.bits = int(a.integer("--w-bit", 4, 2, 8));
    s.quant.group_size = int(a.integer("--group-size", 128, -1, 1 << 20));
    if (s.quant.group_size == 0) throw UsageError("--group-size: 0 is not a group size (use -1 for per channel)");
    s.quant.zero_point = !a.flag("--no-zero-point");
    s.clip = !a.flag("--no-clip");
    s.clip_tokens = a.integer("--clip-tokens", 512, 1, int64_t(1) << 30);
    const std::string row_check = a.str("--clip-row-check", "auto");
    try {
        s.clip_row_check = parse_clip_row_check(row_check);
    } catch (const InvalidArgument&) {
        throw UsageError("--clip-row-check: '" + row_check + "' is not auto, on or off");
    }
    const std::string range = a.str("--range-search", "clip");
    try {
        s.range_search = parse_range_search(range);
    } catch (const InvalidArgument&) {
        throw UsageError("--range-search: '" + range + "' is not clip or weighted");
    }
    s.identity_candidate = !a.flag("--no-identity-candidate");
    s.error_feedback = !a.flag("--no-error-feedback");
    s.feedback_damp = a.real("--feedback-damp", 0.01, 1e-9, 1e6);
    s.rtn_fallback = !a.flag("--no-rtn-fallback");
    if (a.flag("--published")) {
        if (a.has("--range-search") || a.has("--clip-row-check"))
            throw UsageError("--published sets the range search and row check itself; leave out --range-search and "
                             "--clip-row-check");
        s = settings_for_method("awq-published", s);
    }
    s.duo_scaling = !a.flag("--no-duo-scaling");
    s.n_grid = int(a.integer("--n-grid", 20, 1, 1000));
    // --published searches on every block, as the reference, unless told otherwise.
    s.search_blocks = a.integer("--search-blocks", a.flag("--published") ? 0 : AwqSettings{}.search_blocks, 0, int64_t(1) << 30);
    s.threads = int(a.integer("--threads", 0, 0, 1024));
    s.sensitivity = !a.flag("--no-sensitivity");
    s.keep_float_percent = a.real("--keep-float", 0.0, 0.0, 100.0);
    if (s.keep_float_percent > 0 && !s.sensitivity)
        throw UsageError("--keep-float chooses by the measured sensitivity: leave out --no-sensitivity");
    return s;
}

CalibrationSet calibration_from(const Args& a, const Tokenizer& tok, int64_t max_context) {
    CalibrationOptions o;
    o.n_samples = a.integer("--samples", 128, 1, 1 << 20);
    o.block_len = a.integer("--seqlen", std::min<int64_t>(512, max_context), 2, max_context);
    const std::filesystem::path src = a.has("--calib") ? std::filesystem::path(a.str("--calib")) : default_calibration_path();
    CalibrationSet set = load_calibration(src, tok, o);
    std::fprintf(stderr, "calibration: %s: %lld documents used (%lld longer than %lld tokens skipped), %lld blocks of %lld tokens\n",
                 src.string().c_str(), (long long)set.documents_used, (long long)set.documents_too_long,
                 (long long)o.block_len, (long long)set.n_blocks(), (long long)o.block_len);
    return set;
}

}  // namespace awq::cli
