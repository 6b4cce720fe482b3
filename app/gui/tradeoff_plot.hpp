// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Mixed precision's size-vs-quality trade-off of a report: the calibration error predicted from the
// linears' sensitivities against the share of the weights kept in floating point (a line), and the
// perplexity `awq compare --sweep` measured at some budgets (points on the right axis).
#include <awq/quant/report.hpp>

#include <qcustomplot.h>

namespace awq::gui {

class TradeoffPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit TradeoffPlot(QWidget* parent = nullptr);

    void showReport(const Report& report);
    void clearPlot();

    int predictedCount() const { return predicted_->dataCount(); }
    int measuredCount() const { return measured_->dataCount(); }
    QString titleText() const;
    bool exportTo(const QString& file);

private:
    QCPGraph* predicted_ = nullptr;
    QCPGraph* measured_ = nullptr;
    QCPTextElement* title_ = nullptr;
};

}  // namespace awq::gui
