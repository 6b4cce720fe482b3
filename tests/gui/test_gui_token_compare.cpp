// SPDX-License-Identifier: GPL-3.0-or-later
// Chat's token comparison (token_compare_view.hpp) on the bundled model and an RTN-quantized copy, offscreen.
// The reference is computed here independently from the two models' logits, fed token by token through plain
// decode steps and turned into probabilities in double (KL as sum p log(p / q), top-1 by max_element); the
// reply (sampled hot with a seed, so that some top-1 choices differ) is the core's generate() on the same
// one-turn chat. Checked: runTokenCompare's reply and per-token
// agreement, KL and INT4 probability equal the reference; in the Chat page, ticking "Compare tokens" shows
// the view, a sent message fills it with one coloured token per reply token (background = klColor(KL),
// underlined where top-1 differs), a hover tooltip with both top-5 lists, and the line "Top-1 agreement x %
// · mean KL y" with the reference's numbers; the colour scale; closing the view mid-run stops it promptly.
#include "gui_test_util.hpp"

#include <chat_page.hpp>
#include <chat_pane.hpp>
#include <gui_metatypes.hpp>
#include <token_compare_view.hpp>

#include <awq/cpu/int4_dispatch.hpp>
#include <awq/runtime/generate.hpp>
#include <awq/runtime/session.hpp>

#include <QCheckBox>
#include <QElapsedTimer>
#include <QHelpEvent>
#include <QToolTip>

#include <algorithm>
#include <cmath>

using namespace awq;
using namespace awq::gui;
using namespace awq::test;

namespace {

struct Reference {
    std::vector<int32_t> prompt, reply;
    std::vector<double> kl, q_token;
    std::vector<bool> agrees;
    double mean_kl = 0, agreement = 0;
};

std::vector<float> decode_row(InferenceSession& s, int32_t id) { return s.feed({id}); }

std::vector<double> softmax(const std::vector<float>& l) {
    const double mx = *std::max_element(l.begin(), l.end());
    std::vector<double> p(l.size());
    double z = 0;
    for (size_t i = 0; i < p.size(); ++i) z += p[i] = std::exp(double(l[i]) - mx);
    for (double& x : p) x /= z;
    return p;
}

// The original's reply (seeded: reproducible) to a one-turn chat, and the per-token comparison from decode-step logits.
Reference reference(const std::shared_ptr<const Model>& fp, const std::shared_ptr<const Model>& quant,
                    const std::string& message, const GenerationOptions& o) {
    Reference r;
    r.prompt = fp->tokenizer().encode(fp->chat_template().render({{"user", message}}, true), false);
    InferenceSession g(fp, 512);
    r.reply = generate(g, r.prompt, o).tokens;
    std::vector<int32_t> all = r.prompt;
    all.insert(all.end(), r.reply.begin(), r.reply.end());
    InferenceSession a(fp, 512), b(quant, 512);
    for (size_t t = 0; t + 1 < all.size(); ++t) {
        const std::vector<float> lp = decode_row(a, all[t]), lq = decode_row(b, all[t]);
        if (t + 1 < r.prompt.size()) continue;
        const std::vector<double> p = softmax(lp), q = softmax(lq);
        double kl = 0;
        for (size_t i = 0; i < p.size(); ++i)
            if (p[i] > 0) kl += p[i] * std::log(p[i] / q[i]);
        r.kl.push_back(kl);
        r.q_token.push_back(q[size_t(all[t + 1])]);
        r.agrees.push_back(std::max_element(lp.begin(), lp.end()) - lp.begin() ==
                           std::max_element(lq.begin(), lq.end()) - lq.begin());
        r.mean_kl += kl;
        r.agreement += r.agrees.back();
    }
    r.mean_kl /= double(r.kl.size());
    r.agreement /= double(r.kl.size());
    return r;
}

}  // namespace

class TestGuiTokenCompare : public QObject {
    Q_OBJECT

    std::shared_ptr<Model> fp_;
    std::shared_ptr<const QuantizationResult> result_;
    std::shared_ptr<const Model> rtn_;
    GenerationOptions options_;  // the Chat page's options (sampled, seeded)
    Reference ref_;
    const std::string message_ = "And God said";

private slots:
    void initTestCase() {
        // The reference's decode steps run the float INT4 gemv, so that they differ from the compare's prefill
        // only in the order of float sums (2e-5); the default int8-activation gemv has its own bound (test_int4_q8).
        set_int4_kernel(Int4Kernel::avx2);
        register_gui_metatypes();
        fp_ = Model::load(bundled_model());
        CalibrationOptions co;
        co.n_samples = 2;
        co.block_len = 32;
        AwqSettings s;
        s.rtn = true;
        s.error_feedback = false;
        auto r = std::make_shared<QuantizationResult>(
            quantize_model(fp_, load_calibration(default_calibration_path(), fp_->tokenizer(), co), s));
        rtn_ = make_quantized_model(*r, true);
        result_ = r;
        // Sampled hot, so that the reply has unlikely tokens where the two models' top-1 differ.
        options_.max_new_tokens = 60;
        options_.sampling.temperature = 1.5f;
        options_.sampling.top_p = 1.0f;
        options_.sampling.seed = 11;
        options_.stop_at_eos = true;  // as the Chat page sends
        ref_ = reference(fp_, rtn_, message_, options_);
        QVERIFY(ref_.kl.size() >= 8);
        QVERIFY(std::count(ref_.agrees.begin(), ref_.agrees.end(), false) > 0);
        qInfo("reference: %d reply tokens, top-1 agreement %.1f %%, mean KL %.5f", int(ref_.kl.size()),
              ref_.agreement * 100, ref_.mean_kl);
    }

    void runMatchesReference() {
        const std::atomic<bool> stop = false;
        const TokenCompareRun r = runTokenCompare(fp_, rtn_, message_, options_, stop);
        QVERIFY2(r.error.empty(), r.error.c_str());
        QCOMPARE(r.prompt, ref_.prompt);
        QCOMPARE(r.reply, ref_.reply);
        QCOMPARE(r.pieces.size(), r.reply.size());
        QCOMPARE(r.tokens.size(), ref_.kl.size());
        for (size_t i = 0; i < r.tokens.size(); ++i) {
            QCOMPARE(r.tokens[i].position, int64_t(ref_.prompt.size() + i));
            QVERIFY2(std::abs(r.tokens[i].kl - ref_.kl[i]) <= 2e-5 * (1 + ref_.kl[i]),
                     qPrintable(QString("token %1: KL %2 vs %3").arg(i).arg(r.tokens[i].kl).arg(ref_.kl[i])));
            QVERIFY(std::abs(r.tokens[i].quantized_probability - ref_.q_token[i]) <= 2e-5);
            QCOMPARE(r.tokens[i].top1_agrees, bool(ref_.agrees[i]));
        }
        QVERIFY(std::abs(r.meanKl() - ref_.mean_kl) <= 2e-5 * (1 + ref_.mean_kl));
        QCOMPARE(r.agreement(), ref_.agreement);
    }

    void chatPageShowsComparison() {
        TempSettings ts;
        ts.settings.setChatDevice(DeviceRequest::Cpu);
        AppState state;
        ChatPage page(state, ts.settings);
        state.setModel(fp_);
        state.setResult(result_, rtn_);
        page.setOptions(options_);
        page.resize(900, 700);
        page.show();
        auto* toggle = page.findChild<QCheckBox*>("compareToggle");
        QVERIFY(toggle);
        QVERIFY(!page.compareView()->isVisible());
        toggle->setChecked(true);
        QVERIFY(page.compareView()->isVisible());
        QSignalSpy done(page.compareView(), &TokenCompareView::finished);
        QSignalSpy replies(&page, &ChatPage::allRepliesFinished);
        page.send(QString::fromStdString(message_));
        QVERIFY(done.wait(60000));
        if (replies.isEmpty()) QVERIFY(replies.wait(60000));

        const TokenCompareView* view = page.compareView();
        QVERIFY2(view->lastRun().error.empty(), view->lastRun().error.c_str());
        QCOMPARE(view->lastRun().reply, ref_.reply);
        const QString summary = view->summaryText();
        QVERIFY2(summary.contains(QString("Top-1 agreement %1 %").arg(ref_.agreement * 100, 0, 'f', 1)), qPrintable(summary));
        QVERIFY2(summary.contains(QString("mean KL %1").arg(ref_.mean_kl, 0, 'f', 4)), qPrintable(summary));

        TokenTextView* text = view->textView();
        QCOMPARE(text->tokenCount(), int(ref_.kl.size()));
        QString joined;
        for (int i = 0; i < text->tokenCount(); ++i) {
            joined += text->token(i).text;
            QCOMPARE(text->token(i).background, TokenCompareView::klColor(view->lastRun().tokens[size_t(i)].kl));
            QCOMPARE(text->token(i).underline, !bool(ref_.agrees[size_t(i)]));
        }
        QCOMPARE(joined.toStdString(), fp_->tokenizer().decode(ref_.reply));
        QCOMPARE(text->toPlainText(), joined);

        // The most divergent token: its tooltip lists both top-5 with the core's probabilities.
        const auto& toks = view->lastRun().tokens;
        const int worst = int(std::max_element(toks.begin(), toks.end(), [](const auto& a, const auto& b) { return a.kl < b.kl; }) - toks.begin());
        const QString tip = text->token(worst).toolTip;
        QVERIFY(tip.contains("Original top-5") && tip.contains("INT4 top-5"));
        for (const auto* top : {&toks[size_t(worst)].original_top, &toks[size_t(worst)].quantized_top}) {
            QCOMPARE(int(top->size()), 5);
            for (const TokenProbability& t : *top)
                QVERIFY2(tip.contains(QString("%1 %").arg(t.probability * 100, 0, 'f', 1)), qPrintable(tip));
        }
        // Hovering: a token's first visible character maps back to that token.
        int hit = 0;
        for (int i = 0; i < text->tokenCount(); ++i) {
            const QString& t = text->token(i).text;
            const auto visible = std::find_if(t.begin(), t.end(), [](QChar ch) { return !ch.isSpace(); });
            if (visible == t.end()) continue;
            QTextCursor c(text->document());
            c.setPosition(text->tokenStart(i) + int(visible - t.begin()));
            const QRect r = text->cursorRect(c);
            if (!text->viewport()->rect().contains(r.center())) continue;
            QCOMPARE(text->tokenAt(r.center() + QPoint(1, 0)), i);
            if (hit++ == 0) {  // and a tooltip event there shows that token's tooltip
                const QPoint at = r.center() + QPoint(1, 0);
                QHelpEvent e(QEvent::ToolTip, at, text->viewport()->mapToGlobal(at));
                QApplication::sendEvent(text->viewport(), &e);
                QTRY_COMPARE(QToolTip::text(), text->token(i).toolTip);
            }
        }
        QVERIFY(hit > 0);
        QCOMPARE(text->tokenAt(QPoint(-50, -50)), -1);
    }

    void colourScale() {
        QVERIFY(!TokenCompareView::klColor(0).isValid());
        QVERIFY(!TokenCompareView::klColor(9e-4).isValid());
        QVERIFY(!TokenCompareView::klColor(NAN).isValid());
        const QColor low = TokenCompareView::klColor(2e-3), mid = TokenCompareView::klColor(0.05),
                     high = TokenCompareView::klColor(1), beyond = TokenCompareView::klColor(50);
        QVERIFY(low.isValid() && high.isValid());
        QVERIFY(low.hueF() > mid.hueF() && mid.hueF() > high.hueF());    // yellow towards red
        QVERIFY(low.alphaF() < mid.alphaF() && mid.alphaF() < high.alphaF());
        QCOMPARE(beyond, high);
    }

    // Stop ends the original's answer at its next token (the flag is polled per token); closing the view mid-run
    // stops it and waits, without hanging.
    void stopEndsARun() {
        GenerationOptions long_run = options_;
        long_run.max_new_tokens = 500;
        long_run.stop_at_eos = false;
        {
            TokenCompareView view;
            QSignalSpy done(&view, &TokenCompareView::finished);
            view.run(fp_, rtn_, "And God said", long_run);
            QVERIFY(view.isBusy());
            view.stop();
            QVERIFY(done.wait(30000));
            QCOMPARE(int(view.lastRun().reply.size()), 1);
            QCOMPARE(int(view.lastRun().tokens.size()), 1);
        }
        QElapsedTimer t;
        {
            TokenCompareView view;
            view.run(fp_, rtn_, "And God said", long_run);
            QTest::qWait(20);
            t.start();
        }
        QVERIFY2(t.elapsed() < 3000, qPrintable(QString("%1 ms").arg(t.elapsed())));
    }
};

QTEST_MAIN(TestGuiTokenCompare)
#include "test_gui_token_compare.moc"
