// SPDX-License-Identifier: MIT
// The improvements over AWQ as published (issue "Better than AWQ"): the identity scale candidate, the
// layer-level fallback to round-to-nearest, and the activation-weighted range search against its
// brute-force reference twin; the methods `awq compare` measures; the report's new fields.
#include "calibration_util.hpp"
#include "test_util.hpp"

#include <awq/error.hpp>
#include <awq/quant/layer_compute.hpp>
#include <awq/quant/quantize_model.hpp>
#include <awq/int4/quantizer.hpp>
#include <awq/quant/range_search.hpp>
#include <awq/quant/report.hpp>
#include <awq/quant/scale_search.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <random>

using namespace awq;
using namespace awq::test;

namespace {

// Normal weights with a few outliers (never zeros), as real linears have.
std::vector<float> random_weights(int64_t out, int64_t in, uint32_t seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> n(0.0f, 0.02f);
    std::uniform_int_distribution<int> pick(0, 40);
    std::vector<float> w(size_t(out * in));
    for (float& v : w) v = n(rng) * (pick(rng) == 0 ? 8.0f : 1.0f);
    return w;
}

// E[x^2] per input: mostly around 1, a few channels 100x larger (activation outliers).
std::vector<float> random_importance(int64_t in, uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> u(0.2f, 2.0f);
    std::vector<float> d(static_cast<size_t>(in));
    for (int64_t i = 0; i < in; ++i) d[size_t(i)] = u(rng) * (i % 17 == 3 ? 100.0f : 1.0f);
    return d;
}

// sum over rows and inputs of d_i (w - fake_quant(clamp(w)))^2 / out, in double, from the quantizer's
// reference twin: the weighted error a chosen range really gives.
double weighted_error_of(const std::vector<float>& w, int64_t out, int64_t in, const std::vector<float>& d,
                         const QuantParams& p, const RangeResult* r) {
    std::vector<float> q = w;
    if (r) apply_range(q, out, in, resolve_group_size(p, in), r->lo, r->hi);
    fake_quantize_ref(q.data(), out, in, p);
    double e = 0;
    for (int64_t o = 0; o < out; ++o)
        for (int64_t i = 0; i < in; ++i) {
            const double diff = double(w[size_t(o * in + i)]) - q[size_t(o * in + i)];
            e += double(d[size_t(i)]) * diff * diff;
        }
    return e / double(out);
}

}  // namespace

class TestBetterThanAwq : public QObject {
    Q_OBJECT

private slots:
    // A linear whose weights lie exactly on the 4-bit grid (every group holds codes 0 and 15, scale 1/16,
    // zero 8): s = 1 quantizes it without error, and every duo-scaled candidate moves the weights off the
    // grid. With the identity candidate the search keeps s = 1 (loss 0); without it (AWQ as published) it
    // must take a scaled candidate with a positive loss. Loss: the linear's output MSE on random inputs.
    void identityCandidateKeptWhenBest() {
        const int64_t out = 24, in = 128;
        QuantParams p;
        p.group_size = 32;
        std::mt19937 rng(7);
        std::uniform_int_distribution<int> code(0, 15);
        std::vector<float> w(size_t(out * in));
        for (int64_t o = 0; o < out; ++o)
            for (int64_t i = 0; i < in; ++i) {
                const int c = i % 32 == 0 ? 0 : i % 32 == 1 ? 15 : code(rng);
                w[size_t(o * in + i)] = float(c - 8) / 16.0f;
            }
        std::vector<float> check = w;
        fake_quantize(check.data(), out, in, p);
        QCOMPARE(check, w);  // on the grid: RTN reproduces it exactly

        const int64_t tokens = 64;
        std::normal_distribution<float> n(0.0f, 1.0f);
        std::vector<float> x(size_t(tokens * in));
        for (int64_t t = 0; t < tokens; ++t)
            for (int64_t i = 0; i < in; ++i) x[size_t(t * in + i)] = n(rng) * (i % 9 == 0 ? 20.0f : 1.0f);
        const std::vector<float> x_mean = channel_mean_abs(x.data(), tokens, in);
        const auto output_mse = [&](const std::vector<std::vector<float>>& cand) {
            double se = 0;
            for (int64_t t = 0; t < tokens; ++t)
                for (int64_t o = 0; o < out; ++o) {
                    double e = 0;
                    for (int64_t i = 0; i < in; ++i)
                        e += (double(cand[0][size_t(o * in + i)]) - w[size_t(o * in + i)]) * x[size_t(t * in + i)];
                    se += e * e;
                }
            return se / double(tokens * out);
        };
        AwqSettings s;
        s.quant = p;
        s.n_grid = 20;
        const ScaleSearchResult with = search_best_scales({&w}, in, x_mean, s, output_mse);
        QVERIFY(with.identity_chosen);
        QCOMPARE(with.identity_loss, 0.0);
        QVERIFY(std::all_of(with.scales.begin(), with.scales.end(), [](float v) { return v == 1.0f; }));
        for (double l : with.losses) QVERIFY2(l > 0, "a duo-scaled candidate quantized the on-grid layer exactly");

        s.identity_candidate = false;
        const ScaleSearchResult without = search_best_scales({&w}, in, x_mean, s, output_mse);
        QVERIFY(!without.identity_chosen);
        QVERIFY(std::isnan(without.identity_loss));
        QVERIFY(without.best_loss() > 0);
        QVERIFY(!std::all_of(without.scales.begin(), without.scales.end(), [](float v) { return v == 1.0f; }));
    }

    // The fallback on the bundled model with a deliberately poor search (one grid point: alpha = 0, s =
    // 1 / w_mean, no identity candidate, no clip, no error feedback): without the fallback some layer ends above RTN's output
    // error (so the check below can fail); with it, no layer does, and each fallback layer's weights are
    // exactly round-to-nearest's of the original (quantize() on the original weights, independent of the
    // engine) with the original norms.
    void rtnFallbackNeverWorseThanRtn() {
        const auto model = Model::load(bundled_model());
        const CalibrationSet calib = small_calibration(*model, 8);
        AwqSettings poor;
        poor.n_grid = 1;
        poor.identity_candidate = false;
        poor.clip = false;
        poor.error_feedback = false;
        poor.rtn_fallback = false;
        const QuantizationResult plain = quantize_model(model, calib, poor);
        int worse = 0;
        for (const LayerReport& l : plain.report.layers) worse += l.awq_error > l.rtn_error ? 1 : 0;
        QVERIFY2(worse > 0, "the poor search never lost to RTN: the fallback below would be untested");

        poor.rtn_fallback = true;
        const QuantizationResult guarded = quantize_model(model, calib, poor);
        int fell_back = 0;
        for (size_t li = 0; li < guarded.report.layers.size(); ++li) {
            const LayerReport& l = guarded.report.layers[li];
            QVERIFY2(l.awq_error <= l.rtn_error, qPrintable(QString("layer %1 above RTN").arg(l.index)));
            if (!l.rtn_fallback) {
                QVERIFY(std::isnan(l.searched_error));
                continue;
            }
            ++fell_back;
            QVERIFY(l.searched_error > l.rtn_error);
            const FloatLayer original = float_layer(model->weights().layers[li]);
            const QuantizedLayer& q = guarded.layers[li];
            for (int i = 0; i < kLinearCount; ++i) {
                if (!q.linears[size_t(i)].quantized) continue;
                const QuantizedMatrix rtn = quantize(original.w[i].data(), original.out[i], original.in[i], poor.quant);
                QCOMPARE(q.linears[size_t(i)].q.q, rtn.q);
                QCOMPARE(q.linears[size_t(i)].q.scales, rtn.scales);
            }
            QCOMPARE(q.input_norm, original.input_norm);
            QCOMPARE(q.post_attention_norm, original.post_norm);
        }
        QCOMPARE(fell_back, worse);
        // Recorded, and read back from the report.
        const Report back = report_from_json(report_to_json(guarded.report), "round trip");
        for (size_t li = 0; li < back.layers.size(); ++li)
            QCOMPARE(back.layers[li].rtn_fallback, guarded.report.layers[li].rtn_fallback);
        QVERIFY(back.settings.rtn_fallback);
    }

    // The fast weighted range search against its reference twin (clamp a copy, fake_quantize_ref, error
    // in double) on awkward shapes, both modes, 3 and 4 bits. Bounds: the chosen range is the same for at
    // least 99 % of the groups (the fast search sums the error in float lanes, so near-ties may pick
    // another factor), and wherever they differ the fast choice's true error (recomputed in double) is
    // within 1e-5 of the reference's minimum; the recorded errors agree to 1e-5.
    void weightedRangeMatchesReference_data() {
        QTest::addColumn<int>("out");
        QTest::addColumn<int>("in");
        QTest::addColumn<int>("group");
        QTest::addColumn<int>("bits");
        QTest::addColumn<bool>("zero_point");
        QTest::newRow("7x96 g32 w4") << 7 << 96 << 32 << 4 << true;
        QTest::newRow("13x256 g64 w3") << 13 << 256 << 64 << 3 << true;
        QTest::newRow("5x80 per-channel w4") << 5 << 80 << -1 << 4 << true;
        QTest::newRow("9x192 g64 w4 symmetric") << 9 << 192 << 64 << 4 << false;
        QTest::newRow("3x128 g128 w2") << 3 << 128 << 128 << 2 << true;
    }
    void weightedRangeMatchesReference() {
        QFETCH(int, out);
        QFETCH(int, in);
        QFETCH(int, group);
        QFETCH(int, bits);
        QFETCH(bool, zero_point);
        AwqSettings s;
        s.quant.bits = bits;
        s.quant.group_size = group;
        s.quant.zero_point = zero_point;
        const std::vector<float> w = random_weights(out, in, uint32_t(out * 31 + in));
        const std::vector<float> d = random_importance(in, uint32_t(in));
        const RangeResult fast = search_weighted_range(w, out, in, d, s);
        const RangeResult ref = search_weighted_range_ref(w, out, in, d, s);
        QCOMPARE(fast.lo.size(), ref.lo.size());
        size_t same = 0;
        const int64_t g = group > 0 ? group : in, groups = in / g;
        for (size_t k = 0; k < fast.lo.size(); ++k) {
            if (fast.lo[k] == ref.lo[k] && fast.hi[k] == ref.hi[k]) {
                ++same;
                continue;
            }
            // The fast choice's true error on this group only.
            const int64_t o = int64_t(k) / groups, gi = int64_t(k) % groups;
            std::vector<float> wg(w.begin() + o * in + gi * g, w.begin() + o * in + (gi + 1) * g);
            std::vector<float> dg(d.begin() + gi * g, d.begin() + (gi + 1) * g);
            QuantParams one = s.quant;
            one.group_size = int(g);
            RangeResult f1, r1;
            f1.lo = {fast.lo[k]}, f1.hi = {fast.hi[k]};
            r1.lo = {ref.lo[k]}, r1.hi = {ref.hi[k]};
            const double ef = weighted_error_of(wg, 1, g, dg, one, &f1), er = weighted_error_of(wg, 1, g, dg, one, &r1);
            QVERIFY2(ef <= er * (1 + 1e-5) + 1e-12, qPrintable(QString("group %1: %2 vs %3").arg(k).arg(ef).arg(er)));
        }
        QVERIFY2(double(same) >= 0.99 * double(fast.lo.size()),
                 qPrintable(QString("%1 of %2 ranges equal").arg(same).arg(fast.lo.size())));
        QVERIFY(std::abs(fast.error_chosen - ref.error_chosen) <= 1e-5 * ref.error_chosen);
        QVERIFY(std::abs(fast.error_full - ref.error_full) <= 1e-5 * ref.error_full);
    }

    // The search never increases the weighted error against no search (the full range is a candidate),
    // clipping does help on weights with outliers, and the error the search records is the one the
    // chosen ranges really give once applied and quantized (recomputed with the reference quantizer).
    void weightedRangeNeverIncreasesWeightedError() {
        for (uint32_t seed : {1u, 2u, 3u}) {
            for (int bits : {3, 4}) {
                AwqSettings s;
                s.quant.bits = bits;
                s.quant.group_size = 64;
                const int64_t out = 33, in = 192;
                const std::vector<float> w = random_weights(out, in, seed);
                const std::vector<float> d = random_importance(in, seed + 10);
                const RangeResult r = search_weighted_range(w, out, in, d, s);
                const double none = weighted_error_of(w, out, in, d, s.quant, nullptr);
                const double chosen = weighted_error_of(w, out, in, d, s.quant, &r);
                QVERIFY(chosen <= none);
                QVERIFY2(chosen < 0.98 * none, qPrintable(QString("only %1 -> %2").arg(none).arg(chosen)));
                QVERIFY(std::abs(chosen - r.error_chosen) <= 1e-4 * chosen);
                QVERIFY(std::abs(none - r.error_full) <= 1e-4 * none);
                for (size_t k = 0; k < r.lo.size(); ++k) QVERIFY(r.lo[k] <= r.hi[k]);
            }
        }
    }

    void weightedRangeRejectsBadInput() {
        AwqSettings s;
        s.quant.group_size = 32;
        const std::vector<float> w = random_weights(2, 64, 5);
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, search_weighted_range(w, 2, 64, std::vector<float>(63, 1.0f), s));
        std::vector<float> bad = random_importance(64, 1);
        bad[3] = -1;
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, search_weighted_range(w, 2, 64, bad, s));
        std::vector<float> nan_w = w;
        nan_w[70] = NAN;
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, search_weighted_range(nan_w, 2, 64, random_importance(64, 1), s));
    }

    // Error feedback in the pipeline (AWQ + GPTQ) on the bundled model: the layers' output errors on the
    // calibration data (measured by the engine against the full-precision layer, independent of how the
    // weights were rounded) are lower in total than the same run's without feedback, no layer ends above
    // RTN, and the setting is recorded.
    void errorFeedbackLowersLayerError() {
        const auto model = Model::load(bundled_model());
        const CalibrationSet calib = small_calibration(*model, 8);
        AwqSettings s;
        s.n_grid = 4;
        s.error_feedback = false;
        const QuantizationResult plain = quantize_model(model, calib, s);
        s.error_feedback = true;
        const QuantizationResult fed = quantize_model(model, calib, s);
        double e_plain = 0, e_fed = 0;
        for (size_t li = 0; li < fed.report.layers.size(); ++li) {
            e_plain += plain.report.layers[li].awq_error;
            e_fed += fed.report.layers[li].awq_error;
            QVERIFY(fed.report.layers[li].awq_error <= fed.report.layers[li].rtn_error);
        }
        qInfo("layer output error summed over layers: %.4g without feedback, %.4g with", e_plain, e_fed);
        QVERIFY(e_fed < e_plain);
        QVERIFY(report_from_json(report_to_json(fed.report), "round trip").settings.error_feedback);
    }

    // The methods awq compare measures: each differs from the published one in exactly what it names.
    void methodsDifferInWhatTheyName() {
        AwqSettings base;
        base.quant.bits = 3;
        base.quant.group_size = 64;
        base.n_grid = 7;
        const AwqSettings pub = settings_for_method("awq-published", base);
        QCOMPARE(pub.range_search, RangeSearch::Clip);
        QCOMPARE(pub.clip_row_check, ClipRowCheck::Off);
        QVERIFY(!pub.identity_candidate && !pub.rtn_fallback && !pub.rtn);
        QCOMPARE(pub.quant.bits, 3);
        QCOMPARE(pub.n_grid, 7);
        const AwqSettings id = settings_for_method("awq+identity", base);
        QVERIFY(id.identity_candidate && id.rtn_fallback);
        QCOMPARE(id.range_search, RangeSearch::Clip);
        const AwqSettings wt = settings_for_method("awq+weighted", base);
        QCOMPARE(wt.range_search, RangeSearch::Weighted);
        QVERIFY(!wt.identity_candidate && !wt.rtn_fallback);
        QVERIFY(settings_for_method("rtn", base).rtn && !settings_for_method("rtn", base).error_feedback);
        QVERIFY(settings_for_method("gptq", base).rtn && settings_for_method("gptq", base).error_feedback);
        const AwqSettings fb = settings_for_method("awq+feedback", base);
        QVERIFY(fb.error_feedback && !fb.rtn && !fb.identity_candidate && fb.range_search == RangeSearch::Clip);
        QVERIFY(!settings_for_method("awq-published", base).error_feedback);
        const AwqSettings def = settings_for_method("awq", base);
        QVERIFY(def.identity_candidate && def.rtn_fallback && def.error_feedback && def.range_search == RangeSearch::Clip);
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, settings_for_method("squeezellm", base));
        QCOMPARE(parse_range_search("weighted"), RangeSearch::Weighted);
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, parse_range_search("mse"));
    }

    // The default run records its methods in the report, which reads back; a report written before these
    // settings existed reads as AWQ's clip search without identity candidate or fallback.
    void reportRecordsTheMethods() {
        const auto model = Model::load(bundled_model());
        AwqSettings s;
        s.n_grid = 4;
        s.range_search = RangeSearch::Weighted;
        const QuantizationResult r = quantize_model(model, small_calibration(*model, 4, 64), s);
        bool identity_tried = false;
        for (const LayerReport& l : r.report.layers) {
            QVERIFY(l.awq_error <= l.rtn_error);
            for (const ClipReport& c : l.clips) {
                QCOMPARE(QString::fromStdString(c.method), QString("weighted"));
                QVERIFY(c.error_clipped <= c.error_unclipped);
                QVERIFY(c.mean_lo_shrink > 0 && c.mean_lo_shrink <= 1);
            }
            for (const GroupReport& g : l.groups) identity_tried = identity_tried || std::isfinite(g.identity_loss);
        }
        QVERIFY(identity_tried);
        const Report back = report_from_json(report_to_json(r.report), "round trip");
        QCOMPARE(back.settings.range_search, RangeSearch::Weighted);
        QVERIFY(back.settings.identity_candidate);
        QCOMPARE(back.layers[0].clips[0].method, r.report.layers[0].clips[0].method);
        QCOMPARE(back.layers[0].groups[0].identity_chosen, r.report.layers[0].groups[0].identity_chosen);

        nlohmann::json old = nlohmann::json::parse(report_to_json(r.report));
        for (const char* key : {"range_search", "identity_candidate", "rtn_fallback"})
            QCOMPARE(old["settings"].erase(key), size_t(1));
        const Report older = report_from_json(old.dump(), "older report");
        QCOMPARE(older.settings.range_search, RangeSearch::Clip);
        QVERIFY(!older.settings.identity_candidate);
        QVERIFY(!older.settings.rtn_fallback);
    }
};

QTEST_APPLESS_MAIN(TestBetterThanAwq)
#include "test_better_than_awq.moc"
