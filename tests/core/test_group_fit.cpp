// SPDX-License-Identifier: MIT
// Group sizes that do not divide a model's dimensions: check_group_size lists the linears left
// unquantized and the size that fits (reference: the divisibility and parameter arithmetic written out
// by hand below); a run on such a model marks those groups "not quantized" in its report (also when read
// back from an older report), and its in-memory result holds no more weight bytes than the original and,
// where nothing is quantized, gives the original's logits bit for bit.
#include "random_model.hpp"
#include "test_util.hpp"

#include <awq/export/awq_export.hpp>
#include <awq/quant/calibration.hpp>
#include <awq/quant/group_fit.hpp>
#include <awq/quant/quantize_model.hpp>
#include <awq/quant/report.hpp>
#include <awq/runtime/session.hpp>

#include <QRegularExpression>

#include <cstring>

using namespace awq;
using namespace awq::test;

namespace {

ModelConfig config(int64_t hidden, int64_t inter, int64_t heads, int64_t kv, int64_t head_dim, int64_t layers) {
    ModelConfig c;
    c.model_type = "llama";
    c.hidden_size = hidden;
    c.intermediate_size = inter;
    c.num_attention_heads = heads;
    c.num_key_value_heads = kv;
    c.head_dim = head_dim;
    c.num_hidden_layers = layers;
    return c;
}

// SmolLM2-135M-Instruct's config.json: hidden 576, intermediate 1536, 9 heads of 64, 3 kv heads, 30 layers.
ModelConfig smollm2() { return config(576, 1536, 9, 3, 64, 30); }

std::vector<float> logits_of(const std::shared_ptr<const Model>& m, const std::vector<int32_t>& ids) {
    InferenceSession s(m, 64);
    return s.feed(ids, true);
}

CalibrationSet calibration(const Model& m) {
    CalibrationOptions o;
    o.n_samples = 4;
    o.block_len = 32;
    return load_calibration(default_calibration_path(), m.tokenizer(), o);
}

AwqSettings quick(int group) {
    AwqSettings s;
    s.quant.group_size = group;
    s.n_grid = 4;
    s.clip_tokens = 64;
    s.clip_grid = 4;
    return s;
}

}  // namespace

class TestGroupFit : public QObject {
    Q_OBJECT
private slots:
    // SmolLM2 at 128: every linear but down_proj (input 1536 = 12 x 128) has input 576 = 4.5 x 128.
    // Weights per layer: q, o 576x576; k, v 576x192; gate, up, down 576x1536, so down is 1/4 of them.
    void smollm2At128() {
        const GroupSizeFit f = check_group_size(smollm2(), 128);
        QCOMPARE(f.skipped.size(), size_t(6));
        QCOMPARE(f.skipped[0].name, std::string("self_attn.q_proj"));
        QCOMPARE(f.skipped[3].name, std::string("self_attn.o_proj"));
        QCOMPARE(f.skipped[5].name, std::string("mlp.up_proj"));
        QCOMPARE(f.skipped[0].in, int64_t(576));
        QCOMPARE(f.skipped_linears, int64_t(180));
        QCOMPARE(f.total_linears, int64_t(210));
        const int64_t per_layer = 2 * 576 * 576 + 2 * 576 * 192 + 3 * 576 * 1536;
        QCOMPARE(f.total_weights, int64_t(30) * per_layer);
        QCOMPARE(f.skipped_weights, int64_t(30) * (per_layer - 576 * 1536));
        QCOMPARE(f.skipped_fraction(), 0.75);
        QCOMPARE(f.fitting_group_size, 64);  // 576 = 9 x 64, 1536 = 24 x 64
        QVERIFY(!f.fits());
        const std::string w = group_size_warning(f);
        qInfo("%s", w.c_str());
        for (const char* needle : {"group size 128 leaves 180 of 210 linears", "75.0 %",
                                   "q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj (576 not a multiple of 128)", "group size 64 fits"})
            QVERIFY2(w.find(needle) != std::string::npos, needle);
        QVERIFY(w.find("down_proj") == std::string::npos);
    }

    void smollm2At64And32Fit() {
        for (int g : {64, 32, -1}) {
            const GroupSizeFit f = check_group_size(smollm2(), g);
            QVERIFY(f.fits());
            QCOMPARE(f.skipped_linears, int64_t(0));
            QVERIFY(group_size_warning(f).empty());
        }
        QCOMPARE(check_group_size(smollm2(), 64).fitting_group_size, 64);
    }

    // Llama-2-7B: 4096 / 11008 (= 2^8 x 43): 128 and 256 fit, 512 leaves down_proj (11008 % 512 = 256).
    void llama7b() {
        const ModelConfig c = config(4096, 11008, 32, 32, 128, 32);
        QVERIFY(check_group_size(c, 128).fits());
        QVERIFY(check_group_size(c, 256).fits());
        const GroupSizeFit f = check_group_size(c, 512);
        QCOMPARE(f.skipped.size(), size_t(1));
        QCOMPARE(f.skipped[0].name, std::string("mlp.down_proj"));
        QCOMPARE(f.skipped_linears, int64_t(32));
        // down is 4096 x 11008 of q, k, v, o (4096^2 each, no GQA) and three 4096 x 11008: 11008 / 49408.
        QCOMPARE(f.skipped_fraction(), 11008.0 / (4 * 4096 + 3 * 11008));
        QCOMPARE(f.fitting_group_size, 256);
    }

    // TinyLlama: 2048 / 5632 (= 2^9 x 11), q 2048 -> 128 fits.
    void tinyLlama() { QVERIFY(check_group_size(config(2048, 5632, 32, 4, 64, 22), 128).fits()); }

    // hidden 1000 = 2^3 x 125: no power of two from 32 fits; the warning says per channel does.
    void noPowerOfTwoFits() {
        const GroupSizeFit f = check_group_size(config(1000, 4096, 10, 10, 100, 2), 128);
        QCOMPARE(f.fitting_group_size, 0);
        QCOMPARE(f.skipped.size(), size_t(6));  // all but down (input 4096 = 32 x 128)
        const std::string w = group_size_warning(f);
        QVERIFY2(w.find("q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj (1000 not a multiple of 128)") !=
                     std::string::npos, w.c_str());
        QVERIFY(w.find("per channel, -1, does") != std::string::npos);
        const std::vector<SkippedWidth> by = skipped_by_width(f);
        QCOMPARE(by.size(), size_t(1));
        QCOMPARE(by[0].in, int64_t(1000));
    }

    // Two widths at 128: hidden 576 (q/k/v/gate/up) and q_dim 9 x 48 = 432 (o); down 1536 fits. 432 = 16 x 27:
    // no power of two from 32 divides it.
    void twoWidths() {
        const GroupSizeFit f = check_group_size(config(576, 1536, 9, 3, 48, 1), 128);
        const std::vector<SkippedWidth> by = skipped_by_width(f);
        QCOMPARE(by.size(), size_t(2));
        QCOMPARE(by[0].in, int64_t(576));
        QCOMPARE(by[0].names, (std::vector<std::string>{"q_proj", "k_proj", "v_proj", "gate_proj", "up_proj"}));
        QCOMPARE(by[1].in, int64_t(432));
        QCOMPARE(by[1].names, std::vector<std::string>{"o_proj"});
        QCOMPARE(f.fitting_group_size, 0);
        QVERIFY(group_size_warning(f).find("; o_proj (432 not a multiple of 128)") != std::string::npos);
    }

    void reasonText() { QCOMPARE(not_quantized_reason(576, 128), std::string("576 not a multiple of 128")); }

    // Hidden 96 at group 64: q/k/v/o/gate/up stay in float, down (input 128 = 2 x 64) is quantized and
    // its scales divide up_proj's rows. The report marks the three groups not quantized; the in-memory
    // model holds no more weight bytes than the original (BF16 views or BF16 copies, no f32).
    void partlyQuantizedModelKeepsTheOriginalsWidth() {
        TempDir dir;
        RandomModelShape shape;
        shape.hidden = 96;
        shape.intermediate = 128;
        write_random_model(dir.path / "m", shape);
        const auto model = Model::load(dir.path / "m");
        // Without the identity candidate and the RTN fallback, down's search always scales (and so copies)
        // up_proj; with them a layer may keep up_proj as it was, which the check below would not expect.
        AwqSettings settings = quick(64);
        settings.identity_candidate = false;
        settings.rtn_fallback = false;
        const QuantizationResult r = quantize_model(model, calibration(*model), settings);
        for (const LayerReport& l : r.report.layers) {
            QCOMPARE(l.groups.size(), size_t(4));
            for (const GroupReport& g : l.groups) {
                const bool fp = g.name != "down";
                QCOMPARE(g.quantized, !fp);
                if (fp) {
                    QVERIFY(g.skipped);
                    QCOMPARE(g.reason, std::string("not quantized (96 not a multiple of 64)"));
                    QVERIFY(g.alphas.empty());
                }
            }
        }
        QVERIFY2(r.report.warnings.empty(), r.report.warnings.empty() ? "" : r.report.warnings[0].c_str());
        const auto q = make_quantized_model(r, true);
        qInfo("weights: original %zu bytes, quantized in memory %zu bytes", model->weights().bytes(),
              q->weights().bytes());
        QVERIFY(q->weights().bytes() <= model->weights().bytes());
        const auto& ql = q->weights().layers[0];
        QCOMPARE(ql.q_proj->kind(), std::string("bf16"));
        QCOMPARE(ql.up_proj->kind(), std::string("bf16"));  // scaled by down's search: a BF16 copy
        QVERIFY(ql.down_proj->kind().rfind("int4", 0) == 0);
        // q_proj was not touched by any search: a view of the original's mapped weights.
        const auto* qv = dynamic_cast<const DenseLinear*>(ql.q_proj.get());
        const auto* ov = dynamic_cast<const DenseLinear*>(model->weights().layers[0].q_proj.get());
        QVERIFY(qv && ov && qv->data() == ov->data());

        // The result itself holds no f32 copy of what the search left alone (q/k/v/o/gate), only of up_proj,
        // whose rows down's scales divided.
        for (const QuantizedLayer& l : r.layers)
            for (const QuantizedLinearData& d : l.linears) {
                const bool untouched = d.name != "mlp.up_proj" && d.name != "mlp.down_proj";
                QCOMPARE(d.from_base, untouched);
                QCOMPARE(d.fp_weights.empty(), d.quantized || untouched);
            }

        // The report read back (JSON) keeps the marks.
        const Report back = report_from_json(report_to_json(r.report), "mem");
        QCOMPARE(back.layers[0].groups[0].quantized, false);
        QCOMPARE(back.layers[0].groups[0].reason, std::string("not quantized (96 not a multiple of 64)"));
        QCOMPARE(back.layers[0].groups[3].quantized, true);
    }

    // The export writes the untouched linears from the base model: for an F16 model their bytes are the
    // original's exactly; the reloaded checkpoint's logits match the in-memory result's (FP16 rounding of the
    // scaled up_proj and INT4 kernels on both sides: within 1e-3 of the largest logit).
    void exportWritesTheBasesWeights() {
        TempDir dir;
        RandomModelShape shape;
        shape.hidden = 96;
        shape.intermediate = 128;
        shape.dtype = DType::F16;
        write_random_model(dir.path / "m", shape);
        const auto model = Model::load(dir.path / "m");
        const QuantizationResult r = quantize_model(model, calibration(*model), quick(64));
        export_awq_gemm(r, dir.path / "awq");
        const auto back = Model::load(dir.path / "awq");
        for (const char* name : {"self_attn.q_proj.weight", "mlp.gate_proj.weight"}) {
            const std::string t = std::string("model.layers.1.") + name;
            const TensorView& a = model->tensors().get(t);
            const TensorView& b = back->tensors().get(t);
            QCOMPARE(b.dtype, DType::F16);
            QCOMPARE(b.shape, a.shape);
            QVERIFY2(std::memcmp(a.data, b.data, size_t(a.numel()) * 2) == 0, name);
        }
        const std::vector<int32_t> ids = {4092, 17, 301, 9, 2048, 77};
        const double err = max_rel_error(logits_of(back, ids), logits_of(make_quantized_model(r, true), ids));
        qInfo("reloaded vs in-memory logits: max rel error %.3g", err);
        QVERIFY(err <= 1e-3);
    }

    // An older report (no "quantized" key; unquantized groups searched in vain: alpha 0, best_index -1)
    // is read with those groups marked from its fp16_linears and its group size.
    void olderReportIsUpgraded() {
        TempDir dir;
        RandomModelShape shape;
        shape.hidden = 96;
        shape.intermediate = 128;
        write_random_model(dir.path / "m", shape);
        const auto model = Model::load(dir.path / "m");
        const QuantizationResult r = quantize_model(model, calibration(*model), quick(64));
        auto j = nlohmann::json::parse(report_to_json(r.report));
        for (auto& l : j["layers"])
            for (auto& g : l["groups"]) {
                g.erase("quantized");
                if (g["name"] != "down") g["skipped"] = false, g["reason"] = "", g["best_alpha"] = 0.0;
            }
        const Report back = report_from_json(j.dump(), "old.json");
        const GroupReport& qkv = back.layers[1].groups[0];
        QCOMPARE(qkv.quantized, false);
        QVERIFY(qkv.skipped);
        QCOMPARE(qkv.reason, std::string("not quantized (96 not a multiple of 64)"));
        QCOMPARE(back.layers[1].groups[3].quantized, true);
    }

    // The CLI: `awq quantize` starts with the warning (and keeps the explicit 128), `awq report` shows the
    // groups as not quantized. One layer shaped like SmolLM2 (576 / 1536, 9 heads of 64, 3 kv heads).
    void cliWarnsAndReports() {
        TempDir dir;
        RandomModelShape shape;
        shape.hidden = 576;
        shape.intermediate = 1536;
        shape.layers = 1;
        shape.heads = 9;
        shape.kv_heads = 3;
        shape.head_dim = 64;
        write_random_model(dir.path / "m", shape);
        const QString report = QString::fromStdString((dir.path / "r.json").string());
        const CliRun q = run_cli({"quantize", QString::fromStdString((dir.path / "m").string()), "--report", report,
                                  "--samples", "4", "--seqlen", "32", "--n-grid", "2", "--no-clip", "--device", "cpu"});
        QVERIFY2(q.exit_code == 0, qPrintable(q.err));
        const QString first = q.err.section('\n', 0, 0);
        QCOMPARE(first, QString("warning: group size 128 leaves 6 of 7 linears (75.0 % of the decoder's weights) "
                                "unquantized: q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj (576 not a multiple "
                                "of 128); group size 64 fits every linear (--group-size 64)"));
        QCOMPARE(read_report(dir.path / "r.json").settings.quant.group_size, 128);
        const CliRun r = run_cli({"report", report});
        QVERIFY2(r.exit_code == 0, qPrintable(r.err));
        qInfo("%s", qPrintable(r.out));
        QVERIFY2(r.out.contains(QRegularExpression("\n    0      fp     fp     fp   [ 0-9.]{4} ")), qPrintable(r.out));
        for (const char* g : {"qkv", "o", "gate_up"})
            QVERIFY2(r.out.contains(QString("note: group '%1' not quantized (576 not a multiple of 128)").arg(g)),
                     qPrintable(r.out));
        QVERIFY(!r.out.contains("no scale candidate"));
    }

    // Nothing quantizable (96 and 160 at group 128): every linear is a view of the original's weights and
    // the norms are untouched, so the logits equal the original's bit for bit, at no extra weight memory.
    void nothingQuantizedGivesTheOriginalsLogits() {
        TempDir dir;
        RandomModelShape shape;  // hidden 96, intermediate 160
        shape.dtype = DType::F16;
        write_random_model(dir.path / "m", shape);
        const auto model = Model::load(dir.path / "m");
        const QuantizationResult r = quantize_model(model, calibration(*model), quick(128));
        QCOMPARE(r.report.modules_to_not_convert.size(), size_t(7 * shape.layers));
        const auto q = make_quantized_model(r, true);
        QCOMPARE(q->weights().bytes(), model->weights().bytes());
        QCOMPARE(q->weights().layers[1].down_proj->kind(), std::string("f16"));
        const std::vector<int32_t> ids = {4092, 17, 301, 9, 2048, 77};
        const std::vector<float> a = logits_of(model, ids), b = logits_of(q, ids);
        QCOMPARE(a.size(), b.size());
        QVERIFY(std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
    }
};

QTEST_GUILESS_MAIN(TestGroupFit)
#include "test_group_fit.moc"
