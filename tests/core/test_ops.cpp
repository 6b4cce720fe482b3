// SPDX-License-Identifier: MIT
// The CPU operations of the forward pass against their reference twins and closed forms.
#include "test_util.hpp"

#include <awq/io/dtype.hpp>
#include <awq/cpu/sgemm.hpp>
#include <awq/cpu/vec_exp.hpp>
#include <awq/model/linear.hpp>
#include <awq/runtime/ops.hpp>
#include <awq/runtime/sampler.hpp>

#include <numbers>

using namespace awq;
using namespace awq::test;

class TestOps : public QObject {
    Q_OBJECT

private:
    // y = x W^T + b in double: the reference for every DenseLinear path.
    static std::vector<float> linear_ref(const std::vector<float>& w, const std::vector<float>& b,
                                         const std::vector<float>& x, int64_t m, int64_t in, int64_t out) {
        std::vector<float> y(size_t(m * out));
        for (int64_t r = 0; r < m; ++r)
            for (int64_t o = 0; o < out; ++o) {
                double acc = b.empty() ? 0.0 : b[size_t(o)];
                for (int64_t i = 0; i < in; ++i) acc += double(x[size_t(r * in + i)]) * w[size_t(o * in + i)];
                y[size_t(r * out + o)] = float(acc);
            }
        return y;
    }

private slots:
    // Every DenseLinear path (dot product for small m, blocked sgemm for large m) in F32, F16 and BF16
    // matches the double-precision product of the same (rounded) weights.
    void denseLinearMatchesReference_data() {
        QTest::addColumn<int>("dtype");
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("in");
        QTest::addColumn<int>("out");
        for (int dt : {int(DType::F32), int(DType::F16), int(DType::BF16)})
            for (int m : {1, 3, 17, 118})
                QTest::addRow("%s m=%d", std::string(dtype_name(DType(dt))).c_str(), m) << dt << m << 136 << 259;
        QTest::addRow("BF16 wide m=64") << int(DType::BF16) << 64 << 1000 << 2100;
    }
    void denseLinearMatchesReference() {
        QFETCH(int, dtype);
        QFETCH(int, m);
        QFETCH(int, in);
        QFETCH(int, out);
        const DType dt = DType(dtype);
        auto w = random_vector(size_t(in * out), 11, -0.5f, 0.5f);
        const auto x = random_vector(size_t(m * in), 12);
        const auto b = random_vector(size_t(out), 13);
        std::vector<uint16_t> half(w.size());
        const void* data = w.data();
        if (dt != DType::F32) {  // store rounded weights, and compare against exactly those values
            for (size_t i = 0; i < w.size(); ++i) {
                half[i] = dt == DType::F16 ? f32_to_f16(w[i]) : f32_to_bf16(w[i]);
                w[i] = dt == DType::F16 ? f16_to_f32(half[i]) : bf16_to_f32(half[i]);
            }
            data = half.data();
        }
        DenseLinear lin(dt, data, in, out, b);
        std::vector<float> y(size_t(m * out), NAN);
        lin.forward(x.data(), m, y.data());
        QVERIFY2(max_rel_error(y, linear_ref(w, b, x, m, in, out)) < 1e-5, "DenseLinear differs from the reference");
    }

    // Both float products equal a double-precision reference whichever side is split across threads
    // (tall: rows, wide: columns), with leading dimensions larger than the widths.
    void sgemmMatchesReference_data() {
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("k");
        QTest::newRow("tall 1000 x 64 x 96") << 1000 << 64 << 96;
        QTest::newRow("wide 70 x 900 x 33") << 70 << 900 << 33;
        QTest::newRow("square 257 x 255 x 130") << 257 << 255 << 130;
    }
    void sgemmMatchesReference() {
        QFETCH(int, m);
        QFETCH(int, n);
        QFETCH(int, k);
        const int lda = k + 3, ldb = k + 5, ldc = n + 7;
        const auto a = random_vector(size_t(m * lda), 61), b = random_vector(size_t(n * ldb), 62);
        std::vector<float> c(size_t(m * ldc), NAN), ref(size_t(m * n));
        sgemm_nt(m, n, k, a.data(), lda, b.data(), ldb, c.data(), ldc);
        for (int i = 0; i < m; ++i)
            for (int j = 0; j < n; ++j) {
                double acc = 0;
                for (int t = 0; t < k; ++t) acc += double(a[size_t(i * lda + t)]) * b[size_t(j * ldb + t)];
                ref[size_t(i * n + j)] = float(acc);
            }
        std::vector<float> packed(size_t(m * n));
        for (int i = 0; i < m; ++i) std::copy_n(c.data() + i * ldc, n, packed.data() + i * n);
        QVERIFY(max_rel_error(packed, ref) < 1e-5);
        // sgemm_tn: C = A'^T B' with A' = [k, m] and B' = [k, n] (the transposes of the same data).
        std::vector<float> at(size_t(k * (m + 2))), bt(size_t(k * (n + 4))), c2(size_t(m * n), NAN);
        for (int t = 0; t < k; ++t) {
            for (int i = 0; i < m; ++i) at[size_t(t * (m + 2) + i)] = a[size_t(i * lda + t)];
            for (int j = 0; j < n; ++j) bt[size_t(t * (n + 4) + j)] = b[size_t(j * ldb + t)];
        }
        sgemm_tn(m, n, k, at.data(), m + 2, bt.data(), n + 4, c2.data(), n);
        QVERIFY(max_rel_error(c2, ref) < 1e-5);
    }

    // The blocked attention equals the textbook formula, for prefill (past = 0), decode (n_new = 1, long past)
    // and chunks in between, under GQA.
    void attentionMatchesReference_data() {
        QTest::addColumn<int>("n_new");
        QTest::addColumn<int>("past");
        QTest::addColumn<int>("heads");
        QTest::addColumn<int>("kv_heads");
        QTest::addColumn<int>("head_dim");
        QTest::newRow("prefill 17") << 17 << 0 << 8 << 2 << 32;
        QTest::newRow("decode past 118") << 1 << 118 << 8 << 2 << 32;
        QTest::newRow("chunk 5 past 3 MHA") << 5 << 3 << 3 << 3 << 24;
        QTest::newRow("head dim 128") << 9 << 7 << 4 << 1 << 128;
        // Several query blocks of 64, the last one partial, with and without a past.
        QTest::newRow("prefill 130 (3 blocks)") << 130 << 0 << 4 << 2 << 32;
        QTest::newRow("chunk 200 past 45") << 200 << 45 << 2 << 1 << 16;
    }
    void attentionMatchesReference() {
        QFETCH(int, n_new);
        QFETCH(int, past);
        QFETCH(int, heads);
        QFETCH(int, kv_heads);
        QFETCH(int, head_dim);
        const int64_t keys = past + n_new;
        const auto q = random_vector(size_t(n_new * heads * head_dim), 1, -2, 2);
        const auto k = random_vector(size_t(keys * kv_heads * head_dim), 2, -2, 2);
        const auto v = random_vector(size_t(keys * kv_heads * head_dim), 3);
        std::vector<float> out(q.size(), NAN), ref(q.size(), NAN);
        causal_attention(q.data(), k.data(), v.data(), n_new, past, heads, kv_heads, head_dim, out.data());
        causal_attention_ref(q.data(), k.data(), v.data(), n_new, past, heads, kv_heads, head_dim, ref.data());
        QVERIFY(max_rel_error(out, ref) < 1e-5);
    }

    // The AVX2 exp kernels equal their std::exp twins: softmax's exp(x - shift) with its sum, and
    // silu(g) * up, for lengths around the vector width (tails) and arguments over the whole useful range.
    void vectorExpMatchesReference_data() {
        QTest::addColumn<int>("n");
        for (int n : {1, 7, 8, 9, 31, 513}) QTest::newRow(std::to_string(n).c_str()) << n;
    }
    void vectorExpMatchesReference() {
        QFETCH(int, n);
        const auto x = random_vector(size_t(n), 11 + uint64_t(n), -80.0f, 20.0f);
        std::vector<float> fast = x, ref = x;
        const float shift = 19.5f;
        const float sum_fast = exp_shifted_sum(fast.data(), n, shift);
        const float sum_ref = exp_shifted_sum_ref(ref.data(), n, shift);
        for (int i = 0; i < n; ++i)  // relative per element: exp's values span 40 orders of magnitude
            QVERIFY2(std::abs(fast[size_t(i)] - ref[size_t(i)]) <= 4e-7 * ref[size_t(i)] + 1e-37f,
                     qPrintable(QString("exp(%1): %2 vs %3").arg(x[size_t(i)] - shift).arg(fast[size_t(i)]).arg(ref[size_t(i)])));
        QVERIFY(std::abs(sum_fast - sum_ref) <= 1e-6 * sum_ref);

        auto gate = random_vector(size_t(n), 21 + uint64_t(n), -30.0f, 30.0f);
        const auto up = random_vector(size_t(n), 31 + uint64_t(n), -2.0f, 2.0f);
        auto gate_ref = gate;
        silu_mul_span(gate.data(), up.data(), n);
        silu_mul_span_ref(gate_ref.data(), up.data(), n);
        for (int i = 0; i < n; ++i)
            QVERIFY2(std::abs(gate[size_t(i)] - gate_ref[size_t(i)]) <= 1e-6 * std::abs(gate_ref[size_t(i)]) + 1e-30f,
                     qPrintable(QString("silu: %1 vs %2").arg(gate[size_t(i)]).arg(gate_ref[size_t(i)])));
        // And the threaded whole-array op splits into spans without changing a value.
        auto whole = random_vector(size_t(70000), 41, -8.0f, 8.0f), spans = whole;
        const auto up2 = random_vector(whole.size(), 42);
        silu_mul(whole.data(), up2.data(), int64_t(whole.size()));
        silu_mul_span(spans.data(), up2.data(), int64_t(spans.size()));
        QCOMPARE(whole, spans);
    }

    // RMSNorm of a row equal to c everywhere is weight * sign(c) / sqrt(1 + eps/c^2): closed form.
    void rmsNormClosedForm() {
        const int64_t dim = 96;
        const auto w = random_vector(size_t(dim), 5, 0.5f, 1.5f);
        std::vector<float> x(size_t(dim), -3.0f), y(static_cast<size_t>(dim));
        rms_norm(x.data(), w.data(), 1e-5f, 1, dim, y.data());
        for (int64_t i = 0; i < dim; ++i)
            QVERIFY(std::abs(y[size_t(i)] - (-w[size_t(i)] / std::sqrt(1.0f + 1e-5f / 9.0f))) < 1e-6f);
    }

    // RoPE: position 0 is the identity; every rotation keeps each (i, i+half) pair's length; llama3 scaling
    // divides long wavelengths by the factor, keeps short ones, and interpolates in between.
    void ropeProperties() {
        ModelConfig c;
        c.head_dim = 32;
        c.rope_theta = 10000;
        RopeTable plain(c);
        const auto x0 = random_vector(64, 7);
        auto x = x0;
        const int64_t pos0[2] = {0, 0};
        plain.apply(x.data(), 2, 1, pos0);
        QCOMPARE(x, x0);
        const int64_t pos[2] = {5, 300};
        plain.apply(x.data(), 2, 1, pos);
        for (int r = 0; r < 2; ++r)
            for (int i = 0; i < 16; ++i) {
                const float* a = x0.data() + r * 32;
                const float* b = x.data() + r * 32;
                QVERIFY(std::abs(std::hypot(a[i], a[i + 16]) - std::hypot(b[i], b[i + 16])) < 1e-5f);
            }
        // Each pair (i, i + 16) is rotated by the angle pos * inv_freq[i] (closed form), both for positions
        // in the precomputed table and past it (a 16-position table; position 300 is computed on the fly).
        for (int64_t table : {int64_t(16), int64_t(512)}) {
            c.max_position_embeddings = table;
            RopeTable t(c);
            auto y = x0;
            t.apply(y.data(), 2, 1, pos);
            for (int r = 0; r < 2; ++r)
                for (int i = 0; i < 16; ++i) {
                    const double angle = double(float(pos[r]) * float(t.inv_freq()[size_t(i)]));
                    const double a = x0[size_t(r * 32 + i)], b = x0[size_t(r * 32 + i + 16)];
                    QVERIFY(std::abs(y[size_t(r * 32 + i)] - (a * std::cos(angle) - b * std::sin(angle))) < 1e-6);
                    QVERIFY(std::abs(y[size_t(r * 32 + i + 16)] - (b * std::cos(angle) + a * std::sin(angle))) < 1e-6);
                }
        }
        c.rope_scaling = {"llama3", 4.0, 1.0, 4.0, 128};
        RopeTable scaled(c);
        for (size_t i = 0; i < 16; ++i) {
            const double f = plain.inv_freq()[i], g = scaled.inv_freq()[i];
            const double wavelen = 2 * std::numbers::pi / f;
            if (wavelen < 128.0 / 4.0) QCOMPARE(g, f);
            else if (wavelen > 128.0) QVERIFY(std::abs(g - f / 4.0) < 1e-15);
            else QVERIFY(g < f && g > f / 4.0);
        }
    }

    // Sampler: temperature 0 is argmax; top-k 1 is argmax at any temperature; the same seed gives the same
    // sequence and another seed a different one; the repetition penalty follows HF's rule.
    void samplerBehaviour() {
        const int64_t vocab = 50;
        const auto logits = random_vector(size_t(vocab), 9, -3, 3);
        const int32_t argmax = int32_t(std::max_element(logits.begin(), logits.end()) - logits.begin());
        auto l = logits;
        QCOMPARE(Sampler({0.0f}).sample(l.data(), vocab, {}), argmax);
        l = logits;
        SamplingOptions k1;
        k1.temperature = 5.0f;
        k1.top_k = 1;
        QCOMPARE(Sampler(k1).sample(l.data(), vocab, {}), argmax);
        auto draw = [&](uint64_t seed) {
            SamplingOptions o;
            o.temperature = 1.0f;
            o.seed = seed;
            Sampler s(o);
            std::vector<int32_t> ids;
            for (int i = 0; i < 40; ++i) {
                auto t = logits;
                ids.push_back(s.sample(t.data(), vocab, {}));
            }
            return ids;
        };
        QCOMPARE(draw(42), draw(42));
        QVERIFY(draw(42) != draw(43));
        std::vector<float> p = {2.0f, -2.0f, 1.0f};
        apply_repetition_penalty(p.data(), 3, {0, 1, 1}, 2.0f);
        QCOMPARE(p, (std::vector<float>{1.0f, -4.0f, 1.0f}));
    }

    // Top-p keeps the smallest set of tokens whose probability reaches p: with one dominant token and
    // p below its probability, only that token is ever drawn.
    void topPKeepsNucleus() {
        std::vector<float> logits = {10.0f, 0.0f, 0.0f, 0.0f};
        SamplingOptions o;
        o.temperature = 1.0f;
        o.top_p = 0.5f;
        Sampler s(o);
        for (int i = 0; i < 200; ++i) {
            auto l = logits;
            QCOMPARE(s.sample(l.data(), 4, {}), 0);
        }
    }
};

QTEST_APPLESS_MAIN(TestOps)
#include "test_ops.moc"
