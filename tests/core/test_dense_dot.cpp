// SPDX-License-Identifier: MIT
// Dense dot kernels (decode path of DenseLinear): the AVX2/F16C kernels against their scalar `_ref` twin
// on random data (never zero) and awkward shapes, F16 and BF16 weights including subnormals, any weight
// alignment; the forced-reference dispatch; DenseLinear's decode path (m = 1..8) against the double
// product of the converted weights; and the F16C convert_to_f32 against the scalar conversion.
//
// Error bound (stated, per output element), S = sum_i |x_i w_i|:
//   ref   (double accumulation, one float rounding):         |ref - exact|  <= 1e-6 * S
//   fast  (float FMA chains, lengths up to 1000):             |fast - ref|   <= 1e-5 * S
// (plus 1e-35 absolute, for the rounding of products of subnormal weights).
#include "test_util.hpp"

#include <awq/cpu/dense_dot.hpp>
#include <awq/error.hpp>
#include <awq/io/dtype.hpp>
#include <awq/model/linear.hpp>

#include <bit>
#include <cstring>

using namespace awq;
using namespace awq::test;

namespace {

// Random 16-bit weights of dtype dt, about every 9th one subnormal, none zero.
std::vector<uint16_t> random_half(DType dt, size_t n, uint64_t seed) {
    const auto v = random_vector(n, seed, -0.5f, 0.5f);
    std::mt19937_64 rng(seed + 1);
    std::vector<uint16_t> h(n);
    for (size_t i = 0; i < n; ++i) {
        float f = std::fabs(v[i]) < 1e-3f ? 0.01f : v[i];
        h[i] = dt == DType::F16 ? f32_to_f16(f) : f32_to_bf16(f);
        if (rng() % 9 == 0)  // exponent 0, mantissa nonzero: a subnormal of either format
            h[i] = uint16_t((h[i] & 0x8000) | (1 + rng() % (dt == DType::F16 ? 0x3ff : 0x7f)));
    }
    return h;
}

// x with no zeros: magnitudes in [0.05, 1], random signs.
std::vector<float> random_x(size_t n, uint64_t seed) {
    auto x = random_vector(n, seed, 0.05f, 1.0f);
    std::mt19937_64 rng(seed + 7);
    for (auto& v : x)
        if (rng() & 1) v = -v;
    return x;
}

float to_f32(DType dt, uint16_t h) { return dt == DType::F16 ? f16_to_f32(h) : bf16_to_f32(h); }

// Exact-ish product (double) and S = sum |x w| for row o of w against row r of x.
void exact(DType dt, const uint16_t* w, const float* x, int64_t in, double& y, double& s) {
    y = s = 0;
    for (int64_t i = 0; i < in; ++i) {
        const double p = double(to_f32(dt, w[i])) * double(x[i]);
        y += p;
        s += std::fabs(p);
    }
}

}  // namespace

class TestDenseDot : public QObject {
    Q_OBJECT

private slots:
    // Every in x m x dtype against the reference, with the weights at an odd (2-byte) alignment and the
    // outputs in a strided, sentinel-filled buffer so that a write outside [o0, o1) shows.
    void kernelMatchesReference() {
        if (!dense_dot_uses_avx2()) QSKIP("no AVX2/FMA/F16C on this CPU: only the reference path exists");
        const int64_t out = 5, o0 = 1, o1 = 4, ldy = out + 3;
        for (DType dt : {DType::F16, DType::BF16}) {
            for (int64_t in : {1, 7, 8, 9, 15, 16, 17, 63, 576, 1000}) {
                const auto h = random_half(dt, size_t(out * in) + 1, uint64_t(in) * 31 + int(dt));
                const uint16_t* w = h.data() + 1;  // odd element offset: 2-byte aligned rows
                for (int64_t m = 1; m <= 8; ++m) {
                    const auto x = random_x(size_t(m * in), uint64_t(in * 100 + m));
                    std::vector<float> fast(size_t(m * ldy), 123.0f), ref(fast.size(), 123.0f);
                    dense_dot_rows(dt, w, in, x.data(), m, fast.data(), ldy, o0, o1);
                    dense_dot_rows_ref(dt, w, in, x.data(), m, ref.data(), ldy, o0, o1);
                    for (int64_t r = 0; r < m; ++r)
                        for (int64_t o = 0; o < ldy; ++o) {
                            const size_t k = size_t(r * ldy + o);
                            if (o < o0 || o >= o1) {
                                QVERIFY2(fast[k] == 123.0f && ref[k] == 123.0f, "write outside [o0, o1)");
                                continue;
                            }
                            double e, s;
                            exact(dt, w + o * in, x.data() + r * in, in, e, s);
                            const double err_ref = std::fabs(double(ref[k]) - e);
                            const double err = std::fabs(double(fast[k]) - double(ref[k]));
                            QVERIFY2(err_ref <= 1e-6 * s + 1e-35,
                                     qPrintable(QString("%1 in=%2 m=%3 r=%4 o=%5: ref %6 exact %7")
                                                    .arg(dtype_name(dt).data()).arg(in).arg(m).arg(r).arg(o)
                                                    .arg(ref[k], 0, 'g', 9).arg(e, 0, 'g', 12)));
                            QVERIFY2(err <= 1e-5 * s + 1e-35,
                                     qPrintable(QString("%1 in=%2 m=%3 r=%4 o=%5: fast %6 ref %7 (bound %8)")
                                                    .arg(dtype_name(dt).data()).arg(in).arg(m).arg(r).arg(o)
                                                    .arg(fast[k], 0, 'g', 9).arg(ref[k], 0, 'g', 9).arg(1e-5 * s)));
                        }
                }
            }
        }
    }

    // F32 weights through the same kernels (DenseLinear's m = 1 F32 path), and more than 8 x rows (taken
    // 8 at a time).
    void f32AndWideBatch() {
        const int64_t in = 77, out = 6, m = 11;
        const auto w = random_x(size_t(in * out), 5);
        const auto x = random_x(size_t(in * m), 6);
        std::vector<float> fast(size_t(m * out)), ref(fast.size());
        dense_dot_rows(DType::F32, w.data(), in, x.data(), m, fast.data(), out, 0, out);
        dense_dot_rows_ref(DType::F32, w.data(), in, x.data(), m, ref.data(), out, 0, out);
        for (int64_t r = 0; r < m; ++r)
            for (int64_t o = 0; o < out; ++o) {
                double s = 0;
                for (int64_t i = 0; i < in; ++i) s += std::fabs(double(w[size_t(o * in + i)]) * x[size_t(r * in + i)]);
                QVERIFY(std::fabs(double(fast[size_t(r * out + o)]) - ref[size_t(r * out + o)]) <= 1e-5 * s);
            }
        QVERIFY_THROWS_EXCEPTION(InvalidArgument,
                                 dense_dot_rows(DType::I32, w.data(), in, x.data(), 1, fast.data(), out, 0, out));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument,
                                 dense_dot_rows_ref(DType::I32, w.data(), in, x.data(), 1, fast.data(), out, 0, out));
    }

    // dense_dot_force_ref routes dense_dot_rows to the reference (bit-identical results) and back.
    void forcedReferenceDispatch() {
        const bool had = dense_dot_uses_avx2();
        const int64_t in = 63, out = 9, m = 3;
        const auto h = random_half(DType::F16, size_t(in * out), 21);
        const auto x = random_x(size_t(in * m), 22);
        std::vector<float> forced(size_t(m * out)), ref(forced.size());
        dense_dot_force_ref(true);
        QVERIFY(!dense_dot_uses_avx2());
        dense_dot_rows(DType::F16, h.data(), in, x.data(), m, forced.data(), out, 0, out);
        dense_dot_force_ref(false);
        QCOMPARE(dense_dot_uses_avx2(), had);
        dense_dot_rows_ref(DType::F16, h.data(), in, x.data(), m, ref.data(), out, 0, out);
        QVERIFY(std::memcmp(forced.data(), ref.data(), forced.size() * sizeof(float)) == 0);
    }

    // DenseLinear's decode path (m = 1..8; wide enough to run threaded) with and without the forced
    // reference, against the double product of the converted weights.
    void denseLinearDecodeMatchesConverted() {
        const int64_t in = 576, out = 1900;
        for (DType dt : {DType::F16, DType::BF16}) {
            auto h = random_half(dt, size_t(in * out), 31 + int(dt));
            const auto b = random_x(size_t(out), 32);
            const DenseLinear lin(dt, h, in, out, b);
            const std::vector<float> wf = lin.to_f32();
            for (bool force : {false, true}) {
                dense_dot_force_ref(force);
                for (int64_t m = 1; m <= 8; ++m) {
                    const auto x = random_x(size_t(m * in), uint64_t(40 + m));
                    std::vector<float> y(size_t(m * out));
                    lin.forward(x.data(), m, y.data());
                    for (int64_t r = 0; r < m; ++r)
                        for (int64_t o = 0; o < out; ++o) {
                            double e = b[size_t(o)], s = std::fabs(b[size_t(o)]);
                            for (int64_t i = 0; i < in; ++i) {
                                const double p = double(wf[size_t(o * in + i)]) * x[size_t(r * in + i)];
                                e += p;
                                s += std::fabs(p);
                            }
                            const double err = std::fabs(double(y[size_t(r * out + o)]) - e);
                            if (!(err <= 1e-5 * s + 1e-35)) {
                                dense_dot_force_ref(false);
                                QFAIL(qPrintable(QString("%1 force=%2 m=%3 r=%4 o=%5: got %6 want %7")
                                                     .arg(dtype_name(dt).data()).arg(force).arg(m).arg(r).arg(o)
                                                     .arg(y[size_t(r * out + o)], 0, 'g', 9).arg(e, 0, 'g', 12)));
                            }
                        }
                }
            }
            dense_dot_force_ref(false);
        }
    }

    // convert_to_f32 for F16 (F16C where the CPU has it) equals the scalar f16_to_f32 for all 65536
    // halves, at every length remainder and an odd alignment; NaNs only need to stay NaN (vcvtph2ps
    // quiets signalling ones).
    void convertF16MatchesScalar() {
        std::vector<uint16_t> all(65536 + 1);
        for (uint32_t i = 0; i < 65536; ++i) all[i + 1] = uint16_t(i * 40503u);  // odd multiplier: a permutation
        for (size_t n : {size_t(65536), size_t(1), size_t(7), size_t(8), size_t(9), size_t(15), size_t(17)}) {
            std::vector<float> got(n + 1, -7.0f);
            convert_to_f32(DType::F16, all.data() + 1, got.data(), n);
            QCOMPARE(got[n], -7.0f);  // nothing written past n
            for (size_t i = 0; i < n; ++i) {
                const float want = f16_to_f32(all[i + 1]);
                if (std::isnan(want)) {
                    QVERIFY(std::isnan(got[i]));
                    continue;
                }
                if (std::bit_cast<uint32_t>(got[i]) != std::bit_cast<uint32_t>(want))
                    QFAIL(qPrintable(QString("half 0x%1: got %2 want %3").arg(all[i + 1], 4, 16, QChar('0'))
                                         .arg(got[i], 0, 'g', 9).arg(want, 0, 'g', 9)));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestDenseDot)
#include "test_dense_dot.moc"
