// SPDX-License-Identifier: GPL-3.0-or-later
#include "chat_page.hpp"
#include "chat_pane.hpp"
#include "token_compare_view.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>

namespace awq::gui {

ChatPage::ChatPage(AppState& state, AppSettings& settings, QWidget* parent)
    : QWidget(parent), state_(state), settings_(settings) {
    auto* layout = new QVBoxLayout(this);
    auto* split = new QSplitter(Qt::Horizontal);
    left_ = new ChatPane(tr("Original"));
    left_->setObjectName("originalPane");
    right_ = new ChatPane(tr("AWQ (INT4)"));
    right_->setObjectName("quantizedPane");
    split->addWidget(left_);
    split->addWidget(right_);
    layout->addWidget(split, 1);
    compare_ = new TokenCompareView;
    compare_->setObjectName("tokenCompareView");
    compare_->setVisible(false);
    layout->addWidget(compare_, 1);

    auto* gen = new QHBoxLayout;
    temperature_ = new QDoubleSpinBox;
    temperature_->setRange(0, 5);
    temperature_->setSingleStep(0.1);
    temperature_->setToolTip(tr("0 = greedy"));
    top_p_ = new QDoubleSpinBox;
    top_p_->setRange(0.01, 1);
    top_p_->setSingleStep(0.05);
    max_tokens_ = new QSpinBox;
    max_tokens_->setRange(1, 4096);
    seed_ = new QSpinBox;
    seed_->setRange(0, INT32_MAX);
    seed_->setToolTip(tr("Both sides sample with the same seed"));
    gen->addWidget(new QLabel(tr("Temperature")));
    gen->addWidget(temperature_);
    gen->addWidget(new QLabel(tr("Top-p")));
    gen->addWidget(top_p_);
    gen->addWidget(new QLabel(tr("Max tokens")));
    gen->addWidget(max_tokens_);
    gen->addWidget(new QLabel(tr("Seed")));
    gen->addWidget(seed_);
    device_ = new QComboBox;
    device_->setObjectName("deviceCombo");
    device_->addItem(tr("Auto"), int(DeviceRequest::Auto));  // the item data: the DeviceRequest
    device_->addItem(tr("CPU"), int(DeviceRequest::Cpu));
    device_->addItem(tr("GPU"), int(DeviceRequest::Cuda));
    device_->setToolTip(tr("Auto: the NVIDIA GPU when the CUDA plugin finds one, else the CPU"));
    device_->setCurrentIndex(std::max(0, device_->findData(int(settings_.chatDevice()))));
    for (ChatPane* p : {left_, right_}) p->setDevice(DeviceRequest(device_->currentData().toInt()));
    gen->addWidget(new QLabel(tr("Device")));
    gen->addWidget(device_);
    compare_toggle_ = new QCheckBox(tr("Compare tokens"));
    compare_toggle_->setObjectName("compareToggle");
    compare_toggle_->setToolTip(tr("The original answers each message, then the INT4 model is run on the same "
                                   "tokens: KL divergence and top-1 agreement per token"));
    gen->addWidget(compare_toggle_);
    gen->addStretch(1);
    auto* clear = new QPushButton(tr("New conversation"));
    gen->addWidget(clear);
    layout->addLayout(gen);

    auto* row = new QHBoxLayout;
    prompt_ = new QLineEdit;
    prompt_->setObjectName("promptEdit");
    prompt_->setPlaceholderText(tr("Message both models …"));
    send_ = new QPushButton(QIcon(":/icons/chat.svg"), tr("Send"));
    send_->setObjectName("sendButton");
    stop_ = new QPushButton(tr("Stop"));
    stop_->setEnabled(false);
    row->addWidget(prompt_, 1);
    row->addWidget(send_);
    row->addWidget(stop_);
    layout->addLayout(row);
    setOptions(settings_.generationOptions());

    connect(send_, &QPushButton::clicked, this, [this] { send(prompt_->text()); });
    connect(prompt_, &QLineEdit::returnPressed, this, [this] { send(prompt_->text()); });
    connect(stop_, &QPushButton::clicked, this, [this] { left_->stop(), right_->stop(); });
    connect(stop_, &QPushButton::clicked, compare_, &TokenCompareView::stop);
    connect(compare_toggle_, &QCheckBox::toggled, compare_, &QWidget::setVisible);
    connect(clear, &QPushButton::clicked, this, [this] { left_->clearConversation(), right_->clearConversation(); });
    for (ChatPane* p : {left_, right_}) {
        connect(p, &ChatPane::replyFinished, this, &ChatPage::onReplyFinished);
        connect(p, &ChatPane::loadRequested, this, [this, p] { loadInto(p); });
    }
    connect(device_, &QComboBox::currentIndexChanged, this, [this] {
        const DeviceRequest d = DeviceRequest(device_->currentData().toInt());
        settings_.setChatDevice(d);
        for (ChatPane* p : {left_, right_}) p->setDevice(d);
    });
    connect(&state_, &AppState::modelChanged, this, [this] {
        if (state_.model()) left_->setModel(state_.model(), qs(state_.model()->folder().filename().string()));
    });
    connect(&state_, &AppState::resultChanged, this, [this] {
        if (state_.quantizedModel())
            right_->setModel(state_.quantizedModel(), tr("this session's AWQ result"), state_.result());
    });
}

GenerationOptions ChatPage::options() const {
    GenerationOptions o;
    o.max_new_tokens = max_tokens_->value();
    o.sampling.temperature = float(temperature_->value());
    o.sampling.top_p = float(top_p_->value());
    o.sampling.seed = uint64_t(seed_->value());
    return o;
}

void ChatPage::setOptions(const GenerationOptions& o) {
    max_tokens_->setValue(o.max_new_tokens);
    temperature_->setValue(o.sampling.temperature);
    top_p_->setValue(o.sampling.top_p);
    seed_->setValue(int(o.sampling.seed));
}

void ChatPage::send(const QString& text) {
    if (text.trimmed().isEmpty() || left_->isBusy() || right_->isBusy()) return;
    const GenerationOptions o = options();
    settings_.setGenerationOptions(o);
    bool any = false;
    for (ChatPane* p : {left_, right_})
        if (p->hasModel()) p->send(text, o), any = true;
    if (!any) return;
    if (compare_toggle_->isChecked()) compare_->run(left_->model(), right_->model(), text, o);
    prompt_->clear();
    send_->setEnabled(false);
    stop_->setEnabled(true);
    device_->setEnabled(false);  // a device change restarts the engines
}

void ChatPage::onReplyFinished() {
    if (left_->isBusy() || right_->isBusy()) return;
    send_->setEnabled(true);
    stop_->setEnabled(false);
    device_->setEnabled(true);
    emit allRepliesFinished();
}

void ChatPage::loadInto(ChatPane* pane) {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open model folder"));
    if (dir.isEmpty()) return;
    try {
        pane->setModel(Model::load(ss(dir)), QFileInfo(dir).fileName());
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Open model folder"), QString::fromUtf8(e.what()));
    }
}

}  // namespace awq::gui
