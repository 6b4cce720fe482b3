// SPDX-License-Identifier: MIT
// The AWQ engine: calibration blocking, scale equivalence, the scale and clip searches' own guarantees,
// the report, and export -> reload against the in-memory model.
#include "calibration_util.hpp"
#include "test_util.hpp"

#include <awq/error.hpp>
#include <awq/export/awq_export.hpp>
#include <awq/io/tensor_store.hpp>
#include <awq/quant/clip_search.hpp>
#include <awq/quant/linear_loss.hpp>
#include <awq/int4/quantizer.hpp>
#include <awq/quant/quantize_model.hpp>
#include <awq/quant/report.hpp>
#include <awq/quant/scale_search.hpp>
#include <awq/runtime/decoder_layer.hpp>
#include <awq/runtime/session.hpp>

#include <algorithm>
#include <fstream>

using namespace awq;
using namespace awq::test;

namespace {

std::vector<float> logits_of(const std::shared_ptr<const Model>& m, const std::vector<int32_t>& ids) {
    InferenceSession s(m, 256);
    return s.feed(ids, true);
}

}  // namespace

class TestAwqEngine : public QObject {
    Q_OBJECT

    std::shared_ptr<Model> model_;
    QuantizationResult awq_;

private slots:
    void initTestCase() {
        model_ = Model::load(bundled_model());
        AwqSettings s;
        s.n_grid = 10;
        awq_ = quantize_model(model_, small_calibration(*model_), s);
    }

    // Blocking follows the reference: documents longer than a block are skipped, the rest concatenated and
    // cut into whole blocks; the counts are checked against a hand count on synthetic documents.
    void calibrationBlocking() {
        const Tokenizer& tok = model_->tokenizer();
        std::vector<std::string> docs = {"In the beginning.", "And God said.", std::string(3000, 'a'), "Amen."};
        int64_t expected_tokens = 0, longest = 0;
        for (const auto& d : {docs[0], docs[1], docs[3]}) {
            const int64_t n = int64_t(tok.encode(d, true).size());
            expected_tokens += n;
            longest = std::max(longest, n);
        }
        CalibrationOptions o;
        o.block_len = longest;  // every short document fits, the 3000-character one does not
        const CalibrationSet set = make_calibration_blocks(docs, tok, o, "synthetic");
        QCOMPARE(set.documents_used, 3);
        QCOMPARE(set.documents_too_long, 1);
        QCOMPARE(set.tokens_total, expected_tokens);
        QCOMPARE(set.n_blocks(), expected_tokens / longest);
        o.block_len = 1000;
        try {
            make_calibration_blocks(docs, tok, o, "synthetic");
            QFAIL("expected an error for too little text");
        } catch (const InvalidArgument& e) {
            QVERIFY(QString(e.what()).contains("1000 are needed"));
        }
    }

    // Empty, binary and non-UTF-8 files are refused with the file named.
    void calibrationBadFiles() {
        TempDir dir;
        const auto write = [&](const char* name, const std::string& bytes) {
            std::ofstream(dir.path / name, std::ios::binary) << bytes;
            return dir.path / name;
        };
        for (const auto& [name, bytes] : std::vector<std::pair<const char*, std::string>>{
                 {"empty.txt", ""}, {"binary.txt", std::string("abc\0def", 7)}, {"latin1.txt", "caf\xe9\n"},
                 {"blank.txt", "\n\n  \n"}, {"bad.jsonl", "{\"text\": 3}\n"}}) {
            const auto path = write(name, bytes);
            try {
                read_calibration_documents(path);
                QFAIL(name);
            } catch (const Error& e) {
                QVERIFY2(QString(e.what()).contains(QString::fromStdString(path.string())), e.what());
            }
        }
    }

    // Dividing the previous op by s and multiplying the linears' input columns by s leaves the layer's
    // output unchanged (without quantization): AWQ's transformation is exact.
    void scaleApplicationIsEquivalent() {
        const ModelConfig& c = model_->config();
        const LayerWeights& base = model_->weights().layers[1];
        const int64_t H = c.hidden_size, I = c.intermediate_size, T = 24;
        auto get = [](const std::unique_ptr<Linear>& l) { return dynamic_cast<const DenseLinear&>(*l).to_f32(); };
        auto q = get(base.q_proj), k = get(base.k_proj), v = get(base.v_proj), o = get(base.o_proj);
        auto gate = get(base.gate_proj), up = get(base.up_proj), down = get(base.down_proj);
        auto in_norm = base.input_norm, post_norm = base.post_attention_norm;
        const auto s1 = random_vector(size_t(H), 1, 0.25f, 4.0f), s3 = random_vector(size_t(H), 3, 0.25f, 4.0f);
        const auto s4 = random_vector(size_t(I), 4, 0.25f, 4.0f);
        std::vector<float> no_bias;
        for (size_t i = 0; i < s1.size(); ++i) in_norm[i] /= s1[i];
        for (auto* w : {&q, &k, &v}) scale_columns(*w, int64_t(w->size()) / H, H, s1);
        for (size_t i = 0; i < s3.size(); ++i) post_norm[i] /= s3[i];
        for (auto* w : {&gate, &up}) scale_columns(*w, I, H, s3);
        divide_rows(up, no_bias, I, H, s4);
        scale_columns(down, H, I, s4);
        LayerWeights scaled;
        scaled.q_proj = std::make_unique<DenseLinear>(q, H, c.q_dim());
        scaled.k_proj = std::make_unique<DenseLinear>(k, H, c.kv_dim());
        scaled.v_proj = std::make_unique<DenseLinear>(v, H, c.kv_dim());
        scaled.o_proj = std::make_unique<DenseLinear>(o, c.q_dim(), H);
        scaled.gate_proj = std::make_unique<DenseLinear>(gate, H, I);
        scaled.up_proj = std::make_unique<DenseLinear>(up, H, I);
        scaled.down_proj = std::make_unique<DenseLinear>(down, I, H);
        scaled.input_norm = in_norm;
        scaled.post_attention_norm = post_norm;
        const RopeTable rope(c);
        auto h0 = random_vector(size_t(T * H), 7);
        auto h1 = h0;
        decoder_layer_forward(c, rope, base, h0.data(), 2, T / 2);
        decoder_layer_forward(c, rope, scaled, h1.data(), 2, T / 2);
        QVERIFY2(max_rel_error(h1, h0) <= 1e-5, qPrintable(QString::number(max_rel_error(h1, h0))));
    }

    // The chosen alpha is the argmin of the recorded loss curve, every curve has n_grid points, and the
    // v -> o group is skipped under GQA with the reason recorded.
    void chosenAlphaMinimisesRecordedLoss() {
        QCOMPARE(int(awq_.report.layers.size()), int(model_->config().num_hidden_layers));
        for (const LayerReport& l : awq_.report.layers) {
            QCOMPARE(int(l.groups.size()), 4);
            for (const GroupReport& g : l.groups) {
                if (g.name == "o") {
                    QVERIFY(g.skipped);
                    QVERIFY(QString::fromStdString(g.reason).contains("grouped-query"));
                    continue;
                }
                QCOMPARE(int(g.losses.size()), 10);
                QVERIFY(g.best_index >= 0);
                for (double loss : g.losses) QVERIFY(g.best_loss <= loss);
                QCOMPARE(g.best_alpha, g.alphas[size_t(g.best_index)]);
            }
            QCOMPARE(l.saliency.at("qkv").size(), size_t(model_->config().hidden_size));
            QCOMPARE(l.saliency.at("down").size(), size_t(model_->config().intermediate_size));
            QVERIFY(l.awq_error > 0);
        }
    }

    // The clip search never picks a factor whose error exceeds no clipping, and the fast search (BLAS,
    // whole-matrix quantization) chooses exactly what the one-group-at-a-time reference chooses.
    void clipSearchNeverIncreasesError() {
        const int64_t out = 24, in = 256, n = 40;
        const auto w = random_vector(size_t(out * in), 21, -1, 1);
        auto xs = random_vector(size_t(n * in), 22, -2, 2);
        for (int64_t t = 0; t < n; ++t) xs[size_t(t * in + 5)] *= 20;  // one salient channel
        AwqSettings s;
        s.quant.group_size = 64;
        for (ClipRowCheck row_check : {ClipRowCheck::On, ClipRowCheck::Off}) {
            s.clip_row_check = row_check;
            const ClipResult fast = search_best_clip(w, out, in, xs, n, s);
            const ClipResult ref = search_best_clip_ref(w, out, in, xs, n, s);
            QVERIFY(fast.error_clipped <= fast.error_unclipped);
            QVERIFY(fast.error_clipped < fast.error_unclipped);  // uniform weights: some clipping helps
            QCOMPARE(fast.shrink, ref.shrink);
            QCOMPARE(fast.max_abs, ref.max_abs);
            QCOMPARE(fast.rows_reverted, ref.rows_reverted);
            QVERIFY(std::abs(fast.error_clipped - ref.error_clipped) <= 1e-4 * ref.error_clipped);
        }
        for (const LayerReport& l : awq_.report.layers)
            for (const ClipReport& c : l.clips) QVERIFY(c.error_clipped <= c.error_unclipped);
    }

    // The row check: with it, every row whose clipping survives has a smaller whole-row output error than
    // unclipped, and it undoes exactly the rows of the per-group search (row check off) whose row error
    // clipping raised. Row errors recomputed here in double from the chosen bounds (quantizer_ref);
    // 3 bits and inputs sharing a component across channels, where some rows do get worse, so the test
    // sees both outcomes.
    void clipRowCheckKeepsOnlyRowsItHelps() {
        const int64_t out = 64, in = 384, n = 96, g = 128, groups = in / g;
        const auto w = random_vector(size_t(out * in), 31, -1, 1);
        auto xs = random_vector(size_t(n * in), 32, -0.5f, 0.5f);
        const auto common = random_vector(size_t(n), 33, -2, 2);
        for (int64_t t = 0; t < n; ++t)
            for (int64_t i = 0; i < in; ++i) xs[size_t(t * in + i)] += common[size_t(t)];
        AwqSettings s;
        s.quant.bits = 3;
        s.quant.group_size = int(g);
        s.clip_row_check = ClipRowCheck::Off;
        const ClipResult plain = search_best_clip(w, out, in, xs, n, s);
        s.clip_row_check = ClipRowCheck::On;
        const ClipResult checked = search_best_clip(w, out, in, xs, n, s);
        const auto row_error = [&](int64_t o, const std::vector<float>& bounds) {
            std::vector<float> q(w.begin() + o * in, w.begin() + (o + 1) * in);
            for (int64_t i = 0; i < in; ++i) q[size_t(i)] = std::clamp(q[size_t(i)], -bounds[size_t(o * groups + i / g)], bounds[size_t(o * groups + i / g)]);
            fake_quantize_ref(q.data(), 1, in, s.quant);
            double se = 0;
            for (int64_t t = 0; t < n; ++t) {
                double e = 0;
                for (int64_t i = 0; i < in; ++i) e += (double(q[size_t(i)]) - w[size_t(o * in + i)]) * xs[size_t(t * in + i)];
                se += e * e;
            }
            return se;
        };
        std::vector<float> none(size_t(out * groups), INFINITY);
        int64_t helped = 0, hurt = 0;
        for (int64_t o = 0; o < out; ++o) {
            bool clipped = false;
            for (int64_t k = 0; k < groups; ++k) clipped = clipped || plain.shrink[size_t(o * groups + k)] < 1.0f;
            if (!clipped) continue;
            const double with = row_error(o, plain.max_abs), without = row_error(o, none);
            const bool kept = std::equal(checked.shrink.begin() + o * groups, checked.shrink.begin() + (o + 1) * groups,
                                         plain.shrink.begin() + o * groups);
            bool reverted = true;
            for (int64_t k = 0; k < groups; ++k) reverted = reverted && checked.shrink[size_t(o * groups + k)] == 1.0f;
            if (with < without) {
                ++helped;
                QVERIFY2(kept, qPrintable(QString("row %1 lost clipping that helped (%2 < %3)").arg(o).arg(with).arg(without)));
            } else {
                ++hurt;
                QVERIFY2(reverted, qPrintable(QString("row %1 kept clipping that hurt (%2 >= %3)").arg(o).arg(with).arg(without)));
            }
        }
        qDebug("row check: %lld rows kept their clipping, %lld reverted", (long long)helped, (long long)hurt);
        QVERIFY(helped > 0);
        QVERIFY(hurt > 0);
        QCOMPARE(checked.rows_reverted, hurt);
        QCOMPARE(checked.rows, out);
        QVERIFY(checked.error_clipped >= plain.error_clipped);  // the per-group sum it trades away
        QVERIFY(checked.error_clipped <= checked.error_unclipped);
    }

    // The default (Auto) runs the row check below 4 bits only: the 4-bit run of initTestCase reverts no
    // row, a 3-bit run of the bundled model reverts rows in every layer, and the report says which mode.
    void clipRowCheckAutoFollowsTheBitWidth() {
        AwqSettings s;
        QCOMPARE(s.clip_row_check, ClipRowCheck::Auto);
        QVERIFY(!clip_row_check_applies(s));
        s.quant.bits = 3;
        QVERIFY(clip_row_check_applies(s));
        s.clip_row_check = ClipRowCheck::Off;
        QVERIFY(!clip_row_check_applies(s));
        s.quant.bits = 4;
        s.clip_row_check = ClipRowCheck::On;
        QVERIFY(clip_row_check_applies(s));
        QCOMPARE(parse_clip_row_check("off"), ClipRowCheck::Off);
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, parse_clip_row_check("yes"));

        for (const LayerReport& l : awq_.report.layers)
            for (const ClipReport& c : l.clips) QCOMPARE(c.rows_reverted, 0.0);
        AwqSettings w3;
        w3.quant.bits = 3;
        w3.n_grid = 4;
        w3.range_search = RangeSearch::Clip;  // the row check belongs to AWQ's clip search
        const QuantizationResult r = quantize_model(model_, small_calibration(*model_, 8, 64), w3);
        for (const LayerReport& l : r.report.layers) {
            double reverted = 0;
            for (const ClipReport& c : l.clips) {
                QVERIFY(c.rows_reverted >= 0 && c.rows_reverted <= 1);
                reverted += c.rows_reverted;
            }
            QVERIFY2(reverted > 0, qPrintable(QString("layer %1: no row reverted at 3 bits").arg(l.index)));
        }
        const Report back = report_from_json(report_to_json(r.report), "round trip");
        QCOMPARE(back.settings.clip_row_check, ClipRowCheck::Auto);
        QCOMPARE(back.layers[0].clips[0].rows_reverted, r.report.layers[0].clips[0].rows_reverted);
    }

    // --search-blocks: the attention and MLP losses of the α grid run on the first N calibration blocks,
    // and nothing else changes. Independent reference: the search on a calibration set holding only those
    // N blocks. With one grid point and no duo scaling the only candidate is s = 1 (round-to-nearest
    // weights), so layer 0's qkv and gate_up losses depend only on the blocks they run on: equal to the
    // truncated set's (same embeddings; 1e-5: the full-precision targets come from a forward over 10
    // instead of 2 blocks, whose BLAS sums round differently) and unlike the all-block run's. The
    // saliency stays the all-block one; N beyond the block count is the all-block run; N < 0 is refused.
    void searchBlocksLimitOnlyTheBlockLosses() {
        const CalibrationSet all = small_calibration(*model_, 16, 64);
        QVERIFY(all.n_blocks() >= 4);
        CalibrationSet first = all;
        first.tokens.resize(size_t(2 * all.block_len));
        AwqSettings s;
        s.n_grid = 1;
        s.duo_scaling = false;
        s.clip = false;
        s.search_blocks = 0;  // every block (the default searches on a sample of 8)
        const Report full = quantize_model(model_, all, s).report;
        const Report reference = quantize_model(model_, first, s).report;
        s.search_blocks = 2;
        QCOMPARE(search_block_count(s, all.n_blocks()), int64_t(2));
        const Report part = quantize_model(model_, all, s).report;
        for (const char* name : {"qkv", "gate_up"}) {
            const auto loss = [&](const Report& r) {
                for (const GroupReport& g : r.layers[0].groups)
                    if (g.name == name) return g.losses.at(0);
                return -1.0;
            };
            const double got = loss(part), want = loss(reference), everything = loss(full);
            QVERIFY2(want > 0 && std::abs(got - want) <= 1e-5 * want,
                     qPrintable(QString("%1: %2 on 2 of %3 blocks, %4 on a 2-block set").arg(name).arg(got, 0, 'g', 17)
                                    .arg(all.n_blocks()).arg(want, 0, 'g', 17)));
            QVERIFY2(std::abs(got - everything) > 1e-2 * everything,
                     qPrintable(QString("%1: %2 on 2 blocks, %3 on all").arg(name).arg(got).arg(everything)));
        }
        QCOMPARE(part.layers[0].saliency.at("qkv"), full.layers[0].saliency.at("qkv"));
        QCOMPARE(part.layers[0].saliency.at("down"), full.layers[0].saliency.at("down"));
        QCOMPARE(report_from_json(report_to_json(part), "round trip").settings.search_blocks, int64_t(2));

        s.search_blocks = all.n_blocks() + 5;
        QCOMPARE(search_block_count(s, all.n_blocks()), all.n_blocks());
        const Report beyond = quantize_model(model_, all, s).report;
        for (size_t l = 0; l < full.layers.size(); ++l)
            for (size_t g = 0; g < full.layers[l].groups.size(); ++g)
                QCOMPARE(beyond.layers[l].groups[g].losses, full.layers[l].groups[g].losses);
        s.search_blocks = -1;
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, quantize_model(model_, all, s));
    }

    // The one-linear groups' loss from the Gram matrix of the inputs equals the MSE of the two outputs
    // computed directly, on inputs with an offset and a salient channel (like real activations) and for
    // candidate weights near and far from the reference; awkward sizes (not multiples of BLAS tiles).
    void gramLossMatchesDirectLoss_data() {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("in");
        QTest::addColumn<int>("out");
        QTest::newRow("1 x 40 -> 3") << 1 << 40 << 3;
        QTest::newRow("117 x 96 -> 33") << 117 << 96 << 33;
        QTest::newRow("300 x 257 -> 64") << 300 << 257 << 64;
    }
    void gramLossMatchesDirectLoss() {
        QFETCH(int, rows);
        QFETCH(int, in);
        QFETCH(int, out);
        auto x = random_vector(size_t(rows * in), 51, -1, 1);
        for (int t = 0; t < rows; ++t) {
            for (int i = 0; i < in; ++i) x[size_t(t * in + i)] += 0.3f;
            x[size_t(t * in + in / 2)] *= 25;
        }
        const auto w = random_vector(size_t(out * in), 52);
        const LinearOutputLoss loss(x.data(), rows, in, w, out);
        for (float step : {1e-3f, 0.1f}) {
            auto c = random_vector(w.size(), 53, -step, step);
            for (size_t i = 0; i < c.size(); ++i) c[i] += w[i];
            const double fast = loss(c), ref = linear_output_mse_ref(x.data(), rows, in, w, c, out);
            QVERIFY2(ref > 0 && std::abs(fast - ref) <= 1e-4 * ref, qPrintable(QString("%1 vs %2").arg(fast).arg(ref)));
        }
        QCOMPARE(loss(w), 0.0);
    }

    // Scales for alpha = 0 without duo scaling are all ones (RTN); duo scaling and normalisation follow
    // the closed form s = x^a / (w^(1-a) + 1e-4), divided by sqrt(max * min).
    void scaleFormula() {
        const std::vector<float> x = {1, 4, 16}, w = {0.5f, 1, 2};
        for (float v : scales_for_alpha(x, w, 0.0, false)) QCOMPARE(v, 1.0f);
        const auto s = scales_for_alpha(x, w, 0.5, true);
        std::vector<double> raw;
        for (int i = 0; i < 3; ++i) raw.push_back(std::sqrt(x[size_t(i)]) / (std::sqrt(w[size_t(i)]) + 1e-4));
        const double norm = std::sqrt(raw[0] * raw[2]);
        for (int i = 0; i < 3; ++i) QVERIFY(std::abs(s[size_t(i)] - raw[size_t(i)] / norm) < 1e-5);
    }

    // Export -> reload gives the same logits as the in-memory fake-quantized model (<= 1e-3 relative), and
    // the in-memory INT4 kernels agree too; the checkpoint has AutoAWQ's tensors, dtypes and config.
    void exportReloadMatchesInMemory() {
        TempDir dir;
        const auto out = dir.path / "tiny-awq";
        const ExportSummary ex = export_awq_gemm(awq_, out);
        QCOMPARE(ex.shards, 1);
        const auto reloaded = Model::load(out);
        QVERIFY(reloaded->is_quantized());
        QCOMPARE(reloaded->weights().layers[0].q_proj->kind(), std::string("int4-g128"));
        const TensorStore& st = reloaded->tensors();
        const TensorView& qw = st.get("model.layers.0.mlp.down_proj.qweight");
        QCOMPARE(qw.dtype, DType::I32);
        QCOMPARE(qw.shape, (std::vector<int64_t>{768, 32}));
        QCOMPARE(st.get("model.layers.0.mlp.down_proj.scales").dtype, DType::F16);
        QCOMPARE(st.get("model.layers.0.mlp.down_proj.qzeros").shape, (std::vector<int64_t>{6, 32}));
        QCOMPARE(st.get("model.embed_tokens.weight").dtype, DType::F16);
        const auto ids = model_->tokenizer().encode("And it came to pass, when the men of the city saw", true);
        const auto fake = logits_of(make_quantized_model(awq_, false), ids);
        const auto int4 = logits_of(make_quantized_model(awq_, true), ids);
        const auto disk = logits_of(reloaded, ids);
        QVERIFY2(max_rel_error(disk, fake) <= 1e-3, qPrintable(QString::number(max_rel_error(disk, fake))));
        QVERIFY2(max_rel_error(int4, fake) <= 1e-3, qPrintable(QString::number(max_rel_error(int4, fake))));
        // INT4 weights take about a quarter of the FP16 weight memory in the linears.
        const auto& fp_layer = model_->weights().layers[0];
        const auto& q_layer = reloaded->weights().layers[0];
        QVERIFY(double(q_layer.down_proj->weight_bytes()) < 0.3 * double(fp_layer.down_proj->weight_bytes()));
    }

    // The export refuses the model folder itself and an existing folder (unless told to overwrite), and
    // leaves nothing behind when it refuses.
    void exportDestinationChecks() {
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, export_awq_gemm(awq_, bundled_model()));
        TempDir dir;
        std::filesystem::create_directory(dir.path / "exists");
        QVERIFY_THROWS_EXCEPTION(FileError, export_awq_gemm(awq_, dir.path / "exists"));
        QVERIFY_THROWS_EXCEPTION(FileError, export_awq_gemm(awq_, dir.path / "no" / "such" / "parent"));
        int entries = 0;
        for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path)) ++entries;
        QCOMPARE(entries, 1);
    }

    // The report survives JSON; a report from a newer version is refused by name.
    void reportRoundTrip() {
        TempDir dir;
        write_report(awq_.report, dir.path / "r.json");
        const Report back = read_report(dir.path / "r.json");
        QCOMPARE(back.layers.size(), awq_.report.layers.size());
        QCOMPARE(back.layers[2].groups[2].losses, awq_.report.layers[2].groups[2].losses);
        QCOMPARE(back.layers[3].saliency.at("down"), awq_.report.layers[3].saliency.at("down"));
        std::string newer = report_to_json(awq_.report);
        newer.replace(newer.find("\"version\": 1"), 12, "\"version\": 99");
        std::ofstream(dir.path / "newer.json") << newer;
        try {
            read_report(dir.path / "newer.json");
            QFAIL("a newer report was accepted");
        } catch (const FormatError& e) {
            QVERIFY(QString(e.what()).contains("newer"));
        }
    }

    // A group whose every candidate was non-finite gives a warning naming layer and group; skipped groups and
    // searched ones do not. The warning survives the layer report's JSON round trip, which is what a
    // resumed run loads from the work folder.
    void layerWarningsSurviveResume() {
        LayerReport l;
        l.index = 3;
        GroupReport searched, failed, skipped;
        searched.name = "qkv";
        searched.best_index = 2;
        failed.name = "gate_up";
        failed.best_index = -1;
        skipped.name = "o";
        skipped.skipped = true;
        l.groups = {searched, failed, skipped};
        const auto w = layer_warnings(layer_report_from_json(layer_report_to_json(l), "layer-0003.json"));
        QCOMPARE(w.size(), size_t(1));
        QVERIFY(w[0].find("layer 3 group gate_up") != std::string::npos);
        QCOMPARE(w, layer_warnings(l));
    }

    // A model whose widths are not multiples of the group size keeps those linears in FP16, lists them, and
    // still runs; cancelling from the progress callback stops with Cancelled.
    void indivisibleGroupsAndCancel() {
        const auto small = Model::load(fixtures() / "random-models" / "qwen2");
        AwqSettings s;
        s.n_grid = 4;
        const auto r = quantize_model(small, small_calibration(*small, 8, 32), s);
        // hidden 64 and q width 64 are not multiples of 128: q, k, v, o, gate, up stay FP16; down (128) is INT4.
        QCOMPARE(int(r.report.modules_to_not_convert.size()), 2 * 6);
        QCOMPARE(r.report.modules_to_not_convert.front(), std::string("model.layers.0.self_attn.q_proj"));
        QVERIFY(logits_of(make_quantized_model(r, true), {1, 2, 3}).size() == size_t(3 * small->config().vocab_size));
        int calls = 0;
        QVERIFY_THROWS_EXCEPTION(Cancelled, quantize_model(model_, small_calibration(*model_), s,
                                                           [&](const Progress&) { return ++calls < 5; }));
        QCOMPARE(calls, 5);
    }
};

QTEST_APPLESS_MAIN(TestAwqEngine)
#include "test_awq_engine.moc"
