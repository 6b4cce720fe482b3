// SPDX-License-Identifier: MIT
// The host-side repacking of AutoAWQ GEMM tensors into the CUDA kernels' INT4 layout (no GPU needed):
// quantize random weights, pack them as AutoAWQ does, repack, and read every code, scale and zero point
// back by the layout's documented formula; they must equal the quantizer's integers exactly.
#include <awq/int4/int4_matrix.hpp>
#include <awq/error.hpp>
#include <awq/int4/int4_layout.hpp>
#include <awq/io/dtype.hpp>
#include <awq/int4/awq_pack.hpp>
#include <awq/int4/quantizer.hpp>

#include "test_util.hpp"

using namespace awq;

class TestGpuInt4Layout : public QObject {
    Q_OBJECT

    static QuantizedMatrix random_matrix(int64_t out, int64_t in, int group, bool zero_point, uint64_t seed) {
        const auto w = test::random_vector(size_t(out * in), seed, -0.2f, 0.3f);
        QuantParams p;
        p.group_size = group;
        p.zero_point = zero_point;
        return quantize(w.data(), out, in, p);
    }

private slots:
    void repack_reproduces_codes_scales_zeros_data() {
        QTest::addColumn<int>("out");
        QTest::addColumn<int>("in");
        QTest::addColumn<int>("group");
        QTest::addColumn<bool>("zero_point");
        QTest::newRow("8x32 g32") << 8 << 32 << 32 << true;
        QTest::newRow("24x96 g32") << 24 << 96 << 32 << true;
        QTest::newRow("40x192 g64") << 40 << 192 << 64 << true;
        QTest::newRow("136x256 g128") << 136 << 256 << 128 << true;
        QTest::newRow("16x160 whole row") << 16 << 160 << -1 << true;
        QTest::newRow("72x128 g64 symmetric") << 72 << 128 << 64 << false;
    }
    void repack_reproduces_codes_scales_zeros() {
        QFETCH(int, out);
        QFETCH(int, in);
        QFETCH(int, group);
        QFETCH(bool, zero_point);
        const QuantizedMatrix qm = random_matrix(out, in, group, zero_point, 1000u + out + in);
        const AwqGemmTensors t = pack_awq_gemm(qm);
        const gpu::Int4GpuWeights g = gpu::repack_awq_gemm_for_gpu(t.view("w"), "w");
        QCOMPARE(g.n, int64_t(out));
        QCOMPARE(g.k, int64_t(in));
        QCOMPARE(g.group, qm.group_size);
        QCOMPARE(g.qweight.size(), size_t(out * in / 8));
        const int64_t ng = qm.groups();
        int distinct_codes = 0;
        bool seen[16] = {};
        for (int64_t o = 0; o < out; ++o)
            for (int64_t i = 0; i < in; ++i) {
                const uint8_t q = g.code(o, i);
                QCOMPARE(int(q), int(qm.q[size_t(o * in + i)]));
                if (!seen[q]) seen[q] = true, ++distinct_codes;
            }
        QVERIFY(distinct_codes > 8);  // the data exercise most nibble values
        for (int64_t o = 0; o < out; ++o)
            for (int64_t j = 0; j < ng; ++j) {
                QCOMPARE(f16_to_f32(g.scales[size_t(o * ng + j)]), round_to_f16(qm.scales[size_t(o * ng + j)]));
                QCOMPARE(f16_to_f32(g.zeros[size_t(o * ng + j)]), float(qm.zeros[size_t(o * ng + j)]));
            }
    }

    // The pair property the kernels rely on: bits 4f..4f+3 and 16+4f..16+4f+3 hold k-offsets 2f, 2f+1.
    void word_fields_hold_consecutive_pairs() {
        const QuantizedMatrix qm = random_matrix(8, 64, 32, true, 7);
        const gpu::Int4GpuWeights g = gpu::repack_awq_gemm_for_gpu(pack_awq_gemm(qm).view("w"), "w");
        for (int64_t o = 0; o < 8; ++o)
            for (int64_t c = 0; c < 8; ++c) {
                const uint32_t word = g.qweight[size_t(o * 8 + c)];
                for (int f = 0; f < 4; ++f) {
                    const uint32_t pair = (word >> (4 * f)) & 0x000F000Fu;
                    QCOMPARE(int(pair & 0xF), int(qm.q[size_t(o * 64 + 8 * c + 2 * f)]));
                    QCOMPARE(int(pair >> 16), int(qm.q[size_t(o * 64 + 8 * c + 2 * f + 1)]));
                }
            }
    }

    // The GPU model runner repacks from the Int4Matrix an Int4Linear holds; that must give the very words,
    // scales and zeros that repacking the AutoAWQ tensors does, for a loaded checkpoint (from_awq_gemm)
    // and for an in-process quantization (repack_for_cpu).
    void repack_from_int4_matrix_matches_checkpoint_repack_data() { repack_reproduces_codes_scales_zeros_data(); }
    void repack_from_int4_matrix_matches_checkpoint_repack() {
        QFETCH(int, out);
        QFETCH(int, in);
        QFETCH(int, group);
        QFETCH(bool, zero_point);
        const QuantizedMatrix qm = random_matrix(out, in, group, zero_point, 2000u + out + in);
        const AwqGemmTensors t = pack_awq_gemm(qm);
        const gpu::Int4GpuWeights ref = gpu::repack_awq_gemm_for_gpu(t.view("w"), "w");
        for (const Int4Matrix& m : {Int4Matrix::from_awq_gemm(t, "w"), repack_for_cpu(qm)}) {
            const gpu::Int4GpuWeights g = gpu::repack_int4_matrix_for_gpu(m, "w");
            QCOMPARE(g.n, ref.n);
            QCOMPARE(g.k, ref.k);
            QCOMPARE(g.group, ref.group);
            QVERIFY(g.qweight == ref.qweight);
            QVERIFY(g.scales == ref.scales);
            QVERIFY(g.zeros == ref.zeros);
        }
        QVERIFY_THROWS_EXCEPTION(Unsupported,
                                 gpu::repack_int4_matrix_for_gpu(repack_for_cpu(random_matrix(8, 48, 16, true, 5)), "w"));
    }

    void rejects_widths_the_kernels_cannot_tile() {
        const QuantizedMatrix qm = random_matrix(8, 48, 16, true, 3);  // group 16: not a multiple of 32
        QVERIFY_THROWS_EXCEPTION(Unsupported, gpu::repack_awq_gemm_for_gpu(pack_awq_gemm(qm).view("w"), "w"));
        const QuantizedMatrix whole = random_matrix(8, 40, -1, true, 4);  // k = 40
        QVERIFY_THROWS_EXCEPTION(Unsupported, gpu::repack_awq_gemm_for_gpu(pack_awq_gemm(whole).view("w"), "w"));
    }
};

QTEST_APPLESS_MAIN(TestGpuInt4Layout)
#include "test_gpu_int4_layout.moc"
