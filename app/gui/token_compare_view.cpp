// SPDX-License-Identifier: GPL-3.0-or-later
#include "token_compare_view.hpp"
#include "app_state.hpp"

#include <awq/error.hpp>
#include <awq/runtime/session.hpp>

#include <QAbstractTextDocumentLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QScrollBar>
#include <QTextCursor>
#include <QToolTip>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>
#include <cmath>

namespace awq::gui {

double TokenCompareRun::meanKl() const {
    double s = 0;
    for (const TokenComparison& c : tokens) s += c.kl;
    return tokens.empty() ? 0 : s / double(tokens.size());
}

double TokenCompareRun::agreement() const {
    const auto n = std::count_if(tokens.begin(), tokens.end(), [](const TokenComparison& c) { return c.top1_agrees; });
    return tokens.empty() ? 0 : double(n) / double(tokens.size());
}

TokenCompareRun runTokenCompare(std::shared_ptr<const Model> original, std::shared_ptr<const Model> quantized,
                                const std::string& user_text, const GenerationOptions& options,
                                const std::atomic<bool>& stop) {
    TokenCompareRun r;
    r.original = original;
    try {
        // The same prompt as the chat panes feed (chat_worker.cpp): the template holds its own BOS text.
        const std::string text = original->chat_template().render({{"user", user_text}}, true);
        r.prompt = original->tokenizer().encode(text, false);
        const int64_t ctx = std::min<int64_t>(original->config().max_position_embeddings, 4096);
        if (int64_t(r.prompt.size()) >= ctx)
            throw InvalidArgument("the message has " + std::to_string(r.prompt.size()) +
                                  " tokens; the context holds " + std::to_string(ctx));
        GenerationOptions o = options;
        o.max_new_tokens = int(std::min<int64_t>(o.max_new_tokens, ctx - int64_t(r.prompt.size())));
        InferenceSession session(original, ctx);
        generate(session, r.prompt, o, [&](int32_t id, const std::string& piece) {
            if (id < 0) {  // the text left undecoded at the end (generate.hpp) belongs to the last token
                if (!r.pieces.empty()) r.pieces.back() += piece;
                return true;
            }
            r.reply.push_back(id);
            r.pieces.push_back(piece);
            return !stop.load();
        });
        std::vector<int32_t> all = r.prompt;
        all.insert(all.end(), r.reply.begin(), r.reply.end());
        r.tokens = compare_tokens(original, std::move(quantized), all, int64_t(r.prompt.size()));
    } catch (const std::exception& e) {
        r.error = e.what();
    }
    return r;
}

TokenTextView::TokenTextView(QWidget* parent) : QTextBrowser(parent) { setReadOnly(true); }

void TokenTextView::setTokens(const QVector<Token>& tokens) {
    tokens_ = tokens;
    starts_.clear();
    clear();
    QTextCursor c(document());
    for (const Token& t : tokens_) {
        starts_.push_back(c.position());
        QTextCharFormat f;
        if (t.background.isValid()) f.setBackground(t.background);
        if (t.underline) {
            f.setUnderlineStyle(QTextCharFormat::SingleUnderline);
            f.setUnderlineColor(QColor(200, 0, 0));
        }
        c.insertText(t.text, f);
    }
    starts_.push_back(c.position());
}

int TokenTextView::tokenAt(const QPoint& viewport_pos) const {
    const QPointF doc_pos = QPointF(viewport_pos) + QPointF(horizontalScrollBar()->value(), verticalScrollBar()->value());
    const int p = document()->documentLayout()->hitTest(doc_pos, Qt::ExactHit);
    if (p < 0 || starts_.size() < 2) return -1;
    const auto it = std::upper_bound(starts_.begin(), starts_.end(), p);
    const int i = int(it - starts_.begin()) - 1;
    return i >= 0 && i < tokens_.size() ? i : -1;
}

bool TokenTextView::viewportEvent(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        const auto* help = static_cast<QHelpEvent*>(event);
        const int i = tokenAt(help->pos());
        if (i >= 0 && !tokens_[i].toolTip.isEmpty())
            QToolTip::showText(help->globalPos(), tokens_[i].toolTip, viewport());
        else
            QToolTip::hideText();
        return true;
    }
    return QTextBrowser::viewportEvent(event);
}

TokenCompareView::TokenCompareView(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    summary_ = new QLabel(tr("Send a message: the original answers, and the INT4 model is measured on the same "
                             "tokens."));
    summary_->setObjectName("compareSummary");
    summary_->setWordWrap(true);
    summary_->setToolTip(tr("Each token's background shows the KL divergence of the two models' next-token "
                            "distributions (none below 0.001, yellow to red up to 1 nat); underlined: the INT4 "
                            "model's most probable token differs. Hover a token for both top-5."));
    text_ = new TokenTextView;
    text_->setObjectName("compareText");
    layout->addWidget(summary_);
    layout->addWidget(text_, 1);
    connect(&watcher_, &QFutureWatcher<TokenCompareRun>::finished, this, [this] {
        run_ = watcher_.result();
        showRun();
        emit finished();
    });
}

TokenCompareView::~TokenCompareView() {
    stop_->store(true);
    watcher_.waitForFinished();
}

void TokenCompareView::run(std::shared_ptr<const Model> original, std::shared_ptr<const Model> quantized,
                           const QString& user_text, const GenerationOptions& options) {
    if (isBusy() || !original || !quantized) return;
    stop_ = std::make_shared<std::atomic<bool>>(false);
    summary_->setText(tr("Comparing …"));
    text_->setTokens({});
    watcher_.setFuture(QtConcurrent::run([original, quantized, text = ss(user_text), options, stop = stop_] {
        return runTokenCompare(original, quantized, text, options, *stop);
    }));
}

QString TokenCompareView::summaryText() const { return summary_->text(); }

QColor TokenCompareView::klColor(double kl) {
    if (!(kl >= 1e-3)) return {};
    const double t = std::clamp(std::log10(kl / 1e-3) / 3.0, 0.0, 1.0);  // 0.001 .. 1 nat
    return QColor::fromHsvF(float((1 - t) * 60.0 / 360.0), 0.9f, 1.0f, float(0.25 + 0.5 * t));
}

namespace {

// A token's text for a list: visible whitespace, quoted.
QString shown(const std::string& piece) {
    QString s = qs(piece);
    s.replace('\n', QStringLiteral("\u21b5")).replace('\t', QStringLiteral("\u21e5"));
    return QStringLiteral("\u201c%1\u201d").arg(s.toHtmlEscaped());
}

}  // namespace

QString TokenCompareView::toolTipFor(size_t i) const {
    const TokenComparison& c = run_.tokens[i];
    const Tokenizer& tok = run_.original->tokenizer();
    auto list = [&](const std::vector<TokenProbability>& top) {
        QString rows;
        for (const TokenProbability& t : top)
            rows += QStringLiteral("<tr><td>%1</td><td align=right>%2 %</td></tr>")
                        .arg(shown(tok.decode({t.id})))
                        .arg(t.probability * 100, 0, 'f', 1);
        return QStringLiteral("<table>%1</table>").arg(rows);
    };
    return QStringLiteral("<p>%1<br>%2</p><p><b>%3</b>%4<b>%5</b>%6</p>")
        .arg(tr("KL divergence: %1").arg(c.kl, 0, 'g', 3),
             tr("INT4's probability of %1: %2 %").arg(shown(tok.decode({c.token}))).arg(c.quantized_probability * 100, 0, 'f', 1),
             tr("Original top-5"), list(c.original_top), tr("INT4 top-5"), list(c.quantized_top));
}

void TokenCompareView::showRun() {
    if (!run_.error.empty()) {
        summary_->setText(tr("The comparison failed: %1").arg(qs(run_.error)));
        text_->setTokens({});
        return;
    }
    if (run_.tokens.empty()) {
        summary_->setText(tr("The original gave no reply tokens to compare."));
        text_->setTokens({});
        return;
    }
    QVector<TokenTextView::Token> tokens;
    for (size_t i = 0; i < run_.tokens.size(); ++i) {
        const TokenComparison& c = run_.tokens[i];
        tokens.push_back({qs(run_.pieces[i]), klColor(c.kl), !c.top1_agrees, toolTipFor(i)});
    }
    text_->setTokens(tokens);
    summary_->setText(tr("Top-1 agreement %1 % · mean KL %2 (%n token(s))", nullptr, int(run_.tokens.size()))
                          .arg(run_.agreement() * 100, 0, 'f', 1)
                          .arg(run_.meanKl(), 0, 'f', 4));
}

}  // namespace awq::gui
