// SPDX-License-Identifier: GPL-3.0-or-later
#include "chat_pane.hpp"
#include "core_message_text.hpp"
#include "app_state.hpp"
#include "prompt_dialog.hpp"

#include <awq/model/model_summary.hpp>

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace awq::gui {

ChatPane::ChatPane(const QString& title, QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* top = new QHBoxLayout;
    base_title_ = title;
    title_ = new QLabel(title);
    title_->setObjectName("heading");
    top->addWidget(title_);
    top->addStretch(1);
    prompt_button_ = new QPushButton(tr("Show prompt"));
    prompt_button_->setToolTip(tr("The exact text and token ids this model is fed, rendered by its chat template"));
    prompt_button_->setEnabled(false);
    top->addWidget(prompt_button_);
    auto* load = new QPushButton(tr("Load folder…"));
    top->addWidget(load);
    layout->addLayout(top);
    info_ = new QLabel(tr("No model."));
    info_->setObjectName("engineLabel");
    info_->setWordWrap(true);
    layout->addWidget(info_);
    device_label_ = new QLabel;
    device_label_->setObjectName("deviceLabel");
    device_label_->setWordWrap(true);
    layout->addWidget(device_label_);
    view_ = new QTextBrowser;
    view_->setObjectName("chatView");
    layout->addWidget(view_, 1);
    stats_label_ = new QLabel;
    stats_label_->setObjectName("statsLabel");
    layout->addWidget(stats_label_);
    connect(load, &QPushButton::clicked, this, &ChatPane::loadRequested);
    connect(prompt_button_, &QPushButton::clicked, this, [this] { showPrompt(); });
}

void ChatPane::setModel(std::shared_ptr<const Model> model, const QString& label,
                        std::shared_ptr<const QuantizationResult> result) {
    engine_.reset();  // stops and joins the previous model's thread
    clearConversation();
    model_ = std::move(model);
    result_ = std::move(result);
    label_ = label;
    prompt_button_->setEnabled(model_ != nullptr);
    if (!model_) {
        title_->setText(base_title_);
        info_->setText(tr("No model."));
        device_label_->clear();
        return;
    }
    startEngine();
}

// " — 20 % of weights INT4, rest BF16" for a model with INT4 layers: a group size that does not divide the
// model's widths leaves most of it in floating point, and "AWQ (INT4)" alone would hide that.
QString ChatPane::precisionSuffix(const Model& m) {
    const WeightPrecision p = weight_precision(m);
    if (p.int4_fraction <= 0) return {};
    return tr(" — %1 % of weights INT4, rest %2").arg(100.0 * p.int4_fraction, 0, 'f', 0).arg(qs(p.rest_dtype));
}

QString ChatPane::title() const { return title_->text(); }

void ChatPane::setDevice(DeviceRequest device) {
    if (device == device_) return;
    device_ = device;
    if (!model_) return;
    engine_.reset();
    startEngine();
}

QString ChatPane::deviceText() const { return device_label_->text(); }

void ChatPane::startEngine() {
    engine_ = std::make_unique<ChatEngine>(model_, result_, device_);
    title_->setText(base_title_ + precisionSuffix(*model_));
    info_->setText(tr("%1\nengine %2 · weights %3 · chat template: %4")
                       .arg(label_, engine_->engineName(), qs(human_bytes(engine_->weightBytes())),
                            chatTemplateText(engine_->model().chat_template())));
    device_label_->setText(device_ == DeviceRequest::Cpu ? tr("Device: CPU") : tr("Device: looking for the GPU …"));
    connect(engine_.get(), &ChatEngine::deviceReady, this, [this](const QString& d) {
        device_label_->setText(tr("Device: %1").arg(d));
        emit deviceReady();
    });
    connect(engine_.get(), &ChatEngine::tokens, this, [this](const QString& t) {
        reply_ += t;
        render();
        emit streamed(t);
    });
    connect(engine_.get(), &ChatEngine::finished, this, [this](const ChatStats& s) {
        stats_ = s;
        messages_.push_back({"assistant", reply_});
        stats_label_->setText(tr("%1 tokens · %2 tokens/s · first token after %3 ms%4")
                                  .arg(s.tokens).arg(s.tokens_per_second, 0, 'f', 1).arg(s.ttft_seconds * 1e3, 0, 'f', 0)
                                  .arg(s.stopped ? tr(" · stopped") : QString()));
        render();
        emit replyFinished();
    });
    connect(engine_.get(), &ChatEngine::failed, this, [this](const QString& m) {
        error_ = m;
        messages_.removeLast();  // the user turn that could not be answered
        render();
        emit replyFinished();
    });
}

void ChatPane::send(const QString& user_text, const GenerationOptions& options) {
    if (!engine_ || engine_->isBusy()) return;
    messages_.push_back({"user", user_text});
    reply_.clear();
    error_.clear();
    stats_label_->setText(tr("generating …"));
    render();
    engine_->send({messages_, options});
}

void ChatPane::stop() {
    if (engine_) engine_->stop();
}

void ChatPane::clearConversation() {
    messages_.clear();
    reply_.clear();
    error_.clear();
    stats_label_->clear();
    render();
}

QString ChatPane::transcript() const { return view_->toPlainText(); }

void ChatPane::render() {
    QString html;
    const auto block = [&](const QString& who, const QString& text, const char* cls) {
        html += QString("<p class='%1'><b>%2</b><br>%3</p>").arg(cls, who, text.toHtmlEscaped().replace("\n", "<br>"));
    };
    for (const auto& [role, content] : messages_)
        block(role == "user" ? tr("You") : tr("Model"), content, role == "user" ? "user" : "model");
    const bool streaming = !messages_.isEmpty() && messages_.back().first == "user" && error_.isEmpty();
    if (streaming) block(tr("Model"), reply_ + QString::fromUtf8(" ▌"), "model");
    if (!error_.isEmpty()) html += QString("<p style='color:#c0392b'>%1</p>").arg(error_.toHtmlEscaped());
    view_->setHtml(html);
    view_->verticalScrollBar()->setValue(view_->verticalScrollBar()->maximum());
}

PromptDialog* ChatPane::showPrompt() {
    if (!model_) return nullptr;
    auto* dialog = new PromptDialog(*model_, messages_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

}  // namespace awq::gui
