// SPDX-License-Identifier: MIT
// AWQ quantization on the GPU (kernels/host/gpu_quant_backend.hpp): every new kernel against its CPU
// reference, the GPU LayerCompute against the CPU one stage by stage on a layer of the bundled model,
// and the whole quantization of the bundled model on both. Fixed seeds, values never all zero, awkward
// shapes, device outputs poisoned (0xFF bytes: NaN) before each launch. Skips itself without a device.
//
// Bounds (relative: max |gpu - cpu| / max |cpu| unless said otherwise; their values, each with why, in
// tests/gpu/gpu_error_bounds.hpp):
//   exact (bit for bit): fake_quantize_f32 / quantize_f32 (the CPU's float operations in its order,
//     IEEE division, no FMA), group_max_abs, scale_f32, add_f32, rope_f32 (the CPU's own cos / sin,
//     unfused products), clip_apply;
//   1e-6: channel_mean_abs, weight_mean_normalised, rmsnorm_f32 (double sums in another order, then a
//     float rounding), silu_mul_f32 (expf vs the CPU's vectorised exp), causal_softmax_f32 (absolute);
//   1e-12: reduce_f64 (double sums in another order);
//   clip search vs search_best_clip_ref: >= 97 % of (row, group) choose the same factor (a different
//     choice is a near tie between fp32 GPU products and the reference's double sums), total errors 1e-3;
//     with the row check: reverted rows within 2 of the reference's (a row near its tie flips all its
//     groups), >= 95 % of (row, group) the same factor.
//   Layer stage by stage (layer 0 of the bundled model): saliency and output power 1e-5, candidate
//     losses 1e-3 (fp32 SGEMMs in a different order than the CPU's blocked sgemm change the block
//     outputs by ~1e-7 of their size; the loss is the square of a ~1 % difference, so ~1e-5 relative).
//   End to end (bundled model, default corpus, first kE2eBlocks blocks of 512 tokens):
//     chosen alpha per group equal, or else a near tie: the CPU's own losses of the two choices within
//       kTieRel (fp32 rounding can flip a near tie);
//     loss curves 1e-3 per grid point; folded norms (1 / scales) 1e-4 where the alphas agree;
//     INT4 codes of the linears whose groups agree: >= 99.9 % identical; in (row, group)s whose scale
//       and zero point agree, every differing code is off by one; (row, group)s whose parameters differ
//       (a clip-factor near tie or an FP16 scale rounding flip) <= 1 %.
#include "add_f32.cuh"
#include "causal_softmax_f32.cuh"
#include "channel_mean_abs.cuh"
#include "clip_search.cuh"
#include "fake_quant.cuh"
#include "gpu_quant_backend.hpp"
#include "group_max_abs.cuh"
#include "reduce_f64.cuh"
#include "rmsnorm_f32.cuh"
#include "rope_f32.cuh"
#include "scale_f32.cuh"
#include "silu_mul_f32.cuh"
#include "gpu_error_bounds.hpp"
#include "gpu_test_util.hpp"
#include "test_util.hpp"
#include "weight_mean_normalised.cuh"

#include <awq/error.hpp>
#include <awq/model/bundled.hpp>
#include <awq/model/model.hpp>
#include <awq/quant/calibration.hpp>
#include <awq/quant/clip_search.hpp>
#include <awq/quant/layer_compute.hpp>
#include <awq/quant/quantize_model.hpp>
#include <awq/quant/scale_search.hpp>
#include <awq/runtime/ops.hpp>

#include <cuda_runtime_api.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>

using namespace awq;
using namespace awq::test;

namespace {

constexpr int64_t kE2eBlocks = 8;
constexpr double kTieRel = gpu_bound::kAlphaTie;

#define SYNC_OK() CUDA_OK(cudaDeviceSynchronize())

// Number of elements that differ in their bits (NaN == NaN when the bits agree).
size_t bit_differences(const std::vector<float>& a, const std::vector<float>& b) {
    if (a.size() != b.size()) return std::max(a.size(), b.size());
    size_t d = 0;
    for (size_t i = 0; i < a.size(); ++i) d += std::memcmp(&a[i], &b[i], sizeof(float)) != 0;
    return d;
}

double rel(double a, double b) { return std::abs(a - b) / std::max(std::abs(b), 1e-300); }

// Weights with a spread of magnitudes per group (a few outliers), as real layers have.
std::vector<float> weights(size_t n, uint64_t seed) {
    auto w = random_vector(n, seed, -0.05f, 0.06f);
    for (size_t i = seed % 17; i < n; i += 97) w[i] *= 6.0f;
    return w;
}

cuda::GroupQuantSpec spec_of(const QuantParams& p, int64_t in) {
    return {p.bits, int(resolve_group_size(p, in)), p.zero_point, p.fp16_scales};
}

CalibrationSet calibration(const Model& m, int64_t blocks, int64_t len) {
    CalibrationOptions o;
    o.block_len = len;
    CalibrationSet c = load_calibration(default_calibration_path(), m.tokenizer(), o);
    if (c.n_blocks() > blocks) c.tokens.resize(size_t(blocks * len));
    return c;
}

std::vector<float> embeddings(const Model& m, const CalibrationSet& c) {
    const int64_t H = m.config().hidden_size;
    std::vector<float> h(c.tokens.size() * size_t(H));
    for (size_t t = 0; t < c.tokens.size(); ++t) m.weights().embedding.lookup(c.tokens[t], h.data() + t * size_t(H));
    return h;
}

struct CodeStats {
    int64_t codes = 0, differing = 0, off_by_more = 0, groups = 0, groups_params_differ = 0;
};

// Codes of two quantizations of one linear: differing codes, and those off by more than one inside
// (row, group)s whose scale and zero point agree.
void compare_codes(const QuantizedMatrix& g, const QuantizedMatrix& c, CodeStats& st) {
    const int64_t ng = c.groups();
    for (int64_t o = 0; o < c.out; ++o)
        for (int64_t k = 0; k < ng; ++k) {
            const size_t gi = size_t(o * ng + k);
            const bool same_params = g.scales[gi] == c.scales[gi] && g.zeros[gi] == c.zeros[gi];
            ++st.groups;
            st.groups_params_differ += !same_params;
            for (int64_t i = k * c.group_size; i < (k + 1) * c.group_size; ++i) {
                const int a = g.q[size_t(o * c.in + i)], b = c.q[size_t(o * c.in + i)];
                ++st.codes;
                if (a != b) {
                    ++st.differing;
                    if (same_params && std::abs(a - b) > 1) ++st.off_by_more;
                }
            }
        }
}

}  // namespace

class TestGpuQuant : public QObject {
    Q_OBJECT

    std::shared_ptr<Model> model_;

private slots:
    void initTestCase() { model_ = Model::load(bundled_model_path()); }

    // Without a device the GPU backend refuses to start, naming the way out (runs everywhere).
    void no_device_is_reported() {
        if (have_device()) QSKIP("a CUDA device is present");
        expect_error<Unsupported>([] { cuda::GpuLayerCompute g; }, {"no CUDA device", "CPU"});
        expect_error<Unsupported>([&] { cuda::quantize_model_gpu(model_, CalibrationSet{}, AwqSettings{}); },
                                  {"no CUDA device"});
    }

    void channel_mean_abs_matches() {
        REQUIRE_DEVICE();
        for (auto [rows, cols] : {std::pair{1, 7}, std::pair{1000, 257}, std::pair{4099, 33}, std::pair{70, 1100}}) {
            const auto x = random_vector(size_t(rows) * cols, uint64_t(rows * 31 + cols), -2.0f, 1.5f);
            DevBuf<float> dx(x), mean(static_cast<size_t>(cols));
            DevBuf<double> partial(size_t(cuda::channel_mean_abs_partials(rows, cols)));
            CUDA_OK(cuda::channel_mean_abs(dx.p, rows, cols, partial.p, mean.p));
            SYNC_OK();
            const auto ref = channel_mean_abs(x.data(), rows, cols);
            const double err = max_rel_error(mean.get(), ref);
            qDebug("channel_mean_abs %d x %d: rel error %.3e", rows, cols, err);
            QVERIFY2(err <= gpu_bound::kF32Reduction, qPrintable(QString("rel error %1").arg(err)));
        }
    }

    // fake_quantize_f32 in every mode and quantize_f32 against the CPU, bit for bit.
    void fake_quant_is_bit_exact_data() {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("in");
        QTest::addColumn<int>("group");
        QTest::addColumn<int>("bits");
        QTest::addColumn<bool>("zero_point");
        QTest::addColumn<bool>("fp16");
        QTest::newRow("g128 asym") << 37 << 384 << 128 << 4 << true << true;
        QTest::newRow("per-row asym") << 5 << 200 << -1 << 4 << true << true;
        QTest::newRow("g64 sym") << 9 << 256 << 64 << 4 << false << true;
        QTest::newRow("g32 3-bit no fp16") << 11 << 96 << 32 << 3 << true << false;
        QTest::newRow("g128 wide") << 3 << 11008 << 128 << 4 << true << true;
    }
    void fake_quant_is_bit_exact() {
        REQUIRE_DEVICE();
        QFETCH(int, rows);
        QFETCH(int, in);
        QFETCH(int, group);
        QFETCH(int, bits);
        QFETCH(bool, zero_point);
        QFETCH(bool, fp16);
        QuantParams p;
        p.bits = bits;
        p.group_size = group;
        p.zero_point = zero_point;
        p.fp16_scales = fp16;
        const cuda::GroupQuantSpec spec = spec_of(p, in);
        const int groups = in / spec.group;
        const size_t n = size_t(rows) * in;
        const auto w = weights(n, uint64_t(rows * 7 + in));
        const auto s = random_vector(size_t(in), uint64_t(in), 0.3f, 3.0f);
        auto clip = random_vector(size_t(rows) * groups, 5, 0.02f, 0.3f);
        DevBuf<float> dw(w), ds(s), dclip(clip), out(n);
        DevBuf<unsigned long long> bad(1);
        // 1. plain fake_quantize
        CUDA_OK(cuda::fake_quantize_f32(dw.p, rows, in, spec, nullptr, nullptr, 1.0f, false, out.p, bad.p));
        SYNC_OK();
        auto ref = w;
        fake_quantize(ref.data(), rows, in, p);
        QCOMPARE(bit_differences(out.get(), ref), size_t(0));
        QCOMPARE(bad.get()[0], ~0ull);
        // 2. the scale-search candidate fq(W * s) / s, and E = candidate - W
        out.poison();
        CUDA_OK(cuda::fake_quantize_f32(dw.p, rows, in, spec, ds.p, nullptr, 1.0f, false, out.p, bad.p));
        SYNC_OK();
        ref = w;
        scale_columns(ref, rows, in, s);
        fake_quantize(ref.data(), rows, in, p);
        for (size_t i = 0; i < n; ++i) ref[i] /= s[i % size_t(in)];
        QCOMPARE(bit_differences(out.get(), ref), size_t(0));
        out.poison();
        CUDA_OK(cuda::fake_quantize_f32(dw.p, rows, in, spec, ds.p, nullptr, 1.0f, true, out.p, bad.p));
        SYNC_OK();
        for (size_t i = 0; i < n; ++i) ref[i] -= w[i];
        QCOMPARE(bit_differences(out.get(), ref), size_t(0));
        // 3. the clip search: clamp to clip * factor, fake-quantize, minus W
        const float factor = 0.85f;
        out.poison();
        CUDA_OK(cuda::fake_quantize_f32(dw.p, rows, in, spec, nullptr, dclip.p, factor, true, out.p, bad.p));
        SYNC_OK();
        std::vector<float> bound(clip.size());
        for (size_t k = 0; k < clip.size(); ++k) bound[k] = clip[k] * factor;
        ref = w;
        fake_quantize_clipped(ref.data(), rows, in, p, bound.data());
        for (size_t i = 0; i < n; ++i) ref[i] -= w[i];
        QCOMPARE(bit_differences(out.get(), ref), size_t(0));
        QCOMPARE(bad.get()[0], ~0ull);
        // 4. codes, scales and zero points
        DevBuf<uint8_t> codes(n);
        DevBuf<float> scales(size_t(rows) * groups);
        DevBuf<int32_t> zeros(size_t(rows) * groups);
        CUDA_OK(cuda::quantize_f32(dw.p, rows, in, spec, codes.p, scales.p, zeros.p, bad.p));
        SYNC_OK();
        const QuantizedMatrix qm = quantize(w.data(), rows, in, p);
        QVERIFY(codes.get() == qm.q);
        QCOMPARE(bit_differences(scales.get(), qm.scales), size_t(0));
        QVERIFY(zeros.get() == qm.zeros);
        QCOMPARE(bad.get()[0], ~0ull);
    }

    // A group the CPU refuses (an infinite weight) is reported through the status flag.
    void fake_quant_reports_bad_groups() {
        REQUIRE_DEVICE();
        const int rows = 4, in = 256;
        auto w = weights(size_t(rows) * in, 3);
        w[size_t(2 * in + 130)] = INFINITY;  // row 2, group 1
        QuantParams p;
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, quantize(w.data(), rows, in, p));
        DevBuf<float> dw(w), out(w.size());
        DevBuf<unsigned long long> bad(1);
        CUDA_OK(cuda::fake_quantize_f32(dw.p, rows, in, spec_of(p, in), nullptr, nullptr, 1.0f, false, out.p, bad.p));
        SYNC_OK();
        QCOMPARE(bad.get()[0], 2ull * 2 + 1);
    }

    void weight_mean_matches() {
        REQUIRE_DEVICE();
        for (auto [in, group] : {std::pair{384, 128}, std::pair{250, 100}, std::pair{96, 96}}) {
            const std::vector<float> a = weights(size_t(13 * in), 11), b = weights(size_t(6 * in), 12),
                                     c = weights(size_t(29 * in), 13);
            std::vector<float> stacked = a;
            stacked.insert(stacked.end(), b.begin(), b.end());
            stacked.insert(stacked.end(), c.begin(), c.end());
            const int rows = 48, groups = (in + group - 1) / group;
            DevBuf<float> dw(stacked), gmax(size_t(rows * groups)), mean(static_cast<size_t>(in));
            CUDA_OK(cuda::group_max_abs(dw.p, rows, in, group, gmax.p));
            CUDA_OK(cuda::weight_mean_normalised(dw.p, rows, in, group, gmax.p, mean.p));
            SYNC_OK();
            const auto gm = gmax.get();
            for (int o = 0; o < rows; ++o)
                for (int k = 0; k < groups; ++k) {
                    float m = 0;
                    for (int i = k * group; i < std::min(in, (k + 1) * group); ++i)
                        m = std::max(m, std::abs(stacked[size_t(o * in + i)]));
                    QCOMPARE(gm[size_t(o * groups + k)], m);
                }
            const auto ref = weight_mean_normalised({&a, &b, &c}, in, group);
            const double err = max_rel_error(mean.get(), ref);
            qDebug("weight_mean_normalised in %d group %d: rel error %.3e (expected 0: same order)", in, group, err);
            QVERIFY(err <= gpu_bound::kF32Reduction);
        }
    }

    void causal_softmax_matches() {
        REQUIRE_DEVICE();
        const int batch = 3, len = 37;
        const auto s = random_vector(size_t(batch) * len * len, 21, -6.0f, 6.0f);
        DevBuf<float> d(s);
        CUDA_OK(cuda::causal_softmax_f32(d.p, batch, len));
        SYNC_OK();
        const auto got = d.get();
        double err = 0;
        for (int b = 0; b < batch; ++b)
            for (int i = 0; i < len; ++i) {
                const float* r = s.data() + (size_t(b) * len + i) * len;
                double mx = -INFINITY, sum = 0;
                for (int j = 0; j <= i; ++j) mx = std::max(mx, double(r[j]));
                for (int j = 0; j <= i; ++j) sum += std::exp(double(r[j]) - mx);
                for (int j = 0; j < len; ++j) {
                    const double want = j <= i ? std::exp(double(r[j]) - mx) / sum : 0.0;
                    err = std::max(err, std::abs(double(got[(size_t(b) * len + i) * len + j]) - want));
                }
            }
        qDebug("causal_softmax_f32: max abs error %.3e", err);
        QVERIFY(err <= gpu_bound::kF32Reduction);
    }

    void rmsnorm_and_silu_match() {
        REQUIRE_DEVICE();
        const int rows = 33, dim = 257;
        const auto x = random_vector(size_t(rows) * dim, 31, -3.0f, 2.0f), wt = random_vector(size_t(dim), 32, 0.5f, 1.5f);
        DevBuf<float> dx(x), dwt(wt), y(x.size());
        CUDA_OK(cuda::rmsnorm_f32(dx.p, dwt.p, y.p, rows, dim, 1e-5f));
        SYNC_OK();
        std::vector<float> ref(x.size());
        rms_norm(x.data(), wt.data(), 1e-5f, rows, dim, ref.data());
        const double e1 = max_rel_error(y.get(), ref);
        const auto up = random_vector(x.size(), 33, -2.0f, 2.0f);
        DevBuf<float> g(x), du(up);
        CUDA_OK(cuda::silu_mul_f32(g.p, du.p, (long long)x.size()));
        SYNC_OK();
        auto sref = x;
        silu_mul(sref.data(), up.data(), int64_t(x.size()));
        const double e2 = max_rel_error(g.get(), sref);
        qDebug("rmsnorm_f32 rel error %.3e, silu_mul_f32 rel error %.3e", e1, e2);
        QVERIFY(e1 <= gpu_bound::kF32Reduction);
        QVERIFY(e2 <= gpu_bound::kF32Reduction);
    }

    // RoPE with the bundled model's llama3 scaling: two sequences of 50 positions.
    void rope_matches() {
        REQUIRE_DEVICE();
        const ModelConfig& c = model_->config();
        const RopeTable rope(c);
        const int seq = 50, rows = 2 * seq, heads = int(c.num_attention_heads), hd = int(c.head_dim), half = hd / 2;
        const auto x = random_vector(size_t(rows) * heads * hd, 41, -2.0f, 2.0f);
        // The tables as the backend builds them: RopeTable::apply on unit vectors.
        std::vector<float> unit(size_t(seq) * hd, 0.0f), cs(size_t(seq) * half), sn(size_t(seq) * half);
        std::vector<int64_t> pos(static_cast<size_t>(rows));
        for (int p = 0; p < seq; ++p)
            for (int i = 0; i < half; ++i) unit[size_t(p * hd + i)] = 1.0f;
        for (int r = 0; r < rows; ++r) pos[size_t(r)] = r % seq;
        rope.apply(unit.data(), seq, 1, pos.data());
        for (int p = 0; p < seq; ++p)
            for (int i = 0; i < half; ++i) {
                cs[size_t(p * half + i)] = unit[size_t(p * hd + i)];
                sn[size_t(p * half + i)] = unit[size_t(p * hd + half + i)];
            }
        DevBuf<float> dx(x), dc(cs), ds(sn);
        CUDA_OK(cuda::rope_f32(dx.p, rows, heads, hd, seq, dc.p, ds.p));
        SYNC_OK();
        auto ref = x;
        rope.apply(ref.data(), rows, heads, pos.data());
        const auto got = dx.get();
        qDebug("rope_f32: %zu of %zu values differ in their bits (expected 0), rel error %.3e",
               bit_differences(got, ref), ref.size(), max_rel_error(got, ref));
        QVERIFY(max_rel_error(got, ref) <= gpu_bound::kF32Reduction);
    }

    void elementwise_and_reductions_match() {
        REQUIRE_DEVICE();
        const int rows = 19, cols = 301;
        const size_t n = size_t(rows) * cols;
        const auto x = random_vector(n, 51, -2.0f, 2.0f), r = random_vector(n, 52, -1.0f, 1.0f);
        const auto s = random_vector(size_t(cols), 53, 0.2f, 4.0f), srow = random_vector(size_t(rows), 54, 0.2f, 4.0f);
        const auto bias = random_vector(size_t(cols), 55);
        {
            DevBuf<float> dx(x), dr(r), db(bias);
            CUDA_OK(cuda::residual_add_f32(dx.p, dr.p, (long long)n));
            CUDA_OK(cuda::bias_add_f32(dx.p, db.p, rows, cols));
            SYNC_OK();
            auto ref = x;
            for (size_t i = 0; i < n; ++i) ref[i] = (ref[i] + r[i]) + bias[i % size_t(cols)];
            QCOMPARE(bit_differences(dx.get(), ref), size_t(0));
        }
        {
            DevBuf<float> a(x), b(x), c(x), ds(s), dsr(srow);
            CUDA_OK(cuda::apply_scale_f32(a.p, rows, cols, ds.p, cuda::ScaleMode::MulColumns));
            CUDA_OK(cuda::apply_scale_f32(b.p, rows, cols, ds.p, cuda::ScaleMode::DivColumns));
            CUDA_OK(cuda::apply_scale_f32(c.p, rows, cols, dsr.p, cuda::ScaleMode::DivRows));
            SYNC_OK();
            auto ra = x, rb = x, rc = x;
            std::vector<float> no_bias;
            scale_columns(ra, rows, cols, s);
            divide_columns(rb.data(), rows, cols, s);
            divide_rows(rc, no_bias, rows, cols, srow);
            QCOMPARE(bit_differences(a.get(), ra), size_t(0));
            QCOMPARE(bit_differences(b.get(), rb), size_t(0));
            QCOMPARE(bit_differences(c.get(), rc), size_t(0));
        }
        {
            const auto big = random_vector(1000003, 56, -1.0f, 1.0f), other = random_vector(1000003, 57);
            DevBuf<float> da(big), db(other);
            DevBuf<double> partial(cuda::kReducePartials), res(3);
            CUDA_OK(cuda::sum_sq_diff_f64(da.p, db.p, (long long)big.size(), partial.p, res.p));
            CUDA_OK(cuda::sum_sq_diff_f64(da.p, nullptr, (long long)big.size(), partial.p, res.p + 1));
            CUDA_OK(cuda::dot_f64(da.p, db.p, (long long)big.size(), partial.p, res.p + 2));
            SYNC_OK();
            double d = 0, sq = 0, dot = 0;
            for (size_t i = 0; i < big.size(); ++i) {
                d += (double(big[i]) - other[i]) * (double(big[i]) - other[i]);
                sq += double(big[i]) * big[i];
                dot += double(big[i]) * other[i];
            }
            const auto got = res.get();
            qDebug("reductions: rel errors %.3e %.3e %.3e", rel(got[0], d), rel(got[1], sq), rel(got[2], dot));
            QVERIFY(rel(got[0], d) <= gpu_bound::kF64Reduction && rel(got[1], sq) <= gpu_bound::kF64Reduction &&
                    rel(got[2], dot) <= gpu_bound::kF64Reduction);
        }
    }

    // clip_apply against awq::apply_clip, then the whole GPU clip search against the reference.
    void clip_search_matches() {
        REQUIRE_DEVICE();
        const int out = 40, in = 384, n_tokens = 64;
        const auto w = weights(size_t(out) * in, 61);
        const auto xs = random_vector(size_t(n_tokens) * in, 62, -1.5f, 1.5f);
        {
            const auto m = random_vector(size_t(out) * 3, 63, 0.01f, 0.2f);
            DevBuf<float> dw(w), dm(m);
            CUDA_OK(cuda::clip_apply(dw.p, out, in, 128, dm.p));
            SYNC_OK();
            auto ref = w;
            apply_clip(ref, out, in, 128, m);
            QCOMPARE(bit_differences(dw.get(), ref), size_t(0));
        }
        AwqSettings s;
        const ClipResult g = cuda::search_best_clip_gpu(w, out, in, xs, n_tokens, s);
        const ClipResult r = search_best_clip_ref(w, out, in, xs, n_tokens, s);
        const ClipResult f = search_best_clip(w, out, in, xs, n_tokens, s);
        size_t same = 0, same_cpu = 0;
        for (size_t k = 0; k < r.shrink.size(); ++k) {
            same += g.shrink[k] == r.shrink[k];
            same_cpu += f.shrink[k] == r.shrink[k];
            if (g.shrink[k] == r.shrink[k]) QCOMPARE(g.max_abs[k], r.max_abs[k]);
        }
        const double agree = double(same) / double(r.shrink.size());
        qDebug("clip search: GPU picks the reference's factor in %.2f %% of %zu (row, group)s (CPU fast path: %.2f %%); "
               "errors unclipped %.6e / %.6e, clipped %.6e / %.6e (gpu / ref)",
               100 * agree, r.shrink.size(), 100.0 * double(same_cpu) / double(r.shrink.size()), g.error_unclipped,
               r.error_unclipped, g.error_clipped, r.error_clipped);
        QVERIFY(agree >= gpu_bound::kClipSameFactorShare);
        QVERIFY(rel(g.error_unclipped, r.error_unclipped) <= gpu_bound::kClipError);
        QVERIFY(rel(g.error_clipped, r.error_clipped) <= gpu_bound::kClipError);
    }

    // The row check on the GPU (clip_row_check after the search) against the reference twin, on the CPU
    // test's data where it reverts some rows (3 bits, inputs sharing a component across channels): the
    // same rows reverted up to near ties, the same factors elsewhere; and Off leaves every row alone.
    void clip_row_check_matches() {
        REQUIRE_DEVICE();
        const int out = 64, in = 384, n_tokens = 96;
        const auto w = random_vector(size_t(out) * in, 31, -1, 1);
        auto xs = random_vector(size_t(n_tokens) * in, 32, -0.5f, 0.5f);
        const auto common = random_vector(size_t(n_tokens), 33, -2, 2);
        for (int t = 0; t < n_tokens; ++t)
            for (int i = 0; i < in; ++i) xs[size_t(t) * in + i] += common[size_t(t)];
        AwqSettings s;
        s.quant.bits = 3;  // Auto: the row check runs
        const ClipResult g = cuda::search_best_clip_gpu(w, out, in, xs, n_tokens, s);
        const ClipResult r = search_best_clip_ref(w, out, in, xs, n_tokens, s);
        size_t same = 0;
        for (size_t k = 0; k < r.shrink.size(); ++k) same += g.shrink[k] == r.shrink[k];
        qDebug("clip row check: reverted rows gpu %lld ref %lld of %d; same factor in %zu of %zu", (long long)g.rows_reverted,
               (long long)r.rows_reverted, out, same, r.shrink.size());
        QVERIFY(r.rows_reverted > 0);
        QVERIFY(std::llabs((long long)(g.rows_reverted - r.rows_reverted)) <= gpu_bound::kClipRowsRevertedDifference);
        QCOMPARE(g.rows, int64_t(out));
        QVERIFY(double(same) >= gpu_bound::kClipSameFactorShareRowCheck * double(r.shrink.size()));
        QVERIFY(rel(g.error_clipped, r.error_clipped) <= gpu_bound::kClipError);
        s.clip_row_check = ClipRowCheck::Off;
        const ClipResult off = cuda::search_best_clip_gpu(w, out, in, xs, n_tokens, s);
        QCOMPARE(off.rows_reverted, int64_t(0));
        QVERIFY(off.error_clipped <= g.error_clipped * (1 + gpu_bound::kClipOptimumSlack));  // the per-group optimum it gives up
    }

    // The GPU LayerCompute against the CPU one, stage by stage, on layer 0 of the bundled model.
    void layer_stages_match_cpu() {
        REQUIRE_DEVICE();
        const CalibrationSet calib = calibration(*model_, 4, 128);
        const ModelConfig& c = model_->config();
        const RopeTable rope(c);
        const LayerWeights& base = model_->weights().layers[0];
        auto cpu = make_cpu_layer_compute();
        cuda::GpuLayerCompute gpu;
        const auto h = embeddings(*model_, calib);
        cpu->start(c, rope, h, calib.n_blocks(), calib.block_len, calib.n_blocks());
        gpu.start(c, rope, h, calib.n_blocks(), calib.block_len, calib.n_blocks());
        const LayerCapture cc = cpu->begin_layer(float_layer(base), base);
        const LayerCapture gc = gpu.begin_layer(float_layer(base), base);
        qDebug("output power: cpu %.9e gpu %.9e", cc.output_power, gc.output_power);
        QVERIFY(rel(gc.output_power, cc.output_power) <= gpu_bound::kSaliency);
        for (size_t g = 0; g < 4; ++g) {
            const double e = max_rel_error(gc.saliency[g], cc.saliency[g]);
            qDebug("saliency %s: rel error %.3e", scale_group_name(kScaleGroups[g]), e);
            QVERIFY2(e <= gpu_bound::kSaliency, scale_group_name(kScaleGroups[g]));
        }
        AwqSettings s;
        for (ScaleGroup grp : kScaleGroups) {
            const size_t gi = size_t(grp);
            const auto wc = cpu->weight_mean(grp, s.quant.group_size), wg = gpu.weight_mean(grp, s.quant.group_size);
            QVERIFY(max_rel_error(wg, wc) <= gpu_bound::kF32Reduction);
            double worst = 0;
            for (double alpha : {0.0, 0.35, 0.8}) {
                const auto sc = scales_for_alpha(cc.saliency[gi], wc, alpha, true);
                const double lc = cpu->scale_loss(grp, sc, s.quant), lg = gpu.scale_loss(grp, sc, s.quant);
                qDebug("%s alpha %.2f: loss cpu %.9e gpu %.9e (rel %.3e)", scale_group_name(grp), alpha, lc, lg, rel(lg, lc));
                worst = std::max(worst, rel(lg, lc));
            }
            QVERIFY2(worst <= gpu_bound::kCandidateLoss, scale_group_name(grp));
            const auto chosen = scales_for_alpha(cc.saliency[gi], wc, 0.5, true);
            cpu->apply_scales(grp, chosen);
            gpu.apply_scales(grp, chosen);
        }
        for (int i : {kV, kO, kGate, kUp, kDown}) {
            const ClipResult rc = cpu->clip_search(i, s, {}), rg = gpu.clip_search(i, s, {});
            size_t same = 0;
            for (size_t k = 0; k < rc.shrink.size(); ++k) same += rc.shrink[k] == rg.shrink[k];
            qDebug("clip %s: same factor in %zu of %zu, clipped error cpu %.6e gpu %.6e", layer_linear_names()[size_t(i)].c_str(),
                   same, rc.shrink.size(), rc.error_clipped, rg.error_clipped);
            QVERIFY(double(same) >= gpu_bound::kClipSameFactorShare * double(rc.shrink.size()));
            QVERIFY(rel(rg.error_clipped, rc.error_clipped) <= gpu_bound::kClipError);
        }
        LayerReport rep_c, rep_g;
        const QuantizedLayer qc = cpu->quantize_layer(s.quant, rep_c), qg = gpu.quantize_layer(s.quant, rep_g);
        CodeStats st;
        for (int i = 0; i < kLinearCount; ++i) compare_codes(qg.linears[size_t(i)].q, qc.linears[size_t(i)].q, st);
        qDebug("layer 0 codes: %lld of %lld differ (%lld off by more than one in agreeing groups), %lld of %lld groups "
               "with other parameters",
               (long long)st.differing, (long long)st.codes, (long long)st.off_by_more, (long long)st.groups_params_differ,
               (long long)st.groups);
        QVERIFY(double(st.differing) <= gpu_bound::kCodesDifferingShare * double(st.codes));
        QCOMPARE(st.off_by_more, int64_t(0));
        QVERIFY(max_rel_error(qg.input_norm, qc.input_norm) <= gpu_bound::kStageNorms);
        QVERIFY(max_rel_error(qg.post_attention_norm, qc.post_attention_norm) <= gpu_bound::kStageNorms);
        cpu->measure_errors(qc, s.quant, rep_c);
        gpu.measure_errors(qg, s.quant, rep_g);
        qDebug("errors: rtn cpu %.6e gpu %.6e, awq cpu %.6e gpu %.6e", rep_c.rtn_error, rep_g.rtn_error, rep_c.awq_error,
               rep_g.awq_error);
        QVERIFY(rel(rep_g.rtn_error, rep_c.rtn_error) <= gpu_bound::kLayerRtnError);
        QVERIFY(rel(rep_g.awq_error, rep_c.awq_error) <= gpu_bound::kLayerAwqError);  // the codes may differ in a few groups
    }

    // --search-blocks on the GPU: the attention and MLP losses on the first of 4 blocks equal the CPU's on
    // the same block, and differ from the all-block loss (so the count reached the GPU's loop).
    void search_blocks_match_cpu() {
        REQUIRE_DEVICE();
        const CalibrationSet calib = calibration(*model_, 4, 128);
        QCOMPARE(calib.n_blocks(), int64_t(4));
        const ModelConfig& c = model_->config();
        const RopeTable rope(c);
        const LayerWeights& base = model_->weights().layers[0];
        const auto h = embeddings(*model_, calib);
        auto cpu = make_cpu_layer_compute(), cpu_all = make_cpu_layer_compute();
        cuda::GpuLayerCompute gpu;
        cpu->start(c, rope, h, calib.n_blocks(), calib.block_len, 1);
        cpu_all->start(c, rope, h, calib.n_blocks(), calib.block_len, calib.n_blocks());
        gpu.start(c, rope, h, calib.n_blocks(), calib.block_len, 1);
        const LayerCapture cc = cpu->begin_layer(float_layer(base), base);
        cpu_all->begin_layer(float_layer(base), base);
        gpu.begin_layer(float_layer(base), base);
        const QuantParams quant;
        for (ScaleGroup grp : {ScaleGroup::Qkv, ScaleGroup::GateUp}) {
            const auto sc = scales_for_alpha(cc.saliency[size_t(grp)], cpu->weight_mean(grp, 128), 0.35, true);
            const double lc = cpu->scale_loss(grp, sc, quant), lg = gpu.scale_loss(grp, sc, quant),
                         la = cpu_all->scale_loss(grp, sc, quant);
            qDebug("%s on 1 of 4 blocks: cpu %.9e gpu %.9e; on all 4 (cpu) %.9e", scale_group_name(grp), lc, lg, la);
            QVERIFY2(rel(la, lc) > gpu_bound::kSearchBlocksChangeLoss, scale_group_name(grp));  // the count makes a difference ...
            QVERIFY2(rel(lg, lc) <= gpu_bound::kCandidateLoss, scale_group_name(grp));  // ... and the GPU follows it
        }
    }

    // The whole quantization of the bundled model on the CPU and on the GPU.
    void quantization_matches_cpu() {
        REQUIRE_DEVICE();
        const CalibrationSet calib = calibration(*model_, kE2eBlocks, 512);
        QCOMPARE(calib.n_blocks(), kE2eBlocks);
        AwqSettings s;
        s.error_feedback = false;  // CPU only: the GPU backend rounds without it
        using clock = std::chrono::steady_clock;
        auto t0 = clock::now();
        const QuantizationResult cpu = quantize_model(model_, calib, s);
        const double t_cpu = std::chrono::duration<double>(clock::now() - t0).count();
        t0 = clock::now();
        cuda::GpuQuantMemory mem;
        const QuantizationResult gpu = cuda::quantize_model_gpu(model_, calib, s, {}, nullptr, {}, &mem);
        const double t_gpu = std::chrono::duration<double>(clock::now() - t0).count();
        qDebug("bundled model, %lld blocks of 512: CPU %.2f s, GPU %.2f s (%s, peak %.0f MiB)", (long long)kE2eBlocks,
               t_cpu, t_gpu, mem.device.c_str(), double(mem.peak_used) / (1 << 20));
        QCOMPARE(gpu.layers.size(), cpu.layers.size());
        QCOMPARE(gpu.report.layers.size(), cpu.report.layers.size());
        int groups = 0, flips = 0;
        CodeStats st;
        double worst_curve = 0, worst_norm = 0;
        for (size_t l = 0; l < cpu.layers.size(); ++l) {
            const LayerReport& rc = cpu.report.layers[l];
            const LayerReport& rg = gpu.report.layers[l];
            QCOMPARE(rg.groups.size(), rc.groups.size());
            bool agree[4] = {true, true, true, true};
            for (size_t g = 0; g < rc.groups.size(); ++g) {
                const GroupReport& a = rc.groups[g];
                const GroupReport& b = rg.groups[g];
                QCOMPARE(b.skipped, a.skipped);
                if (a.skipped) continue;
                ++groups;
                for (size_t i = 0; i < a.losses.size(); ++i) {
                    QCOMPARE(std::isnan(b.losses[i]), std::isnan(a.losses[i]));
                    if (!std::isnan(a.losses[i])) worst_curve = std::max(worst_curve, rel(b.losses[i], a.losses[i]));
                }
                qDebug("layer %zu %-7s alpha index cpu %2d gpu %2d, best loss cpu %.9e gpu %.9e", l, a.name.c_str(),
                       a.best_index, b.best_index, a.best_loss, b.best_loss);
                if (b.best_index != a.best_index) {
                    ++flips;
                    agree[g] = false;
                    const double la = a.losses[size_t(a.best_index)], lb = a.losses[size_t(b.best_index)];
                    qDebug("  near tie: the CPU's losses of the two choices differ by %.3e relative", rel(lb, la));
                    QVERIFY2(rel(lb, la) <= kTieRel, qPrintable(QString("layer %1 group %2: alpha index %3 vs %4 is not "
                                                                        "a near tie").arg(l).arg(a.name.c_str())
                                                                    .arg(b.best_index).arg(a.best_index)));
                }
            }
            const QuantizedLayer& qc = cpu.layers[l];
            const QuantizedLayer& qg = gpu.layers[l];
            if (agree[0]) worst_norm = std::max(worst_norm, max_rel_error(qg.input_norm, qc.input_norm));
            if (agree[2]) worst_norm = std::max(worst_norm, max_rel_error(qg.post_attention_norm, qc.post_attention_norm));
            // A linear is comparable when every group that scales it (or its output rows) chose alike.
            const bool lin_ok[kLinearCount] = {agree[0], agree[0], agree[0] && agree[1], agree[1],
                                               agree[2], agree[2] && agree[3], agree[3]};
            for (int i = 0; i < kLinearCount; ++i) {
                QCOMPARE(qg.linears[size_t(i)].quantized, qc.linears[size_t(i)].quantized);
                if (lin_ok[i] && qc.linears[size_t(i)].quantized)
                    compare_codes(qg.linears[size_t(i)].q, qc.linears[size_t(i)].q, st);
            }
            qDebug("layer %zu: rtn error cpu %.6e gpu %.6e, awq error cpu %.6e gpu %.6e, %.2f s cpu / %.2f s gpu", l,
                   rc.rtn_error, rg.rtn_error, rc.awq_error, rg.awq_error, rc.seconds, rg.seconds);
            QVERIFY(rel(rg.rtn_error, rc.rtn_error) <= gpu_bound::kLayerRtnError);
        }
        const double identical = 1.0 - double(st.differing) / double(std::max<int64_t>(st.codes, 1));
        qDebug("%d scale groups, %d alpha choices differ (near ties); loss curves max rel diff %.3e; folded norms max "
               "rel diff %.3e",
               groups, flips, worst_curve, worst_norm);
        qDebug("codes compared %lld: %.5f %% identical, %lld off by more than one in (row, group)s with equal "
               "parameters, %lld of %lld (row, group)s with other scale / zero point",
               (long long)st.codes, 100 * identical, (long long)st.off_by_more, (long long)st.groups_params_differ,
               (long long)st.groups);
        QVERIFY(worst_curve <= gpu_bound::kLossCurve);
        QVERIFY(worst_norm <= gpu_bound::kFoldedNorms);
        QVERIFY(st.codes > 0);
        QVERIFY(identical >= gpu_bound::kCodesIdenticalShare);
        QCOMPARE(st.off_by_more, int64_t(0));
        QVERIFY(double(st.groups_params_differ) <= gpu_bound::kParamsDifferingShare * double(st.groups));
    }
};

QTEST_APPLESS_MAIN(TestGpuQuant)
#include "test_gpu_quant.moc"
