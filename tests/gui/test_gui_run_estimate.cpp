// SPDX-License-Identifier: GPL-3.0-or-later
// The Quantize step's run estimate on the bundled model, offscreen: the page shows "Estimated: ~X, peak
// memory Y (host)" with the figures of the core's estimate_run for the same model, settings and the
// calibration's block count (counted here independently with load_calibration), follows the device combo
// (a GPU figure for "GPU") and the settings; and with an injected available memory below the run's need it
// shows the warning with the block count that fits, which disappears again with enough memory.
#include "gui_test_util.hpp"

#include <quantize_page.hpp>
#include <run_estimate_view.hpp>

#include <awq/quant/calibration.hpp>
#include <awq/quant/run_estimate.hpp>

#include <QComboBox>
#include <QLabel>

using namespace awq;
using namespace awq::gui;
using namespace awq::test;

class TestGuiRunEstimate : public QObject {
    Q_OBJECT
    std::shared_ptr<Model> model_;

    RunShape shape_of(const AppState& state, EstimateDevice device) {
        CalibrationOptions o;
        o.n_samples = state.calibration.n_samples;
        o.block_len = state.calibration.block_len;
        RunShape s;
        s.config = model_->config();
        s.blocks = load_calibration(default_calibration_path(), model_->tokenizer(), o).n_blocks();
        s.block_len = o.block_len;
        s.settings = state.settings;
        s.device = device;
        return s;
    }

    // The view's labels once it has shown the current choice.
    static void settle(RunEstimateView* v) {
        v->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(v->estimateText().startsWith("Estimated"), 20000);
    }

private slots:
    void initTestCase() {
        model_ = Model::load(bundled_model());
        qputenv("AWQ_CUDA_PLUGIN", "/nonexistent/libawq_cuda.so");  // no GPU, also on a GPU machine
    }

    void estimateShownAndWarning() {
        TempSettings ts;
        ts.settings.setQuantizeDevice(DeviceRequest::Cpu);
        AppState state;
        state.calibration = {QString(), 32, 256};
        state.setModel(model_);
        QuantizePage page(state, ts.settings);
        page.resize(900, 700);
        page.show();
        RunEstimateView* view = page.estimate();
        QVERIFY(view);
        QVERIFY(page.findChild<QLabel*>("runEstimate"));
        view->setAvailableMemory(uint64_t(1) << 40);
        settle(view);

        // The same figures as the core's estimate for this run.
        const RunShape cpu = shape_of(state, EstimateDevice::Cpu);
        QVERIFY(cpu.blocks > 0);
        const RunEstimate e = estimate_run(cpu);
        const QString host = e.host_bytes >= (uint64_t(1) << 30)
                                 ? QString("%1 GB").arg(double(e.host_bytes) / double(1 << 30), 0, 'f', 1)
                                 : QString("%1 MB").arg(double(e.host_bytes) / double(1 << 20), 0, 'f', 0);
        QVERIFY2(view->estimateText().contains("peak memory " + host + " (host)"), qPrintable(view->estimateText() + " / " + host));
        QVERIFY2(!view->estimateText().contains("GPU"), qPrintable(view->estimateText()));
        QVERIFY(view->warningText().isEmpty());
        QVERIFY(view->findChild<QLabel*>("runEstimate")->toolTip().contains("calibration activations"));

        // Too little memory: the warning names the need and the block count that fits.
        view->setAvailableMemory(e.host_required_bytes - 1);
        settle(view);
        const FitCheck f = check_fit(cpu, e, e.host_required_bytes - 1);
        QVERIFY(!f.fits() && f.suggestions[0].blocks > 0);
        QVERIFY2(view->warningText().contains("needs about"), qPrintable(view->warningText()));
        QVERIFY2(view->warningText().contains(QString("at most %1 blocks of 256 tokens").arg(f.suggestions[0].blocks)),
                 qPrintable(view->warningText()));
        QVERIFY(view->findChild<QLabel*>("warningLabel")->isVisible());

        // More search blocks than the run has: the same as all of them; a setting the estimate sees.
        state.settings.search_blocks = 1;
        settle(view);
        const QString one_block = view->findChild<QLabel*>("runEstimate")->toolTip();
        state.settings.search_blocks = 0;
        settle(view);
        QVERIFY(view->findChild<QLabel*>("runEstimate")->toolTip() != one_block);

        // Enough memory again: no warning. The GPU: a GPU figure, from the core's GPU estimate.
        view->setAvailableMemory(uint64_t(1) << 40);
        settle(view);
        QVERIFY(view->warningText().isEmpty());
        auto* combo = page.findChild<QComboBox*>("deviceCombo");
        combo->setCurrentIndex(combo->findData(int(DeviceRequest::Cuda)));
        settle(view);
        const RunEstimate g = estimate_run(shape_of(state, EstimateDevice::Cuda));
        QVERIFY(g.gpu_bytes > 0);
        QVERIFY2(view->estimateText().contains("GPU"), qPrintable(view->estimateText()));
    }

    // A calibration choice changed on another step is counted again when the page is shown.
    void calibrationChangeRecounts() {
        TempSettings ts;
        ts.settings.setQuantizeDevice(DeviceRequest::Cpu);
        AppState state;
        state.calibration = {QString(), 8, 64};
        state.setModel(model_);
        QuantizePage page(state, ts.settings);
        page.show();
        RunEstimateView* view = page.estimate();
        view->setAvailableMemory(uint64_t(1) << 40);
        settle(view);
        const QString small = view->findChild<QLabel*>("runEstimate")->toolTip();
        QVERIFY2(small.contains(QString("%1 calibration blocks of 64 tokens").arg(shape_of(state, EstimateDevice::Cpu).blocks)),
                 qPrintable(small));
        state.calibration = {QString(), 64, 512};
        page.hide();
        page.show();
        QTRY_VERIFY_WITH_TIMEOUT(view->findChild<QLabel*>("runEstimate")->toolTip().contains("blocks of 512 tokens"), 20000);
        QVERIFY(view->findChild<QLabel*>("runEstimate")->toolTip().contains(
            QString("%1 calibration blocks of 512 tokens").arg(shape_of(state, EstimateDevice::Cpu).blocks)));
    }
};

QTEST_MAIN(TestGuiRunEstimate)
#include "test_gui_run_estimate.moc"
