// SPDX-License-Identifier: MIT
#include <awq/cpu/sgemm.hpp>

#include <cblas.h>
#include <omp.h>

#include <algorithm>
#include <mutex>

// Present in OpenBLAS; weak so that another CBLAS still links (it then keeps its own threading).
extern "C" void openblas_set_num_threads(int) __attribute__((weak));

namespace awq {

namespace {

void single_threaded_blas() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (openblas_set_num_threads) openblas_set_num_threads(1);
    });
}

}  // namespace

namespace {

// How many threads share a product of m x n outputs and along which side: slices of at least 64 rows or
// columns (and enough work per thread) keep the BLAS kernels efficient. The longer side is split, so that
// a narrow product (k/v projections of grouped-query attention: n = 64) still uses every thread; each
// thread repacks the other side's panel, which is the cheaper one to duplicate.
struct Split {
    int parts;
    bool rows;
};

Split split_for(int64_t m, int64_t n, int64_t k) {
    const int threads = omp_in_parallel() ? 1 : omp_get_max_threads();
    const bool rows = m > n;
    const int64_t side = rows ? m : n;
    const int parts = int(std::clamp<int64_t>(std::min<int64_t>(side / 64, (m * n * k) >> 20), 1, threads));
    return {parts, rows};
}

}  // namespace

void sgemm_nt(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb, float* c,
              int64_t ldc, float alpha) {
    single_threaded_blas();
    const Split sp = split_for(m, n, k);
#pragma omp parallel for num_threads(sp.parts) schedule(static) if (sp.parts > 1)
    for (int p = 0; p < sp.parts; ++p) {
        if (sp.rows) {
            const int64_t m0 = m * p / sp.parts, m1 = m * (p + 1) / sp.parts;
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, int(m1 - m0), int(n), int(k), alpha, a + m0 * lda,
                        int(lda), b, int(ldb), 0.0f, c + m0 * ldc, int(ldc));
        } else {
            const int64_t n0 = n * p / sp.parts, n1 = n * (p + 1) / sp.parts;
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, int(m), int(n1 - n0), int(k), alpha, a, int(lda),
                        b + n0 * ldb, int(ldb), 0.0f, c + n0, int(ldc));
        }
    }
}

void sgemm_tn(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb, float* c,
              int64_t ldc) {
    single_threaded_blas();
    const Split sp = split_for(m, n, k);
#pragma omp parallel for num_threads(sp.parts) schedule(static) if (sp.parts > 1)
    for (int p = 0; p < sp.parts; ++p) {
        if (sp.rows) {  // rows of C are columns of A [k, m]
            const int64_t m0 = m * p / sp.parts, m1 = m * (p + 1) / sp.parts;
            cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, int(m1 - m0), int(n), int(k), 1.0f, a + m0, int(lda),
                        b, int(ldb), 0.0f, c + m0 * ldc, int(ldc));
        } else {
            const int64_t n0 = n * p / sp.parts, n1 = n * (p + 1) / sp.parts;
            cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, int(m), int(n1 - n0), int(k), 1.0f, a, int(lda),
                        b + n0, int(ldb), 0.0f, c + n0, int(ldc));
        }
    }
}

void sgemm_nn_serial(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb,
                     float* c, int64_t ldc) {
    single_threaded_blas();
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, int(m), int(n), int(k), 1.0f, a, int(lda), b, int(ldb), 0.0f,
                c, int(ldc));
}

}  // namespace awq
