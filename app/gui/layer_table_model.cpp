// SPDX-License-Identifier: GPL-3.0-or-later
#include "layer_table_model.hpp"
#include "core_message_text.hpp"

#include <cmath>

namespace awq::gui {

namespace {

const GroupReport* find_group(const LayerReport& l, const char* name) {
    for (const GroupReport& g : l.groups)
        if (g.name == name) return &g;
    return nullptr;
}

double group_alpha(const LayerReport& l, const char* name) {
    const GroupReport* g = find_group(l, name);
    return g && !g->skipped ? g->best_alpha : NAN;
}

const char* group_of(LayerTableModel::Column c) {
    switch (c) {
    case LayerTableModel::AlphaQkv: return "qkv";
    case LayerTableModel::AlphaO: return "o";
    case LayerTableModel::AlphaGateUp: return "gate_up";
    case LayerTableModel::AlphaDown: return "down";
    default: return nullptr;
    }
}

}  // namespace

void LayerTableModel::setReport(const Report& report) {
    beginResetModel();
    layers_ = report.layers;
    group_size_ = report.settings.quant.group_size;
    settings_ = report.settings;
    endResetModel();
}

double LayerTableModel::number(int row, Column c) const {
    const LayerReport& l = layers_[size_t(row)];
    double shrink = 0, clipped = 0;
    for (const ClipReport& cr : l.clips) shrink += cr.mean_shrink, clipped += cr.clipped_fraction;
    const double n_clips = double(l.clips.size());
    switch (c) {
    case Layer: return l.index;
    case AlphaQkv: return group_alpha(l, "qkv");
    case AlphaO: return group_alpha(l, "o");
    case AlphaGateUp: return group_alpha(l, "gate_up");
    case AlphaDown: return group_alpha(l, "down");
    case MeanShrink: return n_clips ? shrink / n_clips : NAN;
    case ClippedFraction: return n_clips ? clipped / n_clips : NAN;
    case RtnError: return l.rtn_error;
    case AwqError: return l.awq_error;
    case ErrorRatio: return l.rtn_error > 0 ? l.awq_error / l.rtn_error : NAN;
    case Seconds: return l.seconds;
    case Method: return l.rtn_fallback ? 1 : 0;
    case ColumnCount: break;
    }
    return NAN;
}

QString LayerTableModel::methodText(int row) const {
    const LayerReport& l = layers_[size_t(row)];
    if (settings_.rtn) return settings_.error_feedback ? tr("RTN · error feedback") : tr("RTN");
    if (l.rtn_fallback) return tr("RTN (fallback)");
    QString text = tr("AWQ");
    if (settings_.clip) text += settings_.range_search == RangeSearch::Weighted ? tr(" · weighted ranges") : tr(" · clip");
    if (settings_.error_feedback) text += tr(" · error feedback");
    QStringList kept;
    for (const UnitSensitivity& u : l.sensitivity)
        if (u.kept_float) kept << QString::fromStdString(u.unit);
    if (!kept.isEmpty()) text += tr(" · float: %1").arg(kept.join(", "));
    return text;
}

QString LayerTableModel::methodDetails(int row) const {
    const LayerReport& l = layers_[size_t(row)];
    QStringList lines;
    if (l.rtn_fallback)
        lines << tr("The searched weights gave a layer error of %1, above round-to-nearest's %2: the layer keeps "
                    "the round-to-nearest weights.")
                     .arg(l.searched_error, 0, 'g', 3)
                     .arg(l.rtn_error, 0, 'g', 3);
    for (const GroupReport& g : l.groups) {
        const QString name = QString::fromStdString(g.name);
        if (g.skipped) lines << tr("%1: %2").arg(name, skippedGroupText(g));
        else if (g.identity_chosen) lines << tr("%1: s = 1 (no scaling beat every α)").arg(name);
        else lines << tr("%1: α = %2").arg(name).arg(g.best_alpha, 0, 'f', 2);
    }
    for (const ClipReport& c : l.clips) {
        const QString name = QString::fromStdString(c.linear);
        if (c.method == "weighted")
            lines << tr("%1: weighted ranges, mean max factor %2, mean min factor %3")
                         .arg(name)
                         .arg(c.mean_shrink, 0, 'f', 3)
                         .arg(c.mean_lo_shrink, 0, 'f', 3);
        else lines << tr("%1: clip, mean factor %2").arg(name).arg(c.mean_shrink, 0, 'f', 3);
    }
    // Sensitivity: the share of the layer's error each unit would take away in floating point.
    for (const UnitSensitivity& u : l.sensitivity) {
        const double share = l.sensitivity_error > 0 ? 100.0 * (l.sensitivity_error - u.error_in_float) / l.sensitivity_error : 0.0;
        lines << (u.kept_float ? tr("%1 kept in floating point (it removes %2 % of the layer's error)")
                               : tr("%1 in floating point would remove %2 % of the layer's error"))
                     .arg(QString::fromStdString(u.unit))
                     .arg(share, 0, 'f', 1);
    }
    return lines.join('\n');
}

// An alpha cell of a group whose linears stay in floating point says so instead of showing an alpha.
QString LayerTableModel::notQuantized(int row, Column c) const {
    const char* name = group_of(c);
    const LayerReport& l = layers_[size_t(row)];
    const GroupReport* g = name ? find_group(l, name) : nullptr;
    if (!g || g->quantized) return {};
    const auto sal = l.saliency.find(g->name);
    const qlonglong width = sal != l.saliency.end() ? qlonglong(sal->second.size()) : 0;
    return tr("not quantized (%1 not a multiple of %2)").arg(width).arg(group_size_);
}

QVariant LayerTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    const auto c = Column(index.column());
    const double v = number(index.row(), c);
    if (role == kSortRole) return std::isnan(v) ? -1.0 : v;
    if (role == Qt::TextAlignmentRole) return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
    if (const QString n = notQuantized(index.row(), c); !n.isEmpty()) return n;
    if (c == Method) return role == Qt::DisplayRole ? methodText(index.row()) : methodDetails(index.row());
    if (const char* name = group_of(c)) {
        const GroupReport* g = find_group(layers_[size_t(index.row())], name);
        if (g && g->identity_chosen)
            return role == Qt::DisplayRole ? tr("s = 1") : tr("No scaling: s = 1 gave a smaller loss than every α");
    }
    if (role != Qt::DisplayRole) return {};
    if (std::isnan(v)) return tr("—");
    switch (c) {
    case Layer: return QString::number(int(v));
    case AlphaQkv: case AlphaO: case AlphaGateUp: case AlphaDown: return QString::number(v, 'f', 2);
    case MeanShrink: return QString::number(v, 'f', 3);
    case ClippedFraction: return QString::number(v * 100, 'f', 1) + " %";
    case RtnError: case AwqError: return QString::number(v, 'g', 3);
    case ErrorRatio: return QString::number(v, 'f', 3);
    case Seconds: return QString::number(v, 'f', 2);
    case Method: case ColumnCount: break;
    }
    return {};
}

QVariant LayerTableModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal) return QAbstractTableModel::headerData(section, o, role);
    if (role == Qt::ToolTipRole) {
        switch (Column(section)) {
        case MeanShrink: return tr("Mean clip factor of the clipped linears (1 = no clipping)");
        case ClippedFraction: return tr("Share of weight groups whose range was clipped");
        case RtnError: return tr("Layer output MSE with round-to-nearest weights");
        case AwqError: return tr("Layer output MSE with this run's weights");
        case ErrorRatio: return tr("AWQ error / RTN error (below 1 = AWQ helps)");
        case Method: return tr("Where the layer's weights came from (hover a cell for each group's choice)");
        default: return {};
        }
    }
    if (role != Qt::DisplayRole) return {};
    switch (Column(section)) {
    case Layer: return tr("Layer");
    case AlphaQkv: return tr("α qkv");
    case AlphaO: return tr("α o");
    case AlphaGateUp: return tr("α gate/up");
    case AlphaDown: return tr("α down");
    case MeanShrink: return tr("Clip factor");
    case ClippedFraction: return tr("Clipped");
    case RtnError: return tr("RTN error");
    case AwqError: return tr("AWQ error");
    case ErrorRatio: return tr("AWQ / RTN");
    case Seconds: return tr("Time (s)");
    case Method: return tr("Method");
    case ColumnCount: break;
    }
    return {};
}

}  // namespace awq::gui
