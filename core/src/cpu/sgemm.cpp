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

void sgemm_nt(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb, float* c,
              int64_t ldc, float alpha) {
    single_threaded_blas();
    const int threads = omp_in_parallel() ? 1 : omp_get_max_threads();
    // Slices of at least 64 columns (and enough work per thread) keep the BLAS kernels efficient.
    const int64_t work = m * n * k;
    const int parts = int(std::clamp<int64_t>(std::min<int64_t>(n / 64, work >> 20), 1, threads));
#pragma omp parallel for num_threads(parts) schedule(static) if (parts > 1)
    for (int p = 0; p < parts; ++p) {
        const int64_t n0 = n * p / parts, n1 = n * (p + 1) / parts;
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, int(m), int(n1 - n0), int(k), alpha, a, int(lda),
                    b + n0 * ldb, int(ldb), 0.0f, c + n0, int(ldc));
    }
}

void sgemm_tn(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb, float* c,
              int64_t ldc) {
    single_threaded_blas();
    const int threads = omp_in_parallel() ? 1 : omp_get_max_threads();
    const int64_t work = m * n * k;
    const int parts = int(std::clamp<int64_t>(std::min<int64_t>(n / 64, work >> 20), 1, threads));
#pragma omp parallel for num_threads(parts) schedule(static) if (parts > 1)
    for (int p = 0; p < parts; ++p) {
        const int64_t n0 = n * p / parts, n1 = n * (p + 1) / parts;
        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, int(m), int(n1 - n0), int(k), 1.0f, a, int(lda),
                    b + n0, int(ldb), 0.0f, c + n0, int(ldc));
    }
}

void sgemm_nn_serial(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb,
                     float* c, int64_t ldc) {
    single_threaded_blas();
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, int(m), int(n), int(k), 1.0f, a, int(lda), b, int(ldb), 0.0f,
                c, int(ldc));
}

}  // namespace awq
