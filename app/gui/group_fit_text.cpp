// SPDX-License-Identifier: GPL-3.0-or-later
#include "group_fit_text.hpp"

#include <QCoreApplication>
#include <QStringList>

namespace awq::gui {

QString groupSizeProblem(const GroupSizeFit& fit) {
    if (fit.fits()) return {};
    QStringList parts;  // one per input width
    for (const SkippedWidth& w : skipped_by_width(fit)) {
        QStringList names;
        for (const std::string& n : w.names) names << QString::fromStdString(n);
        parts << QCoreApplication::translate("awq::gui::GroupFitText", "%1 (%2 not a multiple of %3)")
                     .arg(names.join(QStringLiteral(", ")))
                     .arg(w.in)
                     .arg(fit.group_size);
    }
    return QCoreApplication::translate("awq::gui::GroupFitText",
                                       "Group size %1 leaves %2 of %3 linears (%4 % of the decoder's weights) "
                                       "unquantized: %5.")
        .arg(fit.group_size)
        .arg(fit.skipped_linears)
        .arg(fit.total_linears)
        .arg(100.0 * fit.skipped_fraction(), 0, 'f', 0)
        .arg(parts.join(QStringLiteral("; ")));
}

}  // namespace awq::gui
