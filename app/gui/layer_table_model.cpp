#include "layer_table_model.hpp"

#include <cmath>

namespace awq::gui {

namespace {

double group_alpha(const LayerReport& l, const char* name) {
    for (const GroupReport& g : l.groups)
        if (g.name == name) return g.skipped ? NAN : g.best_alpha;
    return NAN;
}

}  // namespace

void LayerTableModel::setReport(const Report& report) {
    beginResetModel();
    layers_ = report.layers;
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
    case ColumnCount: break;
    }
    return NAN;
}

QVariant LayerTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    const auto c = Column(index.column());
    const double v = number(index.row(), c);
    if (role == kSortRole) return std::isnan(v) ? -1.0 : v;
    if (role == Qt::TextAlignmentRole) return int(Qt::AlignRight | Qt::AlignVCenter);
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
    case ColumnCount: break;
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
    case ColumnCount: break;
    }
    return {};
}

}  // namespace awq::gui
