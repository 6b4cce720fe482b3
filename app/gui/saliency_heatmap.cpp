// SPDX-License-Identifier: GPL-3.0-or-later
#include "saliency_heatmap.hpp"
#include "plot_output.hpp"

#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace awq::gui {

std::vector<int> top_fraction_indices(const std::vector<float>& values, double fraction) {
    if (values.empty()) return {};
    const size_t k = std::min(values.size(), size_t(std::ceil(fraction * double(values.size()))));
    std::vector<int> idx(values.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::partial_sort(idx.begin(), idx.begin() + long(k), idx.end(),
                      [&](int a, int b) { return values[size_t(a)] > values[size_t(b)] ||
                                                 (values[size_t(a)] == values[size_t(b)] && a < b); });
    idx.resize(k);
    std::sort(idx.begin(), idx.end());
    return idx;
}

SaliencyHeatmap::SaliencyHeatmap(QWidget* parent) : QCustomPlot(parent) {
    setObjectName("saliencyHeatmap");
    setMinimumSize(400, 260);
    map_ = new QCPColorMap(xAxis, yAxis);
    scale_ = new QCPColorScale(this);
    plotLayout()->addElement(0, 1, scale_);
    scale_->setType(QCPAxis::atRight);
    scale_->setDataScaleType(QCPAxis::stLogarithmic);
    scale_->axis()->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    scale_->axis()->setLabel(tr("mean |x|"));
    map_->setColorScale(scale_);
    QCPColorGradient g(QCPColorGradient::gpThermal);
    g.setNanHandling(QCPColorGradient::nhLowestColor);
    map_->setGradient(g);
    map_->setInterpolate(false);
    auto* margins = new QCPMarginGroup(this);
    axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    scale_->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    marks_ = addGraph();
    marks_->setLineStyle(QCPGraph::lsNone);
    marks_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(0, 200, 255), 1.5), Qt::NoBrush, 7));
    marks_->setName(tr("top 1 % channels"));
    line_ = addGraph();
    line_->setPen(QPen(QColor(30, 110, 200), 1.2));
    xAxis->setLabel(tr("input channel"));
    yAxis->setLabel(tr("layer"));
    setMouseTracking(true);
    connect(this, &QCustomPlot::mouseMove, this, &SaliencyHeatmap::onMouseMove);
}

void SaliencyHeatmap::clearPlot() {
    layers_ = channels_ = 0;
    rows_.clear();
    marked_.clear();
    map_->data()->clear();
    marks_->data()->clear();
    line_->data()->clear();
    replot();
}

void SaliencyHeatmap::showReport(const Report& report, const QString& group, int layer) {
    rows_.clear();
    marked_.clear();
    const std::string key = group.toStdString();
    for (const LayerReport& l : report.layers) {
        auto it = l.saliency.find(key);
        rows_.push_back(it == l.saliency.end() ? std::vector<float>{} : it->second);
    }
    layers_ = int(rows_.size());
    channels_ = 0;
    for (const auto& r : rows_) channels_ = std::max(channels_, int(r.size()));
    single_layer_ = layer;
    float lo = INFINITY, hi = 0;
    for (const auto& r : rows_) {
        marked_.push_back(top_fraction_indices(r, kTopFraction));
        for (float v : r)
            if (v > 0) lo = std::min(lo, v), hi = std::max(hi, v);
    }
    if (!(lo < hi)) lo = 1e-6f, hi = 1.0f;
    marks_->data()->clear();
    line_->data()->clear();
    const bool heat = layer < 0 || layer >= layers_;
    map_->setVisible(heat);
    scale_->setVisible(heat);
    if (heat) {
        map_->data()->setSize(channels_, layers_);
        map_->data()->setRange(QCPRange(0, std::max(1, channels_ - 1)), QCPRange(0, std::max(1, layers_ - 1)));
        for (int l = 0; l < layers_; ++l)
            for (int c = 0; c < channels_; ++c)
                map_->data()->setCell(c, l, c < int(rows_[size_t(l)].size()) ? rows_[size_t(l)][size_t(c)] : NAN);
        map_->setDataRange(QCPRange(lo, hi));
        for (int l = 0; l < layers_; ++l)
            for (int c : marked_[size_t(l)]) marks_->addData(c, l);
        xAxis->setRange(-0.5, channels_ - 0.5);
        yAxis->setRange(-0.5, layers_ - 0.5);
        yAxis->setScaleType(QCPAxis::stLinear);
        yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        yAxis->setLabel(tr("layer"));
    } else {
        const auto& r = rows_[size_t(layer)];
        for (size_t c = 0; c < r.size(); ++c) line_->addData(double(c), r[c]);
        for (int c : marked_[size_t(layer)]) marks_->addData(c, r[size_t(c)]);
        xAxis->setRange(-0.5, channels_ - 0.5);
        yAxis->setScaleType(QCPAxis::stLogarithmic);
        yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
        yAxis->setRange(lo * 0.8, hi * 1.25);
        yAxis->setLabel(tr("mean |x| (layer %1)").arg(layer));
    }
    replot();
}

double SaliencyHeatmap::value(int layer, int channel) const { return map_->data()->cell(channel, layer); }

QString SaliencyHeatmap::tooltipAt(double channel, double layer) const {
    const int c = int(std::lround(channel));
    int l = int(std::lround(layer));
    if (single_layer_ >= 0 && single_layer_ < layers_) l = single_layer_;
    if (l < 0 || l >= layers_ || c < 0 || c >= int(rows_[size_t(l)].size())) return {};
    return tr("layer %1, channel %2\nmean |x| = %3").arg(l).arg(c).arg(double(rows_[size_t(l)][size_t(c)]), 0, 'g', 4);
}

void SaliencyHeatmap::onMouseMove(QMouseEvent* e) {
    const QString tip = tooltipAt(xAxis->pixelToCoord(e->position().x()), yAxis->pixelToCoord(e->position().y()));
    if (tip.isEmpty()) QToolTip::hideText();
    else QToolTip::showText(e->globalPosition().toPoint(), tip, this);
}

bool SaliencyHeatmap::exportTo(const QString& file) {
    return save_plot(*this, file);
}

}  // namespace awq::gui
