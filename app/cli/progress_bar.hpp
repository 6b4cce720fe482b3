// SPDX-License-Identifier: MIT
#pragma once
// A one-line terminal progress bar for long core jobs (layer, stage, ETA), redrawn at most 10 times a
// second on a terminal; one line per layer when stderr is not a terminal (logs, CI).
#include <awq/quant/awq_settings.hpp>

#include <chrono>

namespace awq::cli {

class ProgressBar {
public:
    ProgressBar();
    bool update(const Progress& p);  // always true: the CLI cancels with Ctrl-C
    void finish();

private:
    bool tty_;
    int last_layer_ = -1;
    std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace awq::cli
