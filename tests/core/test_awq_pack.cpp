// SPDX-License-Identifier: MIT
// AutoAWQ GEMM packing: hand-computed int32 words for a closed-form code pattern (checks the field
// ORDER bit by bit, including the sign bit), pack -> unpack identity on random codes over every field,
// symmetric export, agreement with the quantizer, and FormatError / Unsupported validation.
#include <awq/error.hpp>
#include <awq/io/dtype.hpp>
#include <awq/int4/awq_pack.hpp>

#include <QtTest/QtTest>

#include <random>

using namespace awq;

namespace {

QuantizedMatrix pattern_matrix(int64_t out, int64_t in, int64_t group) {
    QuantizedMatrix m;
    m.out = out;
    m.in = in;
    m.group_size = group;
    m.q.resize(size_t(out * in));
    m.zeros.resize(size_t(out * (in / group)));
    m.scales.resize(m.zeros.size());
    for (int64_t o = 0; o < out; ++o) {
        for (int64_t i = 0; i < in; ++i) m.q[size_t(o * in + i)] = uint8_t((o * 7 + i) % 16);
        for (int64_t g = 0; g < in / group; ++g) {
            m.zeros[size_t(o * (in / group) + g)] = int32_t((o * 7 + g) % 16);
            m.scales[size_t(o * (in / group) + g)] = 0.5f + float(o) + 2.0f * float(g);
        }
    }
    return m;
}

QuantizedMatrix random_matrix(int64_t out, int64_t in, int64_t group, uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> code(0, 15);
    std::uniform_real_distribution<float> sc(1e-4f, 0.1f);
    QuantizedMatrix m;
    m.out = out;
    m.in = in;
    m.group_size = group;
    m.q.resize(size_t(out * in));
    for (auto& q : m.q) q = uint8_t(code(rng));
    m.zeros.resize(size_t(out * (in / group)));
    for (auto& z : m.zeros) z = code(rng);
    m.scales.resize(m.zeros.size());
    for (auto& s : m.scales) s = round_to_f16(sc(rng));
    return m;
}

}  // namespace

class TestAwqPack : public QObject {
    Q_OBJECT
private slots:
    // q[i, o] = (7o + i) % 16. Word (i = 0, c = 0) takes outputs in ORDER 0,2,4,6,1,3,5,7:
    // values 0,14,12,10,7,5,3,1 in fields 0..7 -> 0x1357ACE0. Row i = 1 adds one to each: 0x2468BDF1.
    // Column c = 1 (outputs 8..15 in ORDER 8,10,12,14,9,11,13,15): 56,70,84,98,63,77,91,105 mod 16 =
    // 8,6,4,2,15,13,11,9 -> 0x9BDF2468 (sign bit set). Zeros use the same formula with g for i.
    void orderHandComputed() {
        const QuantizedMatrix m = pattern_matrix(16, 64, 32);
        const AwqGemmTensors t = pack_awq_gemm(m);
        QCOMPARE(t.qweight.size(), size_t(64 * 2));
        QCOMPARE(uint32_t(t.qweight[0]), 0x1357ACE0u);
        QCOMPARE(uint32_t(t.qweight[2]), 0x2468BDF1u);
        QCOMPARE(uint32_t(t.qweight[1]), 0x9BDF2468u);
        QVERIFY(t.qweight[1] < 0);
        QCOMPARE(t.qzeros.size(), size_t(2 * 2));
        QCOMPARE(uint32_t(t.qzeros[0]), 0x1357ACE0u);
        QCOMPARE(uint32_t(t.qzeros[2]), 0x2468BDF1u);
        QCOMPARE(uint32_t(t.qzeros[3]), 0xACE03579u);  // g = 1, c = 1: 9,7,5,3,0,14,12,10
        // scales [g][o]: 0.5 + o + 2g. [0][1] = 1.5 = 0x3E00, [1][0] = 2.5 = 0x4100.
        QCOMPARE(t.scales_f16[1], uint16_t(0x3E00));
        QCOMPARE(t.scales_f16[16], uint16_t(0x4100));
    }

    // Every field position and value survives pack -> unpack, for several shapes and group sizes.
    void roundTripRandom_data() {
        QTest::addColumn<int>("out");
        QTest::addColumn<int>("in");
        QTest::addColumn<int>("group");
        QTest::newRow("8x32 g32") << 8 << 32 << 32;
        QTest::newRow("24x128 g64") << 24 << 128 << 64;
        QTest::newRow("264x256 g128") << 264 << 256 << 128;
        QTest::newRow("40x96 gall") << 40 << 96 << 96;
    }
    void roundTripRandom() {
        QFETCH(int, out);
        QFETCH(int, in);
        QFETCH(int, group);
        const QuantizedMatrix m = random_matrix(out, in, group, uint32_t(out * 1000 + in));
        const AwqGemmTensors t = pack_awq_gemm(m);
        const QuantizedMatrix u = unpack_awq_gemm(t, "layer");
        QCOMPARE(u.out, m.out);
        QCOMPARE(u.in, m.in);
        QCOMPARE(u.group_size, m.group_size);
        QCOMPARE(u.q, m.q);
        QCOMPARE(u.zeros, m.zeros);
        QCOMPARE(u.scales, m.scales);
        // Independent check of one field: the output o of word (i, c) sits at field kAwqField[o % 8].
        for (int64_t o = 0; o < out; o += 5)
            for (int64_t i = 0; i < in; i += 3) {
                const uint32_t word = uint32_t(t.qweight[size_t(i * (out / 8) + o / 8)]);
                QCOMPARE(int((word >> (4 * kAwqField[o % 8])) & 15), int(m.q[size_t(o * in + i)]));
            }
    }

    // Symmetric codes are exported as codes + 8 with zero 8, dequantising to the same values.
    void symmetricExport() {
        std::mt19937 rng(3);
        std::normal_distribution<float> nd(0.0f, 0.02f);
        std::vector<float> w(16 * 128);
        for (auto& v : w) v = nd(rng);
        const QuantizedMatrix m = quantize(w.data(), 16, 128, {4, 64, false, true});
        const AwqGemmTensors t = pack_awq_gemm(m);
        for (int32_t z : t.qzeros) QCOMPARE(uint32_t(z), 0x88888888u);
        const QuantizedMatrix u = unpack_awq_gemm(t, "sym");
        QCOMPARE(u.dequantize(), m.dequantize());
        std::vector<float> fq = w;
        fake_quantize(fq.data(), 16, 128, {4, 64, false, true});
        QCOMPARE(u.dequantize(), fq);
    }

    // With FP16 scales the exported checkpoint dequantises exactly to the in-memory quantization.
    void exportedEqualsInMemory() {
        std::mt19937 rng(11);
        std::normal_distribution<float> nd(0.0f, 0.03f);
        std::vector<float> w(24 * 256);
        for (auto& v : w) v = nd(rng);
        for (int group : {32, 128, -1}) {
            const QuantizedMatrix m = quantize(w.data(), 24, 256, {4, group, true, true});
            const QuantizedMatrix u = unpack_awq_gemm(pack_awq_gemm(m), "exact");
            const std::vector<float> a = m.dequantize(), b = u.dequantize();
            QVERIFY(std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
        }
    }

    // A borrowed view (as from a mapped file) at an odd address reads the same words.
    void unalignedView() {
        const QuantizedMatrix m = random_matrix(16, 64, 32, 77);
        const AwqGemmTensors t = pack_awq_gemm(m);
        std::vector<unsigned char> buf(1 + t.qweight.size() * 4);
        std::memcpy(buf.data() + 1, t.qweight.data(), t.qweight.size() * 4);
        AwqGemmView v = t.view("x");
        v.qweight = buf.data() + 1;
        QCOMPARE(unpack_awq_gemm(v, "x").q, m.q);
    }

    void rejectsBadTensors() {
        const QuantizedMatrix m = random_matrix(16, 64, 32, 5);
        const AwqGemmTensors t = pack_awq_gemm(m);
        auto expect_format_error = [](const AwqGemmView& v, const char* what) {
            try {
                unpack_awq_gemm(v, "model.layers.0.mlp.up_proj");
                QFAIL(what);
            } catch (const FormatError& e) {
                QVERIFY2(QString(e.what()).contains("model.layers.0.mlp.up_proj"), e.what());
            }
        };
        AwqGemmView v = t.view("x");
        v.qweight_cols = 3;
        expect_format_error(v, "qweight columns");
        v = t.view("x");
        v.scales_cols = 12;  // not a multiple of 8
        expect_format_error(v, "out % 8");
        v = t.view("x");
        v.qzeros_rows = 1;
        expect_format_error(v, "qzeros rows");
        v = t.view("x");
        v.scales_rows = 3;  // 3 groups do not divide 64
        expect_format_error(v, "groups");
        v = t.view("x");
        v.group = 64;  // shapes say 32
        expect_format_error(v, "group disagrees");
        v = t.view("x");
        v.group = -1;
        expect_format_error(v, "group -1 with two groups");
        AwqGemmTensors bad = t;
        bad.scales_f16[5] = 0x7C00;  // +inf
        expect_format_error(bad.view("x"), "infinite scale");
        bad = t;
        bad.qzeros.pop_back();
        QVERIFY_THROWS_EXCEPTION(FormatError, bad.view("x"));

        QuantizedMatrix q3 = m;
        q3.bits = 3;
        QVERIFY_THROWS_EXCEPTION(Unsupported, pack_awq_gemm(q3));
        const QuantizedMatrix narrow = random_matrix(12, 64, 32, 6);
        QVERIFY_THROWS_EXCEPTION(Unsupported, pack_awq_gemm(narrow));
        QuantizedMatrix badz = m;
        badz.zeros[3] = 16;
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, pack_awq_gemm(badz));
    }
};

QTEST_APPLESS_MAIN(TestAwqPack)
#include "test_awq_pack.moc"
