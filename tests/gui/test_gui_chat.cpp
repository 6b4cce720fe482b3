// SPDX-License-Identifier: GPL-3.0-or-later
// The comparison chat: both panes receive streamed tokens for the same prompt, the AWQ pane runs on the
// INT4 kernels, a greedy reply equals the core's generate() on the same conversation, and Stop ends a long
// reply within a second. The Device choice: Auto without a usable CUDA plugin runs on the CPU and says why
// in each pane, GPU then refuses to reply with that reason, CPU never looks; the choice is remembered.
#include "gui_test_util.hpp"

#include <chat_page.hpp>
#include <chat_pane.hpp>
#include <gui_metatypes.hpp>

#include <awq/runtime/generate.hpp>

#include <QComboBox>
#include <QElapsedTimer>
#include <QScopeGuard>

using namespace awq;
using namespace awq::gui;
using namespace awq::test;

class TestGuiChat : public QObject {
    Q_OBJECT

    std::shared_ptr<Model> model_;
    std::shared_ptr<const QuantizationResult> result_;
    std::shared_ptr<const Model> int4_;

    // What the core's own loop produces for one user turn (the reference for the pane's reply).
    std::string reference_reply(const std::shared_ptr<const Model>& m, const std::string& prompt, const GenerationOptions& o) {
        const std::string text = m->chat_template().render({{"user", prompt}}, true);
        InferenceSession s(m, std::min<int64_t>(m->config().max_position_embeddings, 4096));
        return generate(s, m->tokenizer().encode(text, false), o).text;
    }

private slots:
    void initTestCase() {
        register_gui_metatypes();
        model_ = Model::load(bundled_model());
        CalibrationOptions co;
        co.n_samples = 8;
        co.block_len = 64;
        AwqSettings s;
        s.n_grid = 3;
        auto r = std::make_shared<QuantizationResult>(
            quantize_model(model_, load_calibration(default_calibration_path(), model_->tokenizer(), co), s));
        int4_ = make_quantized_model(*r, true);
        result_ = r;
    }

    void bothPanesStream() {
        TempSettings ts;
        ts.settings.setChatDevice(DeviceRequest::Cpu);  // the reference replies come from the CPU's own loop
        AppState state;
        ChatPage page(state, ts.settings);
        state.setModel(model_);
        state.setResult(result_, int4_);
        QCOMPARE(page.originalPane()->engineName(), QString::fromStdString(model_->weights().layers[0].q_proj->kind()));
        QCOMPARE(page.quantizedPane()->engineName(), QString("int4-g128"));
        GenerationOptions o;
        o.max_new_tokens = 12;
        o.sampling.temperature = 0;
        o.stop_at_eos = true;
        page.setOptions(o);
        int left_chunks = 0, right_chunks = 0;
        connect(page.originalPane(), &ChatPane::streamed, this, [&] { ++left_chunks; });
        connect(page.quantizedPane(), &ChatPane::streamed, this, [&] { ++right_chunks; });
        QSignalSpy all(&page, &ChatPage::allRepliesFinished);
        page.send("And God said");
        QVERIFY(all.wait(60000));
        QVERIFY(left_chunks > 0 && right_chunks > 0);
        for (ChatPane* p : {page.originalPane(), page.quantizedPane()}) {
            QVERIFY(p->lastStats().tokens > 0);
            QVERIFY(!p->lastReply().isEmpty());
            QVERIFY(p->transcript().contains("And God said"));
            QVERIFY(p->lastStats().ttft_seconds > 0);
        }
        QCOMPARE(page.originalPane()->lastReply().toStdString(), reference_reply(model_, "And God said", page.options()));
        QCOMPARE(page.quantizedPane()->lastReply().toStdString(), reference_reply(int4_, "And God said", page.options()));
    }

    void deviceChoiceFallsBackWithTheReason() {
        qputenv("AWQ_CUDA_PLUGIN", "/nonexistent/libawq_cuda.so");
        const auto unset = qScopeGuard([] { qunsetenv("AWQ_CUDA_PLUGIN"); });
        TempSettings ts;
        AppState state;
        ChatPage page(state, ts.settings);
        auto* combo = page.findChild<QComboBox*>("deviceCombo");
        QVERIFY(combo);
        QCOMPARE(combo->currentData().toInt(), int(DeviceRequest::Auto));  // the default
        QSignalSpy ready(page.originalPane(), &ChatPane::deviceReady);
        QSignalSpy ready_q(page.quantizedPane(), &ChatPane::deviceReady);
        state.setModel(model_);
        state.setResult(result_, int4_);
        QVERIFY(ready.wait(30000));
        if (ready_q.isEmpty()) QVERIFY(ready_q.wait(30000));
        for (ChatPane* p : {page.originalPane(), page.quantizedPane()}) {
            QVERIFY(!p->onGpu());
            QVERIFY2(p->deviceText().startsWith("Device: CPU (not on the GPU: ") &&
                         p->deviceText().contains("/nonexistent/libawq_cuda.so"),
                     qPrintable(p->deviceText()));
        }
        GenerationOptions o;
        o.max_new_tokens = 3;
        o.sampling.temperature = 0;
        page.setOptions(o);
        QSignalSpy all(&page, &ChatPage::allRepliesFinished);
        page.send("And God said");
        QVERIFY(all.wait(60000));
        QVERIFY(page.originalPane()->lastStats().tokens > 0);

        // GPU insists: the pane names the reason, and a reply fails with it instead of running on the CPU.
        ready.clear();
        combo->setCurrentIndex(combo->findData(int(DeviceRequest::Cuda)));
        QCOMPARE(ts.settings.chatDevice(), DeviceRequest::Cuda);
        QVERIFY(ready.wait(30000));
        QVERIFY2(page.originalPane()->deviceText().contains("the GPU was asked for but cannot be used"),
                 qPrintable(page.originalPane()->deviceText()));
        QVERIFY(page.originalPane()->transcript().contains("And God said"));  // the conversation is kept
        all.clear();
        page.send("Let there be light");
        QVERIFY(all.wait(60000));
        QVERIFY2(page.originalPane()->transcript().contains("/nonexistent/libawq_cuda.so"),
                 qPrintable(page.originalPane()->transcript()));

        // CPU: said at once, no probing.
        combo->setCurrentIndex(combo->findData(int(DeviceRequest::Cpu)));
        QCOMPARE(page.originalPane()->deviceText(), QString("Device: CPU"));
        QCOMPARE(ts.settings.chatDevice(), DeviceRequest::Cpu);
    }

    void stopEndsQuickly() {
        TempSettings ts;
        AppState state;
        ChatPage page(state, ts.settings);
        state.setModel(model_);
        GenerationOptions o;
        o.max_new_tokens = 400;
        o.sampling.temperature = 1.0f;
        o.sampling.seed = 3;
        page.setOptions(o);
        QSignalSpy all(&page, &ChatPage::allRepliesFinished);
        page.send("In the beginning");
        QTRY_VERIFY_WITH_TIMEOUT(!page.originalPane()->lastReply().isEmpty() || !all.isEmpty(), 30000);
        if (!all.isEmpty()) QSKIP("the reply ended before Stop could be pressed");
        QElapsedTimer t;
        t.start();
        page.originalPane()->stop();
        QVERIFY(all.wait(5000));
        QVERIFY2(t.elapsed() < 1000, qPrintable(QString("stop took %1 ms").arg(t.elapsed())));
        QVERIFY(page.originalPane()->lastStats().tokens < 400);
    }
};

QTEST_MAIN(TestGuiChat)
#include "test_gui_chat.moc"
