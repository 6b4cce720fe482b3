// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Chat's token comparison: the original model answers the user's message (greedy or sampled, on the CPU),
// then the quantized model runs teacher-forced on the same tokens in one prefill
// (awq/runtime/token_compare.hpp). The reply is shown with each token's background coloured by
// KL(P_orig || P_quant) and a disagreeing top-1 underlined; hovering a token shows both models' top-5; one line
// sums it up: "Top-1 agreement x % · mean KL y".
#include <awq/model/model.hpp>
#include <awq/runtime/generate.hpp>
#include <awq/runtime/token_compare.hpp>

#include <QFutureWatcher>
#include <QTextBrowser>
#include <QWidget>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

class QLabel;

namespace awq::gui {

// One comparison: the original's reply tokens, the text each completes, and one TokenComparison per reply
// token; `error` is set instead when it failed.
struct TokenCompareRun {
    std::shared_ptr<const Model> original;  // decodes the top-5 ids
    std::vector<int32_t> prompt;
    std::vector<int32_t> reply;
    std::vector<std::string> pieces;
    std::vector<TokenComparison> tokens;
    std::string error;
    double meanKl() const;
    double agreement() const;  // fraction 0..1
};

// Runs on any thread: renders `user_text` as a one-turn chat with the original's template, lets the original
// answer (on the CPU) and compares the quantized model on the answer. Setting `stop` ends the answer early.
TokenCompareRun runTokenCompare(std::shared_ptr<const Model> original, std::shared_ptr<const Model> quantized,
                                const std::string& user_text, const GenerationOptions& options,
                                const std::atomic<bool>& stop);

// Rich text whose tokens each carry a tooltip.
class TokenTextView : public QTextBrowser {
    Q_OBJECT
public:
    explicit TokenTextView(QWidget* parent = nullptr);
    struct Token {
        QString text;
        QColor background;  // invalid: none
        bool underline = false;
        QString toolTip;
    };
    void setTokens(const QVector<Token>& tokens);
    int tokenCount() const { return int(tokens_.size()); }
    const Token& token(int i) const { return tokens_[i]; }
    int tokenStart(int i) const { return starts_[i]; }
    // The token under a viewport position, or -1.
    int tokenAt(const QPoint& viewport_pos) const;

protected:
    bool viewportEvent(QEvent* event) override;

private:
    QVector<Token> tokens_;
    QVector<int> starts_;  // document position of each token's first character (and one past the last)
};

class TokenCompareView : public QWidget {
    Q_OBJECT
public:
    explicit TokenCompareView(QWidget* parent = nullptr);
    ~TokenCompareView() override;  // stops a running comparison and waits for it
    void run(std::shared_ptr<const Model> original, std::shared_ptr<const Model> quantized, const QString& user_text,
             const GenerationOptions& options);
    void stop() { stop_->store(true); }
    bool isBusy() const { return watcher_.isRunning(); }
    const TokenCompareRun& lastRun() const { return run_; }
    QString summaryText() const;
    TokenTextView* textView() const { return text_; }
    // The background of a token with this KL (nats): none below 0.001, yellow to red up to 1 and beyond.
    static QColor klColor(double kl);

signals:
    void finished();

private:
    void showRun();
    QString toolTipFor(size_t i) const;
    QLabel* summary_ = nullptr;
    TokenTextView* text_ = nullptr;
    QFutureWatcher<TokenCompareRun> watcher_;
    std::shared_ptr<std::atomic<bool>> stop_ = std::make_shared<std::atomic<bool>>(false);
    TokenCompareRun run_;
};

}  // namespace awq::gui
