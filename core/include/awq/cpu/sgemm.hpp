// SPDX-License-Identifier: MIT
#pragma once
// C[m, n] = A[m, k] * B[n, k]^T (row-major, leading dimensions given): the one float matrix product the
// CPU code uses. OpenBLAS runs single-threaded and the longer side of C is split across OpenMP threads, so the
// program has ONE thread pool: OpenBLAS's own pthreads and OpenMP's threads would otherwise spin against
// each other (measured: 1.7x slower on a busy 2-core machine).
#include <cstdint>

namespace awq {

void sgemm_nt(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb, float* c,
              int64_t ldc, float alpha = 1.0f);

// C[m, n] = A[k, m]^T * B[k, n] (row-major), split across OpenMP threads like sgemm_nt.
void sgemm_tn(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb, float* c,
              int64_t ldc);

// C[m, n] = A[m, k] * B[k, n] (row-major), on the calling thread.
void sgemm_nn_serial(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb,
                     float* c, int64_t ldc);

}  // namespace awq
