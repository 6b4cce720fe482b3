// SPDX-License-Identifier: MIT
// clip_search: the per-group bookkeeping of AWQ's clip search on the device. clip_update: one warp per
// (output row, group) sums the squared partial-output errors of its n_tokens in double (like the CPU),
// and keeps the best shrink factor; strict "<" so that the first of equal errors wins, as on the CPU.
// clip_row_check: one warp per output row sums both squared row errors in double and, when clipping does
// not lower it, sets the row's groups back (the CPU decides the same way; a near tie may go either way).
// clip_apply: the final clamp, std::clamp semantics. The errors come from a strided-batched SGEMM in the
// backend (kernels/host/gpu_quant_backend.cpp), so near-equal factors may be ordered differently than by the
// CPU's sgemm: the test bounds that.
// Test: tests/gpu/test_gpu_quant.cpp against a CPU loop (clip_update), awq::apply_clip (exact), and the
// whole GPU clip search against awq::search_best_clip_ref.
#include "clip_search.cuh"

namespace awq::cuda {

namespace {

constexpr int kWarps = 8;

__global__ void __launch_bounds__(kWarps * 32)
    clip_update_kernel(const float* __restrict__ err, int groups, int out, int n_tokens, int step, float factor,
                       const float* __restrict__ org_max, double* best, double* unclipped, float* max_abs,
                       float* shrink) {
    const long long task = (long long)blockIdx.x * kWarps + (threadIdx.x >> 5);  // k * out + o
    if (task >= (long long)groups * out) return;
    const int lane = threadIdx.x & 31;
    const int k = int(task / out), o = int(task % out);
    const float* e = err + task * n_tokens;
    double se = 0;
    for (int t = lane; t < n_tokens; t += 32) se += double(e[t]) * double(e[t]);
    for (int off = 16; off > 0; off >>= 1) se += __shfl_xor_sync(0xffffffffu, se, off);
    if (lane != 0) return;
    const double mse = se / double(n_tokens);
    const long long idx = (long long)o * groups + k;
    if (step == 0) {
        unclipped[idx] = mse;
        best[idx] = INFINITY;
        max_abs[idx] = org_max[idx];
        shrink[idx] = 1.0f;
    }
    if (mse < best[idx]) {
        best[idx] = mse;
        max_abs[idx] = __fmul_rn(org_max[idx], factor);
        shrink[idx] = factor;
    }
}

__global__ void __launch_bounds__(kWarps * 32)
    clip_row_check_kernel(const float* __restrict__ y_clip, const float* __restrict__ y_plain, int out, int groups,
                          int n_tokens, const float* __restrict__ org_max, const double* __restrict__ unclipped,
                          double* best, float* max_abs, float* shrink, int* reverted) {
    const int o = int(blockIdx.x) * kWarps + int(threadIdx.x >> 5);
    if (o >= out) return;
    const int lane = threadIdx.x & 31;
    const float* yc = y_clip + (long long)o * n_tokens;
    const float* yp = y_plain + (long long)o * n_tokens;
    double sc = 0, sp = 0;
    for (int t = lane; t < n_tokens; t += 32) {
        sc += double(yc[t]) * double(yc[t]);
        sp += double(yp[t]) * double(yp[t]);
    }
    for (int off = 16; off > 0; off >>= 1) {
        sc += __shfl_xor_sync(0xffffffffu, sc, off);
        sp += __shfl_xor_sync(0xffffffffu, sp, off);
    }
    const bool keep = sc < sp;  // both sums are the same on every lane after the butterfly
    int had = 0;
    for (int k = lane; k < groups; k += 32) {
        const long long idx = (long long)o * groups + k;
        had |= shrink[idx] < 1.0f ? 1 : 0;
        if (!keep) {
            max_abs[idx] = org_max[idx];
            shrink[idx] = 1.0f;
            best[idx] = unclipped[idx];
        }
    }
    had = __any_sync(0xffffffffu, had);
    if (lane == 0) reverted[o] = !keep && had ? 1 : 0;
}

__global__ void clip_apply_kernel(float* w, long long total, int in, int group, const float* __restrict__ max_abs) {
    const int groups = in / group;
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < total; i += (long long)gridDim.x * blockDim.x) {
        const long long row = i / in;
        const float m = max_abs[row * groups + int(i % in) / group], v = w[i];
        w[i] = v < -m ? -m : (m < v ? m : v);
    }
}

}  // namespace

cudaError_t clip_update(const float* err, int groups, int out, int n_tokens, int step, float factor,
                        const float* org_max, double* best, double* unclipped, float* max_abs, float* shrink,
                        cudaStream_t stream) {
    if (!err || !org_max || !best || !unclipped || !max_abs || !shrink || groups < 1 || out < 1 || n_tokens < 1 ||
        step < 0)
        return cudaErrorInvalidValue;
    const long long tasks = (long long)groups * out;
    clip_update_kernel<<<unsigned((tasks + kWarps - 1) / kWarps), kWarps * 32, 0, stream>>>(
        err, groups, out, n_tokens, step, factor, org_max, best, unclipped, max_abs, shrink);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

cudaError_t clip_row_check(const float* y_clip, const float* y_plain, int out, int groups, int n_tokens,
                           const float* org_max, const double* unclipped, double* best, float* max_abs,
                           float* shrink, int* reverted, cudaStream_t stream) {
    if (!y_clip || !y_plain || !org_max || !unclipped || !best || !max_abs || !shrink || !reverted || out < 1 ||
        groups < 1 || n_tokens < 1)
        return cudaErrorInvalidValue;
    clip_row_check_kernel<<<unsigned((out + kWarps - 1) / kWarps), kWarps * 32, 0, stream>>>(
        y_clip, y_plain, out, groups, n_tokens, org_max, unclipped, best, max_abs, shrink, reverted);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

cudaError_t clip_apply(float* w, int rows, int in, int group, const float* max_abs, cudaStream_t stream) {
    if (!w || !max_abs || rows < 1 || in < 1 || group < 1 || in % group != 0) return cudaErrorInvalidValue;
    const long long total = (long long)rows * in, blocks = (total + 255) / 256;
    clip_apply_kernel<<<unsigned(blocks < 65536 ? blocks : 65536), 256, 0, stream>>>(w, total, in, group, max_abs);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

}  // namespace awq::cuda
