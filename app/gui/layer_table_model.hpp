// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Per-layer results of a report as a table: best alpha per group, clip statistics, output error before
// (round-to-nearest) and after (this run). Qt::DisplayRole is formatted text; kSortRole the number to sort by.
#include <awq/quant/report.hpp>

#include <QAbstractTableModel>

namespace awq::gui {

class LayerTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Layer, AlphaQkv, AlphaO, AlphaGateUp, AlphaDown, MeanShrink, ClippedFraction, RtnError, AwqError,
                  ErrorRatio, Method, Seconds, ColumnCount };
    static constexpr int kSortRole = Qt::UserRole + 1;

    explicit LayerTableModel(QObject* parent = nullptr) : QAbstractTableModel(parent) {}
    void setReport(const Report& report);

    int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : int(layers_.size()); }
    int columnCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : ColumnCount; }
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

    double number(int row, Column c) const;  // the value behind a cell (NaN when not applicable)
    // "not quantized (576 not a multiple of 128)" for an alpha cell of a group left in floating point.
    QString notQuantized(int row, Column c) const;
    // What the layer's weights came from: "RTN (fallback)" when the search lost to round-to-nearest, else
    // the search and rounding used ("AWQ · weighted ranges · error feedback"); the tooltip names each group's
    // choice (an α, or s = 1 where the identity candidate won).
    QString methodText(int row) const;
    QString methodDetails(int row) const;

private:
    std::vector<LayerReport> layers_;
    int group_size_ = 0;
    AwqSettings settings_;
};

}  // namespace awq::gui
