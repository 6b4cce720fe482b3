// SPDX-License-Identifier: MIT
// Group-wise quantizer: hand-computed groups (closed form), the fast path against its scalar _ref twin
// (bit-identical) on random and awkward data, the worst-case rounding error bound, FP16 scales,
// clipping and argument validation.
#include <awq/error.hpp>
#include <awq/io/dtype.hpp>
#include <awq/int4/quantizer.hpp>

#include <QtTest/QtTest>

#include <cmath>
#include <cstring>
#include <random>
#include <vector>

using namespace awq;

namespace {

// Random weights with a few awkward rows: a constant row, a row far from zero (w / scale ~ 1e7, where
// round-half-even needs care), an all-positive row and a row with ties on a power-of-two grid.
std::vector<float> make_weights(int64_t out, int64_t in, uint32_t seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> nd(0.0f, 0.05f);
    std::vector<float> w(size_t(out * in));
    for (auto& v : w) v = nd(rng);
    auto row = [&](int64_t o) { return w.data() + (o % out) * in; };
    if (out > 1) std::fill(row(1), row(1) + in, 0.3f);
    if (out > 2) for (int64_t i = 0; i < in; ++i) row(2)[i] = 1000.0f + 0.001f * float(i % 7);
    if (out > 3) for (int64_t i = 0; i < in; ++i) row(3)[i] = std::fabs(row(3)[i]) + 0.5f;
    if (out > 4) for (int64_t i = 0; i < in; ++i) row(4)[i] = 0.125f * float(int(i % 17) - 8);
    return w;
}

bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

}  // namespace

class TestQuantizer : public QObject {
    Q_OBJECT
private slots:
    // w = [-1.5, 0, 0.25, 2.25, 0.125, 0.375, -0.625, 1]: max - min = 3.75, scale = 3.75/15 = 0.25 exactly,
    // zero = -round(-1.5/0.25) = 6; w/scale = [-6, 0, 1, 9, 0.5, 1.5, -2.5, 4] -> half-to-even rounding
    // [-6, 0, 1, 9, 0, 2, -2, 4] -> codes + 6.
    void asymmetricHandComputed() {
        const std::vector<float> w = {-1.5f, 0.0f, 0.25f, 2.25f, 0.125f, 0.375f, -0.625f, 1.0f};
        const QuantizedMatrix m = quantize(w.data(), 1, 8, {4, 8, true, true});
        QCOMPARE(m.groups(), int64_t(1));
        QCOMPARE(m.scales[0], 0.25f);
        QCOMPARE(m.zeros[0], 6);
        const std::vector<uint8_t> expect = {0, 6, 7, 15, 6, 8, 4, 10};
        QCOMPARE(m.q, expect);
        const std::vector<float> deq = {-1.5f, 0.0f, 0.25f, 2.25f, 0.0f, 0.5f, -0.5f, 1.0f};
        QCOMPARE(m.dequantize(), deq);
    }

    // w = [-2, 1, 0.5, 3.5, 0.25, 0.75, -1.25, -3.5]: absmax 3.5, scale = 3.5/7 = 0.5; w/scale =
    // [-4, 2, 1, 7, 0.5, 1.5, -2.5, -7] -> [-4, 2, 1, 7, 0, 2, -2, -7], stored + 8 with zero 8.
    void symmetricHandComputed() {
        const std::vector<float> w = {-2.0f, 1.0f, 0.5f, 3.5f, 0.25f, 0.75f, -1.25f, -3.5f};
        const QuantizedMatrix m = quantize(w.data(), 1, 8, {4, -1, false, true});
        QCOMPARE(m.scales[0], 0.5f);
        QCOMPARE(m.zeros[0], 8);
        const std::vector<uint8_t> expect = {4, 10, 9, 15, 8, 10, 6, 1};
        QCOMPARE(m.q, expect);
        const std::vector<float> deq = {-2.0f, 1.0f, 0.5f, 3.5f, 0.0f, 1.0f, -1.0f, -3.5f};
        QCOMPARE(m.dequantize(), deq);
    }

    // A 3-bit asymmetric group with codes clamped at both ends by an outlier-free but unrounded scale:
    // w = [0, 7]: scale 1, zero 0, w = 7 -> code 7 (max_int); two groups of one row, second [-7, 0]:
    // zero = 7, codes [0, 7].
    void threeBitTwoGroups() {
        const std::vector<float> w = {0.0f, 7.0f, -7.0f, 0.0f};
        const QuantizedMatrix m = quantize(w.data(), 1, 4, {3, 2, true, false});
        QCOMPARE(m.scales, (std::vector<float>{1.0f, 1.0f}));
        QCOMPARE(m.zeros, (std::vector<int32_t>{0, 7}));
        QCOMPARE(m.q, (std::vector<uint8_t>{0, 7, 0, 7}));
        QCOMPARE(m.dequantize(), w);
    }

    // fake_quantize (vectorised, OpenMP) == fake_quantize_ref == quantize().dequantize(), bit for bit.
    void fastMatchesRef_data() {
        QTest::addColumn<int>("bits");
        QTest::addColumn<int>("group");
        QTest::addColumn<bool>("zp");
        QTest::addColumn<bool>("fp16");
        QTest::addColumn<int>("out");
        QTest::addColumn<int>("in");
        for (int bits : {2, 3, 4, 5, 8})
            for (int group : {32, 64, 128, -1})
                for (bool zp : {true, false})
                    for (bool fp16 : {true, false}) {
                        const int in = group == 64 ? 384 : (group == -1 ? 96 : 256);
                        QTest::addRow("b%d g%d zp%d f16%d", bits, group, int(zp), int(fp16))
                            << bits << group << zp << fp16 << 7 << in;
                    }
    }
    void fastMatchesRef() {
        QFETCH(int, bits);
        QFETCH(int, group);
        QFETCH(bool, zp);
        QFETCH(bool, fp16);
        QFETCH(int, out);
        QFETCH(int, in);
        const QuantParams p{bits, group, zp, fp16};
        const std::vector<float> w = make_weights(out, in, 1234u + uint32_t(bits * 31 + group));
        std::vector<float> fast = w, ref = w;
        fake_quantize(fast.data(), out, in, p);
        fake_quantize_ref(ref.data(), out, in, p);
        QVERIFY(same_bits(fast, ref));
        QVERIFY(!same_bits(fast, w));  // it did something
        const QuantizedMatrix m = quantize(w.data(), out, in, p);
        QCOMPARE(m.dequantize(), ref);  // by value: stored symmetric codes lose torch's -0.0
        const int qmax = (1 << bits) - 1;
        for (uint8_t c : m.q) QVERIFY(c <= qmax);
        for (int32_t z : m.zeros) QVERIFY(z >= 0 && z <= qmax);
        if (!zp)
            for (int32_t z : m.zeros) QCOMPARE(z, 1 << (bits - 1));
        if (fp16)
            for (float s : m.scales) QCOMPARE(f16_to_f32(f32_to_f16(s)), s);
    }

    // On zero-mean data (each group spans both signs, so no code clamps away from the range) every
    // weight is within half a step of its dequantised value; FP16 scale rounding (relative 2^-11) can
    // move the grid by at most 2^bits steps * 2^-11.
    void roundingErrorBound() {
        const int64_t out = 16, in = 512;
        std::mt19937 rng(7);
        std::normal_distribution<float> nd(0.0f, 1.0f);
        std::vector<float> w(size_t(out * in));
        for (auto& v : w) v = nd(rng);
        for (bool zp : {true, false})
            for (bool fp16 : {true, false}) {
                const QuantizedMatrix m = quantize(w.data(), out, in, {4, 64, zp, fp16});
                const std::vector<float> d = m.dequantize();
                for (int64_t o = 0; o < out; ++o)
                    for (int64_t i = 0; i < in; ++i) {
                        const float s = m.scales[size_t(o * m.groups() + i / 64)];
                        const float bound = 0.5f * s * (1 + 1e-6f) + (fp16 ? 16.0f * s / 2048.0f : 0.0f);
                        QVERIFY2(std::fabs(w[size_t(o * in + i)] - d[size_t(o * in + i)]) <= bound,
                                 qPrintable(QString("zp %1 fp16 %2 o %3 i %4").arg(zp).arg(fp16).arg(o).arg(i)));
                    }
            }
    }

    // Without FP16 rounding the scale is the plain float formula; with it, the nearest FP16 of that.
    void fp16ScaleIsRoundedFormula() {
        const std::vector<float> w = {-0.3f, 0.1f, 0.2f, 0.71f};
        const float plain = (0.71f - -0.3f) / 15.0f;
        QCOMPARE(quantize(w.data(), 1, 4, {4, -1, true, false}).scales[0], plain);
        const float rounded = quantize(w.data(), 1, 4, {4, -1, true, true}).scales[0];
        QCOMPARE(rounded, f16_to_f32(f32_to_f16(plain)));
        QVERIFY(rounded != plain);  // 1.01/15 is not an FP16 value
    }

    void groupMinusOneIsWholeRow() {
        const std::vector<float> w = make_weights(5, 96, 99);
        const QuantizedMatrix a = quantize(w.data(), 5, 96, {4, -1, true, true});
        const QuantizedMatrix b = quantize(w.data(), 5, 96, {4, 96, true, true});
        QCOMPARE(a.group_size, int64_t(96));
        QCOMPARE(a.q, b.q);
        QCOMPARE(a.scales, b.scales);
        QCOMPARE(a.zeros, b.zeros);
    }

    // Clipping = clamp each group to [-max_abs, max_abs], then quantize; the reference does it by hand.
    void clippedMatchesClampThenRef() {
        const int64_t out = 6, in = 256, gs = 64, ng = in / gs;
        const std::vector<float> w = make_weights(out, in, 5);
        std::vector<float> clip(size_t(out * ng));
        for (int64_t o = 0; o < out; ++o)
            for (int64_t g = 0; g < ng; ++g) {
                float absmax = 0;
                for (int64_t i = 0; i < gs; ++i) absmax = std::max(absmax, std::fabs(w[size_t(o * in + g * gs + i)]));
                clip[size_t(o * ng + g)] = absmax * (0.5f + 0.1f * float(g));
            }
        for (bool zp : {true, false}) {
            const QuantParams p{4, int(gs), zp, true};
            std::vector<float> fast = w, ref = w, plain = w;
            fake_quantize_clipped(fast.data(), out, in, p, clip.data());
            for (int64_t o = 0; o < out; ++o)
                for (int64_t i = 0; i < in; ++i) {
                    const float c = clip[size_t(o * ng + i / gs)];
                    ref[size_t(o * in + i)] = std::clamp(ref[size_t(o * in + i)], -c, c);
                }
            fake_quantize_ref(ref.data(), out, in, p);
            QVERIFY(same_bits(fast, ref));
            fake_quantize(plain.data(), out, in, p);
            QVERIFY(!same_bits(fast, plain));
        }
    }

    void rejectsBadArguments() {
        const std::vector<float> w = make_weights(2, 128, 3);
        std::vector<float> c = w;
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, quantize(w.data(), 2, 128, {1, 128, true, true}));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, quantize(w.data(), 2, 128, {9, 128, true, true}));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, quantize(w.data(), 2, 128, {4, 48, true, true}));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, quantize(w.data(), 2, 128, {4, 0, true, true}));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, quantize(w.data(), 2, 128, {4, -2, true, true}));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, fake_quantize(c.data(), 2, 128, {4, 256, true, true}));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, fake_quantize_ref(c.data(), 2, 128, {4, 48, true, true}));
        QVERIFY(same_bits(c, w));  // rejected before touching the weights
        std::vector<float> bad = w;
        bad[130] = std::nanf("");
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, quantize(bad.data(), 2, 128, {4, 128, true, true}));
        bad[130] = INFINITY;
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, fake_quantize(bad.data(), 2, 128, {4, 64, false, true}));
        // (1e6 - -1e6) / 15 > 65504: no FP16 scale can hold it.
        std::vector<float> huge = {-1e6f, 1e6f, 0.0f, 1.0f};
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, quantize(huge.data(), 1, 4, {4, -1, true, true}));
        QCOMPARE(quantize(huge.data(), 1, 4, {4, -1, true, false}).zeros[0], 8);
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, fake_quantize_clipped(c.data(), 2, 128, {4, 128, true, true},
                                                                         std::vector<float>{0.1f, -1.0f}.data()));
    }
};

QTEST_APPLESS_MAIN(TestQuantizer)
#include "test_quantizer.moc"
