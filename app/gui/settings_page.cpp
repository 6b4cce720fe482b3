// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings_page.hpp"
#include "group_fit_text.hpp"

#include <awq/export/awq_export.hpp>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

namespace awq::gui {

namespace {

// A control and its explanation under it.
QWidget* explained(QWidget* control, const QString& text) {
    auto* w = new QWidget;
    auto* v = new QVBoxLayout(w);
    v->setContentsMargins(0, 0, 0, 4);
    v->setSpacing(1);
    v->addWidget(control);
    auto* l = new QLabel(text);
    l->setObjectName("hint");
    l->setWordWrap(true);
    v->addWidget(l);
    return w;
}

}  // namespace

SettingsPage::SettingsPage(AppState& state, AppSettings& settings, QWidget* parent)
    : QWidget(parent), state_(state), settings_(settings) {
    auto* layout = new QVBoxLayout(this);
    auto* heading = new QLabel(tr("Quantization settings"));
    heading->setObjectName("heading");
    layout->addWidget(heading);
    auto* form = new QFormLayout;
    bits_ = new QComboBox;
    for (int b : {4, 3, 8, 2}) bits_->addItem(tr("%1 bits").arg(b), b);
    form->addRow(tr("Bits"), explained(bits_, tr("Default 4. Only 4-bit results can be exported for vLLM / transformers.")));
    group_ = new QComboBox;
    for (int g : {128, 64, 32, -1}) group_->addItem(g > 0 ? QString::number(g) : tr("per channel"), g);
    auto* group_box = new QWidget;
    auto* gv = new QVBoxLayout(group_box);
    gv->setContentsMargins(0, 0, 0, 0);
    gv->setSpacing(2);
    gv->addWidget(explained(group_, tr("Default 128. Weights sharing one scale and zero point.")));
    auto* fit_row = new QWidget;
    auto* fh = new QHBoxLayout(fit_row);
    fh->setContentsMargins(0, 0, 0, 0);
    group_note_ = new QLabel;
    group_note_->setObjectName("warningLabel");  // styled as the Calibration page's warnings
    group_note_->setWordWrap(true);
    fh->addWidget(group_note_, 1);
    use_fitting_ = new QPushButton;
    use_fitting_->setObjectName("useFittingGroupSize");
    fh->addWidget(use_fitting_, 0, Qt::AlignTop);
    gv->addWidget(fit_row);
    form->addRow(tr("Group size"), group_box);
    zero_point_ = new QCheckBox(tr("Asymmetric (zero point)"));
    form->addRow(tr("Zero point"), explained(zero_point_, tr("Default on. A per-group offset fits skewed weight ranges.")));
    clip_ = new QCheckBox(tr("Search a clipping range"));
    form->addRow(tr("Clip search"), explained(clip_, tr("Default on. Shrinks each group's range where that lowers the output error.")));
    range_search_ = new QComboBox;
    range_search_->setObjectName("rangeSearch");
    range_search_->addItem(tr("Clip (AWQ's symmetric shrink, by sampled output error)"), QStringLiteral("clip"));
    range_search_->addItem(tr("Weighted (min and max, by activation-weighted error)"), QStringLiteral("weighted"));
    form->addRow(tr("Range search"),
                 explained(range_search_, tr("Default clip. Weighted: each group's min and max shrink separately, "
                                             "scored by Σ E[x²]·(w − q(w))² over every calibration token.")));
    row_check_ = new QComboBox;
    row_check_->setObjectName("clipRowCheck");
    row_check_->addItem(tr("Auto (on below 4 bits)"), QStringLiteral("auto"));
    row_check_->addItem(tr("On"), QStringLiteral("on"));
    row_check_->addItem(tr("Off (AutoAWQ's clip search)"), QStringLiteral("off"));
    form->addRow(tr("Clip row check"),
                 explained(row_check_, tr("Default auto. A row keeps its clipping only if that lowers the row's whole output error.")));
    duo_ = new QCheckBox(tr("Scale by activations and weights"));
    form->addRow(tr("Duo scaling"), explained(duo_, tr("Default on. s = x^α / w^(1−α) instead of x^α alone.")));
    identity_ = new QCheckBox(tr("Also try no scaling (s = 1)"));
    identity_->setObjectName("identityCandidate");
    form->addRow(tr("Identity candidate"),
                 explained(identity_, tr("Default on. Duo scaling's grid never contains s = 1; a group that no α helps stays unscaled.")));
    rtn_fallback_ = new QCheckBox(tr("Never worse than round-to-nearest"));
    rtn_fallback_->setObjectName("rtnFallback");
    form->addRow(tr("RTN fallback"),
                 explained(rtn_fallback_, tr("Default on. A layer whose output error ends above round-to-nearest's keeps the round-to-nearest weights.")));
    error_feedback_ = new QCheckBox(tr("Error feedback (AWQ + GPTQ)"));
    error_feedback_->setObjectName("errorFeedback");
    form->addRow(tr("Rounding"),
                 explained(error_feedback_, tr("Default on. Rounds each linear column by column and spreads the error over "
                                               "the columns not yet rounded (GPTQ). CPU only: a GPU run rounds without it.")));
    keep_float_ = new QDoubleSpinBox;
    keep_float_->setObjectName("keepFloat");
    keep_float_->setRange(0, 100);
    keep_float_->setDecimals(1);
    keep_float_->setSuffix(tr(" %"));
    keep_float_->setSpecialValueText(tr("none"));
    form->addRow(tr("Keep in floating point"),
                 explained(keep_float_, tr("Default none. The most sensitive linears, up to this share of the weights, stay "
                                           "in FP16 (modules_to_not_convert; vLLM and transformers load them). Inspect → "
                                           "Mixed precision shows the trade-off.")));
    grid_ = new QSpinBox;
    grid_->setRange(2, 100);
    form->addRow(tr("Grid points"), explained(grid_, tr("Default 20. Values of α tried per group: 0, 1/n, …, (n−1)/n.")));
    search_blocks_ = new QSpinBox;
    search_blocks_->setObjectName("searchBlocks");
    search_blocks_->setRange(0, 100000);
    search_blocks_->setSpecialValueText(tr("all blocks"));
    form->addRow(tr("Search blocks"),
                 explained(search_blocks_, tr("Default 8. The attention and MLP losses of the α grid run on the first N "
                                              "calibration blocks only: fewer is faster; “all blocks” is the reference's search.")));
    threads_ = new QSpinBox;
    threads_->setRange(0, 1024);
    threads_->setSpecialValueText(tr("all cores (%1)").arg(QThread::idealThreadCount()));
    form->addRow(tr("Threads / device"), explained(threads_, tr("Default: all CPU cores. The device (CPU or GPU) is chosen on the Quantize step.")));

    auto* out_row = new QWidget;
    auto* h = new QHBoxLayout(out_row);
    h->setContentsMargins(0, 0, 0, 0);
    output_ = new QLineEdit;
    output_->setObjectName("outputFolder");
    output_->setPlaceholderText(tr("leave empty to keep the result in memory (chat and inspect only)"));
    h->addWidget(output_, 1);
    auto* browse = new QPushButton(tr("Browse…"));
    h->addWidget(browse);
    form->addRow(tr("Output folder"), explained(out_row, tr("An AutoAWQ GEMM checkpoint is written here, all at once or not at all.")));
    overwrite_ = new QCheckBox(tr("Overwrite an existing folder"));
    form->addRow(QString(), overwrite_);
    dest_status_ = new QLabel;
    dest_status_->setWordWrap(true);
    form->addRow(QString(), dest_status_);
    layout->addLayout(form);
    auto* reset = new QPushButton(tr("Reset to defaults"));
    layout->addWidget(reset, 0, Qt::AlignLeft);
    layout->addStretch(1);

    setAwqSettings(settings_.awqSettings());
    setOutput({settings_.outputFolder(), false});
    for (QComboBox* c : {bits_, group_, row_check_, range_search_}) connect(c, &QComboBox::currentIndexChanged, this, &SettingsPage::apply);
    for (QCheckBox* c : {zero_point_, clip_, duo_, overwrite_, identity_, rtn_fallback_, error_feedback_}) connect(c, &QCheckBox::toggled, this, &SettingsPage::apply);
    for (QSpinBox* s : {grid_, search_blocks_, threads_}) connect(s, &QSpinBox::valueChanged, this, &SettingsPage::apply);
    connect(keep_float_, &QDoubleSpinBox::valueChanged, this, &SettingsPage::apply);
    connect(output_, &QLineEdit::textChanged, this, &SettingsPage::apply);
    connect(reset, &QPushButton::clicked, this, &SettingsPage::resetDefaults);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString d = QFileDialog::getSaveFileName(this, tr("Output folder for the quantized model"));
        if (!d.isEmpty()) output_->setText(d);
    });
    connect(&state_, &AppState::modelChanged, this, &SettingsPage::checkDestination);
    connect(&state_, &AppState::modelChanged, this, &SettingsPage::checkGroupSize);
    connect(use_fitting_, &QPushButton::clicked, this, [this] {
        if (proposed_group_ > 0) group_->setCurrentIndex(std::max(0, group_->findData(proposed_group_)));
    });
    checkGroupSize();
}

// Proposed, not switched silently: the group size is a saved choice that applies to the next model too, and
// a user comparing against a g128 checkpoint may want exactly 128. The note says what 128 costs here.
void SettingsPage::checkGroupSize() {
    proposed_group_ = 0;
    QString note;
    if (const auto m = state_.model(); m && !m->is_quantized()) {
        const GroupSizeFit fit = check_group_size(m->config(), state_.settings.quant.group_size);
        if (!fit.fits()) {
            note = tr("⚠ %1").arg(groupSizeProblem(fit));
            if (fit.fitting_group_size > 0 && group_->findData(fit.fitting_group_size) >= 0) {
                proposed_group_ = fit.fitting_group_size;
                note += QLatin1Char(' ') + tr("Group size %1 quantizes them all.").arg(proposed_group_);
            } else {
                note += QLatin1Char(' ') + tr("Only per-channel quantization fits every linear.");
            }
        }
    }
    group_note_->setText(note);
    group_note_->setVisible(!note.isEmpty());
    use_fitting_->setText(tr("Use %1").arg(proposed_group_));
    use_fitting_->setVisible(proposed_group_ > 0);
}

QString SettingsPage::groupSizeNote() const { return group_note_->text(); }

void SettingsPage::setAwqSettings(const AwqSettings& s) {
    const QSignalBlocker b1(bits_), b2(group_), b3(zero_point_), b4(clip_), b5(duo_), b6(grid_), b7(threads_),
        b8(row_check_), b9(search_blocks_), b10(range_search_), b11(identity_), b12(rtn_fallback_), b13(error_feedback_), b14(keep_float_);
    bits_->setCurrentIndex(std::max(0, bits_->findData(s.quant.bits)));
    group_->setCurrentIndex(std::max(0, group_->findData(s.quant.group_size)));
    zero_point_->setChecked(s.quant.zero_point);
    clip_->setChecked(s.clip);
    row_check_->setCurrentIndex(std::max(0, row_check_->findData(QString(clip_row_check_name(s.clip_row_check)))));
    duo_->setChecked(s.duo_scaling);
    range_search_->setCurrentIndex(std::max(0, range_search_->findData(QString(range_search_name(s.range_search)))));
    identity_->setChecked(s.identity_candidate);
    rtn_fallback_->setChecked(s.rtn_fallback);
    error_feedback_->setChecked(s.error_feedback);
    keep_float_->setValue(s.keep_float_percent);
    grid_->setValue(s.n_grid);
    search_blocks_->setValue(int(std::min<int64_t>(s.search_blocks, search_blocks_->maximum())));
    threads_->setValue(s.threads);
    apply();
}

void SettingsPage::setOutput(const OutputChoice& o) {
    const QSignalBlocker b1(output_), b2(overwrite_);
    output_->setText(o.folder);
    overwrite_->setChecked(o.overwrite);
    apply();
}

void SettingsPage::resetDefaults() { setAwqSettings(AppSettings::Defaults::awq()); }

void SettingsPage::apply() {
    AwqSettings& s = state_.settings;
    s.quant.bits = bits_->currentData().toInt();
    s.quant.group_size = group_->currentData().toInt();
    s.quant.zero_point = zero_point_->isChecked();
    s.clip = clip_->isChecked();
    s.clip_row_check = parse_clip_row_check(row_check_->currentData().toString().toStdString());
    s.range_search = parse_range_search(range_search_->currentData().toString().toStdString());
    range_search_->setEnabled(s.clip);
    // The row check refines AWQ's clip search only.
    row_check_->setEnabled(s.clip && s.range_search == RangeSearch::Clip);
    s.duo_scaling = duo_->isChecked();
    s.identity_candidate = identity_->isChecked();
    s.rtn_fallback = rtn_fallback_->isChecked();
    s.error_feedback = error_feedback_->isChecked();
    s.keep_float_percent = keep_float_->value();
    s.n_grid = grid_->value();
    s.search_blocks = search_blocks_->value();
    s.threads = threads_->value();
    state_.output = {output_->text().trimmed(), overwrite_->isChecked()};
    settings_.setAwqSettings(s);
    settings_.setOutputFolder(state_.output.folder);
    checkDestination();
    if (group_note_) checkGroupSize();
}

void SettingsPage::checkDestination() {
    problem_.clear();
    const QString out = state_.output.folder;
    if (out.isEmpty()) {
        dest_status_->setText(tr("The result stays in memory; nothing is written."));
    } else {
        try {
            if (state_.settings.quant.bits != 4)
                throw std::runtime_error(tr("only 4-bit models can be exported; choose 4 bits or clear the folder").toStdString());
            const std::filesystem::path model = state_.model() ? state_.model()->folder() : std::filesystem::path();
            check_export_destination(model, ss(out), state_.output.overwrite);
            dest_status_->setText(QFileInfo::exists(out) ? tr("⚠ %1 exists and will be replaced.").arg(out)
                                                         : tr("✓ %1 will be created.").arg(out));
        } catch (const std::exception& e) {
            problem_ = QString::fromUtf8(e.what());
            dest_status_->setText(tr("✗ %1").arg(problem_));
        }
    }
    dest_status_->setObjectName(problem_.isEmpty() ? "okLabel" : "errorLabel");
    dest_status_->style()->unpolish(dest_status_);
    dest_status_->style()->polish(dest_status_);
}

QString SettingsPage::destinationProblem() const { return problem_; }

}  // namespace awq::gui
