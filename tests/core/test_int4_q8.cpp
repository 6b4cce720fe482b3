// SPDX-License-Identifier: MIT
// INT4 x int8-activation gemv (awq/cpu/int4_q8.hpp) and the INT4 gemv's kernel dispatch.
// References: the scalar twins quantize_row_q8_ref / int4_gemv_q8_ref (the same integer and float
// arithmetic written lane by lane: the AVX2 kernels must equal them BIT FOR BIT), and the float kernel
// int4_gemv_ref (double accumulation of the dequantised weights times the float activations), which the
// int8 path approximates within two stated bounds:
//   per output (a hard bound from the rounding of the activations, |x - d xq| <= d / 2):
//       |y_q8 - y_ref| <= 1/2 sum_c d_c sum_{i in c} |w_i|  +  2e-5 * sum_i |w_i| |x_i|  (float rounding)
//   over a whole output vector, with LLM-like activations (normal, and 1 % of the channels 25x larger):
//       ||y_q8 - y_ref|| / ||y_ref|| <= kRelBound (measured 0.88-1.26 %, printed by relativeError).
// Inputs are random (never all zero); shapes are awkward: rows not a multiple of the kernel's row steps or
// of the 16-row thread blocks, several groups, group sizes 32 / 64 / 96 / 128 (96: groups end inside a
// 64-input unit, the kernel's generic path), an input length with a half unit at the end.
#include <awq/cpu/cpu_features.hpp>
#include <awq/cpu/int4_dispatch.hpp>
#include <awq/cpu/int4_q8.hpp>
#include <awq/error.hpp>
#include <awq/int4/int4_matrix.hpp>

#include <QtTest/QtTest>

#include <cmath>
#include <cstring>
#include <random>

using namespace awq;

namespace {

constexpr double kRelBound = 0.015;

// Normal(0, 1) activations; with `outliers`, 1 % of the channels (fixed per seed) 25x larger, as the
// massive activations of LLM hidden states.
std::vector<float> activations(int64_t n, uint32_t seed, bool outliers) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> nd(0.0f, 1.0f);
    std::vector<float> x(static_cast<size_t>(n));
    for (auto& v : x) v = nd(rng);
    if (outliers)
        for (int64_t k = 0; k < std::max<int64_t>(1, n / 100); ++k) x[size_t(rng() % uint32_t(n))] *= 25.0f;
    return x;
}

Int4Matrix matrix(int64_t out, int64_t in, int group, bool zp, uint32_t seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> nd(0.0f, 0.04f);
    std::vector<float> w(size_t(out * in));
    for (auto& v : w) v = nd(rng);
    return repack_for_cpu(quantize(w.data(), out, in, {4, group, zp, true}));
}

bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

// Dequantised weight of row o, input i.
double weight(const Int4Matrix& w, int64_t o, int64_t i) {
    const int64_t g = o * w.groups() + i / w.group_size();
    return (double(w.code(o, i)) - double(w.zeros()[g])) * double(w.scales()[g]);
}

// The per-output bound stated at the top; empty when every output meets it.
QString check_bound(const Int4Matrix& w, const Q8Activations& a, const std::vector<float>& x,
                    const std::vector<float>& q8, const std::vector<float>& ref) {
    for (int64_t o = 0; o < w.out(); ++o) {
        double quant = 0, mag = 0;
        for (int64_t c = 0; c < w.in() / 32; ++c) {
            double s = 0;
            for (int64_t i = 32 * c; i < 32 * c + 32; ++i) {
                s += std::fabs(weight(w, o, i));
                mag += std::fabs(weight(w, o, i) * x[size_t(i)]);
            }
            quant += 0.5 * double(a.d[size_t(c)]) * s;
        }
        const double err = std::fabs(double(q8[size_t(o)]) - double(ref[size_t(o)])), bound = quant + 2e-5 * mag;
        if (!(err <= bound))
            return QString("row %1: |q8 - ref| = %2 > bound %3 (q8 %4, ref %5)")
                .arg(o)
                .arg(err)
                .arg(bound)
                .arg(q8[size_t(o)])
                .arg(ref[size_t(o)]);
    }
    return {};
}

}  // namespace

class TestInt4Q8 : public QObject {
    Q_OBJECT

private slots:
    void init() { set_int4_kernel(Int4Kernel::automatic); }
    void cleanup() { set_int4_kernel(Int4Kernel::automatic); }

    // Q8Activations::at reads through the layout: input i's byte of the weight layout (int4_matrix.hpp:
    // nibble n of word l of a unit is input 8n + l; byte k of word l holds nibbles 2k, 2k + 1).
    void layout() {
        Q8Activations a;
        const int64_t n = 128;
        std::vector<float> x(static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i) x[size_t(i)] = float(i % 64 - 31);  // distinct within each chunk
        quantize_row_q8_ref(x.data(), n, 32, a);
        for (int64_t u = 0; u < n / 64; ++u)
            for (int64_t l = 0; l < 8; ++l)
                for (int64_t k = 0; k < 4; ++k) {
                    // low nibble of byte k of word l = nibble 2k = input 16k + l; high nibble = input 16k + 8 + l
                    QCOMPARE(a.q[size_t(u * 64 + 4 * l + k)], a.at(u * 64 + 16 * k + l));
                    QCOMPARE(a.q[size_t(u * 64 + 32 + 4 * l + k)], a.at(u * 64 + 16 * k + 8 + l));
                }
        // chunk 0 holds -31..0 (max |x| 31): xq = round(x * 127 / 31)
        for (int64_t i = 0; i < 32; ++i)
            QCOMPARE(int(a.at(i)), int(std::nearbyint(double(i - 31) * 127.0 / 31.0)));
    }

    void quantizer_data() {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("group");
        for (auto [n, g] : {std::pair{32, 32}, {96, 32}, {96, 96}, {384, 128}, {2048, 64}, {5632, 128}})
            QTest::addRow("n%d g%d", n, g) << n << g;
    }
    // AVX2 quantizer == scalar twin bit for bit; the twin's codes are round(x / d) with max |xq| = 127 per
    // chunk, its sums and group sums are those of the codes; an all-zero chunk gets d = 0 and zero codes.
    void quantizer() {
        QFETCH(int, n);
        QFETCH(int, group);
        if (!cpu_has_avx2_fma()) QSKIP("this CPU has no AVX2/FMA: only the scalar twin runs here");
        std::vector<float> x = activations(n, uint32_t(n + group), true);
        if (n >= 96) std::fill(x.begin() + 32, x.begin() + 64, 0.0f);  // one all-zero chunk
        Q8Activations fast, ref;
        quantize_row_q8(x.data(), n, group, fast);
        quantize_row_q8_ref(x.data(), n, group, ref);
        QVERIFY(fast.q == ref.q);
        QVERIFY(same_bits(fast.d, ref.d));
        QVERIFY(fast.sum == ref.sum);
        QVERIFY(same_bits(fast.group_sum, ref.group_sum));
        for (int64_t c = 0; c < n / 32; ++c) {
            const float d = ref.d[size_t(c)];
            int32_t s = 0, amax = 0;
            for (int64_t i = 32 * c; i < 32 * c + 32; ++i) {
                const int q = ref.at(i);
                QVERIFY2(std::fabs(double(x[size_t(i)]) - double(d) * q) <= 0.5 * double(d) * (1 + 1e-6),
                         qPrintable(QString("input %1: x %2, d %3, xq %4").arg(i).arg(x[size_t(i)]).arg(d).arg(q)));
                s += q;
                amax = std::max(amax, std::abs(q));
            }
            QCOMPARE(ref.sum[size_t(c)], s);
            QCOMPARE(amax, d == 0.0f ? 0 : 127);
            if (n >= 96 && c == 1) QCOMPARE(d, 0.0f);
        }
        for (int64_t g = 0; g < n / group; ++g) {
            double want = 0;
            for (int64_t c = g * group / 32; c < (g + 1) * group / 32; ++c) want += double(ref.d[size_t(c)]) * ref.sum[size_t(c)];
            QVERIFY(std::fabs(ref.group_sum[size_t(g)] - want) <= 1e-6 * (std::fabs(want) + 1e-3 * n));
        }
    }

    void gemv_data() {
        QTest::addColumn<int>("in");
        QTest::addColumn<int>("out");
        QTest::addColumn<int>("group");
        QTest::addColumn<bool>("zp");
        for (auto [in, g] : {std::pair{64, 32}, {96, 32}, {288, 96}, {384, 128}, {640, 64}, {2048, 128}})
            for (int out : {1, 7, 33, 267})
                for (bool zp : {true, false})
                    QTest::addRow("in%d out%d g%d zp%d", in, out, g, int(zp)) << in << out << g << zp;
    }
    // int4_gemv_q8 (AVX2, threaded) == int4_gemv_q8_ref bit for bit; both within the per-output bound of
    // int4_gemv_ref.
    void gemv() {
        QFETCH(int, in);
        QFETCH(int, out);
        QFETCH(int, group);
        QFETCH(bool, zp);
        if (!cpu_has_avx2_fma()) QSKIP("this CPU has no AVX2/FMA: only the scalar twin runs here");
        const Int4Matrix w = matrix(out, in, group, zp, uint32_t(in * 3 + out + group));
        const std::vector<float> x = activations(in, uint32_t(in + out), true);
        Q8Activations a;
        quantize_row_q8(x.data(), in, group, a);
        std::vector<float> fast(size_t(out), NAN), twin(size_t(out), NAN), ref(static_cast<size_t>(out));
        int4_gemv_q8(w, a, fast.data());
        int4_gemv_q8_ref(w, a, twin.data());
        int4_gemv_ref(w, x.data(), ref.data());
        for (int64_t o = 0; o < out; ++o)
            QVERIFY2(std::memcmp(&fast[size_t(o)], &twin[size_t(o)], sizeof(float)) == 0,
                     qPrintable(QString("row %1: AVX2 %2, twin %3").arg(o).arg(fast[size_t(o)], 0, 'g', 9).arg(twin[size_t(o)], 0, 'g', 9)));
        const QString e = check_bound(w, a, x, twin, ref);
        QVERIFY2(e.isEmpty(), qPrintable(e));
    }

    // The whole-vector relative error against the float kernel, LLM-like activations, Llama shapes.
    void relativeError() {
        double worst = 0;
        for (auto [in, out, g] : {std::tuple{2048, 512, 128}, {5632, 256, 128}, {2048, 512, 64}, {576, 1536, 64}}) {
            const Int4Matrix w = matrix(out, in, g, true, uint32_t(in + out));
            for (uint32_t seed : {1u, 2u, 3u}) {
                const std::vector<float> x = activations(in, seed * 100 + uint32_t(g), true);
                Q8Activations a;
                quantize_row_q8_ref(x.data(), in, g, a);
                std::vector<float> q8(static_cast<size_t>(out)), ref(static_cast<size_t>(out));
                int4_gemv_q8_ref(w, a, q8.data());
                int4_gemv_ref(w, x.data(), ref.data());
                double num = 0, den = 0;
                for (int64_t o = 0; o < out; ++o) {
                    num += (double(q8[size_t(o)]) - ref[size_t(o)]) * (double(q8[size_t(o)]) - ref[size_t(o)]);
                    den += double(ref[size_t(o)]) * ref[size_t(o)];
                }
                const double rel = std::sqrt(num / den);
                qDebug("in %d out %d g%d seed %u: relative error %.4f %%", in, out, g, seed, 100 * rel);
                worst = std::max(worst, rel);
            }
        }
        qDebug("worst relative error %.4f %% (bound %.2f %%)", 100 * worst, 100 * kRelBound);
        QVERIFY(worst <= kRelBound);
        QVERIFY(worst > 0);  // the int8 path does round the activations
    }

    // Each kernel forced in turn: int4_gemv then equals that kernel's own result (ref and q8 bit for bit,
    // avx2 within the float kernel's bound of int4_gemv_ref, and different from q8's result).
    void forcedDispatch() {
        const int64_t out = 37, in = 640;
        const Int4Matrix w = matrix(out, in, 64, true, 5);
        const std::vector<float> x = activations(in, 6, true);
        std::vector<float> ref(static_cast<size_t>(out)), q8(static_cast<size_t>(out)), y(static_cast<size_t>(out));
        int4_gemv_ref(w, x.data(), ref.data());
        Q8Activations a;
        quantize_row_q8_ref(x.data(), in, 64, a);
        int4_gemv_q8_ref(w, a, q8.data());

        set_int4_kernel(Int4Kernel::ref);
        QCOMPARE(int4_gemv_kernel(w), Int4Kernel::ref);
        QVERIFY(!int4_uses_avx2(w));
        int4_gemv(w, x.data(), y.data());
        QVERIFY(same_bits(y, ref));
        if (!cpu_has_avx2_fma()) QSKIP("this CPU has no AVX2/FMA: the AVX2 kernels cannot be forced");

        set_int4_kernel(Int4Kernel::avx2_q8);
        QCOMPARE(int4_gemv_kernel(w), Int4Kernel::avx2_q8);
        int4_gemv(w, x.data(), y.data());
        QVERIFY(same_bits(y, q8));

        set_int4_kernel(Int4Kernel::avx2);
        QCOMPARE(int4_gemv_kernel(w), Int4Kernel::avx2);
        int4_gemv(w, x.data(), y.data());
        QVERIFY(!same_bits(y, q8));
        for (int64_t o = 0; o < out; ++o) {
            double mag = 0;
            for (int64_t i = 0; i < in; ++i) mag += std::fabs(weight(w, o, i) * x[size_t(i)]) + 16 * std::fabs(x[size_t(i)]) * w.scales()[o * w.groups() + i / 64];
            QVERIFY(std::fabs(double(y[size_t(o)]) - ref[size_t(o)]) <= 1e-5 * mag);
        }

        // a group size the AVX2 kernels cannot take falls back to ref whatever is forced
        const Int4Matrix odd = matrix(5, 80, 16, true, 7);
        QCOMPARE(int4_gemv_kernel(odd), Int4Kernel::ref);
        set_int4_kernel(Int4Kernel::automatic);
        QCOMPARE(int4_gemv_kernel(odd), Int4Kernel::ref);
        QCOMPARE(int4_gemv_kernel(w), Int4Kernel::avx2_q8);  // the measured fastest (docs/benchmarks.md)
    }

    void names() {
        for (Int4Kernel k : {Int4Kernel::automatic, Int4Kernel::ref, Int4Kernel::avx2, Int4Kernel::avx2_q8})
            QCOMPARE(parse_int4_kernel(int4_kernel_name(k)), k);
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, parse_int4_kernel("avx512"));
        QString message;
        try {
            parse_int4_kernel("fast", "AWQ_CPU_KERNEL");
        } catch (const InvalidArgument& e) {
            message = e.what();
        }
        QVERIFY2(message.contains("AWQ_CPU_KERNEL") && message.contains("'fast'"), qPrintable(message));
    }

    void rejects() {
        Q8Activations a;
        const std::vector<float> x(100, 1.0f);
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, quantize_row_q8_ref(x.data(), 100, 32, a));  // not whole groups
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, quantize_row_q8(x.data(), 80, 16, a));      // group not 32k
        const Int4Matrix w = matrix(4, 128, 64, true, 3);
        quantize_row_q8_ref(x.data(), 64, 64, a);  // 64 inputs for a 128-input matrix
        std::vector<float> y(4);
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, int4_gemv_q8_ref(w, a, y.data()));
        quantize_row_q8_ref(x.data(), 64, 32, a);
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, int4_gemv_q8_ref(w, a, y.data()));
    }
};

QTEST_APPLESS_MAIN(TestInt4Q8)
#include "test_int4_q8.moc"
