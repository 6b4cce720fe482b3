// SPDX-License-Identifier: GPL-3.0-or-later
#include "core_message_text.hpp"

#include <QCoreApplication>

namespace awq::gui {

namespace {

// The labels run_estimate.cpp gives its terms (EstimateTerm::what), marked for lupdate.
const char* const kEstimateTermLabels[] = {
    QT_TRANSLATE_NOOP("awq::gui::CoreMessageText", "capture"),
    QT_TRANSLATE_NOOP("awq::gui::CoreMessageText", "search qkv"),
    QT_TRANSLATE_NOOP("awq::gui::CoreMessageText", "search o"),
    QT_TRANSLATE_NOOP("awq::gui::CoreMessageText", "search gate_up"),
    QT_TRANSLATE_NOOP("awq::gui::CoreMessageText", "search down"),
    QT_TRANSLATE_NOOP("awq::gui::CoreMessageText", "clip"),
    QT_TRANSLATE_NOOP("awq::gui::CoreMessageText", "quantize"),
    QT_TRANSLATE_NOOP("awq::gui::CoreMessageText", "measure"),
    QT_TRANSLATE_NOOP("awq::gui::CoreMessageText", "sensitivity"),
    QT_TRANSLATE_NOOP("awq::gui::CoreMessageText", "load, calibration and export"),
    QT_TRANSLATE_NOOP("awq::gui::CoreMessageText", "model weights (memory-mapped)"),
    QT_TRANSLATE_NOOP("awq::gui::CoreMessageText", "program, tokenizer and calibration"),
    QT_TRANSLATE_NOOP("awq::gui::CoreMessageText", "quantized layers kept for the export"),
    QT_TRANSLATE_NOOP("awq::gui::CoreMessageText", "calibration activations"),
    QT_TRANSLATE_NOOP("awq::gui::CoreMessageText", "layer weights in float32 (4 copies)"),
    QT_TRANSLATE_NOOP("awq::gui::CoreMessageText", "capture's q/k/v"),
    QT_TRANSLATE_NOOP("awq::gui::CoreMessageText", "error measurement's layer forward"),
    QT_TRANSLATE_NOOP("awq::gui::CoreMessageText", "error feedback's Gram matrix and its inverse"),
    QT_TRANSLATE_NOOP("awq::gui::CoreMessageText", "layer weights in float32 (2 copies)"),
    QT_TRANSLATE_NOOP("awq::gui::CoreMessageText", "checkpoint assembled for writing"),
    QT_TRANSLATE_NOOP("awq::gui::CoreMessageText", "attention scores"),
    QT_TRANSLATE_NOOP("awq::gui::CoreMessageText", "layer weights in float32 (3 sets)"),
    QT_TRANSLATE_NOOP("awq::gui::CoreMessageText", "Gram matrix and the group maxima"),
    QT_TRANSLATE_NOOP("awq::gui::CoreMessageText", "clip search scratch"),
    QT_TRANSLATE_NOOP("awq::gui::CoreMessageText", "CUDA context and cuBLAS workspace"),
};

}  // namespace

QString gpuMissingText(const GpuStatus& gpu) {
    const QString detail = QString::fromStdString(gpu.detail), words = QString::fromStdString(gpu.words);
    switch (gpu.missing) {
    case GpuMissing::None: return {};
    case GpuMissing::NoCudaBuild:
        return QCoreApplication::translate("awq::gui::CoreMessageText", "this build has no CUDA support");
    case GpuMissing::PluginNotInstalled:
        return QCoreApplication::translate(
                   "awq::gui::CoreMessageText",
                   "the CUDA plugin is not installed (looked for %1; install the awq-studio-cuda package)")
            .arg(detail);
    case GpuMissing::PluginLoadFailed:
        return QCoreApplication::translate("awq::gui::CoreMessageText", "the CUDA plugin %1 failed to load (%2)")
            .arg(detail, words);
    case GpuMissing::NotAPlugin:
        return QCoreApplication::translate("awq::gui::CoreMessageText", "%1 is not an AWQ Studio CUDA plugin")
            .arg(detail);
    case GpuMissing::PluginAbiMismatch:
    case GpuMissing::PluginOtherBuild:
        return QCoreApplication::translate(
                   "awq::gui::CoreMessageText",
                   "the CUDA plugin %1 comes from another build of AWQ Studio (install the plugin of the same version)")
            .arg(detail);
    case GpuMissing::NoDriver:
        return QCoreApplication::translate("awq::gui::CoreMessageText",
                                           "no CUDA device: the NVIDIA driver is not installed (%1 not found)")
            .arg(detail);
    case GpuMissing::NoDevice:
        return QCoreApplication::translate("awq::gui::CoreMessageText", "no usable CUDA device (%1)").arg(words);
    case GpuMissing::ProbeFailed:
        return QCoreApplication::translate("awq::gui::CoreMessageText", "the CUDA plugin could not be probed (%1)")
            .arg(words);
    }
    return QString::fromStdString(gpu.reason);
}

QString cpuReasonText(const GpuStatus& gpu, const std::string& cpu_reason) {
    if (!gpu.available && gpu.missing != GpuMissing::None) return gpuMissingText(gpu);
    return QString::fromStdString(cpu_reason);
}

QString skippedGroupText(const GroupReport& g) {
    if (!g.quantized)
        return QCoreApplication::translate("awq::gui::CoreMessageText",
                                           "not quantized: its input width is not a multiple of the group size");
    if (g.name == "o")
        return QCoreApplication::translate(
            "awq::gui::CoreMessageText",
            "grouped-query attention: v_proj's outputs do not line up with o_proj's inputs, so no op can "
            "absorb the scales");
    return QString::fromStdString(g.reason);
}

QString chatTemplateText(const ChatTemplate& t) {
    if (t.uses_template())
        return QCoreApplication::translate("awq::gui::CoreMessageText", "Jinja template (%1 characters)")
            .arg(t.jinja.size());
    return QCoreApplication::translate("awq::gui::CoreMessageText", "plain text: %1")
        .arg(QString::fromStdString(t.note));
}

QString estimateTermText(const EstimateTerm& t) {
    QString label = QString::fromStdString(t.what);
    for (const char* known : kEstimateTermLabels)
        if (t.what == known) label = QCoreApplication::translate("awq::gui::CoreMessageText", known);
    if (t.tokens <= 0) return label;
    return QCoreApplication::translate("awq::gui::CoreMessageText", "%1 (%2 tokens)").arg(label).arg(t.tokens);
}

}  // namespace awq::gui
