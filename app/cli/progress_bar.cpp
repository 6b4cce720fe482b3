// SPDX-License-Identifier: MIT
#include "progress_bar.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

namespace awq::cli {

ProgressBar::ProgressBar() : tty_(::isatty(2)), start_(std::chrono::steady_clock::now()) {}

bool ProgressBar::update(const Progress& p) {
    const auto now = std::chrono::steady_clock::now();
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    if (!tty_) {
        // One line per layer; the export's own line ("wrote ...") follows the run.
        if (p.layer != last_layer_ && p.stage != Stage::Done && p.stage != Stage::Exporting) {
            std::fprintf(stderr, "layer %d/%d  %.0f%%  %.1f s\n", p.layer + 1, p.n_layers, p.fraction * 100, elapsed);
            last_layer_ = p.layer;
        }
        return true;
    }
    if (now - last_draw_ < std::chrono::milliseconds(100) && p.stage != Stage::Done) return true;
    last_draw_ = now;
    const int width = 28;
    const int filled = int(p.fraction * width);
    std::string bar(size_t(filled), '#');
    bar.resize(size_t(width), '.');
    const double eta = p.fraction > 0.01 ? elapsed * (1 - p.fraction) / p.fraction : 0;
    std::string detail = stage_name(p.stage);
    if (p.stage == Stage::ScaleSearch)
        detail += " " + p.group + " a=" + std::to_string(p.alpha).substr(0, 4);
    else if (!p.group.empty())
        detail += " " + p.group;
    std::fprintf(stderr, "\r[%s] %3.0f%%  layer %d/%d  %-34s  %5.1f s  ETA %5.1f s", bar.c_str(), p.fraction * 100,
                 std::min(p.layer + 1, p.n_layers), p.n_layers, detail.c_str(), elapsed, eta);
    std::fflush(stderr);
    return true;
}

void ProgressBar::finish() {
    if (tty_) std::fprintf(stderr, "\n");
}

}  // namespace awq::cli
