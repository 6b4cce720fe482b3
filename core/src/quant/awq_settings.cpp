// Names and rules of the AWQ settings: stage names for progress, the clip row check's modes, the scale
// search's block count.
#include <awq/error.hpp>
#include <awq/quant/awq_settings.hpp>

#include <algorithm>

namespace awq {

const char* clip_row_check_name(ClipRowCheck c) {
    switch (c) {
        case ClipRowCheck::Auto: return "auto";
        case ClipRowCheck::On: return "on";
        case ClipRowCheck::Off: return "off";
    }
    return "?";
}

ClipRowCheck parse_clip_row_check(const std::string& text) {
    for (ClipRowCheck c : {ClipRowCheck::Auto, ClipRowCheck::On, ClipRowCheck::Off})
        if (text == clip_row_check_name(c)) return c;
    throw InvalidArgument("clip row check: '" + text + "' is not auto, on or off");
}

int64_t search_block_count(const AwqSettings& s, int64_t calibration_blocks) {
    return s.search_blocks > 0 ? std::min(s.search_blocks, calibration_blocks) : calibration_blocks;
}

bool clip_row_check_applies(const AwqSettings& s) {
    return s.clip_row_check == ClipRowCheck::On || (s.clip_row_check == ClipRowCheck::Auto && s.quant.bits < 4);
}

const char* stage_name(Stage s) {
    switch (s) {
        case Stage::Calibrating: return "calibrating";
        case Stage::Capturing: return "capturing activations";
        case Stage::ScaleSearch: return "scale search";
        case Stage::ClipSearch: return "clip search";
        case Stage::Quantizing: return "quantizing";
        case Stage::Evaluating: return "measuring error";
        case Stage::Exporting: return "exporting";
        case Stage::Done: return "done";
    }
    return "?";
}

}  // namespace awq
