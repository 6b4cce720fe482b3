// SPDX-License-Identifier: GPL-3.0-or-later
#include "loss_curve_plot.hpp"
#include "core_message_text.hpp"
#include "plot_output.hpp"

#include <algorithm>
#include <cmath>

namespace awq::gui {

LossCurvePlot::LossCurvePlot(QWidget* parent) : QCustomPlot(parent) {
    setObjectName("lossCurvePlot");
    setMinimumSize(320, 220);
    plotLayout()->insertRow(0);
    title_ = new QCPTextElement(this, QString(), QFont(font().family(), font().pointSize(), QFont::Bold));
    plotLayout()->addElement(0, 0, title_);
    curve_ = addGraph();
    curve_->setName(tr("loss"));
    curve_->setPen(QPen(QColor(30, 110, 200), 2));
    curve_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
    rtn_ = addGraph();
    rtn_->setName(tr("α = 0 (no scaling, as RTN)"));
    rtn_->setLineStyle(QCPGraph::lsNone);
    rtn_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, QPen(QColor(200, 120, 0), 2), Qt::NoBrush, 10));
    best_ = addGraph();
    best_->setName(tr("best α"));
    best_->setLineStyle(QCPGraph::lsNone);
    best_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssStar, QPen(QColor(210, 40, 40), 2.5), Qt::NoBrush, 16));
    xAxis->setLabel(tr("α (scale exponent)"));
    yAxis->setLabel(tr("output MSE"));
    put_legend_below(*this);
}

void LossCurvePlot::clearPlot() { plot({}, {}, -1, QString()); }

void LossCurvePlot::showGroup(const GroupReport& g, int layer) {
    const QVector<double> a(g.alphas.begin(), g.alphas.end()), l(g.losses.begin(), g.losses.end());
    QString title = tr("layer %1 · %2").arg(layer).arg(QString::fromStdString(g.name));
    if (g.skipped) title += " — " + tr("skipped: %1").arg(skippedGroupText(g));
    else title += " — " + tr("best α = %1").arg(g.best_alpha, 0, 'f', 3);
    plot(a, l, g.best_index, title);
}

void LossCurvePlot::showLive(const QVector<double>& alphas, const QVector<double>& losses, const QString& title) {
    plot(alphas, losses, -1, title);
}

void LossCurvePlot::plot(const QVector<double>& a, const QVector<double>& l, int best, const QString& title) {
    curve_->setData(a, l, true);
    rtn_->data()->clear();
    best_->data()->clear();
    for (int i = 0; i < a.size(); ++i)
        if (a[i] == 0.0) rtn_->addData(a[i], l[i]);
    if (best >= 0 && best < a.size()) best_->addData(a[best], l[best]);
    title_->setText(title);
    double hi_a = 1.0;
    for (double x : a) hi_a = std::max(hi_a, x);
    xAxis->setRange(-0.05, hi_a + 0.05);  // alpha = 0 stays inside, away from the frame
    // Infinite losses (scales that overflow) are plotted off-scale; the range covers the finite ones.
    double lo = INFINITY, hi = -INFINITY;
    for (double v : l)
        if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    if (lo <= hi) {
        const double pad = std::max((hi - lo) * 0.08, std::abs(hi) * 1e-3 + 1e-12);
        yAxis->setRange(lo - pad, hi + pad);
    }
    replot();
}

double LossCurvePlot::plottedBestAlpha() const {
    double best = NAN, lo = INFINITY;
    for (auto it = curve_->data()->constBegin(); it != curve_->data()->constEnd(); ++it)
        if (it->value < lo) lo = it->value, best = it->key;
    return best;
}

double LossCurvePlot::markedBestAlpha() const {
    return best_->dataCount() ? best_->data()->constBegin()->key : NAN;
}

bool LossCurvePlot::rtnPointVisible() const { return rtn_->dataCount() == 1 && xAxis->range().contains(0.0); }

bool LossCurvePlot::exportTo(const QString& file) {
    return save_plot(*this, file);
}

}  // namespace awq::gui
