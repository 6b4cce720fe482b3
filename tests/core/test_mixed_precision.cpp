// SPDX-License-Identifier: MIT
// Mixed precision (issue "Better than AWQ", item 4): each unit's sensitivity, the choice of the units kept
// in floating point, the float weights that fit the layer's folded scales, and the checkpoint that keeps
// them. References: the original model's own forward (a model whose every unit is kept in float computes
// what the original does), an independent layer-by-layer forward through decoder_layer_forward for the
// sensitivities, and hand arithmetic for the selection.
#include "calibration_util.hpp"
#include "test_util.hpp"

#include <awq/export/awq_export.hpp>
#include <awq/quant/mixed_precision.hpp>
#include <awq/quant/quantize_model.hpp>
#include <awq/quant/report.hpp>
#include <awq/quant/work_folder.hpp>
#include <awq/runtime/decoder_layer.hpp>
#include <awq/runtime/session.hpp>

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace awq;
using namespace awq::test;

namespace {

// Scales that are far from 1, so that a float unit that ignored them would show.
AwqSettings settings() {
    AwqSettings s;
    s.identity_candidate = false;
    s.search_blocks = 2;
    s.threads = 2;
    return s;
}

std::vector<float> logits(const std::shared_ptr<const Model>& m, const std::vector<int32_t>& ids) {
    InferenceSession s(m, int64_t(ids.size()));
    return s.feed(ids, true);
}

double max_abs_diff(const std::vector<float>& a, const std::vector<float>& b) {
    double d = 0;
    for (size_t i = 0; i < a.size(); ++i) d = std::max(d, std::abs(double(a[i]) - b[i]));
    return d;
}

std::vector<FloatUnit> every_unit(const Report& r) { return select_float_units(r, 100); }

// A report of two layers with known sensitivities (output power 1, so gain = baseline - error in float).
Report synthetic_report() {
    Report r;
    for (int l = 0; l < 2; ++l) {
        LayerReport lr;
        lr.index = l;
        lr.output_power = 1;
        lr.sensitivity_error = 1.0;
        r.layers.push_back(lr);
    }
    // gain per weight: L0 qkv 0.5/100, L0 down 0.6/300 = 0.002, L1 o 0.3/50 = 0.006, L1 gate_up 0.9/400 = 0.00225
    r.layers[0].sensitivity = {{"qkv", {}, 100, 0.5, false}, {"down", {}, 300, 0.4, false}};
    r.layers[1].sensitivity = {{"o", {}, 50, 0.7, false}, {"gate_up", {}, 400, 0.1, false}};
    return r;
}

}  // namespace

class TestMixedPrecision : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        model_ = Model::load(bundled_model());
        calib_ = small_calibration(*model_, 8, 64);
        result_ = quantize_model(model_, calib_, settings());
    }

    // Ranking by gain per weight and the budget's prefix, worked by hand on the synthetic report (850
    // weights): 1 % buys nothing, 6 % (51) buys L1.o (50), 20 % (170) also L0.qkv (150), 70 % (595) also
    // L1.gate_up (550; L0.down would pass the budget), 100 % everything; a larger budget keeps a superset.
    void selectionFollowsGainPerWeight() {
        const Report r = synthetic_report();
        const std::vector<FloatUnit> ranking = rank_float_units(r);
        const std::vector<FloatUnit> expected = {{1, ScaleGroup::O}, {0, ScaleGroup::Qkv}, {1, ScaleGroup::GateUp},
                                                 {0, ScaleGroup::Down}};
        QVERIFY(ranking == expected);
        QCOMPARE(select_float_units(r, 1).size(), size_t(0));
        QCOMPARE(select_float_units(r, 6).size(), size_t(1));
        QCOMPARE(select_float_units(r, 20).size(), size_t(2));
        QCOMPARE(select_float_units(r, 70).size(), size_t(3));
        QCOMPARE(select_float_units(r, 100).size(), size_t(4));
        const std::vector<TradeoffPoint> t = predicted_tradeoff(r, {0, 20, 100});
        QCOMPARE(t.size(), size_t(3));
        QCOMPARE(t[0].calibration_error, 2.0);             // both layers' baselines
        QCOMPARE(t[1].calibration_error, 2.0 - 0.3 - 0.5);  // L1.o and L0.qkv kept
        QCOMPARE(t[1].kept_weights_percent, 100.0 * 150 / 850);
        QCOMPARE(t[2].calibration_error, 0.0);  // every gain taken: 2.3 > 2.0, clamped (gains are not additive)
    }

    // Every quantized unit of every layer is measured, with its weight count, and the predicted trade-off
    // falls from the all-quantized error as the budget grows.
    void everyUnitMeasured() {
        const Report& r = result_.report;
        int units = 0;
        for (const LayerReport& l : r.layers) {
            QVERIFY(std::isfinite(l.sensitivity_error) && l.sensitivity_error > 0);
            for (const UnitSensitivity& u : l.sensitivity) {
                ++units;
                QVERIFY(std::isfinite(u.error_in_float) && u.error_in_float >= 0);
                QVERIFY(u.weights > 0);
            }
        }
        QCOMPARE(units, int(r.layers.size()) * 4);
        QVERIFY(r.tradeoff.size() >= 3);
        for (size_t i = 1; i < r.tradeoff.size(); ++i)
            QVERIFY(r.tradeoff[i].calibration_error <= r.tradeoff[i - 1].calibration_error);
        QCOMPARE(r.tradeoff.back().calibration_error, 0.0);
    }

    // A model with every unit kept in float computes what the original computes: the float weights with
    // the recorded scales applied fit the folded norms (scale_float_linear). The only difference left is
    // the float copies' rounding to the base's BF16, far below what quantization costs.
    void allFloatEqualsTheOriginal() {
        QuantizationResult all = result_;
        keep_in_float(all, every_unit(all.report));
        const std::vector<int32_t> ids = model_->tokenizer().encode("In the beginning God created the heaven", true);
        const std::vector<float> original = logits(model_, ids);
        const double float_diff = max_abs_diff(logits(make_quantized_model(all, true), ids), original);
        const double quant_diff = max_abs_diff(logits(make_quantized_model(result_, true), ids), original);
        qInfo("max |logit - original|: all units in float %.3g, quantized %.3g", float_diff, quant_diff);
        QVERIFY(quant_diff > 0);
        QVERIFY(float_diff < 0.1 * quant_diff);
        QCOMPARE(all.report.modules_to_not_convert.size(), size_t(all.layers.size() * 7));
    }

    // The measured error of a unit in float equals the same layer's output error computed independently:
    // the original layers up to the layer (decoder_layer_forward), then the layer as make_quantized_model
    // builds it with that one unit kept, against the original layer, on the search's blocks.
    void sensitivityMatchesAnIndependentForward() {
        const int layer = 3;
        const ModelConfig& c = model_->config();
        const int64_t seqs = 2, len = calib_.block_len, H = c.hidden_size;
        std::vector<float> input(size_t(seqs * len * H));
        for (int64_t t = 0; t < seqs * len; ++t) model_->weights().embedding.lookup(calib_.tokens[size_t(t)], input.data() + t * H);
        const RopeTable rope(c);
        for (int l = 0; l < layer; ++l) decoder_layer_forward(c, rope, model_->weights().layers[size_t(l)], input.data(), seqs, len);
        std::vector<float> reference = input;
        decoder_layer_forward(c, rope, model_->weights().layers[size_t(layer)], reference.data(), seqs, len);
        const LayerReport& lr = result_.report.layers[size_t(layer)];
        for (const UnitSensitivity& u : lr.sensitivity) {
            QuantizationResult one = result_;
            const auto g = std::find_if(kScaleGroups.begin(), kScaleGroups.end(),
                                        [&](ScaleGroup s) { return u.unit == scale_group_name(s); });
            keep_in_float(one, {{layer, *g}});
            const auto mixed = make_quantized_model(one, false);
            std::vector<float> out = input;
            decoder_layer_forward(c, rope, mixed->weights().layers[size_t(layer)], out.data(), seqs, len);
            double se = 0;
            for (size_t i = 0; i < out.size(); ++i) se += (double(out[i]) - reference[i]) * (double(out[i]) - reference[i]);
            const double mse = se / double(out.size());
            qInfo("layer %d unit %s: measured %.5g, independent %.5g", layer, u.unit.c_str(), u.error_in_float, mse);
            QVERIFY(std::abs(mse - u.error_in_float) <= 0.05 * u.error_in_float);
        }
    }

    // keep_float_percent through quantize_model: the kept units are the selection's, named in
    // modules_to_not_convert, and the exported checkpoint reloads to the in-memory model's logits (the
    // checkpoint holds the float units in F16, memory at the base's BF16: within a tenth of what
    // quantization moves the logits).
    void keptUnitsExportAndReload() {
        AwqSettings s = settings();
        s.keep_float_percent = 10;
        const QuantizationResult r = quantize_model(model_, calib_, s);
        const std::vector<FloatUnit> chosen = select_float_units(r.report, 10);
        QVERIFY(!chosen.empty());
        size_t kept = 0;
        for (const LayerReport& l : r.report.layers)
            for (const UnitSensitivity& u : l.sensitivity) kept += u.kept_float ? 1 : 0;
        QCOMPARE(kept, chosen.size());
        QVERIFY(!r.report.modules_to_not_convert.empty());
        for (const FloatUnit& f : chosen)
            for (int i : scale_group_linears(f.unit))
                QVERIFY(!r.layers[size_t(f.layer)].linears[size_t(i)].quantized);
        QTemporaryDir dir;
        const auto out = std::filesystem::path(dir.path().toStdString()) / "mixed";
        export_awq_gemm(r, out);
        const auto reloaded = Model::load(out);
        QCOMPARE(reloaded->config().quantization->modules_to_not_convert, r.report.modules_to_not_convert);
        const std::vector<int32_t> ids = model_->tokenizer().encode("And the earth was without form", true);
        const std::vector<float> in_memory = logits(make_quantized_model(r, true), ids);
        const double diff = max_rel_error(logits(reloaded, ids), in_memory);
        const double quantization = max_rel_error(in_memory, logits(model_, ids));
        qInfo("reloaded vs in-memory %.3g, in-memory vs original %.3g (max rel error)", diff, quantization);
        QVERIFY(diff < 0.1 * quantization);
    }

    // The work folder keeps each layer's scales, so a resumed run can still turn a layer's units into
    // float weights that fit its folded norms.
    void workFolderKeepsTheScales() {
        QTemporaryDir dir;
        WorkFolder w(std::filesystem::path(dir.path().toStdString()) / "work", "fp", false);
        w.save_layer(0, result_.layers[0], result_.report.layers[0], settings());
        LayerReport back;
        const QuantizedLayer q = w.load_layer(0, back, settings());
        for (size_t g = 0; g < 4; ++g) QVERIFY(q.group_scales[g] == result_.layers[0].group_scales[g]);
        QVERIFY(!q.group_scales[0].empty());
        QCOMPARE(back.sensitivity.size(), result_.report.layers[0].sensitivity.size());
        QCOMPARE(back.sensitivity_error, result_.report.layers[0].sensitivity_error);
    }

    // Report JSON round trip of the new fields; a report written before them reads with none.
    void reportRoundTrip() {
        Report r = result_.report;
        r.tradeoff.back().perplexity = 12.5;
        r.tradeoff.back().weight_bytes = 1234;
        const Report back = report_from_json(report_to_json(r), "mem");
        QCOMPARE(back.tradeoff.size(), r.tradeoff.size());
        QCOMPARE(back.tradeoff.back().perplexity, 12.5);
        QCOMPARE(back.tradeoff.back().weight_bytes, uint64_t(1234));
        QVERIFY(std::isnan(back.tradeoff.front().perplexity));
        QCOMPARE(back.layers[2].sensitivity.size(), r.layers[2].sensitivity.size());
        QCOMPARE(back.layers[2].sensitivity[1].error_in_float, r.layers[2].sensitivity[1].error_in_float);
        QCOMPARE(back.settings.keep_float_percent, r.settings.keep_float_percent);
        nlohmann::json old = nlohmann::json::parse(report_to_json(r));
        old.erase("tradeoff");
        for (auto& l : old["layers"]) l.erase("sensitivity");
        const Report older = report_from_json(old.dump(), "old");
        QVERIFY(older.tradeoff.empty());
        QVERIFY(older.layers[0].sensitivity.empty());
        QVERIFY(rank_float_units(older).empty());
    }

private:
    std::shared_ptr<Model> model_;
    CalibrationSet calib_;
    QuantizationResult result_;
};

QTEST_GUILESS_MAIN(TestMixedPrecision)
#include "test_mixed_precision.moc"
