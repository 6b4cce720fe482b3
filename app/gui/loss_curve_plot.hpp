// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The scale search's loss against alpha for one layer and group: the curve, the chosen alpha marked, and the
// alpha = 0 point (no activation scaling: what plain round-to-nearest gives) marked and kept in view.
#include <awq/quant/report.hpp>

#include <qcustomplot.h>

#include <QVector>

namespace awq::gui {

class LossCurvePlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit LossCurvePlot(QWidget* parent = nullptr);

    void showGroup(const GroupReport& group, int layer);
    // A curve being searched right now (Quantize page): no best point until it is complete.
    void showLive(const QVector<double>& alphas, const QVector<double>& losses, const QString& title);
    void clearPlot();

    int pointCount() const { return curve_->dataCount(); }
    double plottedBestAlpha() const;   // alpha of the smallest plotted loss
    double markedBestAlpha() const;    // where the "best" marker sits (NaN when none)
    bool rtnPointVisible() const;      // alpha = 0 plotted and inside the x range
    bool exportTo(const QString& file);

private:
    void plot(const QVector<double>& alphas, const QVector<double>& losses, int best, const QString& title);
    QCPGraph* curve_ = nullptr;
    QCPGraph* best_ = nullptr;
    QCPGraph* rtn_ = nullptr;
    QCPTextElement* title_ = nullptr;
};

}  // namespace awq::gui
