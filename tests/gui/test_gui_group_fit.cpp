// SPDX-License-Identifier: GPL-3.0-or-later
// A group size that does not divide the model's widths, as the GUI shows it, on a random model shaped like
// SmolLM2-135M (hidden 576, intermediate 1536, 9 heads of 64, 3 kv heads; one layer) written in the test's
// temp folder: the Settings page proposes 64 with a one-click switch, the Quantize log warns before the run
// and names the groups left in floating point after it, the Inspect table shows "not quantized (576 not a
// multiple of 128)" instead of an alpha, and the chat's AWQ pane says what share of the weights is INT4.
// Reference: the widths and parameter counts worked out by hand in the comments.
#include "gui_test_util.hpp"
#include "random_model.hpp"

#include <chat_page.hpp>
#include <chat_pane.hpp>
#include <inspect_page.hpp>
#include <layer_table_model.hpp>
#include <quantize_page.hpp>
#include <gui_metatypes.hpp>
#include <quantize_worker.hpp>
#include <settings_page.hpp>

#include <QComboBox>
#include <QPlainTextEdit>
#include <QPushButton>

using namespace awq;
using namespace awq::gui;
using namespace awq::test;

class TestGuiGroupFit : public QObject {
    Q_OBJECT

    TempDir dir_;
    std::shared_ptr<Model> model_;
    std::shared_ptr<const QuantizationResult> result_;
    std::shared_ptr<const Model> int4_;

private slots:
    void initTestCase() {
        register_gui_metatypes();
        RandomModelShape s;
        s.hidden = 576;
        s.intermediate = 1536;
        s.layers = 1;
        s.heads = 9;
        s.kv_heads = 3;
        s.head_dim = 64;
        write_random_model(dir_.path / "smol", s);
        model_ = Model::load(dir_.path / "smol");
        CalibrationOptions co;
        co.n_samples = 4;
        co.block_len = 32;
        AwqSettings as;  // group size 128, the default
        as.n_grid = 3;
        as.clip_tokens = 64;
        auto r = std::make_shared<QuantizationResult>(
            quantize_model(model_, load_calibration(default_calibration_path(), model_->tokenizer(), co), as));
        int4_ = make_quantized_model(*r, true);
        result_ = r;
    }

    // q/k/v/o/gate/up take 576 = 4.5 x 128; only down (1536 = 12 x 128) is quantized: 6 of 7 linears, and
    // 3/4 of the layer's linear weights (down is 576 x 1536 of 2 x 576^2 + 2 x 576 x 192 + 3 x 576 x 1536).
    void settingsProposeTheFittingSize() {
        TempSettings ts;
        AppState state;
        SettingsPage page(state, ts.settings);
        QCOMPARE(state.settings.quant.group_size, 128);
        QVERIFY(page.groupSizeNote().isEmpty());  // no model yet
        state.setModel(model_);
        const QString note = page.groupSizeNote();
        qInfo("%s", qPrintable(note));
        QVERIFY2(note.contains("Group size 128 leaves 6 of 7 linears (75 % of the decoder's weights) unquantized"),
                 qPrintable(note));
        QVERIFY2(note.contains("q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj (576 not a multiple of 128)"),
                 qPrintable(note));
        QCOMPARE(page.proposedGroupSize(), 64);
        auto* use = page.findChild<QPushButton*>("useFittingGroupSize");
        QVERIFY(use && !use->isHidden());
        QCOMPARE(use->text(), QString("Use 64"));
        QCOMPARE(state.settings.quant.group_size, 128);  // proposed, not switched behind the user's back
        use->click();
        QCOMPARE(state.settings.quant.group_size, 64);
        QCOMPARE(ts.settings.awqSettings().quant.group_size, 64);  // saved like any other choice
        QVERIFY(page.groupSizeNote().isEmpty());
        QVERIFY(use->isHidden());
        // The bundled model (256 / 768) fits 128: no note.
        state.setModel(Model::load(bundled_model()));
        page.setAwqSettings(AwqSettings{});
        QVERIFY(page.groupSizeNote().isEmpty());
    }

    void inspectTableSaysNotQuantized() {
        AppState state;
        InspectPage page(state);
        state.setResult(result_, int4_);
        LayerTableModel* m = page.tableModel();
        QCOMPARE(m->rowCount(), 1);
        const QString want("not quantized (576 not a multiple of 128)");
        for (auto c : {LayerTableModel::AlphaQkv, LayerTableModel::AlphaO, LayerTableModel::AlphaGateUp}) {
            QCOMPARE(m->index(0, c).data(Qt::DisplayRole).toString(), want);
            QVERIFY(std::isnan(m->number(0, c)));
        }
        // down (1536) was searched: a number with two decimals.
        const QString down = m->index(0, LayerTableModel::AlphaDown).data(Qt::DisplayRole).toString();
        bool ok = false;
        down.toDouble(&ok);
        QVERIFY2(ok, qPrintable(down));
    }

    // Weights: embedding and lm_head 4096 x 576 each, the layer's linears 3,538,944, of which down_proj's
    // 884,736 are INT4: 884736 / 8257536 = 10.7 %. The rest stays BF16, as loaded, and the in-memory model
    // holds fewer weight bytes than the original (not the f32 copies it used to).
    void chatTitleSaysHowMuchIsInt4() {
        TempSettings ts;
        ts.settings.setChatDevice(DeviceRequest::Cpu);
        AppState state;
        ChatPage page(state, ts.settings);
        state.setModel(model_);
        state.setResult(result_, int4_);
        QCOMPARE(page.originalPane()->title(), QString("Original"));
        QCOMPARE(page.quantizedPane()->title(), QString("AWQ (INT4) — 11 % of weights INT4, rest BF16"));
        QVERIFY(int4_->weights().bytes() < model_->weights().bytes());
        QCOMPARE(page.quantizedPane()->engineName(), QString("bf16 + int4-g128"));  // was "f32"
    }

    // The log warns before the run and names the groups kept in floating point after it.
    void quantizeLogSaysSo() {
        TempSettings ts;
        AppState state;
        state.setModel(model_);
        state.calibration = {QString(), 4, 32};
        state.settings.n_grid = 3;
        state.settings.clip = false;
        QuantizePage page(state, ts.settings);
        page.findChild<QComboBox*>("deviceCombo")->setCurrentIndex(1);  // CPU
        QSignalSpy stopped(&page.controller(), &QuantizeController::stopped);
        page.start();
        QVERIFY(stopped.wait(120000));
        const QString log = page.findChild<QPlainTextEdit*>("quantizeLog")->toPlainText();
        QVERIFY2(log.contains("Warning: Group size 128 leaves 6 of 7 linears (75 % of the decoder's weights) "
                              "unquantized: q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj (576 not a multiple of "
                              "128). Group size 64 would quantize them all (Settings)."),
                 qPrintable(log));
        for (const char* g : {"qkv", "o", "gate_up"})
            QVERIFY2(log.contains(QString("Group %1 in every layer: not quantized (576 not a multiple of 128)").arg(g)),
                     qPrintable(log));
        QVERIFY(!log.contains("Group down in every layer"));
        QVERIFY2(!log.contains("no scale candidate"), qPrintable(log));
    }
};

QTEST_MAIN(TestGuiGroupFit)
#include "test_gui_group_fit.moc"
