// SPDX-License-Identifier: MIT
#include "runner_weights.hpp"

#include "convert_f16.cuh"
#include "fill.cuh"

#include <awq/error.hpp>
#include <awq/int4/int4_layout.hpp>
#include <awq/model/int4_linear.hpp>

#include <algorithm>
#include <climits>
#include <cmath>
#include <utility>

namespace awq::cuda {

namespace {

constexpr size_t kStagingBytes = size_t(64) << 20;  // BF16/F32 weight upload chunk

}  // namespace

const char* const kRunnerOomAdvice = "use a smaller context or batch, an INT4 (AWQ) model, or run on the CPU";

// bytes = elem * product(dims), refusing negative dims and overflow (an absurd request is an OOM).
size_t checked_bytes(std::initializer_list<int64_t> dims, size_t elem, const std::string& what) {
    size_t r = elem;
    for (const int64_t d : dims)
        if (d < 0 || __builtin_mul_overflow(r, size_t(d), &r))
            throw OutOfMemory("GPU out of memory: " + what + " would need more than 2^64 bytes: " + kRunnerOomAdvice);
    return r;
}

int to_int(int64_t v, const char* what) {
    if (v < 1 || v > INT_MAX)
        throw Unsupported(std::string("the GPU runner needs ") + what + " in 1..2^31-1, not " + std::to_string(v));
    return int(v);
}


DeviceBuffer WeightUploader::upload_f16(const std::vector<float>& v, const std::string& what) {
    DeviceBuffer b(checked_bytes({int64_t(v.size())}, 2, what), what);
    std::vector<uint16_t> h(v.size());
    for (size_t i = 0; i < v.size(); ++i) h[i] = f32_to_f16(v[i]);
    upload(b.get(), h.data(), h.size() * 2, what);
    return b;
}

DeviceBuffer WeightUploader::upload_dense(DType dt, const void* data, int64_t rows, int64_t cols, const std::string& what) {
    const size_t n = checked_bytes({rows, cols}, 1, what);
    DeviceBuffer out(checked_bytes({rows, cols}, 2, what), what);
    const auto* src = static_cast<const unsigned char*>(data);
    if (dt == DType::F16) {
        upload(out.get(), src, n * 2, what);
        return out;
    }
    if (dt != DType::BF16 && dt != DType::F32)
        throw Unsupported(what + ": weights in " + std::string(dtype_name(dt)) + " have no GPU path");
    const SourceType st = dt == DType::BF16 ? SourceType::BF16 : SourceType::F32;
    const size_t esz = dtype_size(dt);
    if (!staging_) staging_ = DeviceBuffer(kStagingBytes, "the weight upload staging_ buffer");
    const size_t per = staging_.bytes() / esz;
    for (size_t off = 0; off < n; off += per) {
        const size_t len = std::min(per, n - off);
        upload(staging_.get(), src + off * esz, len * esz, what);
        check(convert_to_f16(staging_.get(), st, out.h() + off, (long long)len, cuda_.stream), what);
        sync(what);  // the staging_ buffer is reused by the next chunk
    }
    return out;
}

GpuLinear WeightUploader::upload_linear(const Linear* lin, const std::string& name) {
    if (!lin) throw FormatError(name + ": missing linear layer");
    GpuLinear g;
    g.in = to_int(lin->in_features(), "linear widths");
    g.out = to_int(lin->out_features(), "linear widths");
    const std::vector<float>* bias = nullptr;
    if (const auto* d = dynamic_cast<const DenseLinear*>(lin)) {
        g.w = upload_dense(d->dtype(), d->data(), g.out, g.in, name + " weights");
        bias = &d->bias();
    } else if (const auto* i4 = dynamic_cast<const Int4Linear*>(lin)) {
        const gpu::Int4GpuWeights w = gpu::repack_int4_matrix_for_gpu(i4->weights(), name);
        g.int4 = true;
        g.group = int(w.group);
        g.qweight = DeviceBuffer(w.qweight.size() * 4, name + " INT4 codes");
        upload(g.qweight.get(), w.qweight.data(), w.qweight.size() * 4, name);
        g.scales = DeviceBuffer(w.scales.size() * 2, name + " INT4 scales");
        upload(g.scales.get(), w.scales.data(), w.scales.size() * 2, name);
        g.zeros = DeviceBuffer(w.zeros.size() * 2, name + " INT4 zero points");
        upload(g.zeros.get(), w.zeros.data(), w.zeros.size() * 2, name);
        bias = &i4->bias();
    } else {
        throw Unsupported(name + ": a '" + lin->kind() + "' linear layer has no GPU path");
    }
    if (bias && !bias->empty()) g.bias = upload_f16(*bias, name + " bias");
    return g;
}

GpuLinear WeightUploader::synthetic_linear(int in, int out, const SyntheticWeights& s, uint64_t seed, const std::string& name) {
    GpuLinear g;
    g.in = in;
    g.out = out;
    // Weights with std 0.5 / sqrt(in): each linear keeps its input's scale, halved (a stable residual).
    const float std_target = 0.5f / std::sqrt(float(in));
    if (s.int4) {
        if (s.group < 32 || s.group % 32 != 0 || in % s.group != 0)
            throw Unsupported(name + ": synthetic INT4 weights need a group size that is a multiple of 32 "
                                     "and divides the input width " + std::to_string(in));
        g.int4 = true;
        g.group = s.group;
        const int64_t groups = in / s.group;
        g.qweight = DeviceBuffer(checked_bytes({out, in / 8}, 4, name), name + " INT4 codes");
        g.scales = DeviceBuffer(checked_bytes({out, groups}, 2, name), name + " INT4 scales");
        g.zeros = DeviceBuffer(checked_bytes({out, groups}, 2, name), name + " INT4 zero points");
        check(fill_random_u32(g.qweight.as<uint32_t>(), (long long)out * (in / 8), seed, cuda_.stream), name);
        // codes uniform 0..15 around zero point 8: std of (q - 8) is sqrt((16^2 - 1) / 12) + ~0 = 4.6
        check(fill_f16(g.scales.h(), (long long)out * groups, std_target / 4.61f, cuda_.stream), name);
        check(fill_f16(g.zeros.h(), (long long)out * groups, 8.0f, cuda_.stream), name);
    } else {
        const float a = std_target * std::sqrt(3.0f);  // uniform(-a, a) has std a / sqrt(3)
        g.w = DeviceBuffer(checked_bytes({out, in}, 2, name), name + " weights");
        check(fill_uniform_f16(g.w.h(), (long long)out * in, -a, a, seed, cuda_.stream), name);
    }
    return g;
}

// The output rows of linears that read the same input, concatenated into one linear (q|k|v, gate|up):
// one launch instead of three or two. Every buffer of a linear is row-major over its outputs (dense
// [out][in]; INT4 qweight [out][in/8], scales / zeros [out][in/group]: common.cuh's Int4Weights;
// bias [out]), so with equal widths and groups the merged buffers are the parts' buffers end to end.
// Returns an empty linear (the parts stay) when the kinds, widths, groups or bias presence differ.
GpuLinear WeightUploader::merge_linears(std::initializer_list<GpuLinear*> parts, const std::string& name) {
    const GpuLinear& f = **parts.begin();
    GpuLinear g;
    g.parts = 0;
    int64_t out = 0;
    for (const GpuLinear* p : parts) {
        if (p->int4 != f.int4 || p->in != f.in || p->group != f.group || bool(p->bias) != bool(f.bias))
            return GpuLinear();
        out += p->out;
        g.parts += p->parts;
    }
    g.in = f.in;
    g.out = to_int(out, "a merged linear's width");
    g.group = f.group;
    g.int4 = f.int4;
    auto cat = [&](DeviceBuffer GpuLinear::*member, const char* what) {
        size_t bytes = 0;
        for (const GpuLinear* p : parts) bytes += (p->*member).bytes();
        if (bytes == 0) return;
        DeviceBuffer b(bytes, name + " " + what);
        size_t off = 0;
        for (const GpuLinear* p : parts) {
            const DeviceBuffer& src = p->*member;
            check(cudaMemcpyAsync(static_cast<char*>(b.get()) + off, src.get(), src.bytes(),
                                  cudaMemcpyDeviceToDevice, cuda_.stream),
                  name);
            off += src.bytes();
        }
        g.*member = std::move(b);
    };
    cat(&GpuLinear::w, "weights");
    cat(&GpuLinear::qweight, "INT4 codes");
    cat(&GpuLinear::scales, "INT4 scales");
    cat(&GpuLinear::zeros, "INT4 zero points");
    cat(&GpuLinear::bias, "bias");
    sync(name);  // the parts are freed next
    for (GpuLinear* p : parts) *p = GpuLinear();
    return g;
}

void WeightUploader::merge_layer_linears(GpuLayer& G, const std::string& p) {
    if (!G.q_norm) G.qkv = merge_linears({&G.q, &G.k, &G.v}, p + "qkv_proj");  // qwen3 norms q, k apart
    G.gate_up = merge_linears({&G.gate, &G.up}, p + "gate_up_proj");
}

}  // namespace awq::cuda
