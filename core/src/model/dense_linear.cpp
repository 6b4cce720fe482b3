// DenseLinear: y = x W^T + b with W in F32/F16/BF16, never converted whole.
// Small m (decode): each output row is converted into a per-thread buffer and dotted with every x row.
// Large m (prefill): blocks of rows are converted into one float buffer and multiplied by BLAS sgemm.
#include <awq/error.hpp>
#include <awq/model/linear.hpp>

#include <awq/cpu/sgemm.hpp>

#include <algorithm>
#include <cstring>

namespace awq {

namespace {

constexpr int64_t kSmallBatch = 8;              // at or below: dot-product path
constexpr size_t kBlockBytes = size_t(1) << 21;  // float buffer for one sgemm block (2 MiB)
// Below this many multiply-adds a parallel region costs more than it saves (and on a loaded machine
// OpenMP's barrier waits dominate): run on the calling thread.
constexpr int64_t kParallelWork = int64_t(1) << 20;

float dot(const float* a, const float* b, int64_t n) {
    float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};  // 8 partial sums let the compiler vectorise
    int64_t i = 0;
    for (; i + 8 <= n; i += 8)
        for (int l = 0; l < 8; ++l) acc[l] += a[i + l] * b[i + l];
    float s = 0;
    for (; i < n; ++i) s += a[i] * b[i];
    for (float v : acc) s += v;
    return s;
}

}  // namespace

DenseLinear::DenseLinear(DType dtype, const void* data, int64_t in_features, int64_t out_features,
                         std::vector<float> bias)
    : Linear(in_features, out_features), dtype_(dtype), data_(data), bias_(std::move(bias)) {
    if (dtype != DType::F32 && dtype != DType::F16 && dtype != DType::BF16)
        throw InvalidArgument("DenseLinear: weights must be F32, F16 or BF16, not " + std::string(dtype_name(dtype)));
    if (!bias_.empty() && int64_t(bias_.size()) != out_features)
        throw InvalidArgument("DenseLinear: bias has " + std::to_string(bias_.size()) + " values for " +
                              std::to_string(out_features) + " outputs");
}

DenseLinear::DenseLinear(std::vector<float> weights, int64_t in_features, int64_t out_features,
                         std::vector<float> bias)
    : Linear(in_features, out_features), dtype_(DType::F32), data_(nullptr), owned_(std::move(weights)),
      bias_(std::move(bias)) {
    if (int64_t(owned_.size()) != in_features * out_features)
        throw InvalidArgument("DenseLinear: weight count does not match the shape");
    if (!bias_.empty() && int64_t(bias_.size()) != out_features)
        throw InvalidArgument("DenseLinear: bias size does not match the output width");
    data_ = owned_.data();
}

DenseLinear::DenseLinear(DType dtype, std::vector<uint16_t> weights, int64_t in_features, int64_t out_features,
                         std::vector<float> bias)
    : Linear(in_features, out_features), dtype_(dtype), data_(nullptr), owned16_(std::move(weights)),
      bias_(std::move(bias)) {
    if (dtype != DType::F16 && dtype != DType::BF16)
        throw InvalidArgument("DenseLinear: 16-bit weights must be F16 or BF16, not " + std::string(dtype_name(dtype)));
    if (int64_t(owned16_.size()) != in_features * out_features)
        throw InvalidArgument("DenseLinear: weight count does not match the shape");
    if (!bias_.empty() && int64_t(bias_.size()) != out_features)
        throw InvalidArgument("DenseLinear: bias size does not match the output width");
    data_ = owned16_.data();
}

size_t DenseLinear::weight_bytes() const {
    return size_t(in_features() * out_features()) * dtype_size(dtype_) + bias_.size() * sizeof(float);
}

std::string DenseLinear::kind() const {
    std::string k(dtype_name(dtype_));
    std::transform(k.begin(), k.end(), k.begin(), [](char c) { return char(std::tolower(c)); });
    return k;
}

std::vector<float> DenseLinear::to_f32() const {
    std::vector<float> w(size_t(in_features() * out_features()));
    convert_to_f32(dtype_, data_, w.data(), w.size());
    return w;
}

void DenseLinear::forward(const float* x, int64_t m, float* y) const {
    const int64_t in = in_features(), out = out_features();
    const size_t esz = dtype_size(dtype_);
    const auto* bytes = static_cast<const std::byte*>(data_);
    if (dtype_ == DType::F32 && m > 1) {
        sgemm_nt(m, out, in, x, in, static_cast<const float*>(data_), in, y, out);
    } else if (m <= kSmallBatch) {
#pragma omp parallel if (m * in * out >= kParallelWork)
        {
            std::vector<float> row(dtype_ == DType::F32 ? 0 : size_t(in));
#pragma omp for schedule(static)
            for (int64_t o = 0; o < out; ++o) {
                const float* w = reinterpret_cast<const float*>(bytes + size_t(o * in) * esz);
                if (dtype_ != DType::F32) {
                    convert_to_f32(dtype_, bytes + size_t(o * in) * esz, row.data(), size_t(in));
                    w = row.data();
                }
                for (int64_t r = 0; r < m; ++r) y[r * out + o] = dot(x + r * in, w, in);
            }
        }
    } else {
        const int64_t block = std::clamp<int64_t>(int64_t(kBlockBytes / sizeof(float)) / in, 16, out);
        std::vector<float> wbuf(size_t(block * in));
        for (int64_t o0 = 0; o0 < out; o0 += block) {
            const int64_t nb = std::min(block, out - o0);
#pragma omp parallel for schedule(static)
            for (int64_t r = 0; r < nb; ++r)
                convert_to_f32(dtype_, bytes + size_t((o0 + r) * in) * esz, wbuf.data() + r * in, size_t(in));
            sgemm_nt(m, nb, in, x, in, wbuf.data(), in, y + o0, out);
        }
    }
    if (!bias_.empty())
        for (int64_t r = 0; r < m; ++r)
            for (int64_t o = 0; o < out; ++o) y[r * out + o] += bias_[size_t(o)];
}

}  // namespace awq
