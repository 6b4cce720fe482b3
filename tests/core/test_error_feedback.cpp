// SPDX-License-Identifier: MIT
// GPTQ-style error feedback (quant/error_feedback.hpp): the fast, blocked version against its
// one-column-at-a-time double-precision _ref twin on awkward shapes; GPTQ's defining identity
// W = Q + Err U (Frantar et al. 2022, U the upper Cholesky factor of H^-1), checked with a Cholesky written
// here, so that the returned codes are exactly the rounding of the error-updated weights; the layer's
// calibration error ||(W - Q) X^T||^2, computed here from X, against plain round-to-nearest quantize();
// the closed-form case H diagonal (nothing to feed forward: codes equal quantize()); dead inputs; errors.
#include <awq/error.hpp>
#include <awq/quant/error_feedback.hpp>
#include <awq/int4/quantizer.hpp>

#include <QtTest/QtTest>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

using namespace awq;

namespace {

// Random normal weights with a few large outliers (one in ~50, 10x), never exactly zero.
std::vector<float> make_weights(int64_t out, int64_t in, uint32_t seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> nd(0.0f, 0.02f);
    std::uniform_int_distribution<int> pick(0, 49);
    std::vector<float> w(size_t(out * in));
    for (auto& v : w) {
        v = nd(rng);
        if (pick(rng) == 0) v *= 10.0f;
        if (v == 0.0f) v = 1e-3f;
    }
    return w;
}

// Correlated calibration inputs X[tokens, in] = Z A with Z standard normal and A = I + a random mixing
// matrix, plus a few outlier channels (x 8), as activations of real layers have.
std::vector<float> make_inputs(int64_t tokens, int64_t in, uint32_t seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> nd(0.0f, 1.0f);
    std::vector<float> a(size_t(in * in));
    for (int64_t i = 0; i < in; ++i)
        for (int64_t j = 0; j < in; ++j) a[size_t(i * in + j)] = (i == j ? 1.0f : 0.0f) + 1.5f * nd(rng) / std::sqrt(float(in));
    std::vector<float> z(size_t(tokens * in)), x(size_t(tokens * in), 0.0f);
    for (auto& v : z) v = nd(rng);
    for (int64_t t = 0; t < tokens; ++t)
        for (int64_t k = 0; k < in; ++k) {
            const float zk = z[size_t(t * in + k)];
            for (int64_t j = 0; j < in; ++j) x[size_t(t * in + j)] += zk * a[size_t(k * in + j)];
        }
    for (int64_t j = 3; j < in; j += in / 4)
        for (int64_t t = 0; t < tokens; ++t) x[size_t(t * in + j)] *= 8.0f;
    return x;
}

InputGram gram_of(const std::vector<float>& x, int64_t in) {
    InputGram g(in);
    g.add(x.data(), int64_t(x.size()) / in);
    return g;
}

// ||(W - Q) X^T||^2 in double, straight from the inputs.
double calibration_error(const std::vector<float>& w, const std::vector<float>& q, const std::vector<float>& x,
                         int64_t out, int64_t in) {
    const int64_t tokens = int64_t(x.size()) / in;
    double sum = 0.0;
    for (int64_t r = 0; r < out; ++r)
        for (int64_t t = 0; t < tokens; ++t) {
            double y = 0.0;
            for (int64_t i = 0; i < in; ++i)
                y += (double(w[size_t(r * in + i)]) - double(q[size_t(r * in + i)])) * double(x[size_t(t * in + i)]);
            sum += y * y;
        }
    return sum;
}

std::vector<float> factors(int64_t count, uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> ud(0.7f, 1.0f);
    std::vector<float> f(static_cast<size_t>(count));
    for (auto& v : f) v = ud(rng);
    return f;
}

// Rows of a Sylvester Hadamard matrix: +-1 entries whose columns are orthogonal, so X^T X = n I exactly.
std::vector<float> hadamard(int64_t n) {
    std::vector<float> h(size_t(n * n));
    for (int64_t i = 0; i < n; ++i)
        for (int64_t j = 0; j < n; ++j) h[size_t(i * n + j)] = (__builtin_popcountll(uint64_t(i & j)) & 1) ? -1.0f : 1.0f;
    return h;
}

// GPTQ's identity W = Q + Err U checked on a result m (see codesAreRoundingOfUpdatedWeights): the number of
// codes that are not the round-to-nearest (clamped) of what their column held when rounded, plus the number
// of groups whose scale and zero are not group_params() of the weights the group held when entered.
// U = R^-1 with H = R R^T, R upper: R = P L P for P H P = L L^T (P the reversal), written here.
int64_t gptq_violations(const std::vector<float>& w, const QuantizedMatrix& m, const InputGram& g, double damp,
                        const QuantParams& p) {
    const int64_t out = m.out, in = m.in, gs = m.group_size, ng = m.groups();
    const int qmax = (1 << p.bits) - 1;
    std::vector<double> h = g.matrix();
    double mean = 0.0;
    for (int64_t i = 0; i < in; ++i) mean += h[size_t(i * in + i)] / double(in);
    for (int64_t i = 0; i < in; ++i) h[size_t(i * in + i)] += damp * mean;
    std::vector<double> a(h.rbegin(), h.rend()), l(size_t(in * in), 0.0);
    for (int64_t j = 0; j < in; ++j)
        for (int64_t i = j; i < in; ++i) {
            double s = a[size_t(i * in + j)];
            for (int64_t t = 0; t < j; ++t) s -= l[size_t(i * in + t)] * l[size_t(j * in + t)];
            l[size_t(i * in + j)] = i == j ? std::sqrt(s) : s / l[size_t(j * in + j)];
        }
    auto r = [&](int64_t i, int64_t j) { return l[size_t((in - 1 - i) * in + (in - 1 - j))]; };
    std::vector<double> u(size_t(in * in), 0.0);  // U = R^-1, upper, by back substitution
    for (int64_t j = 0; j < in; ++j) {
        u[size_t(j * in + j)] = 1.0 / r(j, j);
        for (int64_t i = j - 1; i >= 0; --i) {
            double s = 0.0;
            for (int64_t k = i + 1; k <= j; ++k) s += r(i, k) * u[size_t(k * in + j)];
            u[size_t(i * in + j)] = -s / r(i, i);
        }
    }
    const std::vector<float> q = m.dequantize();
    int64_t violations = 0;
    for (int64_t row = 0; row < out; ++row) {
        std::vector<double> err(size_t(in), 0.0);  // (W - Q) R: R is upper, so column j sums rows k <= j
        for (int64_t j = 0; j < in; ++j)
            for (int64_t k = 0; k <= j; ++k)
                err[size_t(j)] += (double(w[size_t(row * in + k)]) - double(q[size_t(row * in + k)])) * r(k, j);
        // Weight j after the errors of columns [0, upto) moved onto it.
        auto weight_after = [&](int64_t j, int64_t upto) {
            double v = double(w[size_t(row * in + j)]);
            for (int64_t k = 0; k < upto; ++k) v -= err[size_t(k)] * u[size_t(k * in + j)];
            return v;
        };
        for (int64_t grp = 0; grp < ng; ++grp) {
            const float scale = m.scales[size_t(row * ng + grp)];
            const int32_t zero = m.zeros[size_t(row * ng + grp)];
            float mn = float(weight_after(grp * gs, grp * gs)), mx = mn;
            for (int64_t i = grp * gs; i < (grp + 1) * gs; ++i) {
                const float entry = float(weight_after(i, grp * gs));
                mn = std::min(mn, entry);
                mx = std::max(mx, entry);
                const double v = weight_after(i, i) / double(scale) + zero;
                const int c = m.q[size_t(row * in + i)];
                const bool ok = c == 0 ? v <= 0.5 + 1e-6 : c == qmax ? v >= qmax - 0.5 - 1e-6 : std::fabs(v - c) <= 0.5 + 1e-6;
                violations += !ok;
            }
            const GroupParams gp = group_params(mn + 0.0f, mx + 0.0f, p);
            violations += gp.scale != scale || gp.zero != zero;
        }
    }
    return violations;
}

}  // namespace

class TestErrorFeedback : public QObject {
    Q_OBJECT
private slots:
    // The blocked fast path (BLAS, OpenMP, reversed-Cholesky H^-1 factor) and the explicit-inverse,
    // column-by-column reference do the same arithmetic up to summation order (double precision), so a
    // code can only differ where an update lands within ~1e-12 of a rounding tie. Bound: >= 99.5 % of codes
    // and of group scales identical, calibration errors within 0.1 %. Shapes: groups smaller than a block,
    // groups larger than a block (blocks cut at group starts), per-channel groups, blocks not a multiple of
    // anything, 3 and 4 bits, symmetric and asymmetric, with and without range factors.
    void fastMatchesReference_data() {
        QTest::addColumn<int>("out");
        QTest::addColumn<int>("in");
        QTest::addColumn<int>("bits");
        QTest::addColumn<int>("group");
        QTest::addColumn<bool>("zp");
        QTest::addColumn<bool>("withFactors");
        QTest::addColumn<int>("block");
        QTest::addRow("7x96 g32 b4 asym") << 7 << 96 << 4 << 32 << true << false << 128;
        QTest::addRow("7x96 g32 b4 asym block40") << 7 << 96 << 4 << 32 << true << true << 40;
        QTest::addRow("13x256 g64 b4 asym factors") << 13 << 256 << 4 << 64 << true << true << 128;
        QTest::addRow("13x256 g64 b3 sym") << 13 << 256 << 3 << 64 << false << false << 128;
        QTest::addRow("9x192 per-channel b4 asym") << 9 << 192 << 4 << -1 << true << false << 128;
        QTest::addRow("9x192 per-channel b3 sym factors") << 9 << 192 << 3 << -1 << false << true << 50;
        QTest::addRow("5x320 g160 b3 sym factors") << 5 << 320 << 3 << 160 << false << true << 128;
        QTest::addRow("70x128 g128 b4 asym block32") << 70 << 128 << 4 << 128 << true << false << 32;
    }
    void fastMatchesReference() {
        QFETCH(int, out);
        QFETCH(int, in);
        QFETCH(int, bits);
        QFETCH(int, group);
        QFETCH(bool, zp);
        QFETCH(bool, withFactors);
        QFETCH(int, block);
        const QuantParams p{bits, group, zp, true};
        const uint32_t seed = uint32_t(out * 1000 + in + bits + block);
        const std::vector<float> w = make_weights(out, in, seed);
        const std::vector<float> x = make_inputs(2 * in, in, seed + 1);
        const InputGram g = gram_of(x, in);
        ErrorFeedbackOptions o;
        o.block = block;
        const int64_t ng = group == -1 ? 1 : in / group;
        if (withFactors) {
            o.lo_factor = factors(out * ng, seed + 2);
            o.hi_factor = factors(out * ng, seed + 3);
        }
        const QuantizedMatrix fast = quantize_with_error_feedback(w.data(), out, in, g, p, o);
        const QuantizedMatrix ref = quantize_with_error_feedback_ref(w.data(), out, in, g, p, o);
        QCOMPARE(fast.q.size(), size_t(out * in));
        QCOMPARE(fast.scales.size(), size_t(out * ng));
        QCOMPARE(fast.group_size, ref.group_size);
        int64_t same_codes = 0, same_scales = 0;
        for (size_t k = 0; k < fast.q.size(); ++k) same_codes += fast.q[k] == ref.q[k];
        for (size_t k = 0; k < fast.scales.size(); ++k)
            same_scales += fast.scales[k] == ref.scales[k] && fast.zeros[k] == ref.zeros[k];
        const double code_share = double(same_codes) / double(fast.q.size());
        const double scale_share = double(same_scales) / double(fast.scales.size());
        QVERIFY2(code_share >= 0.995, qPrintable(QString("identical codes %1").arg(code_share)));
        QVERIFY2(scale_share >= 0.995, qPrintable(QString("identical scales/zeros %1").arg(scale_share)));
        if (same_codes != int64_t(fast.q.size())) qInfo("%lld codes differ", (long long)(fast.q.size() - same_codes));
        const double ef = calibration_error(w, fast.dequantize(), x, out, in);
        const double er = calibration_error(w, ref.dequantize(), x, out, in);
        QVERIFY2(std::fabs(ef - er) <= 1e-3 * er, qPrintable(QString("fast %1 ref %2").arg(ef).arg(er)));
        // It did feed errors forward: the codes are not those of plain rounding.
        const QuantizedMatrix plain = quantize(w.data(), out, in, p);
        QVERIFY(plain.q != fast.q);
        const int qmax = (1 << bits) - 1;
        for (uint8_t c : fast.q) QVERIFY(c <= qmax);
        for (int32_t z : fast.zeros) QVERIFY(z >= 0 && z <= qmax);
    }

    // GPTQ's identity: column i is rounded when it holds w_i - sum_{k<i} err_k U[k][i], with
    // err_k = (that - q_k) / U[k][k]; so W = Q + Err U, i.e. Err = (W - Q) U^-1. gptq_violations() rebuilds
    // Err and U from the returned matrix with a Cholesky of its own and counts codes that are not the
    // rounding of what their column held and groups whose scale and zero are not those of the weights the
    // group held when entered: zero for the error feedback (so dequantize() gives exactly the values it fed
    // errors forward against), many for plain rounding (the check can fail).
    void codesAreRoundingOfUpdatedWeights() {
        const int64_t out = 6, in = 128;
        for (bool zp : {true, false}) {
            const QuantParams p{4, 32, zp, true};
            const std::vector<float> w = make_weights(out, in, 77);
            const InputGram g = gram_of(make_inputs(3 * in, in, 78), in);
            ErrorFeedbackOptions o;
            o.block = 48;  // -> blocks of 32 columns, each a whole group
            const QuantizedMatrix fed = quantize_with_error_feedback(w.data(), out, in, g, p, o);
            QCOMPARE(gptq_violations(w, fed, g, o.damp, p), int64_t(0));
            const QuantizedMatrix plain = quantize(w.data(), out, in, p);
            const int64_t bad = gptq_violations(w, plain, g, o.damp, p);
            QVERIFY2(bad > out * in / 10, qPrintable(QString("plain rounding violates it %1 times").arg(bad)));
        }
    }

    // On random layers with correlated inputs, error feedback lowers the layer's calibration error
    // ||(W - Q) X^T||^2 (computed from X here) below that of plain round-to-nearest with the same parameters,
    // for every seed and setting; the reductions are printed.
    void neverWorseThanPlainRounding() {
        const int64_t out = 24, in = 256;
        QStringList reductions;
        for (uint32_t seed = 1; seed <= 4; ++seed) {
            const std::vector<float> w = make_weights(out, in, seed);
            const std::vector<float> x = make_inputs(2 * in, in, seed + 100);
            const InputGram g = gram_of(x, in);
            for (const QuantParams& p : {QuantParams{4, 64, true, true}, QuantParams{3, 128, false, true},
                                         QuantParams{4, -1, true, true}}) {
                const QuantizedMatrix plain = quantize(w.data(), out, in, p);
                const QuantizedMatrix fed = quantize_with_error_feedback(w.data(), out, in, g, p);
                const double e0 = calibration_error(w, plain.dequantize(), x, out, in);
                const double e1 = calibration_error(w, fed.dequantize(), x, out, in);
                const QString what = QString("seed %1 bits %2 group %3: plain %4 feedback %5")
                                         .arg(seed).arg(p.bits).arg(p.group_size).arg(e0).arg(e1);
                QVERIFY2(e1 <= e0, qPrintable(what));
                reductions << QString("%1%").arg(100.0 * (1.0 - e1 / e0), 0, 'f', 1);
            }
        }
        qInfo("calibration error reduction vs plain rounding (4b g64 asym, 3b g128 sym, 4b per-channel; 4 seeds): %s",
              qPrintable(reductions.join(' ')));
    }

    // H diagonal (uncorrelated inputs: rows of a Hadamard matrix, X^T X = 128 I exactly, then columns
    // scaled by powers of two: still diagonal): U is diagonal, no error moves to other columns, and the
    // codes, scales and zeros are exactly those of quantize().
    void diagonalHessianChangesNothing() {
        const int64_t out = 9, in = 128;
        std::vector<float> x = hadamard(in);
        for (bool equal : {true, false}) {
            if (!equal)
                for (int64_t t = 0; t < in; ++t)
                    for (int64_t i = 0; i < in; ++i) x[size_t(t * in + i)] *= float(1 << (i % 5));
            const InputGram g = gram_of(x, in);
            if (equal)
                for (int64_t i = 0; i < in; ++i)
                    for (int64_t j = 0; j < in; ++j) QCOMPARE(g.matrix()[size_t(i * in + j)], i == j ? 128.0 : 0.0);
            for (const QuantParams& p : {QuantParams{4, 32, true, true}, QuantParams{3, -1, false, true}}) {
                const std::vector<float> w = make_weights(out, in, 5);
                const QuantizedMatrix plain = quantize(w.data(), out, in, p);
                for (const QuantizedMatrix& m : {quantize_with_error_feedback(w.data(), out, in, g, p),
                                                 quantize_with_error_feedback_ref(w.data(), out, in, g, p)}) {
                    QCOMPARE(m.q, plain.q);
                    QCOMPARE(m.scales, plain.scales);
                    QCOMPARE(m.zeros, plain.zeros);
                }
            }
        }
    }

    // An input that is zero for every calibration token (H[i][i] == 0) has its weights set to 0 before
    // quantizing, as GPTQ does; the grid always holds 0 exactly, so they dequantize to 0.
    void deadInputsAreZeroed() {
        const int64_t out = 5, in = 64, dead = 17;
        const std::vector<float> w = make_weights(out, in, 9);
        std::vector<float> x = make_inputs(2 * in, in, 10);
        for (int64_t t = 0; t < 2 * in; ++t) x[size_t(t * in + dead)] = 0.0f;
        const InputGram g = gram_of(x, in);
        QCOMPARE(g.matrix()[size_t(dead * in + dead)], 0.0);
        for (const QuantizedMatrix& m : {quantize_with_error_feedback(w.data(), out, in, g, {4, 32, true, true}),
                                         quantize_with_error_feedback_ref(w.data(), out, in, g, {4, 32, true, true})}) {
            const std::vector<float> d = m.dequantize();
            for (int64_t r = 0; r < out; ++r) QCOMPARE(d[size_t(r * in + dead)], 0.0f);
        }
    }

    // The Gram matrix is sum over tokens of x x^T, however the tokens are split across add() calls.
    void gramAccumulates() {
        const int64_t in = 40, tokens = 1100;  // more than one internal chunk of 512 tokens
        const std::vector<float> x = make_inputs(tokens, in, 3);
        InputGram g(in);
        g.add(x.data(), 700);
        g.add(x.data() + 700 * in, tokens - 700);
        QCOMPARE(g.tokens(), tokens);
        double worst = 0.0;
        for (int64_t i = 0; i < in; ++i)
            for (int64_t j = 0; j < in; ++j) {
                double s = 0.0, mag = 0.0;
                for (int64_t t = 0; t < tokens; ++t) {
                    s += double(x[size_t(t * in + i)]) * double(x[size_t(t * in + j)]);
                    mag += std::fabs(double(x[size_t(t * in + i)]) * double(x[size_t(t * in + j)]));
                }
                worst = std::max(worst, std::fabs(g.matrix()[size_t(i * in + j)] - s) / mag);
                QCOMPARE(g.matrix()[size_t(i * in + j)], g.matrix()[size_t(j * in + i)]);
            }
        QVERIFY2(worst < 1e-5, qPrintable(QString("relative error %1").arg(worst)));
    }

    void rejectsBadInput() {
        const int64_t out = 3, in = 64;
        const std::vector<float> w = make_weights(out, in, 1);
        const InputGram g = gram_of(make_inputs(2 * in, in, 2), in);
        const QuantParams p{4, 32, true, true};
        auto message = [&](auto call) -> QString {
            try {
                call();
            } catch (const InvalidArgument& e) {
                return QString::fromUtf8(e.what());
            }
            return QString();
        };
        for (auto f : {quantize_with_error_feedback, quantize_with_error_feedback_ref}) {
            const InputGram small(32);
            QVERIFY(message([&] { f(w.data(), out, in, small, p, {}); }).contains("32 x 32 but the weight has 64 inputs"));
            std::vector<float> bad = w;
            bad[size_t(70)] = std::nanf("");
            QVERIFY(message([&] { f(bad.data(), out, in, g, p, {}); }).contains("row 1 column 6 is not finite"));
            bad[size_t(70)] = INFINITY;
            QVERIFY(message([&] { f(bad.data(), out, in, g, p, {}); }).contains("row 1 column 6 is not finite"));
            ErrorFeedbackOptions o;
            o.lo_factor.assign(5, 0.9f);
            QVERIFY(message([&] { f(w.data(), out, in, g, p, o); }).contains("lo_factor has 5 values"));
            o.lo_factor.assign(6, 0.9f);
            o.hi_factor.assign(6, 1.0f);
            o.hi_factor[3] = 1.5f;
            QVERIFY(message([&] { f(w.data(), out, in, g, p, o); }).contains("hi_factor of row 1 group 1"));
            o = {};
            o.damp = -1.0;
            QVERIFY(message([&] { f(w.data(), out, in, g, p, o); }).contains("damp"));
            o = {};
            o.block = 0;
            QVERIFY(message([&] { f(w.data(), out, in, g, p, o); }).contains("block"));
            QVERIFY(!message([&] { f(w.data(), out, in, g, {4, 48, true, true}, {}); }).isEmpty());
            // One token: H = x x^T has rank 1; without damping it is not positive definite.
            InputGram rank1(in);
            const std::vector<float> one = make_inputs(1, in, 4);
            rank1.add(one.data(), 1);
            o = {};
            o.damp = 0.0;
            const QString pd = message([&] { f(w.data(), out, in, rank1, p, o); });
            QVERIFY2(pd.contains("not positive definite") && pd.contains("larger damp"), qPrintable(pd));
            QVERIFY(message([&] { f(w.data(), out, in, rank1, p, {}); }).isEmpty());  // damped: fine
        }
        InputGram g2(in);
        std::vector<float> xs = make_inputs(2, in, 5);
        xs[size_t(in + 3)] = std::nanf("");
        QVERIFY(message([&] { g2.add(xs.data(), 2); }).contains("token 1 input 3 is not finite"));
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, InputGram(0));
    }
};

QTEST_APPLESS_MAIN(TestErrorFeedback)
#include "test_error_feedback.moc"
