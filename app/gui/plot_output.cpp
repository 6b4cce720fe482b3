// SPDX-License-Identifier: GPL-3.0-or-later
#include "plot_output.hpp"

#include <algorithm>

namespace awq::gui {

void put_legend_below(QCustomPlot& p) {
    p.legend->setVisible(true);
    p.legend->setFont(QFont(p.font().family(), std::max(7, p.font().pointSize() - 1)));
    p.axisRect()->insetLayout()->take(p.legend);
    p.plotLayout()->addElement(2, 0, p.legend);
    p.legend->setFillOrder(QCPLegend::foColumnsFirst);
    p.legend->setBorderPen(Qt::NoPen);
    p.legend->setBrush(Qt::NoBrush);
    p.plotLayout()->setRowStretchFactor(2, 0.001);
}

bool save_plot(QCustomPlot& p, const QString& file) {
    return file.endsWith(".pdf", Qt::CaseInsensitive) ? p.savePdf(file) : p.savePng(file);
}

}  // namespace awq::gui
