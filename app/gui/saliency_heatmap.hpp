// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The activation saliency of one linear group as a QCPColorMap: layers (rows) x input channels (columns) of
// mean |x|, on a logarithmic colour scale with a colour bar; the top 1 % channels of each layer are marked;
// hovering shows layer, channel and value. The per-layer view plots one layer's channels as a line.
#include <awq/quant/report.hpp>

#include <qcustomplot.h>

#include <QString>
#include <vector>

namespace awq::gui {

// Indices of the ceil(fraction * n) largest values (ties: lower index first), in increasing index order.
std::vector<int> top_fraction_indices(const std::vector<float>& values, double fraction);

class SaliencyHeatmap : public QCustomPlot {
    Q_OBJECT
public:
    explicit SaliencyHeatmap(QWidget* parent = nullptr);
    static constexpr double kTopFraction = 0.01;

    // Shows `group` ("qkv", "o", "gate_up", "down") of every layer; layer < 0 = the heatmap, else that layer.
    void showReport(const Report& report, const QString& group, int layer = -1);
    void clearPlot();

    int layers() const { return layers_; }
    int channels() const { return channels_; }
    double value(int layer, int channel) const;          // what the colour map holds
    const std::vector<std::vector<int>>& marked() const { return marked_; }  // per layer, top channels
    QString tooltipAt(double channel, double layer) const;
    QCPColorMap* colorMap() const { return map_; }
    bool exportTo(const QString& file);                   // .png or .pdf by suffix

private:
    void onMouseMove(QMouseEvent* e);
    QCPColorMap* map_ = nullptr;
    QCPColorScale* scale_ = nullptr;
    QCPGraph* marks_ = nullptr;
    QCPGraph* line_ = nullptr;
    int layers_ = 0, channels_ = 0, single_layer_ = -1;
    std::vector<std::vector<float>> rows_;
    std::vector<std::vector<int>> marked_;
};

}  // namespace awq::gui
