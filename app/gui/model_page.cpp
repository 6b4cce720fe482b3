// SPDX-License-Identifier: GPL-3.0-or-later
#include "model_page.hpp"
#include "core_message_text.hpp"
#include "model_discovery.hpp"

#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace awq::gui {

namespace {

ModelLoad load_model(const QString& folder) {
    ModelLoad r;
    try {
        auto m = Model::load(ss(folder));
        r.summary = summarize(*m);
        r.model = std::move(m);
    } catch (const std::exception& e) {
        r.error = QString::fromUtf8(e.what());
    }
    return r;
}

QString count(int64_t n) { return QLocale().toString(qlonglong(n)); }

}  // namespace

ModelPage::ModelPage(AppState& state, AppSettings& settings, QWidget* parent)
    : QWidget(parent), state_(state), settings_(settings) {
    auto* layout = new QHBoxLayout(this);
    auto* left = new QVBoxLayout;
    auto* heading = new QLabel(tr("Models"));
    heading->setObjectName("heading");
    left->addWidget(heading);
    list_ = new QListWidget;
    list_->setObjectName("modelList");
    left->addWidget(list_, 1);
    auto* open = new QPushButton(QIcon(":/icons/model.svg"), tr("Open folder…"));
    open->setObjectName("openFolderButton");
    left->addWidget(open);
    layout->addLayout(left, 2);

    auto* right = new QVBoxLayout;
    auto* title = new QLabel(tr("Selected model"));
    title->setObjectName("heading");
    right->addWidget(title);
    status_ = new QLabel(tr("No model selected."));
    status_->setWordWrap(true);
    right->addWidget(status_);
    error_ = new QLabel;
    error_->setObjectName("errorLabel");
    error_->setWordWrap(true);
    error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    error_->hide();
    right->addWidget(error_);
    form_ = new QFormLayout;
    right->addLayout(form_);
    right->addStretch(1);
    layout->addLayout(right, 3);

    connect(open, &QPushButton::clicked, this, &ModelPage::browse);
    connect(list_, &QListWidget::itemActivated, this, [this](QListWidgetItem* it) { openFolder(it->data(Qt::UserRole).toString()); });
    connect(list_, &QListWidget::itemClicked, this, [this](QListWidgetItem* it) { openFolder(it->data(Qt::UserRole).toString()); });
    connect(&watcher_, &QFutureWatcher<ModelLoad>::finished, this, &ModelPage::onLoadDone);
    refreshList();
}

void ModelPage::refreshList() {
    list_->clear();
    QStringList seen;
    auto add = [&](const QString& name, const QString& folder, const QString& origin) {
        const QString canon = QFileInfo(folder).canonicalFilePath();
        if (canon.isEmpty() || seen.contains(canon)) return;
        seen << canon;
        auto* item = new QListWidgetItem(QString("%1\n%2").arg(name, origin), list_);
        item->setData(Qt::UserRole, canon);
        item->setToolTip(canon);
    };
    add(tr("tiny-llama-kjv (bundled)"), bundled_model_folder(), tr("bundled with AWQ Studio"));
    for (const QString& f : settings_.recentModels()) add(QFileInfo(f).fileName(), f, tr("recently used"));
    for (const QString& root : hf_cache_roots())
        for (const ModelCandidate& c : scan_hf_cache(root)) add(c.name, c.folder, tr("Hugging Face cache"));
}

void ModelPage::browse() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open model folder"));
    if (!dir.isEmpty()) openFolder(dir);
}

bool ModelPage::isLoading() const { return watcher_.isRunning(); }
QString ModelPage::errorText() const { return error_->isHidden() ? QString() : error_->text(); }

void ModelPage::openFolder(const QString& folder) {
    if (watcher_.isRunning()) return;
    loading_ = folder;
    status_->setText(tr("Loading %1 …").arg(folder));
    error_->hide();
    watcher_.setFuture(QtConcurrent::run(load_model, folder));
}

void ModelPage::onLoadDone() {
    const ModelLoad r = watcher_.result();
    if (!r.model) {
        error_->setText(tr("This folder cannot be used:\n%1").arg(r.error));
        error_->show();
        status_->setText(state_.model() ? tr("Still using %1.").arg(qs(state_.model()->folder().string()))
                                        : tr("No model selected."));
        emit loadFailed(r.error);
        return;
    }
    error_->hide();
    state_.setModel(r.model);
    settings_.addRecentModel(loading_);
    status_->setText(qs(r.model->folder().string()));
    showSummary(r.summary, *r.model);
    for (int i = 0; i < list_->count(); ++i)
        if (list_->item(i)->data(Qt::UserRole).toString() == QFileInfo(loading_).canonicalFilePath()) list_->setCurrentRow(i);
    emit loaded(loading_);
}

void ModelPage::showSummary(const ModelSummary& s, const Model& m) {
    while (form_->rowCount() > 0) form_->removeRow(0);
    QStringList dtypes;
    for (const auto& [dt, n] : s.dtype_params) dtypes << QString("%1 (%2)").arg(qs(dt), count(n));
    const auto row = [&](const QString& label, const QString& value) {
        auto* v = new QLabel(value);
        v->setTextInteractionFlags(Qt::TextSelectableByMouse);
        form_->addRow(label, v);
    };
    row(tr("Architecture"), qs(s.architecture) + " (" + qs(s.model_type) + ")");
    row(tr("Layers"), count(s.layers));
    row(tr("Hidden size"), count(s.hidden_size));
    row(tr("Parameters"), count(s.parameters));
    row(tr("Data type"), dtypes.join(", "));
    row(tr("Size on disk"), qs(human_bytes(s.bytes_on_disk)));
    row(tr("Memory at FP16"), qs(human_bytes(s.fp16_bytes)));
    row(tr("Memory at INT4 (estimate)"), qs(human_bytes(s.int4_bytes)));
    row(tr("Tokenizer"), qs(s.tokenizer));
    row(tr("Chat template"), chatTemplateText(m.chat_template()));
    row(tr("AWQ-quantized"), s.quantized ? tr("yes, %1-bit, group size %2").arg(s.quant_bits).arg(s.quant_group_size)
                                         : tr("no"));
    if (!m.chat_template().note.empty()) row(tr("Note"), qs(m.chat_template().note));
}

}  // namespace awq::gui
