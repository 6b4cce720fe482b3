// SPDX-License-Identifier: MIT
// fake_quant: AWQ's group-wise quantization on the device, the formulas of quantizer.hpp evaluated with
// the same float operations in the same order as core/src/int4/quantizer.cpp, so that the results are
// bit-identical to the CPU: IEEE division (__fdiv_rn), products that nvcc may not fuse into an FMA with
// a following add (__fmul_rn), rintf for torch.round (half to even), __float2half_rn for the FP16 scale.
// One warp per (row, group): pass 1 reduces min / max of the (scaled, clamped) group with shuffles, pass 2
// re-reads it (L1) and writes the dequantised values or the codes. Used by the GPU AWQ backend for the
// scale-search candidates fq(W * s) / s, the clip search (clamped groups minus W) and the final codes.
// Test: tests/gpu/test_gpu_quant.cpp, exact equality with awq::fake_quantize / fake_quantize_clipped /
// quantize.
#include "fake_quant.cuh"

#include <cfloat>

namespace awq::cuda {

namespace {

constexpr int kWarpsPerBlock = 8;

struct GroupParams {
    float scale, add, lo, hi, offset;
};

// The value the CPU quantizes: w * s (scale_columns), then clamp(-m, m) (fake_quantize_clipped).
__device__ __forceinline__ float group_input(const float* w, const float* col_scale, int i, bool clip, float m) {
    float v = w[i];
    if (col_scale) v = __fmul_rn(v, col_scale[i]);
    if (clip) v = v < -m ? -m : (m < v ? m : v);  // std::clamp(v, -m, m)
    return v;
}

// quantizer.cpp group_quant: scale, zero point and code range of one group from its min and max.
__device__ __forceinline__ GroupParams group_params(float mn, float mx, GroupQuantSpec spec) {
    GroupParams g;
    if (spec.zero_point) {
        const float qmax = float((1 << spec.bits) - 1);
        const float range = mx - mn;
        g.scale = __fdiv_rn(range < 1e-5f ? 1e-5f : range, qmax);
        if (spec.fp16_scales) g.scale = __half2float(__float2half_rn(g.scale));
        const float a = -rintf(__fdiv_rn(mn, g.scale));
        g.add = a < 0.0f ? 0.0f : (qmax < a ? qmax : a);  // std::clamp(a, 0, qmax)
        g.lo = 0.0f;
        g.hi = qmax;
        g.offset = 0.0f;
    } else {
        const float half = float(1 << (spec.bits - 1));
        const float amn = fabsf(mn), amx = fabsf(mx);
        float absmax = amn < amx ? amx : amn;  // std::max(|mn|, |mx|)
        absmax = absmax < 1e-5f ? 1e-5f : absmax;
        g.scale = __fdiv_rn(absmax, half - 1.0f);
        if (spec.fp16_scales) g.scale = __half2float(__float2half_rn(g.scale));
        g.add = 0.0f;
        g.lo = -half;
        g.hi = half - 1.0f;
        g.offset = half;
    }
    return g;
}

// quantizer.cpp code_of: clamp(round(v / scale) (+ zero), lo, hi).
__device__ __forceinline__ float code_of(float v, const GroupParams& g, bool asym) {
    float r = rintf(__fdiv_rn(v, g.scale));
    if (asym) r = r + g.add;
    r = r < g.lo ? g.lo : r;
    return r > g.hi ? g.hi : r;
}

template <bool Codes>
__global__ void __launch_bounds__(kWarpsPerBlock * 32)
    group_quant_kernel(const float* w, int rows, int in, GroupQuantSpec spec, const float* __restrict__ col_scale,
                       const float* __restrict__ clip, float clip_factor, bool minus_input, float* out,
                       uint8_t* __restrict__ codes, float* __restrict__ scales, int32_t* __restrict__ zeros,
                       unsigned long long* bad) {
    const int groups = in / spec.group;
    const long long task = (long long)blockIdx.x * kWarpsPerBlock + (threadIdx.x >> 5);
    if (task >= (long long)rows * groups) return;
    const int lane = threadIdx.x & 31;
    const long long row = task / groups;
    const int g = int(task % groups);
    const long long base = row * in + (long long)g * spec.group;
    const float* wr = w + base;
    const float* sr = col_scale ? col_scale + (long long)g * spec.group : nullptr;
    const bool clipped = clip != nullptr;
    const float m = clipped ? __fmul_rn(clip[task], clip_factor) : 0.0f;
    float mn = FLT_MAX, mx = -FLT_MAX;
    bool finite = !clipped || m >= 0.0f;
    for (int i = lane; i < spec.group; i += 32) {
        const float v = group_input(wr, sr, i, clipped, m);
        finite = finite && fabsf(v) <= FLT_MAX;
        mn = v < mn ? v : mn;
        mx = v > mx ? v : mx;
    }
    for (int off = 16; off > 0; off >>= 1) {
        const float omn = __shfl_xor_sync(0xffffffffu, mn, off), omx = __shfl_xor_sync(0xffffffffu, mx, off);
        mn = omn < mn ? omn : mn;
        mx = omx > mx ? omx : mx;
    }
    finite = __all_sync(0xffffffffu, finite);
    mn += 0.0f;  // -0 -> +0, as the CPU
    mx += 0.0f;
    const GroupParams p = group_params(mn, mx, spec);
    if (!finite || !(fabsf(p.scale) <= FLT_MAX)) {
        if (lane == 0) atomicMin(bad, (unsigned long long)task);
        return;
    }
    if constexpr (Codes) {
        for (int i = lane; i < spec.group; i += 32)
            codes[base + i] = uint8_t(int(code_of(group_input(wr, sr, i, clipped, m), p, spec.zero_point) + p.offset));
        if (lane == 0) {
            scales[task] = p.scale;
            zeros[task] = int32_t(p.add + p.offset);
        }
    } else {
        float* o = out + base;
        for (int i = lane; i < spec.group; i += 32) {
            const float x = group_input(wr, sr, i, clipped, m);
            float d = __fmul_rn(code_of(x, p, spec.zero_point) - p.add, p.scale);
            if (sr) d = __fdiv_rn(d, sr[i]);
            if (minus_input) d = d - wr[i];
            o[i] = d;
        }
    }
}

bool valid(const float* w, int rows, int in, GroupQuantSpec spec, unsigned long long* bad) {
    return w && bad && rows >= 1 && in >= 1 && spec.bits >= 2 && spec.bits <= 8 && spec.group >= 1 &&
           in % spec.group == 0;
}

unsigned blocks_for(int rows, int in, int group) {
    const long long tasks = (long long)rows * (in / group);
    return unsigned((tasks + kWarpsPerBlock - 1) / kWarpsPerBlock);
}

}  // namespace

cudaError_t fake_quantize_f32(const float* w, int rows, int in, GroupQuantSpec spec, const float* col_scale,
                              const float* clip, float clip_factor, bool minus_input, float* out,
                              unsigned long long* bad, cudaStream_t stream) {
    if (!valid(w, rows, in, spec, bad) || !out || (minus_input && out == w)) return cudaErrorInvalidValue;
    group_quant_kernel<false><<<blocks_for(rows, in, spec.group), kWarpsPerBlock * 32, 0, stream>>>(
        w, rows, in, spec, col_scale, clip, clip_factor, minus_input, out, nullptr, nullptr, nullptr, bad);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

cudaError_t quantize_f32(const float* w, int rows, int in, GroupQuantSpec spec, uint8_t* codes, float* scales,
                         int32_t* zeros, unsigned long long* bad, cudaStream_t stream) {
    if (!valid(w, rows, in, spec, bad) || !codes || !scales || !zeros) return cudaErrorInvalidValue;
    group_quant_kernel<true><<<blocks_for(rows, in, spec.group), kWarpsPerBlock * 32, 0, stream>>>(
        w, rows, in, spec, nullptr, nullptr, 1.0f, false, nullptr, codes, scales, zeros, bad);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

}  // namespace awq::cuda
