// SPDX-License-Identifier: GPL-3.0-or-later
#include "calibration_page.hpp"

#include <QButtonGroup>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace awq::gui {

namespace {

CalibrationPreview make_preview(std::shared_ptr<const Model> model, CalibrationChoice c) {
    CalibrationPreview p;
    try {
        const std::filesystem::path src = c.source.isEmpty() ? default_calibration_path() : std::filesystem::path(ss(c.source));
        const auto docs = read_calibration_documents(src);
        if (!docs.empty()) p.first_document = QString::fromStdString(docs.front().substr(0, 2000));
        CalibrationOptions o;
        o.n_samples = c.n_samples;
        o.block_len = c.block_len;
        p.set = make_calibration_blocks(docs, model->tokenizer(), o, src.string());
    } catch (const std::exception& e) {
        p.error = QString::fromUtf8(e.what());
    }
    return p;
}

}  // namespace

CalibrationPage::CalibrationPage(AppState& state, AppSettings& settings, QWidget* parent)
    : QWidget(parent), state_(state), settings_(settings) {
    auto* layout = new QVBoxLayout(this);
    auto* heading = new QLabel(tr("Calibration data"));
    heading->setObjectName("heading");
    layout->addWidget(heading);
    auto* explain = new QLabel(tr("AWQ measures which input channels carry large activations on this text. "
                                  "A few hundred short documents from the model's domain are enough."));
    explain->setWordWrap(true);
    explain->setObjectName("hint");
    layout->addWidget(explain);

    bundled_ = new QRadioButton(tr("Bundled corpus (biblical English derived from the public-domain World English Bible)"));
    custom_ = new QRadioButton(tr("Text from files:"));
    auto* group = new QButtonGroup(this);
    group->addButton(bundled_);
    group->addButton(custom_);
    layout->addWidget(bundled_);
    auto* row = new QHBoxLayout;
    row->addWidget(custom_);
    path_ = new QLineEdit;
    path_->setPlaceholderText(tr(".txt (blank-line separated), .jsonl (\"text\" field) or a folder of .txt"));
    row->addWidget(path_, 1);
    auto* browse = new QPushButton(tr("Browse…"));
    auto* menu = new QMenu(browse);
    menu->addAction(tr("File…"), this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Calibration file"), {}, tr("Text (*.txt *.jsonl)"));
        if (!f.isEmpty()) path_->setText(f), custom_->setChecked(true), apply();
    });
    menu->addAction(tr("Folder…"), this, [this] {
        const QString f = QFileDialog::getExistingDirectory(this, tr("Folder of .txt files"));
        if (!f.isEmpty()) path_->setText(f), custom_->setChecked(true), apply();
    });
    browse->setMenu(menu);
    row->addWidget(browse);
    layout->addLayout(row);

    auto* form = new QFormLayout;
    samples_ = new QSpinBox;
    samples_->setRange(1, 100000);
    samples_->setToolTip(tr("Documents taken from the corpus (AutoAWQ: 128)"));
    block_len_ = new QSpinBox;
    block_len_->setRange(8, 32768);
    block_len_->setToolTip(tr("Tokens per calibration block (AutoAWQ: 512)"));
    form->addRow(tr("Samples"), samples_);
    form->addRow(tr("Block length (tokens)"), block_len_);
    layout->addLayout(form);

    auto* preview_button = new QPushButton(tr("Preview"));
    preview_button->setObjectName("previewButton");
    layout->addWidget(preview_button, 0, Qt::AlignLeft);
    stats_ = new QLabel;
    stats_->setWordWrap(true);
    layout->addWidget(stats_);
    warning_ = new QLabel;
    warning_->setObjectName("warningLabel");
    warning_->setWordWrap(true);
    warning_->hide();
    layout->addWidget(warning_);
    text_ = new QPlainTextEdit;
    text_->setReadOnly(true);
    text_->setPlaceholderText(tr("The first document appears here."));
    layout->addWidget(text_, 1);

    setChoice({settings_.calibrationSource(), settings_.calibrationSamples(), settings_.calibrationBlockLen()});
    connect(bundled_, &QRadioButton::toggled, this, &CalibrationPage::apply);
    connect(path_, &QLineEdit::editingFinished, this, &CalibrationPage::apply);
    connect(samples_, &QSpinBox::valueChanged, this, &CalibrationPage::apply);
    connect(block_len_, &QSpinBox::valueChanged, this, &CalibrationPage::apply);
    connect(preview_button, &QPushButton::clicked, this, &CalibrationPage::preview);
    connect(&watcher_, &QFutureWatcher<CalibrationPreview>::finished, this, &CalibrationPage::onPreviewDone);
}

void CalibrationPage::setChoice(const CalibrationChoice& c) {
    const QSignalBlocker b1(bundled_), b2(samples_), b3(block_len_), b4(path_);
    (c.source.isEmpty() ? bundled_ : custom_)->setChecked(true);
    path_->setText(c.source);
    samples_->setValue(c.n_samples);
    block_len_->setValue(c.block_len);
    apply();
}

void CalibrationPage::apply() {
    state_.calibration.source = custom_->isChecked() ? path_->text().trimmed() : QString();
    state_.calibration.n_samples = samples_->value();
    state_.calibration.block_len = block_len_->value();
    settings_.setCalibration(state_.calibration.source, state_.calibration.n_samples, state_.calibration.block_len);
}

QString CalibrationPage::warningText() const { return warning_->isHidden() ? QString() : warning_->text(); }

void CalibrationPage::preview() {
    if (!state_.model() || watcher_.isRunning()) return;
    apply();
    stats_->setText(tr("Reading and tokenizing …"));
    watcher_.setFuture(QtConcurrent::run(make_preview, state_.model(), state_.calibration));
}

void CalibrationPage::onPreviewDone() {
    const CalibrationPreview p = watcher_.result();
    text_->setPlainText(p.first_document);
    if (!p.error.isEmpty()) {
        stats_->clear();
        warning_->setText(p.error);
        warning_->show();
    } else {
        const CalibrationSet& s = p.set;
        stats_->setText(tr("%1 documents read, %2 used, %3 skipped as longer than a block; %4 tokens → %5 blocks of %6 tokens.")
                            .arg(s.documents_read).arg(s.documents_used).arg(s.documents_too_long)
                            .arg(s.tokens_total).arg(s.n_blocks()).arg(s.block_len));
        // Only documents that fit in a block are used, so blocks never outnumber samples; what can fall short
        // is the number of usable documents (a small corpus or long documents).
        const bool few = s.documents_used < state_.calibration.n_samples;
        warning_->setText(few ? tr("Only %1 of the %2 samples asked for can be taken (%3 documents are longer than a block); "
                                   "they make %4 blocks.")
                                    .arg(s.documents_used).arg(state_.calibration.n_samples).arg(s.documents_too_long)
                                    .arg(s.n_blocks())
                              : QString());
        warning_->setVisible(few);
    }
    emit previewReady();
}

}  // namespace awq::gui
