// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What every plot of the window does alike: the legend in one row under the plot (so that it never hides
// points), and saving to PNG or PDF by the file's suffix.
#include <qcustomplot.h>

#include <QString>

namespace awq::gui {

void put_legend_below(QCustomPlot& plot);
bool save_plot(QCustomPlot& plot, const QString& file);  // .pdf: PDF, anything else: PNG

}  // namespace awq::gui
