// SPDX-License-Identifier: GPL-3.0-or-later
#include "tradeoff_plot.hpp"
#include "plot_output.hpp"

#include <algorithm>
#include <cmath>

namespace awq::gui {

TradeoffPlot::TradeoffPlot(QWidget* parent) : QCustomPlot(parent) {
    setObjectName("tradeoffPlot");
    setMinimumSize(320, 220);
    plotLayout()->insertRow(0);
    title_ = new QCPTextElement(this, QString(), QFont(font().family(), font().pointSize(), QFont::Bold));
    plotLayout()->addElement(0, 0, title_);
    predicted_ = addGraph(xAxis, yAxis);
    predicted_->setName(tr("calibration error (predicted)"));
    predicted_->setPen(QPen(QColor(30, 110, 200), 2));
    predicted_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
    measured_ = addGraph(xAxis, yAxis2);
    measured_->setName(tr("perplexity (measured)"));
    measured_->setPen(QPen(QColor(210, 40, 40), 2, Qt::DashLine));
    measured_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssStar, QPen(QColor(210, 40, 40), 2.5), Qt::NoBrush, 14));
    xAxis->setLabel(tr("linear weights kept in floating point (%)"));
    yAxis->setLabel(tr("summed relative layer error"));
    yAxis2->setLabel(tr("perplexity"));
    put_legend_below(*this);
}

void TradeoffPlot::clearPlot() {
    predicted_->data()->clear();
    measured_->data()->clear();
    yAxis2->setVisible(false);
    title_->setText(tr("No sensitivities in this report (measured by the CPU since December 2026)"));
    replot();
}

void TradeoffPlot::showReport(const Report& r) {
    if (r.tradeoff.empty()) return clearPlot();
    predicted_->data()->clear();
    measured_->data()->clear();
    double hi = 0, ppl_lo = INFINITY, ppl_hi = -INFINITY;
    for (const TradeoffPoint& t : r.tradeoff) {
        predicted_->addData(t.kept_weights_percent, t.calibration_error);
        hi = std::max(hi, t.calibration_error);
        if (!std::isfinite(t.perplexity)) continue;
        measured_->addData(t.kept_weights_percent, t.perplexity);
        ppl_lo = std::min(ppl_lo, t.perplexity);
        ppl_hi = std::max(ppl_hi, t.perplexity);
    }
    xAxis->setRange(-2, 102);
    yAxis->setRange(0, hi > 0 ? hi * 1.08 : 1);
    yAxis2->setVisible(measured_->dataCount() > 0);
    if (ppl_lo <= ppl_hi) {
        const double pad = std::max((ppl_hi - ppl_lo) * 0.1, ppl_hi * 1e-3);
        yAxis2->setRange(ppl_lo - pad, ppl_hi + pad);
    }
    title_->setText(measured_->dataCount() ? tr("Mixed precision: size vs error (perplexity from awq compare --sweep)")
                                            : tr("Mixed precision: size vs predicted error"));
    replot();
}

QString TradeoffPlot::titleText() const { return title_->text(); }

bool TradeoffPlot::exportTo(const QString& file) {
    return save_plot(*this, file);
}

}  // namespace awq::gui
