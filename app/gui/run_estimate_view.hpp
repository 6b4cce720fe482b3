// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The cost of the next run before it starts (run_estimate.hpp), on the Quantize step: "Estimated: ~X min,
// peak memory Y GB (host), Z GB GPU" with each figure's terms in the tooltip, and a warning with what to
// change when it would not fit in the available memory. The calibration's block count comes from
// tokenizing the chosen corpus on a pool thread (as the Calibration step's preview does); the figures are
// recomputed when the page is shown, the model changes or the device changes.
#include "app_state.hpp"

#include <awq/device/device_choice.hpp>
#include <awq/quant/run_estimate.hpp>

#include <QFutureWatcher>
#include <QWidget>

#include <optional>

class QLabel;

namespace awq::gui {

class RunEstimateView : public QWidget {
    Q_OBJECT
public:
    explicit RunEstimateView(AppState& state, QWidget* parent = nullptr);
    void setDevice(DeviceRequest device);
    void refresh();
    // The available host memory to check against instead of /proc/meminfo's MemAvailable (tests).
    void setAvailableMemory(std::optional<uint64_t> bytes);
    QString estimateText() const;
    QString warningText() const;  // empty when the run fits

signals:
    void updated();  // the labels show the current settings

protected:
    void showEvent(QShowEvent* e) override;

private:
    struct BlockCount {
        QString key;
        int64_t blocks = 0;
        QString error;
    };
    QString calibrationKey() const;
    void show_estimate();
    QString suggestionText(const RunShape& shape, const FitCheck& f) const;

    AppState& state_;
    DeviceRequest device_ = DeviceRequest::Auto;
    std::optional<uint64_t> injected_available_;
    std::optional<bool> gpu_present_;  // probed once, when first needed
    size_t gpu_memory_ = 0;
    BlockCount blocks_;
    QFutureWatcher<BlockCount> watcher_;
    QLabel* estimate_ = nullptr;
    QLabel* warning_ = nullptr;
};

}  // namespace awq::gui
