// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Step 5: what AWQ did. The saliency heatmap (all layers, or one layer), the scale-search loss curve of a
// chosen layer and group beside the mixed-precision trade-off (tabs), and the sortable per-layer table;
// plots export to PNG / PDF. Shows the state's report: the last run's, or one opened with File → Open report.
#include "app_state.hpp"

#include <QWidget>

class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QSpinBox;
class QTableView;
class QTabWidget;
class QCustomPlot;

namespace awq::gui {

class LayerTableModel;
class LossCurvePlot;
class SaliencyHeatmap;
class TradeoffPlot;

class InspectPage : public QWidget {
    Q_OBJECT
public:
    explicit InspectPage(AppState& state, QWidget* parent = nullptr);
    SaliencyHeatmap* heatmap() const { return heatmap_; }
    LossCurvePlot* lossCurve() const { return curve_; }
    TradeoffPlot* tradeoff() const { return tradeoff_; }
    void showTradeoff(bool show);             // the right-hand tab: trade-off (true) or loss curve
    LayerTableModel* tableModel() const { return table_model_; }
    QSortFilterProxyModel* sortedTable() const { return proxy_; }
    void selectGroup(const QString& group);   // heatmap and loss curve
    void selectLayer(int layer);              // loss curve (and heatmap when in per-layer view)
    void setPerLayerView(bool per_layer);

private:
    void onReport();
    void updateHeatmap();
    void updateCurve();
    void exportPlot(QCustomPlot* plot, const QString& base);

    AppState& state_;
    QLabel* source_ = nullptr;
    QComboBox* group_ = nullptr;
    QComboBox* view_ = nullptr;
    QSpinBox* layer_ = nullptr;
    SaliencyHeatmap* heatmap_ = nullptr;
    LossCurvePlot* curve_ = nullptr;
    TradeoffPlot* tradeoff_ = nullptr;
    QTabWidget* right_tabs_ = nullptr;
    LayerTableModel* table_model_ = nullptr;
    QSortFilterProxyModel* proxy_ = nullptr;
    QTableView* table_ = nullptr;
};

}  // namespace awq::gui
