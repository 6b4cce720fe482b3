// SPDX-License-Identifier: GPL-3.0-or-later
// The quantization worker and the Inspect page over a real run on the bundled model (8 x 64 calibration
// tokens, 5 grid points): progress signals, the exported folder, the heatmap and loss curves against the
// run's report, the per-layer table, plot export, Cancel (within a second, nothing left behind) and errors.
// Device: Auto without a usable GPU (AWQ_CUDA_PLUGIN names a missing file, so also on a GPU machine) runs
// on the CPU and says why, Cpu says CPU and gives the same result, Cuda fails at once with the reason and
// leaves nothing behind; the Quantize page's Device combo is remembered (by name, unknown names read as Auto),
// locked while running, and the page names the device. The GPU side is tests/gpu/test_gpu_cli_run.
#include "gui_test_util.hpp"

#include <inspect_page.hpp>
#include <tradeoff_plot.hpp>
#include <layer_table_model.hpp>
#include <loss_curve_plot.hpp>
#include <quantize_page.hpp>
#include <core_message_text.hpp>
#include <gui_metatypes.hpp>
#include <quantize_worker.hpp>
#include <saliency_heatmap.hpp>

#include <awq/error.hpp>
#include <awq/device/gpu_plugin.hpp>

#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScopeGuard>
#include <QSortFilterProxyModel>
#include <fstream>

using namespace awq;
using namespace awq::gui;
using namespace awq::test;

class TestGuiQuantize : public QObject {
    Q_OBJECT

    std::shared_ptr<Model> model_;
    TempDir out_parent_;
    QList<QuantizeProgress> progress_;
    QuantizeOutcome outcome_;
    static constexpr int kGrid = 5;

    QString no_gpu_reason_;  // why the GPU cannot be used while AWQ_CUDA_PLUGIN names a missing file, as the GUI words it

    // An empty `out`: the result stays in memory.
    QuantizeJob quick_job(const std::filesystem::path& out = {}) {
        AwqSettings s;
        s.n_grid = kGrid;
        return {model_, quick_calibration(), s, {QString::fromStdString(out.string()), false}};
    }

    // A run to its end on a controller, and everything it sent.
    struct Ended {
        QList<QuantizeProgress> progress;
        QList<QuantizeOutcome> finished;
        QStringList failed;
        int cancelled = 0;
    };
    Ended run_to_end(const QuantizeJob& job) {
        Ended e;
        QuantizeController c;
        QSignalSpy stopped(&c, &QuantizeController::stopped);
        connect(&c, &QuantizeController::progress, this, [&](const QuantizeProgress& p) { e.progress.push_back(p); });
        connect(&c, &QuantizeController::finished, this, [&](const QuantizeOutcome& o) { e.finished.push_back(o); });
        connect(&c, &QuantizeController::failed, this, [&](const QString& m) { e.failed.push_back(m); });
        connect(&c, &QuantizeController::cancelled, this, [&] { ++e.cancelled; });
        c.start(job);
        if (!stopped.wait(120000)) qWarning("the run did not stop within 2 minutes");
        return e;
    }

    // The device a run announced: in its first progress signal (before the calibration is read and before
    // any layer), and the same in every later one.
    static QString announced_device(const QList<QuantizeProgress>& progress) {
        if (progress.isEmpty() || progress.first().stage != Stage::Calibrating) return "(no device announced first)";
        const QString d = progress.first().device;
        for (const QuantizeProgress& p : progress)
            if (p.device != d) return "(the device changed during the run: " + p.device + ")";
        return d;
    }

    // The same choices and codes: alpha per scale group, INT4 codes, scales and zero points of every linear.
    static bool same_result(const QuantizationResult& a, const QuantizationResult& b) {
        if (a.layers.size() != b.layers.size() || a.report.layers.size() != b.report.layers.size()) return false;
        for (size_t l = 0; l < a.report.layers.size(); ++l) {
            const auto& ga = a.report.layers[l].groups;
            const auto& gb = b.report.layers[l].groups;
            if (ga.size() != gb.size()) return false;
            for (size_t g = 0; g < ga.size(); ++g)
                if (ga[g].best_alpha != gb[g].best_alpha || ga[g].skipped != gb[g].skipped) return false;
            for (size_t i = 0; i < a.layers[l].linears.size(); ++i) {
                const QuantizedLinearData& x = a.layers[l].linears[i];
                const QuantizedLinearData& y = b.layers[l].linears[i];
                if (x.quantized != y.quantized || x.q.q != y.q.q || x.q.scales != y.q.scales || x.q.zeros != y.q.zeros ||
                    x.fp_weights != y.fp_weights)
                    return false;
            }
        }
        return true;
    }

private slots:
    void initTestCase() {
        register_gui_metatypes();
        model_ = Model::load(bundled_model());
        // No usable GPU, also on a machine with one: the default device (Auto) runs on the CPU.
        qputenv("AWQ_CUDA_PLUGIN", "/nonexistent/libawq_cuda.so");
        const auto unset = qScopeGuard([] { qunsetenv("AWQ_CUDA_PLUGIN"); });
        const GpuStatus gpu = probe_gpu();
        QVERIFY(!gpu.available);
        no_gpu_reason_ = gpuMissingText(gpu);  // the GUI's own wording of the probe's code (core_message_text.hpp)
        QuantizeController c;
        QSignalSpy progress(&c, &QuantizeController::progress), done(&c, &QuantizeController::finished),
            failed(&c, &QuantizeController::failed), stopped(&c, &QuantizeController::stopped);
        c.start(quick_job(out_parent_.path / "awq"));
        QVERIFY(c.isRunning());
        QVERIFY2(stopped.wait(120000), "the run did not end");
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QCOMPARE(done.size(), 1);
        QVERIFY(!c.isRunning());
        outcome_ = done.first().first().value<QuantizeOutcome>();
        for (const auto& args : progress) progress_.push_back(args.first().value<QuantizeProgress>());
    }

    // Progress arrives on the GUI thread, throttled yet complete: fractions never go back and end at 1, every
    // layer and the scale search are reported, and the live curve's alphas are i / n_grid in order.
    void progressSignals() {
        QVERIFY(progress_.size() >= 6);
        const int layers = int(model_->config().num_hidden_layers);
        double last = 0;
        QSet<int> seen_layers;
        bool saw_search = false;
        for (const QuantizeProgress& p : progress_) {
            QVERIFY2(p.fraction >= last - 1e-12, "progress went backwards");
            QVERIFY(p.fraction >= 0 && p.fraction <= 1);
            last = p.fraction;
            QCOMPARE(p.n_layers, layers);
            if (p.stage != Stage::Done && p.stage != Stage::Exporting && p.stage != Stage::Calibrating) seen_layers.insert(p.layer);
            if (p.stage == Stage::ScaleSearch) {
                saw_search = true;
                QVERIFY(!p.alphas.isEmpty() && p.alphas.size() <= kGrid);
                QCOMPARE(p.alphas.size(), p.losses.size());
                for (int i = 0; i < p.alphas.size(); ++i) QCOMPARE(p.alphas[i], double(i) / kGrid);
            }
        }
        QCOMPARE(last, 1.0);
        QVERIFY(saw_search);
        QCOMPARE(seen_layers.size(), layers);
        // Throttled: at most the stage and layer changes (5 stages a layer, the device, calibration, export,
        // done) plus 20 per second of the run, and fewer than the core's callbacks.
        const double allowed = layers * 5 + 4 + outcome_.seconds * (1000.0 / QuantizeWorker::kProgressIntervalMs) + 1;
        QVERIFY2(progress_.size() <= allowed, qPrintable(QString("%1 signals, %2 allowed").arg(progress_.size()).arg(allowed)));
        QVERIFY(quint64(progress_.size()) < outcome_.progress_events);
    }

    // The run exported an AutoAWQ folder with its report, and the INT4 model runs on the INT4 kernels.
    void outputWritten() {
        const auto out = out_parent_.path / "awq";
        QCOMPARE(outcome_.output_folder, QString::fromStdString(out.string()));
        QVERIFY(std::filesystem::exists(out / "config.json"));
        const Report saved = read_report(out / "awq_report.json");
        QCOMPARE(saved.layers.size(), outcome_.result->report.layers.size());
        QVERIFY(outcome_.bytes_after > 0 && outcome_.bytes_after < outcome_.bytes_before);
        QCOMPARE(QString::fromStdString(outcome_.int4_model->weights().layers[0].q_proj->kind()), QString("int4-g128"));
    }

    // The heatmap holds layers x channels equal to the report's saliency for every group, marks exactly the
    // top 1 % channels of each layer (reference: a full sort) and its tooltip names layer, channel and value.
    void heatmapEqualsReport() {
        AppState state;
        InspectPage page(state);
        state.setResult(outcome_.result, outcome_.int4_model);
        const Report& r = outcome_.result->report;
        for (const char* g : {"qkv", "o", "gate_up", "down"}) {
            page.selectGroup(g);
            SaliencyHeatmap* h = page.heatmap();
            QCOMPARE(h->layers(), int(r.layers.size()));
            const auto& first = r.layers[0].saliency.at(g);
            QCOMPARE(h->channels(), int(first.size()));
            QCOMPARE(h->colorMap()->data()->keySize(), int(first.size()));
            QCOMPARE(h->colorMap()->data()->valueSize(), int(r.layers.size()));
            for (size_t l = 0; l < r.layers.size(); ++l) {
                const auto& row = r.layers[l].saliency.at(g);
                for (size_t c = 0; c < row.size(); ++c) QCOMPARE(h->value(int(l), int(c)), double(row[c]));
                std::vector<int> order(row.size());
                std::iota(order.begin(), order.end(), 0);
                std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return row[size_t(a)] > row[size_t(b)]; });
                order.resize(size_t(std::ceil(0.01 * double(row.size()))));
                std::sort(order.begin(), order.end());
                QCOMPARE(h->marked()[l], order);
            }
            const QString tip = h->tooltipAt(7.2, 2.9);
            QVERIFY2(tip.contains("layer 3") && tip.contains("channel 7") &&
                     tip.contains(QString::number(double(r.layers[3].saliency.at(g)[7]), 'g', 4)), qPrintable(tip));
        }
        QVERIFY(page.heatmap()->colorMap()->colorScale()->dataScaleType() == QCPAxis::stLogarithmic);
        // The per-layer view plots one layer's channels.
        page.selectLayer(2);
        page.setPerLayerView(true);
        QVERIFY(!page.heatmap()->colorMap()->visible());
        QCOMPARE(page.heatmap()->graph(1)->dataCount(), int(r.layers[2].saliency.at("down").size()));
    }

    // Every loss curve has n_grid points at alpha = i / n_grid including alpha = 0, and its minimum sits at
    // the reported best alpha, which is the point marked.
    void lossCurvesMatchReport() {
        AppState state;
        InspectPage page(state);
        state.setResult(outcome_.result, outcome_.int4_model);
        int checked = 0;
        for (const LayerReport& l : outcome_.result->report.layers) {
            page.selectLayer(l.index);
            for (const GroupReport& g : l.groups) {
                if (g.skipped) continue;
                page.selectGroup(QString::fromStdString(g.name));
                LossCurvePlot* p = page.lossCurve();
                QCOMPARE(p->pointCount(), kGrid);
                QCOMPARE(p->plottedBestAlpha(), g.best_alpha);
                QCOMPARE(p->markedBestAlpha(), g.best_alpha);
                QVERIFY(p->rtnPointVisible());
                for (double loss : g.losses)  // every finite point is inside the plotted range
                    if (std::isfinite(loss))
                        QVERIFY2(p->yAxis->range().contains(loss),
                                 qPrintable(QString("loss %1 outside [%2, %3] (layer %4 %5)").arg(loss).arg(p->yAxis->range().lower)
                                                .arg(p->yAxis->range().upper).arg(l.index).arg(QString::fromStdString(g.name))));
                const auto* d = p->graph(0)->data().data();
                int i = 0;
                for (auto it = d->constBegin(); it != d->constEnd(); ++it, ++i) {
                    QCOMPARE(it->key, double(i) / kGrid);
                    QCOMPARE(it->value, g.losses[size_t(i)]);
                }
                ++checked;
            }
        }
        QVERIFY(checked >= int(outcome_.result->report.layers.size()) * 3);
    }

    // The report line says when the α grid ran on a sample of the blocks (its curves are on fewer blocks than
    // the saliency), and says nothing of it for a search over all of them.
    void reportLineNamesTheSearchSample() {
        AppState state;
        InspectPage page(state);
        auto* line = page.findChild<QLabel*>("reportSource");
        QVERIFY(line);
        auto sampled = std::make_shared<Report>(outcome_.result->report);
        QVERIFY(sampled->calibration_blocks > 2);
        QCOMPARE(search_block_count(sampled->settings, sampled->calibration_blocks), sampled->calibration_blocks);
        state.setReport(sampled);
        QVERIFY2(!line->text().contains("first"), qPrintable(line->text()));
        sampled = std::make_shared<Report>(outcome_.result->report);
        sampled->settings.search_blocks = 2;
        state.setReport(sampled);
        QVERIFY2(line->text().contains("losses on the first 2 blocks"), qPrintable(line->text()));
    }

    // The table has a row per layer with the report's numbers and sorts numerically.
    void layerTable() {
        AppState state;
        InspectPage page(state);
        state.setResult(outcome_.result, outcome_.int4_model);
        const Report& r = outcome_.result->report;
        LayerTableModel* m = page.tableModel();
        QCOMPARE(m->rowCount(), int(r.layers.size()));
        QCOMPARE(m->columnCount(), int(LayerTableModel::ColumnCount));
        for (int row = 0; row < m->rowCount(); ++row) {
            QCOMPARE(m->number(row, LayerTableModel::AwqError), r.layers[size_t(row)].awq_error);
            QCOMPARE(m->number(row, LayerTableModel::RtnError), r.layers[size_t(row)].rtn_error);
            for (const GroupReport& g : r.layers[size_t(row)].groups)
                if (g.name == "qkv") QCOMPARE(m->number(row, LayerTableModel::AlphaQkv), g.best_alpha);
            // The Method column names where the weights came from (the report's fallback flag and settings),
            // and its tooltip lists each group's choice.
            const QString method = m->index(row, LayerTableModel::Method).data(Qt::DisplayRole).toString();
            if (r.layers[size_t(row)].rtn_fallback) QCOMPARE(method, QString("RTN (fallback)"));
            else QVERIFY2(method.startsWith("AWQ") && method.contains("error feedback") == r.settings.error_feedback,
                          qPrintable(method));
            const QString details = m->index(row, LayerTableModel::Method).data(Qt::ToolTipRole).toString();
            QVERIFY2(details.contains("qkv: "), qPrintable(details));
        }
        QSortFilterProxyModel* proxy = page.sortedTable();
        proxy->sort(LayerTableModel::AwqError, Qt::DescendingOrder);
        for (int row = 1; row < proxy->rowCount(); ++row)
            QVERIFY(proxy->index(row - 1, LayerTableModel::AwqError).data(LayerTableModel::kSortRole).toDouble() >=
                    proxy->index(row, LayerTableModel::AwqError).data(LayerTableModel::kSortRole).toDouble());
    }

    // Mixed precision in Inspect: the trade-off plot shows the report's predicted points (and the perplexity
    // points a sweep measured, on the right axis); a kept unit is named in the Method column and every
    // unit's sensitivity in its tooltip. Reference: the report's own numbers.
    void mixedPrecisionShown() {
        AppState state;
        InspectPage page(state);
        state.setResult(outcome_.result, outcome_.int4_model);
        const Report& r = outcome_.result->report;
        QVERIFY(!r.tradeoff.empty());
        QCOMPARE(page.tradeoff()->predictedCount(), int(r.tradeoff.size()));
        QCOMPARE(page.tradeoff()->measuredCount(), 0);
        const QString tip = page.tableModel()->index(0, LayerTableModel::Method).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains("down in floating point would remove"), qPrintable(tip));

        Report swept = r;  // as `awq compare --sweep --report` writes it: two measured budgets, one unit kept
        swept.tradeoff.front().perplexity = 190.5;
        swept.tradeoff.back().perplexity = 188.25;
        swept.layers[1].sensitivity[0].kept_float = true;
        state.setReport(std::make_shared<const Report>(swept));
        QCOMPARE(page.tradeoff()->measuredCount(), 2);
        QVERIFY(page.tradeoff()->titleText().contains("--sweep"));
        const QString method = page.tableModel()->index(1, LayerTableModel::Method).data(Qt::DisplayRole).toString();
        QVERIFY2(method.contains("float: " + QString::fromStdString(swept.layers[1].sensitivity[0].unit)), qPrintable(method));
        page.showTradeoff(true);
        TempDir dir;
        QVERIFY(page.tradeoff()->exportTo(QString::fromStdString((dir.path / "tradeoff.png").string())));
    }

    // Plots export to PNG and PDF files with the right signatures.
    void plotExport() {
        AppState state;
        InspectPage page(state);
        state.setResult(outcome_.result, outcome_.int4_model);
        TempDir dir;
        const QString png = QString::fromStdString((dir.path / "heat.png").string());
        const QString pdf = QString::fromStdString((dir.path / "curve.pdf").string());
        QVERIFY(page.heatmap()->exportTo(png));
        QVERIFY(page.lossCurve()->exportTo(pdf));
        std::string head(8, '\0');
        std::ifstream(png.toStdString(), std::ios::binary).read(head.data(), 8);
        QCOMPARE(head.substr(1, 3), std::string("PNG"));
        std::ifstream(pdf.toStdString(), std::ios::binary).read(head.data(), 5);
        QCOMPARE(head.substr(0, 5), std::string("%PDF-"));
    }

    // Cancel during the scale search of the first layer: the cancelled signal comes within a second, and
    // neither the output folder, a temporary sibling nor the work folder (no layer was finished) is left.
    void cancelWithinASecond() {
        TempDir parent;
        QuantizeJob job = quick_job(parent.path / "awq");
        job.settings.n_grid = 20;
        job.calibration = {QString(), 32, 128};
        QuantizeController c;
        QSignalSpy cancelled(&c, &QuantizeController::cancelled), done(&c, &QuantizeController::finished),
            stopped(&c, &QuantizeController::stopped);
        bool searching = false;
        connect(&c, &QuantizeController::progress, this, [&](const QuantizeProgress& p) {
            if (p.stage == Stage::ScaleSearch) searching = true;
        });
        c.start(job);
        QTRY_VERIFY_WITH_TIMEOUT(searching, 60000);
        QElapsedTimer t;
        t.start();
        c.cancel();
        QVERIFY(cancelled.wait(5000));
        QVERIFY2(t.elapsed() < 1000, qPrintable(QString("cancel took %1 ms").arg(t.elapsed())));
        QVERIFY(stopped.wait(5000) || stopped.size() == 1);
        QCOMPARE(done.size(), 0);
        QVERIFY(!std::filesystem::exists(parent.path / "awq"));
        QVERIFY(std::filesystem::is_empty(parent.path));
    }

    // Auto is the default; without a usable GPU (the plugin cannot be loaded) the run is on the CPU, and the
    // progress and the outcome say why: the probe's reason.
    void deviceAutoWithoutGpuRunsOnTheCpu() {
        QCOMPARE(QuantizeJob().device, DeviceRequest::Auto);
        QVERIFY2(no_gpu_reason_.contains("/nonexistent/libawq_cuda.so"), qPrintable(no_gpu_reason_));
        const QString expected = QString("CPU (not on the GPU: %1)").arg(no_gpu_reason_);
        QCOMPARE(outcome_.device, expected);
        QVERIFY(!outcome_.on_gpu);
        QCOMPARE(announced_device(progress_), expected);
    }

    // Cpu never looks for the GPU, says "CPU", and gives the same result as the Auto run on the CPU.
    void deviceCpuRunsOnTheCpu() {
        QuantizeJob job = quick_job();
        job.device = DeviceRequest::Cpu;
        const Ended e = run_to_end(job);
        QVERIFY2(e.failed.isEmpty(), qPrintable(e.failed.join("; ")));
        QCOMPARE(e.finished.size(), 1);
        const QuantizeOutcome& o = e.finished.first();
        QCOMPARE(o.device, QString("CPU"));
        QVERIFY(!o.on_gpu);
        QCOMPARE(announced_device(e.progress), QString("CPU"));
        QVERIFY(o.output_folder.isEmpty());
        QVERIFY(same_result(*o.result, *outcome_.result));
    }

    // Cuda without a usable GPU fails with a message naming the reason, at once: before the calibration
    // is read (a missing calibration file is not what it reports) and before anything is written (no
    // output, no work folder). (An unknown device cannot reach the worker: the job holds a DeviceRequest;
    // unknown names are refused where they are read, by parse_device_request and the settings.)
    void deviceCudaWithoutGpuFails() {
        qputenv("AWQ_CUDA_PLUGIN", "/nonexistent/libawq_cuda.so");
        const auto unset = qScopeGuard([] { qunsetenv("AWQ_CUDA_PLUGIN"); });
        TempDir parent;
        QuantizeJob job = quick_job(parent.path / "awq");
        job.device = DeviceRequest::Cuda;
        job.calibration.source = QString::fromStdString((parent.path / "missing.txt").string());
        const Ended e = run_to_end(job);
        QCOMPARE(e.finished.size(), 0);
        QCOMPARE(e.cancelled, 0);
        QCOMPARE(e.failed.size(), 1);
        const QString m = e.failed.first();
        QVERIFY2(m.startsWith("the GPU was asked for but cannot be used: ") && m.contains(no_gpu_reason_) &&
                     !m.contains("missing.txt"),
                 qPrintable(m));
        for (const QuantizeProgress& p : e.progress) QVERIFY(p.device.isEmpty() && p.stage == Stage::Calibrating);
        QVERIFY(!std::filesystem::exists(parent.path / "awq"));
        QVERIFY(!std::filesystem::exists(parent.path / "awq.awq-work"));
        QVERIFY(std::filesystem::is_empty(parent.path));
    }

    // The page's Device combo: Auto by default, remembered in the settings (by name, as the CLI's --device), handed to the run, locked while
    // it goes; the page names the device used (the label, the log, the summary).
    void pageDeviceChoice() {
        TempSettings ts;
        QCOMPARE(ts.settings.quantizeDevice(), DeviceRequest::Auto);
        AppState state;
        state.setModel(model_);
        state.calibration = quick_calibration();
        state.settings.n_grid = kGrid;
        state.settings.clip = false;  // quick; the clip search runs in the worker tests above
        {
            QuantizePage page(state, ts.settings);
            auto* combo = page.findChild<QComboBox*>("deviceCombo");
            QVERIFY(combo);
            QCOMPARE(combo->currentData().toInt(), int(DeviceRequest::Auto));
            combo->setCurrentIndex(combo->findData(int(DeviceRequest::Cpu)));
            QCOMPARE(ts.settings.quantizeDevice(), DeviceRequest::Cpu);
        }
        QuantizePage page(state, ts.settings);
        auto* combo = page.findChild<QComboBox*>("deviceCombo");
        QCOMPARE(page.device(), DeviceRequest::Cpu);  // read back from the settings
        QSignalSpy stopped(&page.controller(), &QuantizeController::stopped);
        page.start();
        QVERIFY(page.controller().isRunning());
        QVERIFY(!combo->isEnabled());
        QVERIFY(stopped.wait(120000));
        QVERIFY(combo->isEnabled());
        QCOMPARE(page.deviceText(), QString("Device: CPU"));
        QVERIFY2(page.summaryText().startsWith("Done in ") && page.summaryText().contains(" Device: CPU. Kept in memory"),
                 qPrintable(page.summaryText()));
        const QString log = page.findChild<QPlainTextEdit*>("quantizeLog")->toPlainText();
        QVERIFY2(log.contains("  Device: CPU\n"), qPrintable(log));
        // The device first, then the calibration, then every layer once.
        QVERIFY2(log.indexOf("  Device: CPU\n") < log.indexOf("  Reading calibration data\n"), qPrintable(log));
        QCOMPARE(log.count("  Reading calibration data\n"), 1);
        const int n = int(model_->config().num_hidden_layers);
        for (int l = 1; l <= n; ++l) QCOMPARE(log.count(QString("  Layer %1 of %2\n").arg(l).arg(n)), 1);
        // Once done, the curve is the run's last search complete, with its chosen alpha marked (the live view
        // stops at the last throttled update, mid-search).
        const auto* plot = page.findChild<LossCurvePlot*>();
        QVERIFY(plot && state.result());
        const LayerReport& last = state.result()->report.layers.back();
        const GroupReport& g = last.groups.back();
        QVERIFY(!g.skipped);
        QCOMPARE(plot->pointCount(), int(g.alphas.size()));
        QCOMPARE(plot->markedBestAlpha(), g.best_alpha);
        // Stored by name, so settings files from before keep working; a stored value that is not a device
        // (written straight into the file) falls back to the default.
        QSettings raw(QString::fromStdString((ts.dir.path / "awq-studio.ini").string()), QSettings::IniFormat);
        QCOMPARE(raw.value("quantize/device").toString(), QString("cpu"));
        ts.settings.setChatDevice(DeviceRequest::Cuda);
        QCOMPARE(raw.value("chat/device").toString(), QString("cuda"));
        raw.setValue("quantize/device", "tpu");
        raw.setValue("chat/device", "GPU");
        QCOMPARE(ts.settings.quantizeDevice(), DeviceRequest::Auto);
        QCOMPARE(ts.settings.chatDevice(), DeviceRequest::Auto);
        raw.setValue("quantize/device", "cuda");
        QCOMPARE(ts.settings.quantizeDevice(), DeviceRequest::Cuda);
    }

    // A failure inside the worker (calibration file missing) arrives as a message naming the file; the
    // controller can run again afterwards.
    void errorsArriveAsMessages() {
        TempDir parent;
        QuantizeJob job = quick_job(parent.path / "awq");
        job.calibration.source = QString::fromStdString((parent.path / "missing.txt").string());
        QuantizeController c;
        QSignalSpy failed(&c, &QuantizeController::failed), stopped(&c, &QuantizeController::stopped);
        c.start(job);
        QVERIFY(stopped.wait(30000));
        QCOMPARE(failed.size(), 1);
        QVERIFY2(failed.first().first().toString().contains("missing.txt"), qPrintable(failed.first().first().toString()));
        QVERIFY(!c.isRunning());
        // An export destination that is the model folder itself is refused before any work.
        job = quick_job(model_->folder());
        c.start(job);
        QVERIFY(stopped.wait(30000));
        QCOMPARE(failed.size(), 2);
    }
};

QTEST_MAIN(TestGuiQuantize)
#include "test_gui_quantize.moc"
