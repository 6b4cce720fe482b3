// SPDX-License-Identifier: MIT
#pragma once
// A linear layer y = x W^T + b as the forward pass sees it. Implementations: DenseLinear (weights in
// F32/F16/BF16, borrowed from a mapped file or owned) and Int4Linear (packed INT4, cpu/int4_linear.hpp).
#include <awq/io/dtype.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace awq {

class Linear {
public:
    Linear(int64_t in_features, int64_t out_features) : in_(in_features), out_(out_features) {}
    virtual ~Linear();  // defined in linear.cpp: the vtable is emitted once, there
    int64_t in_features() const { return in_; }
    int64_t out_features() const { return out_; }

    // y[m, out] = x[m, in] * W^T + bias. x and y are row-major float32 and do not alias.
    virtual void forward(const float* x, int64_t m, float* y) const = 0;
    // Bytes the weights (and bias, scales, zeros) occupy in memory.
    virtual size_t weight_bytes() const = 0;
    // "bf16", "f32", "int4-g128", ... shown by inspect/bench/GUI.
    virtual std::string kind() const = 0;

private:
    int64_t in_, out_;
};

// Dense weights [out, in] row-major in F32, F16 or BF16. `data` is either borrowed (memory-mapped file;
// the owner must outlive this) or owned (`owned` holds the bytes). Decode (small m) converts on the fly
// inside a dot-product kernel; prefill converts row blocks to float and calls BLAS sgemm, so a model's
// weights are never copied whole.
class DenseLinear final : public Linear {
public:
    DenseLinear(DType dtype, const void* data, int64_t in_features, int64_t out_features,
                std::vector<float> bias = {});
    // Owning float32 weights (used by quantization after scales are applied).
    DenseLinear(std::vector<float> weights, int64_t in_features, int64_t out_features,
                std::vector<float> bias = {});
    // Owning F16 or BF16 weights (a quantization result's unquantized linears, kept at the original's width).
    DenseLinear(DType dtype, std::vector<uint16_t> weights, int64_t in_features, int64_t out_features,
                std::vector<float> bias = {});

    void forward(const float* x, int64_t m, float* y) const override;
    size_t weight_bytes() const override;
    std::string kind() const override;

    DType dtype() const { return dtype_; }
    const void* data() const { return data_; }
    // True when the weights are a view of memory someone else owns (a mapped model file).
    bool borrowed() const { return owned_.empty() && owned16_.empty(); }
    const std::vector<float>& bias() const { return bias_; }
    // Row-major float copy of W [out, in].
    std::vector<float> to_f32() const;

private:
    DType dtype_;
    const void* data_;
    std::vector<float> owned_;
    std::vector<uint16_t> owned16_;
    std::vector<float> bias_;
};

}  // namespace awq
