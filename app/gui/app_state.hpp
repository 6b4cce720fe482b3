// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the steps share: the chosen model, calibration and AWQ settings, the last run's result and the report
// being inspected. Pages read it and change it through setters that announce the change.
#include <awq/model/model.hpp>
#include <awq/quant/awq_settings.hpp>
#include <awq/quant/quantize_model.hpp>
#include <awq/quant/report.hpp>

#include <QObject>
#include <QString>

#include <memory>

namespace awq::gui {

struct CalibrationChoice {
    QString source;          // file or folder; empty = the bundled corpus
    int n_samples = 128;
    int block_len = 512;
};

struct OutputChoice {
    QString folder;          // empty = do not export (report only)
    bool overwrite = false;
};

class AppState : public QObject {
    Q_OBJECT
public:
    explicit AppState(QObject* parent = nullptr) : QObject(parent) {}

    std::shared_ptr<const Model> model() const { return model_; }
    void setModel(std::shared_ptr<const Model> m);

    CalibrationChoice calibration;
    AwqSettings settings;
    OutputChoice output;

    std::shared_ptr<const QuantizationResult> result() const { return result_; }
    std::shared_ptr<const Model> quantizedModel() const { return quantized_; }
    void setResult(std::shared_ptr<const QuantizationResult> r, std::shared_ptr<const Model> int4_model);

    std::shared_ptr<const Report> report() const { return report_; }
    void setReport(std::shared_ptr<const Report> r);

signals:
    void modelChanged();
    void resultChanged();
    void reportChanged();

private:
    std::shared_ptr<const Model> model_;
    std::shared_ptr<const QuantizationResult> result_;
    std::shared_ptr<const Model> quantized_;
    std::shared_ptr<const Report> report_;
};

// std::string <-> QString (UTF-8 on both sides).
inline QString qs(const std::string& s) { return QString::fromStdString(s); }
inline std::string ss(const QString& s) { return s.toStdString(); }

}  // namespace awq::gui
