// SPDX-License-Identifier: GPL-3.0-or-later
#include "inspect_page.hpp"
#include "layer_table_model.hpp"
#include "loss_curve_plot.hpp"
#include "plot_output.hpp"
#include "saliency_heatmap.hpp"
#include "tradeoff_plot.hpp"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace awq::gui {

InspectPage::InspectPage(AppState& state, QWidget* parent) : QWidget(parent), state_(state) {
    auto* layout = new QVBoxLayout(this);
    auto* heading = new QLabel(tr("Inspect"));
    heading->setObjectName("heading");
    layout->addWidget(heading);
    source_ = new QLabel(tr("No report yet: quantize a model or open a report (File → Open report)."));
    source_->setObjectName("reportSource");
    source_->setWordWrap(true);
    layout->addWidget(source_);

    auto* controls = new QHBoxLayout;
    group_ = new QComboBox;
    group_->setObjectName("groupCombo");
    group_->addItem(tr("q/k/v input (after input_layernorm)"), "qkv");
    group_->addItem(tr("o_proj input (attention output)"), "o");
    group_->addItem(tr("gate/up input (after post_attention_layernorm)"), "gate_up");
    group_->addItem(tr("down_proj input (MLP hidden)"), "down");
    view_ = new QComboBox;
    view_->addItem(tr("All layers (heatmap)"));
    view_->addItem(tr("One layer"));
    layer_ = new QSpinBox;
    layer_->setPrefix(tr("layer "));
    controls->addWidget(new QLabel(tr("Linear group")));
    controls->addWidget(group_);
    controls->addWidget(view_);
    controls->addWidget(layer_);
    controls->addStretch(1);
    auto* export_heat = new QPushButton(tr("Export heatmap…"));
    auto* export_curve = new QPushButton(tr("Export plot…"));
    controls->addWidget(export_heat);
    controls->addWidget(export_curve);
    layout->addLayout(controls);

    auto* vsplit = new QSplitter(Qt::Vertical);
    auto* plots = new QSplitter(Qt::Horizontal);
    heatmap_ = new SaliencyHeatmap;
    curve_ = new LossCurvePlot;
    tradeoff_ = new TradeoffPlot;
    right_tabs_ = new QTabWidget;
    right_tabs_->setObjectName("inspectPlotTabs");
    right_tabs_->addTab(curve_, tr("Scale search"));
    right_tabs_->addTab(tradeoff_, tr("Mixed precision"));
    plots->addWidget(heatmap_);
    plots->addWidget(right_tabs_);
    plots->setStretchFactor(0, 3);
    plots->setStretchFactor(1, 2);
    vsplit->addWidget(plots);
    table_model_ = new LayerTableModel(this);
    proxy_ = new QSortFilterProxyModel(this);
    proxy_->setSourceModel(table_model_);
    proxy_->setSortRole(LayerTableModel::kSortRole);
    table_ = new QTableView;
    table_->setObjectName("layerTable");
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(LayerTableModel::Layer, Qt::AscendingOrder);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->verticalHeader()->hide();
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    vsplit->addWidget(table_);
    vsplit->setStretchFactor(0, 3);
    vsplit->setStretchFactor(1, 2);
    layout->addWidget(vsplit, 1);

    connect(group_, &QComboBox::currentIndexChanged, this, [this] { updateHeatmap(); updateCurve(); });
    connect(view_, &QComboBox::currentIndexChanged, this, &InspectPage::updateHeatmap);
    connect(layer_, &QSpinBox::valueChanged, this, [this] { updateHeatmap(); updateCurve(); });
    connect(table_, &QTableView::clicked, this, [this](const QModelIndex& i) {
        layer_->setValue(proxy_->mapToSource(i).row());
    });
    connect(export_heat, &QPushButton::clicked, this, [this] { exportPlot(heatmap_, "saliency-" + group_->currentData().toString()); });
    connect(export_curve, &QPushButton::clicked, this, [this] {
        if (right_tabs_->currentWidget() == tradeoff_) exportPlot(tradeoff_, "tradeoff");
        else exportPlot(curve_, "loss-curve");
    });
    connect(&state_, &AppState::reportChanged, this, &InspectPage::onReport);
}

void InspectPage::showTradeoff(bool show) { right_tabs_->setCurrentWidget(show ? static_cast<QWidget*>(tradeoff_) : curve_); }
void InspectPage::selectGroup(const QString& group) { group_->setCurrentIndex(std::max(0, group_->findData(group))); }
void InspectPage::selectLayer(int layer) { layer_->setValue(layer); }
void InspectPage::setPerLayerView(bool per_layer) { view_->setCurrentIndex(per_layer ? 1 : 0); }

void InspectPage::onReport() {
    const auto r = state_.report();
    if (!r) {
        heatmap_->clearPlot();
        curve_->clearPlot();
        tradeoff_->clearPlot();
        table_model_->setReport({});
        return;
    }
    source_->setText(tr("%1 of %2 · %3-bit, group %4 · calibration %5 blocks × %6 tokens · %7 s")
                         .arg(QString::fromStdString(r->method).toUpper(), qs(r->model))
                         .arg(r->settings.quant.bits).arg(r->settings.quant.group_size)
                         .arg(r->calibration_blocks).arg(r->calibration_block_len).arg(r->seconds, 0, 'f', 1));
    // The loss curves of a sampled search are on fewer blocks than the saliency: say so where they are shown.
    const int64_t searched = search_block_count(r->settings, r->calibration_blocks);
    if (searched < r->calibration_blocks)
        source_->setText(source_->text() + tr(" · α grid's attention and MLP losses on the first %1 blocks").arg(searched));
    layer_->setRange(0, std::max(0, int(r->layers.size()) - 1));
    table_model_->setReport(*r);
    tradeoff_->showReport(*r);
    updateHeatmap();
    updateCurve();
}

void InspectPage::updateHeatmap() {
    const auto r = state_.report();
    if (!r) return;
    heatmap_->showReport(*r, group_->currentData().toString(), view_->currentIndex() == 1 ? layer_->value() : -1);
}

void InspectPage::updateCurve() {
    const auto r = state_.report();
    if (!r || r->layers.empty()) return;
    const LayerReport& l = r->layers[size_t(std::clamp(layer_->value(), 0, int(r->layers.size()) - 1))];
    const std::string g = group_->currentData().toString().toStdString();
    for (const GroupReport& gr : l.groups)
        if (gr.name == g) return curve_->showGroup(gr, l.index);
    curve_->clearPlot();
}

void InspectPage::exportPlot(QCustomPlot* plot, const QString& base) {
    const QString file = QFileDialog::getSaveFileName(this, tr("Export plot"), base + ".png", tr("PNG image (*.png);;PDF document (*.pdf)"));
    if (file.isEmpty()) return;
    if (!save_plot(*plot, file)) QMessageBox::warning(this, tr("Export plot"), tr("Could not write %1.").arg(file));
}

}  // namespace awq::gui
