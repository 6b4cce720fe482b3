// SPDX-License-Identifier: MIT
// INT4 CPU layout and kernels. The reference is built from the SAME quantized integers:
// QuantizedMatrix::dequantize() then a double-precision matmul ("dense"). Checks: the layout at bit level
// and round trips (repack, from_awq_gemm), int4_gemv / int4_gemm (AVX2 where the CPU has it) and their
// scalar _ref twins against dense on random data and awkward shapes, exact equality on data where every
// product and sum is exact, and Int4Linear.
//
// Error bounds (stated, per output element):
//   ref   (double accumulation, one final float rounding): |ref - dense| <= 1e-6 * S,  S = sum_i |w'_i x_i|
//   fast  (float FMA chains; zero point folded as scale * (sum q x - zero * sum x)):
//         |fast - dense| <= 1e-5 * A,  A = sum_i (q_i + zero) * scale * |x_i|, the magnitude the folded
//         form actually adds up (its rounding error is a few float ulps of A over these lengths).
#include <awq/cpu/cpu_features.hpp>
#include <awq/cpu/int4_dispatch.hpp>
#include <awq/model/int4_linear.hpp>
#include <awq/int4/int4_matrix.hpp>
#include <awq/error.hpp>
#include <awq/int4/awq_pack.hpp>

#include <QtTest/QtTest>

#include <QElapsedTimer>
#include <cmath>
#include <cstring>
#include <random>

using namespace awq;

namespace {

std::vector<float> normal(size_t n, float sd, uint32_t seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> nd(0.0f, sd);
    std::vector<float> v(n);
    for (auto& x : v) x = nd(rng);
    return v;
}

QuantizedMatrix quantized(int64_t out, int64_t in, int group, bool zp, uint32_t seed) {
    const std::vector<float> w = normal(size_t(out * in), 0.04f, seed);
    return quantize(w.data(), out, in, {4, group, zp, true});
}

struct Dense {
    std::vector<double> y;  // [m][out]
    std::vector<double> s;  // sum |w' x|
    std::vector<double> a;  // sum (q + zero) * scale * |x|
};

Dense dense_matmul(const QuantizedMatrix& q, const float* x, int64_t m) {
    const std::vector<float> w = q.dequantize();
    Dense d;
    d.y.resize(size_t(m * q.out));
    d.s.resize(d.y.size());
    d.a.resize(d.y.size());
    for (int64_t r = 0; r < m; ++r)
        for (int64_t o = 0; o < q.out; ++o) {
            double y = 0, s = 0, a = 0;
            for (int64_t g = 0; g < q.groups(); ++g) {
                const double zero = q.zeros[size_t(o * q.groups() + g)], scale = q.scales[size_t(o * q.groups() + g)];
                for (int64_t i = g * q.group_size; i < (g + 1) * q.group_size; ++i) {
                    const double xi = x[r * q.in + i], wi = w[size_t(o * q.in + i)];
                    y += wi * xi;
                    s += std::fabs(wi * xi);
                    a += (q.q[size_t(o * q.in + i)] + zero) * scale * std::fabs(xi);
                }
            }
            d.y[size_t(r * q.out + o)] = y;
            d.s[size_t(r * q.out + o)] = s;
            d.a[size_t(r * q.out + o)] = a;
        }
    return d;
}

// Returns an empty string when every element is within rel * bound[k] (+ a tiny absolute floor).
QString check(const std::vector<float>& got, const std::vector<double>& want, const std::vector<double>& bound,
              double rel, const char* what) {
    for (size_t k = 0; k < want.size(); ++k) {
        const double err = std::fabs(double(got[k]) - want[k]);
        if (!(err <= rel * bound[k] + 1e-30))
            return QString("%1: element %2 got %3 want %4 (err %5, bound %6)")
                .arg(what).arg(k).arg(got[k], 0, 'g', 9).arg(want[k], 0, 'g', 9).arg(err).arg(rel * bound[k]);
    }
    return {};
}

}  // namespace

class TestInt4Kernels : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        qDebug("AVX2+FMA on this CPU: %s", cpu_has_avx2_fma() ? "yes (fast kernels are the AVX2 ones)" : "no");
    }
    // These slots check the float kernels, so int4_gemv is forced to its float AVX2 path (int4_dispatch.hpp);
    // the int8-activation path it takes by default has its own bounds, in test_int4_q8.
    void init() { set_int4_kernel(Int4Kernel::avx2); }
    void cleanup() { set_int4_kernel(Int4Kernel::automatic); }

    // Row 0 codes q[i] = (i / 8 + 3 * (i % 8)) % 16 over one 64-input unit. Word l holds input 8n + l in
    // nibble n, i.e. (n + 3l) % 16: word 0 = nibbles 0..7 -> 0x76543210, word 1 = 3..10 -> 0xA9876543,
    // word 5 = 15,0,1,..,6 -> 0x6543210F (bytes little-endian). Row 1 (in = 64 + 8, second unit padded).
    void layoutBitLevel() {
        QuantizedMatrix q;
        q.out = 1;
        q.in = 64;
        q.group_size = 32;
        for (int i = 0; i < 64; ++i) q.q.push_back(uint8_t((i / 8 + 3 * (i % 8)) % 16));
        q.scales = {1.0f, 2.0f};
        q.zeros = {3, 4};
        const Int4Matrix w = repack_for_cpu(q);
        QCOMPARE(w.row_bytes(), int64_t(32));
        auto word = [&](int l) {
            uint32_t v;
            std::memcpy(&v, w.row(0) + 4 * l, 4);
            return v;
        };
        QCOMPARE(word(0), 0x76543210u);
        QCOMPARE(word(1), 0xA9876543u);
        QCOMPARE(word(5), 0x6543210Fu);
        QCOMPARE(int(w.row(0)[0]), 0x10);  // little-endian: nibbles 0 and 1 in the first byte
        QCOMPARE(int(w.zeros()[1]), 4);
        QCOMPARE(w.scales()[1], 2.0f);
    }

    // repack -> to_quantized is the identity, including a row width that is not a multiple of 32.
    void repackRoundTrip() {
        for (auto [out, in, group] : {std::tuple{8, 128, 32}, {24, 100, -1}, {264, 384, 128}, {5, 96, 32}}) {
            const QuantizedMatrix q = quantized(out, in, group, true, uint32_t(out + in));
            const Int4Matrix w = repack_for_cpu(q);
            const QuantizedMatrix b = w.to_quantized();
            QCOMPARE(b.q, q.q);
            QCOMPARE(b.scales, q.scales);
            QCOMPARE(b.zeros, q.zeros);
            QCOMPARE(w.bytes(), size_t(out * ((in + 63) / 64) * 32 + out * (in / b.group_size) * 5));
        }
    }

    // from_awq_gemm builds the same bytes as repack_for_cpu of the unpacked tensors, directly.
    void fromAwqGemm() {
        for (auto [out, in, group] : {std::tuple{8, 128, 32}, {24, 384, 64}, {264, 256, 128}, {16, 100, -1}}) {
            for (bool zp : {true, false}) {
                const QuantizedMatrix q = quantized(out, in, group, zp, uint32_t(3 * out + in));
                const AwqGemmTensors t = pack_awq_gemm(q);
                const Int4Matrix a = Int4Matrix::from_awq_gemm(t, "layer");
                const Int4Matrix b = repack_for_cpu(q);
                QCOMPARE(a.group_size(), b.group_size());
                QVERIFY(std::memcmp(a.row(0), b.row(0), size_t(out * a.row_bytes())) == 0);
                QVERIFY(std::memcmp(a.scales(), b.scales(), size_t(out * a.groups()) * sizeof(float)) == 0);
                QVERIFY(std::memcmp(a.zeros(), b.zeros(), size_t(out * a.groups())) == 0);
            }
        }
        AwqGemmTensors t = pack_awq_gemm(quantized(8, 64, 32, true, 1));
        t.qzeros.pop_back();
        QVERIFY_THROWS_EXCEPTION(FormatError, Int4Matrix::from_awq_gemm(t, "bad"));
    }

    void kernelsMatchDense_data() {
        QTest::addColumn<int>("in");
        QTest::addColumn<int>("out");
        QTest::addColumn<int>("group");
        QTest::addColumn<bool>("zp");
        for (int in : {128, 384, 4096})
            for (int out : {8, 24, 264})
                for (int group : {32, 64, 128, -1})
                    for (bool zp : {true, false})
                        QTest::addRow("in%d out%d g%d zp%d", in, out, group, int(zp)) << in << out << group << zp;
    }
    void kernelsMatchDense() {
        QFETCH(int, in);
        QFETCH(int, out);
        QFETCH(int, group);
        QFETCH(bool, zp);
        if (in == 4096 && out == 24) QSKIP("4096 covered by out 8 and 264");
        const QuantizedMatrix q = quantized(out, in, group, zp, uint32_t(in * 7 + out * 3 + group));
        const Int4Matrix w = repack_for_cpu(q);
        for (int64_t m : {1, 3, 17, 118}) {
            if (in == 4096 && m > 3) continue;  // keeps the suite quick; m = 3 already runs the gemm tiles
            const std::vector<float> x = normal(size_t(m * in), 1.0f, uint32_t(m + in));
            const Dense d = dense_matmul(q, x.data(), m);
            std::vector<float> ref(size_t(m * out)), fast(ref.size(), NAN), gemv(ref.size());
            int4_gemm_ref(w, x.data(), m, ref.data());
            int4_gemm(w, x.data(), m, fast.data());
            for (int64_t r = 0; r < m; ++r)  // gemv (the decode kernel) on the first rows, ref elsewhere
                if (r < 3)
                    int4_gemv(w, x.data() + r * in, gemv.data() + r * out);
                else
                    std::copy(ref.begin() + r * out, ref.begin() + (r + 1) * out, gemv.begin() + r * out);
            QString e = check(ref, d.y, d.s, 1e-6, "ref");
            if (e.isEmpty()) e = check(fast, d.y, d.a, 1e-5, "int4_gemm");
            if (e.isEmpty()) e = check(gemv, d.y, d.a, 1e-5, "int4_gemv");
            QVERIFY2(e.isEmpty(), qPrintable(QString("m %1: ").arg(m) + e));
        }
    }

    // Power-of-two scales and small integer inputs: every product and partial sum is an exact float, so
    // all kernels must agree with dense exactly, whatever their summation order.
    void exactOnExactData() {
        const int64_t out = 16, in = 256;
        std::mt19937 rng(42);
        QuantizedMatrix q;
        q.out = out;
        q.in = in;
        q.group_size = 32;
        for (int64_t k = 0; k < out * in; ++k) q.q.push_back(uint8_t(rng() % 16));
        for (int64_t k = 0; k < out * in / 32; ++k) {
            q.scales.push_back(std::ldexp(1.0f, int(rng() % 5) - 2));
            q.zeros.push_back(int32_t(rng() % 16));
        }
        const Int4Matrix w = repack_for_cpu(q);
        const int64_t m = 5;
        std::vector<float> x(size_t(m * in));
        for (auto& v : x) v = float(int(rng() % 7) - 3);
        const Dense d = dense_matmul(q, x.data(), m);
        std::vector<float> ref(size_t(m * out)), fast(ref.size()), gemv(ref.size());
        int4_gemm_ref(w, x.data(), m, ref.data());
        int4_gemm(w, x.data(), m, fast.data());
        for (int64_t r = 0; r < m; ++r) int4_gemv(w, x.data() + r * in, gemv.data() + r * out);
        for (size_t k = 0; k < ref.size(); ++k) {
            QCOMPARE(double(ref[k]), d.y[k]);
            QCOMPARE(fast[k], ref[k]);
            QCOMPARE(gemv[k], ref[k]);
        }
    }

    void int4Linear() {
        const int64_t out = 24, in = 256;
        const QuantizedMatrix q = quantized(out, in, 128, true, 9);
        const std::vector<float> bias = normal(size_t(out), 0.5f, 10);
        const Int4Linear lin(repack_for_cpu(q), bias);
        QCOMPARE(lin.in_features(), in);
        QCOMPARE(lin.out_features(), out);
        QCOMPARE(lin.kind(), std::string("int4-g128"));
        // codes in*out/2 + per group a float scale and a byte zero + the bias
        QCOMPARE(lin.weight_bytes(), size_t(in * out / 2 + out * 2 * 5 + out * 4));
        for (int64_t m : {1, 5}) {
            const std::vector<float> x = normal(size_t(m * in), 1.0f, uint32_t(20 + m));
            const Dense d = dense_matmul(q, x.data(), m);
            std::vector<float> y(size_t(m * out));
            lin.forward(x.data(), m, y.data());
            std::vector<double> want = d.y, bound = d.a;
            for (int64_t r = 0; r < m; ++r)
                for (int64_t o = 0; o < out; ++o) {
                    want[size_t(r * out + o)] += bias[size_t(o)];
                    bound[size_t(r * out + o)] += std::fabs(bias[size_t(o)]);
                }
            const QString e = check(y, want, bound, 1e-5, "Int4Linear");
            QVERIFY2(e.isEmpty(), qPrintable(e));
        }
        QCOMPARE(Int4Linear(repack_for_cpu(quantized(8, 64, -1, false, 2))).kind(), std::string("int4-g64"));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, Int4Linear(repack_for_cpu(q), std::vector<float>(3)));
    }

    void repackRejects() {
        QuantizedMatrix q = quantized(8, 64, 32, true, 4);
        q.bits = 3;
        QVERIFY_THROWS_EXCEPTION(Unsupported, repack_for_cpu(q));
        q = quantized(8, 64, 32, true, 4);
        q.q[7] = 16;
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, repack_for_cpu(q));
        q = quantized(8, 64, 32, true, 4);
        q.scales.pop_back();
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, repack_for_cpu(q));
    }

    // Informational only (never asserted): rough weight-streaming rate of the 4096 x 4096 gemv.
    void throughputInfo() {
        const int64_t n = 4096;
        const Int4Matrix w = repack_for_cpu(quantized(n, n, 128, true, 77));
        const std::vector<float> x = normal(size_t(n), 1.0f, 78);
        std::vector<float> y(static_cast<size_t>(n));
        auto rate = [&](auto fn, int reps) {
            fn();  // warm up
            QElapsedTimer t;
            t.start();
            for (int k = 0; k < reps; ++k) fn();
            return double(w.bytes()) * reps / (double(t.nsecsElapsed()) + 1.0);  // bytes per ns = GB/s
        };
        const double fast = rate([&] { int4_gemv(w, x.data(), y.data()); }, 20);
        const double ref = rate([&] { int4_gemv_ref(w, x.data(), y.data()); }, 1);
        qDebug("int4_gemv 4096x4096 g128: %.2f GB/s (%s), int4_gemv_ref: %.3f GB/s", fast,
               int4_uses_avx2(w) ? "AVX2" : "scalar", ref);
    }
};

QTEST_APPLESS_MAIN(TestInt4Kernels)
#include "test_int4_kernels.moc"
