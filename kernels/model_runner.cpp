// ModelRunner (see model_runner.hpp): the decoder of awq::InferenceSession::feed on the GPU.
//
// Per forward pass of m <= max_batch tokens at positions past..past+m-1 (a prompt longer than max_batch
// runs in chunks; each chunk attends to the cache written by the previous ones):
//   embedding -> hidden [m][H]
//   per layer:  normed = rmsnorm(hidden, input_norm)
//               q = q_proj(normed) [m][q_dim];  k, v = k_proj/v_proj(normed) written straight into the
//               cache rows past.. of this layer (k/v cache [max_context][kv_dim] per layer)
//               (+ biases; qwen3: per-head rmsnorm of q and k); RoPE on q and on the new k rows
//               attn = causal_attention(q, cache rows 0..past+m-1)
//               hidden += o_proj(attn)
//               normed = rmsnorm(hidden, post_attention_norm)
//               hidden += down_proj(silu(gate_proj(normed)) * up_proj(normed))
//   final rmsnorm of the last row (or every row for all_logits), lm_head with fp32 output, copy to host.
// The order and the places of every norm, bias and rotation are those of core/src/runtime/session.cpp
// and decoder_layer.cpp; only the storage precision between steps differs (fp16 here, float there).
// Everything runs on one stream; feed() synchronises once at the end (logits copy).
#include "model_runner.hpp"

#include "attention.cuh"
#include "bias_add.cuh"
#include "convert_f16.cuh"
#include "dense_gemm.cuh"
#include "embedding.cuh"
#include "fill.cuh"
#include "gemm_int4.cuh"
#include "residual_add.cuh"
#include "rmsnorm.cuh"
#include "rope.cuh"
#include "silu_mul.cuh"

#include <awq/cpu/int4_linear.hpp>
#include <awq/error.hpp>
#include <awq/gpu/int4_layout.hpp>
#include <awq/io/dtype.hpp>
#include <awq/model/model.hpp>
#include <awq/runtime/ops.hpp>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <numeric>
#include <utility>

namespace awq::cuda {

namespace {

constexpr int64_t kMaxBatch = 65535;                    // causal_attention's grid.y limit
constexpr size_t kStagingBytes = size_t(64) << 20;      // BF16/F32 weight upload chunk

std::string mib(size_t bytes) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.1f MiB", double(bytes) / double(1 << 20));
    return buf;
}

std::string cuda_message(cudaError_t e) {
    return std::string(cudaGetErrorName(e)) + " (" + cudaGetErrorString(e) + ")";
}

std::string device_memory_note() {
    size_t free_bytes = 0, total_bytes = 0;
    if (cudaMemGetInfo(&free_bytes, &total_bytes) != cudaSuccess) {
        cudaGetLastError();
        return "an unknown amount free";
    }
    return mib(free_bytes) + " free of " + mib(total_bytes);
}

const char* kOomAdvice = "use a smaller context or batch, an INT4 (AWQ) model, or run on the CPU";

[[noreturn]] void throw_oom(const std::string& what, size_t bytes) {
    throw OutOfMemory("GPU out of memory: could not allocate " + mib(bytes) + " for " + what + " (the device has " +
                      device_memory_note() + "): " + kOomAdvice);
}

// "layer 3 gate_proj" / "lm_head": where a failure happened, built only when one did.
std::string where(int layer, const char* op) {
    return layer >= 0 ? "layer " + std::to_string(layer) + " " + op : std::string(op);
}

void check(cudaError_t e, int layer, const char* op) {
    if (e == cudaSuccess) return;
    cudaGetLastError();  // a non-sticky error must not resurface at the next launch check
    if (e == cudaErrorMemoryAllocation)
        throw OutOfMemory("GPU out of memory in " + where(layer, op) + " (the device has " + device_memory_note() +
                          "): " + kOomAdvice);
    throw Error("CUDA error in " + where(layer, op) + ": " + cuda_message(e));
}
void check(cudaError_t e, const char* op) { check(e, -1, op); }

void check_blas(cublasStatus_t s, int layer, const char* op) {
    if (s == CUBLAS_STATUS_SUCCESS) return;
    if (s == CUBLAS_STATUS_ALLOC_FAILED)
        throw OutOfMemory("GPU out of memory in cuBLAS (" + where(layer, op) + "; the device has " +
                          device_memory_note() + "): " + kOomAdvice);
    throw Error("cuBLAS error in " + where(layer, op) + ": " + cublasGetStatusName(s) + " (" +
                cublasGetStatusString(s) + ")");
}

// bytes = elem * product(dims), refusing negative dims and overflow (an absurd request is an OOM).
size_t checked_bytes(std::initializer_list<int64_t> dims, size_t elem, const std::string& what) {
    size_t r = elem;
    for (const int64_t d : dims)
        if (d < 0 || __builtin_mul_overflow(r, size_t(d), &r))
            throw OutOfMemory("GPU out of memory: " + what + " would need more than 2^64 bytes: " + kOomAdvice);
    return r;
}

int to_int(int64_t v, const char* what) {
    if (v < 1 || v > INT_MAX)
        throw Unsupported(std::string("the GPU runner needs ") + what + " in 1..2^31-1, not " + std::to_string(v));
    return int(v);
}

// Device memory freed on destruction; cudaMalloc failures become OutOfMemory naming the buffer.
class DeviceBuffer {
public:
    DeviceBuffer() = default;
    DeviceBuffer(size_t bytes, const std::string& what) : bytes_(bytes) {
        if (bytes == 0) return;
        const cudaError_t e = cudaMalloc(&p_, bytes);
        if (e != cudaSuccess) {
            p_ = nullptr;
            bytes_ = 0;
            cudaGetLastError();
            if (e == cudaErrorMemoryAllocation) throw_oom(what, bytes);
            throw Error("cudaMalloc of " + what + " (" + mib(bytes) + ") failed: " + cuda_message(e));
        }
    }
    ~DeviceBuffer() {
        if (p_) cudaFree(p_);
    }
    DeviceBuffer(DeviceBuffer&& o) noexcept : p_(std::exchange(o.p_, nullptr)), bytes_(std::exchange(o.bytes_, 0)) {}
    DeviceBuffer& operator=(DeviceBuffer&& o) noexcept {
        if (this != &o) {
            if (p_) cudaFree(p_);
            p_ = std::exchange(o.p_, nullptr);
            bytes_ = std::exchange(o.bytes_, 0);
        }
        return *this;
    }
    DeviceBuffer(const DeviceBuffer&) = delete;
    DeviceBuffer& operator=(const DeviceBuffer&) = delete;

    void* get() const { return p_; }
    __half* h() const { return static_cast<__half*>(p_); }
    template <class T>
    T* as() const {
        return static_cast<T*>(p_);
    }
    size_t bytes() const { return bytes_; }
    explicit operator bool() const { return p_ != nullptr; }

private:
    void* p_ = nullptr;
    size_t bytes_ = 0;
};

struct Stream {
    cudaStream_t s = nullptr;
    Stream() { check(cudaStreamCreateWithFlags(&s, cudaStreamNonBlocking), "cudaStreamCreateWithFlags"); }
    ~Stream() {
        if (s) cudaStreamDestroy(s);
    }
    Stream(const Stream&) = delete;
    Stream& operator=(const Stream&) = delete;
};

struct Blas {
    cublasHandle_t h = nullptr;
    explicit Blas(cudaStream_t stream) {
        check_blas(cublasCreate(&h), -1, "cublasCreate");
        const cublasStatus_t s = cublasSetStream(h, stream);
        if (s != CUBLAS_STATUS_SUCCESS) {
            cublasDestroy(h);
            h = nullptr;
            check_blas(s, -1, "cublasSetStream");
        }
    }
    ~Blas() {
        if (h) cublasDestroy(h);
    }
    Blas(const Blas&) = delete;
    Blas& operator=(const Blas&) = delete;
};

// One linear layer on the device: fp16 dense [out][in] or INT4 (GPU layout), plus an optional fp16 bias.
struct GpuLinear {
    int in = 0, out = 0, group = 0;
    bool int4 = false;
    DeviceBuffer w;                        // dense
    DeviceBuffer qweight, scales, zeros;   // INT4
    DeviceBuffer bias;
    Int4Weights view() const { return {qweight.as<uint32_t>(), scales.h(), zeros.h(), out, in, group}; }
    size_t bytes() const { return w.bytes() + qweight.bytes() + scales.bytes() + zeros.bytes() + bias.bytes(); }
};

struct GpuLayer {
    GpuLinear q, k, v, o, gate, up, down;
    DeviceBuffer input_norm, post_norm, q_norm, k_norm;  // fp16; q_norm/k_norm only for qwen3
    size_t bytes() const {
        size_t b = input_norm.bytes() + post_norm.bytes() + q_norm.bytes() + k_norm.bytes();
        for (const GpuLinear* l : {&q, &k, &v, &o, &gate, &up, &down}) b += l->bytes();
        return b;
    }
};

const char* const kLinearNames[7] = {"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"};

}  // namespace

struct ModelRunner::Impl {
    // Declared first so that they are destroyed last (after every buffer).
    Stream stream;
    Blas blas{stream.s};

    ModelConfig cfg;
    int64_t max_ctx = 0, chunk = 0, length = 0;
    int H = 0, I = 0, qd = 0, kvd = 0, n_heads = 0, n_kv = 0, head_dim = 0, vocab_rows = 0, vocab_out = 0;
    float eps = 0;
    bool sync_each = false;

    DeviceBuffer staging;  // upload only
    DeviceBuffer embed, lm_head_own, final_norm, inv_freq;
    const __half* lm_head = nullptr;  // lm_head_own or, when tied, embed
    std::vector<GpuLayer> layers;
    DeviceBuffer kv;  // k cache of every layer, then v cache of every layer: [2][layers][max_ctx][kv_dim]
    DeviceBuffer hidden, normed, q, attn, block, gate, up, ids, pos, logits;
    int64_t logits_rows = 0;

    // ---- setup -------------------------------------------------------------------------------------

    void set_shapes(const ModelConfig& c, const RunnerOptions& o) {
        cfg = c;
        if (cfg.head_dim == 0 && cfg.num_attention_heads > 0) cfg.head_dim = cfg.hidden_size / cfg.num_attention_heads;
        if (cfg.num_key_value_heads == 0) cfg.num_key_value_heads = cfg.num_attention_heads;
        H = to_int(cfg.hidden_size, "hidden_size");
        I = to_int(cfg.intermediate_size, "intermediate_size");
        n_heads = to_int(cfg.num_attention_heads, "num_attention_heads");
        n_kv = to_int(cfg.num_key_value_heads, "num_key_value_heads");
        head_dim = to_int(cfg.head_dim, "head_dim");
        to_int(cfg.num_hidden_layers, "num_hidden_layers");
        qd = to_int(cfg.q_dim(), "num_attention_heads * head_dim");
        kvd = to_int(cfg.kv_dim(), "num_key_value_heads * head_dim");
        if (n_heads % n_kv != 0)
            throw Unsupported("the GPU runner needs num_attention_heads (" + std::to_string(n_heads) +
                              ") to be a multiple of num_key_value_heads (" + std::to_string(n_kv) + ")");
        if (head_dim % 2 != 0 || head_dim > kAttentionMaxHeadDim)
            throw Unsupported("the GPU attention kernel needs an even head_dim of at most " +
                              std::to_string(kAttentionMaxHeadDim) + ", not " + std::to_string(head_dim));
        eps = float(cfg.rms_norm_eps);
        if (o.max_context < 1) throw InvalidArgument("max_context must be at least 1");
        max_ctx = std::min(o.max_context, cfg.max_position_embeddings);
        if (max_ctx < 1 || max_ctx > INT_MAX)
            throw InvalidArgument("the GPU runner's context must be 1..2^31-1 tokens, not " + std::to_string(max_ctx));
        if (o.max_batch < 1 || o.max_batch > kMaxBatch)
            throw InvalidArgument("max_batch must be 1.." + std::to_string(kMaxBatch) + ", not " +
                                  std::to_string(o.max_batch));
        chunk = std::min(o.max_batch, max_ctx);
        const char* s = std::getenv("AWQ_CUDA_SYNC");
        sync_each = s && *s && std::strcmp(s, "0") != 0;
    }

    void sync(const char* what) { check(cudaStreamSynchronize(stream.s), what); }

    void upload(void* dst, const void* src, size_t bytes, const std::string& what) {
        if (bytes == 0) return;
        check(cudaMemcpyAsync(dst, src, bytes, cudaMemcpyHostToDevice, stream.s), what.c_str());
        sync(what.c_str());  // the host source may be a temporary
    }

    DeviceBuffer upload_f16(const std::vector<float>& v, const std::string& what) {
        DeviceBuffer b(checked_bytes({int64_t(v.size())}, 2, what), what);
        std::vector<uint16_t> h(v.size());
        for (size_t i = 0; i < v.size(); ++i) h[i] = f32_to_f16(v[i]);
        upload(b.get(), h.data(), h.size() * 2, what);
        return b;
    }

    // rows x cols of a dense F16/BF16/F32 tensor in host memory (often memory-mapped) -> fp16 on the device.
    DeviceBuffer upload_dense(DType dt, const void* data, int64_t rows, int64_t cols, const std::string& what) {
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
        if (!staging) staging = DeviceBuffer(kStagingBytes, "the weight upload staging buffer");
        const size_t per = staging.bytes() / esz;
        for (size_t off = 0; off < n; off += per) {
            const size_t len = std::min(per, n - off);
            upload(staging.get(), src + off * esz, len * esz, what);
            check(convert_to_f16(staging.get(), st, out.h() + off, (long long)len, stream.s), what.c_str());
            sync(what.c_str());  // the staging buffer is reused by the next chunk
        }
        return out;
    }

    GpuLinear upload_linear(const Linear* lin, const std::string& name) {
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

    GpuLinear synthetic_linear(int in, int out, const SyntheticWeights& s, uint64_t seed, const std::string& name) {
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
            check(fill_random_u32(g.qweight.as<uint32_t>(), (long long)out * (in / 8), seed, stream.s), name.c_str());
            // codes uniform 0..15 around zero point 8: std of (q - 8) is sqrt((16^2 - 1) / 12) + ~0 = 4.6
            check(fill_f16(g.scales.h(), (long long)out * groups, std_target / 4.61f, stream.s), name.c_str());
            check(fill_f16(g.zeros.h(), (long long)out * groups, 8.0f, stream.s), name.c_str());
        } else {
            const float a = std_target * std::sqrt(3.0f);  // uniform(-a, a) has std a / sqrt(3)
            g.w = DeviceBuffer(checked_bytes({out, in}, 2, name), name + " weights");
            check(fill_uniform_f16(g.w.h(), (long long)out * in, -a, a, seed, stream.s), name.c_str());
        }
        return g;
    }

    void upload_rope() {
        const RopeTable table(cfg);
        std::vector<float> f(table.inv_freq().begin(), table.inv_freq().end());  // float, as the CPU's angles
        inv_freq = DeviceBuffer(f.size() * 4, "RoPE frequencies");
        upload(inv_freq.get(), f.data(), f.size() * 4, "RoPE frequencies");
    }

    void load(const Model& model, const RunnerOptions& o) {
        set_shapes(model.config(), o);
        const ModelWeights& w = model.weights();
        if (int64_t(w.layers.size()) != cfg.num_hidden_layers)
            throw FormatError("the model has " + std::to_string(w.layers.size()) + " layers, its config says " +
                              std::to_string(cfg.num_hidden_layers));
        if (w.embedding.dim != H || w.embedding.rows < 1)
            throw FormatError("the embedding table's shape does not match hidden_size");
        vocab_rows = to_int(w.embedding.rows, "the vocabulary size");
        embed = upload_dense(w.embedding.dtype, w.embedding.data, w.embedding.rows, H, "the embedding table");
        upload_rope();
        layers.resize(size_t(cfg.num_hidden_layers));
        for (size_t l = 0; l < layers.size(); ++l) {
            const LayerWeights& L = w.layers[l];
            GpuLayer& G = layers[l];
            const std::string p = "model.layers." + std::to_string(l) + ".";
            const Linear* src[7] = {L.q_proj.get(), L.k_proj.get(), L.v_proj.get(), L.o_proj.get(),
                                    L.gate_proj.get(), L.up_proj.get(), L.down_proj.get()};
            GpuLinear* dst[7] = {&G.q, &G.k, &G.v, &G.o, &G.gate, &G.up, &G.down};
            for (int i = 0; i < 7; ++i)
                *dst[i] = upload_linear(src[i], p + (i < 4 ? "self_attn." : "mlp.") + kLinearNames[i]);
            const int64_t expect_in[7] = {H, H, H, qd, H, H, I}, expect_out[7] = {qd, kvd, kvd, H, I, I, H};
            for (int i = 0; i < 7; ++i)
                if (dst[i]->in != expect_in[i] || dst[i]->out != expect_out[i])
                    throw FormatError(p + kLinearNames[i] + " has shape [" + std::to_string(dst[i]->out) + ", " +
                                      std::to_string(dst[i]->in) + "], the config implies [" +
                                      std::to_string(expect_out[i]) + ", " + std::to_string(expect_in[i]) + "]");
            if (int64_t(L.input_norm.size()) != H || int64_t(L.post_attention_norm.size()) != H)
                throw FormatError(p + "norm weights do not have hidden_size values");
            G.input_norm = upload_f16(L.input_norm, p + "input_layernorm");
            G.post_norm = upload_f16(L.post_attention_norm, p + "post_attention_layernorm");
            if (!L.q_norm.empty()) {  // as the CPU: q/k norms run when the layer has them
                if (int64_t(L.q_norm.size()) != head_dim || int64_t(L.k_norm.size()) != head_dim)
                    throw FormatError(p + "q_norm/k_norm do not have head_dim values");
                G.q_norm = upload_f16(L.q_norm, p + "self_attn.q_norm");
                G.k_norm = upload_f16(L.k_norm, p + "self_attn.k_norm");
            }
        }
        if (int64_t(w.final_norm.size()) != H) throw FormatError("model.norm does not have hidden_size values");
        final_norm = upload_f16(w.final_norm, "model.norm");
        const auto* head_lin = dynamic_cast<const DenseLinear*>(w.lm_head.get());
        if (!head_lin)
            throw Unsupported("lm_head: a '" + (w.lm_head ? w.lm_head->kind() : std::string("missing")) +
                              "' lm_head has no GPU path (it must be dense)");
        if (head_lin->in_features() != H) throw FormatError("lm_head's input width does not match hidden_size");
        vocab_out = to_int(head_lin->out_features(), "lm_head's output width");
        if (!head_lin->bias().empty()) throw Unsupported("lm_head: a bias on the lm_head has no GPU path");
        const bool shares_embedding = w.lm_head_tied && head_lin->data() == w.embedding.data &&
                                      head_lin->dtype() == w.embedding.dtype &&
                                      head_lin->out_features() == w.embedding.rows;
        if (shares_embedding) {
            lm_head = embed.h();
        } else {
            lm_head_own = upload_dense(head_lin->dtype(), head_lin->data(), vocab_out, H, "lm_head");
            lm_head = lm_head_own.h();
        }
        staging = DeviceBuffer();
        allocate_state();
    }

    void load_synthetic(const ModelConfig& c, const SyntheticWeights& s, const RunnerOptions& o) {
        set_shapes(c, o);
        vocab_rows = vocab_out = to_int(cfg.vocab_size, "vocab_size");
        uint64_t seed = s.seed * 1000003u;
        embed = DeviceBuffer(checked_bytes({vocab_rows, H}, 2, "the embedding table"), "the embedding table");
        check(fill_uniform_f16(embed.h(), (long long)vocab_rows * H, -1.0f, 1.0f, ++seed, stream.s), "embedding");
        upload_rope();
        layers.resize(size_t(cfg.num_hidden_layers));
        for (size_t l = 0; l < layers.size(); ++l) {
            GpuLayer& G = layers[l];
            const std::string p = "layer " + std::to_string(l) + " ";
            G.q = synthetic_linear(H, qd, s, ++seed, p + "q_proj");
            G.k = synthetic_linear(H, kvd, s, ++seed, p + "k_proj");
            G.v = synthetic_linear(H, kvd, s, ++seed, p + "v_proj");
            G.o = synthetic_linear(qd, H, s, ++seed, p + "o_proj");
            G.gate = synthetic_linear(H, I, s, ++seed, p + "gate_proj");
            G.up = synthetic_linear(H, I, s, ++seed, p + "up_proj");
            G.down = synthetic_linear(I, H, s, ++seed, p + "down_proj");
            G.input_norm = DeviceBuffer(size_t(H) * 2, p + "input_layernorm");
            G.post_norm = DeviceBuffer(size_t(H) * 2, p + "post_attention_layernorm");
            check(fill_f16(G.input_norm.h(), H, 1.0f, stream.s), "norm");
            check(fill_f16(G.post_norm.h(), H, 1.0f, stream.s), "norm");
        }
        final_norm = DeviceBuffer(size_t(H) * 2, "model.norm");
        check(fill_f16(final_norm.h(), H, 1.0f, stream.s), "norm");
        SyntheticWeights dense = s;
        dense.int4 = false;
        GpuLinear lm = synthetic_linear(H, vocab_out, dense, ++seed, "lm_head");
        lm_head_own = std::move(lm.w);
        lm_head = lm_head_own.h();
        sync("synthetic weights");
        allocate_state();
    }

    // The KV cache and the activation buffers of one forward pass of `chunk` tokens.
    void allocate_state() {
        const int64_t L = cfg.num_hidden_layers;
        kv = DeviceBuffer(checked_bytes({2, L, max_ctx, kvd}, 2, "the KV cache"),
                          "the KV cache of " + std::to_string(max_ctx) + " tokens x " + std::to_string(L) +
                              " layers (keys and values, " + std::to_string(kvd) + " fp16 each)");
        const std::string batch = " for a batch of " + std::to_string(chunk) + " tokens";
        hidden = DeviceBuffer(checked_bytes({chunk, H}, 2, "hidden states"), "the hidden states" + batch);
        normed = DeviceBuffer(checked_bytes({chunk, H}, 2, "normed"), "the normalised hidden states" + batch);
        block = DeviceBuffer(checked_bytes({chunk, H}, 2, "block output"), "the block outputs" + batch);
        q = DeviceBuffer(checked_bytes({chunk, qd}, 2, "queries"), "the queries" + batch);
        attn = DeviceBuffer(checked_bytes({chunk, qd}, 2, "attention output"), "the attention outputs" + batch);
        gate = DeviceBuffer(checked_bytes({chunk, I}, 2, "MLP gate"), "the MLP gate activations" + batch);
        up = DeviceBuffer(checked_bytes({chunk, I}, 2, "MLP up"), "the MLP up activations" + batch);
        ids = DeviceBuffer(checked_bytes({chunk}, 4, "token ids"), "the token ids" + batch);
        pos = DeviceBuffer(checked_bytes({chunk}, 4, "positions"), "the positions" + batch);
        ensure_logits(1);
    }

    void ensure_logits(int64_t rows) {
        if (rows <= logits_rows) return;
        logits = DeviceBuffer();
        logits_rows = 0;
        logits = DeviceBuffer(checked_bytes({rows, vocab_out}, 4, "logits"),
                              "the logits of " + std::to_string(rows) + " positions");
        logits_rows = rows;
    }

    size_t weight_bytes() const {
        size_t b = embed.bytes() + lm_head_own.bytes() + final_norm.bytes() + inv_freq.bytes();
        for (const auto& l : layers) b += l.bytes();
        return b;
    }

    // ---- forward -----------------------------------------------------------------------------------

    void after(int layer, const char* op) {
        if (sync_each) check(cudaStreamSynchronize(stream.s), layer, op);
    }

    void linear(const GpuLinear& L, const __half* x, int m, __half* y, int layer, const char* op) {
        if (L.int4) check(int4_linear(x, m, L.view(), y, stream.s), layer, op);
        else check_blas(dense_gemm_f16(blas.h, x, m, L.w.h(), L.out, L.in, y), layer, op);
        if (L.bias) check(bias_add(y, L.bias.h(), m, L.out, stream.s), layer, op);
        after(layer, op);
    }

    // One pass over m tokens at positions past..past+m-1 (ids and positions already on the device).
    void forward(int m, int past) {
        cudaStream_t s = stream.s;
        const long long mh = (long long)m * H;
        check(embedding(ids.as<int>(), m, embed.h(), vocab_rows, H, hidden.h(), s), "embedding");
        after(-1, "embedding");
        const size_t layer_rows = size_t(max_ctx) * size_t(kvd);
        __half* k_all = kv.h();
        __half* v_all = kv.h() + size_t(cfg.num_hidden_layers) * layer_rows;
        for (int l = 0; l < int(layers.size()); ++l) {
            const GpuLayer& G = layers[size_t(l)];
            __half* kc = k_all + size_t(l) * layer_rows;
            __half* vc = v_all + size_t(l) * layer_rows;
            __half* k_new = kc + size_t(past) * kvd;
            __half* v_new = vc + size_t(past) * kvd;
            check(rmsnorm(hidden.h(), G.input_norm.h(), normed.h(), m, H, eps, s), l, "input_layernorm");
            linear(G.q, normed.h(), m, q.h(), l, "q_proj");
            linear(G.k, normed.h(), m, k_new, l, "k_proj");
            linear(G.v, normed.h(), m, v_new, l, "v_proj");
            if (G.q_norm) {
                check(rmsnorm(q.h(), G.q_norm.h(), q.h(), m * n_heads, head_dim, eps, s), l, "q_norm");
                check(rmsnorm(k_new, G.k_norm.h(), k_new, m * n_kv, head_dim, eps, s), l, "k_norm");
            }
            check(rope_rotate_half(q.h(), m, n_heads, head_dim, pos.as<int>(), inv_freq.as<float>(), s), l, "rope q");
            check(rope_rotate_half(k_new, m, n_kv, head_dim, pos.as<int>(), inv_freq.as<float>(), s), l, "rope k");
            check(causal_attention(q.h(), kc, vc, attn.h(), m, past, n_heads, n_kv, head_dim, s), l, "attention");
            after(l, "attention");
            linear(G.o, attn.h(), m, block.h(), l, "o_proj");
            check(residual_add(hidden.h(), block.h(), mh, s), l, "attention residual");
            check(rmsnorm(hidden.h(), G.post_norm.h(), normed.h(), m, H, eps, s), l, "post_attention_layernorm");
            linear(G.gate, normed.h(), m, gate.h(), l, "gate_proj");
            linear(G.up, normed.h(), m, up.h(), l, "up_proj");
            check(silu_mul(gate.h(), up.h(), gate.h(), (long long)m * I, s), l, "silu_mul");
            linear(G.down, gate.h(), m, block.h(), l, "down_proj");
            check(residual_add(hidden.h(), block.h(), mh, s), l, "mlp residual");
            after(l, "mlp");
        }
    }

    // Final norm + lm_head of the last `rows` of the m rows just run; logits copied to `host`.
    void head(int m, int rows, float* host) {
        cudaStream_t s = stream.s;
        check(rmsnorm(hidden.h() + size_t(m - rows) * H, final_norm.h(), normed.h(), rows, H, eps, s), "model.norm");
        check_blas(dense_gemm_f16_f32out(blas.h, normed.h(), rows, lm_head, vocab_out, H, logits.as<float>()), -1,
                   "lm_head");
        check(cudaMemcpyAsync(host, logits.get(), size_t(rows) * vocab_out * sizeof(float), cudaMemcpyDeviceToHost, s),
              "logits copy");
        after(-1, "lm_head");
    }

    std::vector<float> feed(const std::vector<int32_t>& tokens, bool all_logits) {
        const int64_t n = int64_t(tokens.size());
        if (n == 0) throw InvalidArgument("no tokens to run");
        if (length + n > max_ctx)
            throw InvalidArgument("the context is full: " + std::to_string(length + n) + " tokens, at most " +
                                  std::to_string(max_ctx));
        for (const int32_t id : tokens)
            if (id < 0 || id >= vocab_rows)
                throw InvalidArgument("token id " + std::to_string(id) + " is outside the vocabulary (" +
                                      std::to_string(vocab_rows) + " rows)");
        ensure_logits(all_logits ? std::min(n, chunk) : 1);
        std::vector<float> out(size_t((all_logits ? n : 1) * vocab_out));
        std::vector<int32_t> positions(static_cast<size_t>(n));
        std::iota(positions.begin(), positions.end(), int32_t(length));
        for (int64_t c0 = 0; c0 < n; c0 += chunk) {
            const int m = int(std::min(chunk, n - c0));
            check(cudaMemcpyAsync(ids.get(), tokens.data() + c0, size_t(m) * 4, cudaMemcpyHostToDevice, stream.s),
                  "token id upload");
            check(cudaMemcpyAsync(pos.get(), positions.data() + c0, size_t(m) * 4, cudaMemcpyHostToDevice, stream.s),
                  "position upload");
            forward(m, int(length + c0));
            if (all_logits) head(m, m, out.data() + size_t(c0) * vocab_out);
            else if (c0 + m == n) head(m, 1, out.data());
        }
        sync("feed");
        length += n;
        return out;
    }
};

ModelRunner::ModelRunner(const Model& model, const RunnerOptions& options) {
    if (!cuda_device_available()) throw Unsupported("no CUDA device is available: run on the CPU");
    impl_ = std::make_unique<Impl>();
    impl_->load(model, options);
}

ModelRunner::ModelRunner(const ModelConfig& config, const SyntheticWeights& synthetic, const RunnerOptions& options) {
    if (!cuda_device_available()) throw Unsupported("no CUDA device is available: run on the CPU");
    impl_ = std::make_unique<Impl>();
    impl_->load_synthetic(config, synthetic, options);
}

ModelRunner::~ModelRunner() = default;

std::vector<float> ModelRunner::feed(const std::vector<int32_t>& tokens, bool all_logits) {
    return impl_->feed(tokens, all_logits);
}
void ModelRunner::reset() { impl_->length = 0; }
void ModelRunner::truncate(int64_t n) { impl_->length = std::clamp<int64_t>(n, 0, impl_->length); }
int64_t ModelRunner::length() const { return impl_->length; }
int64_t ModelRunner::max_context() const { return impl_->max_ctx; }
int64_t ModelRunner::max_batch() const { return impl_->chunk; }
const ModelConfig& ModelRunner::config() const { return impl_->cfg; }

RunnerMemory ModelRunner::memory() const {
    const Impl& m = *impl_;
    RunnerMemory r;
    r.weights = m.weight_bytes();
    r.kv_cache = m.kv.bytes();
    for (const DeviceBuffer* b : {&m.hidden, &m.normed, &m.block, &m.q, &m.attn, &m.gate, &m.up, &m.ids, &m.pos,
                                  &m.logits})
        r.scratch += b->bytes();
    return r;
}

std::string ModelRunner::weights_kind() const {
    int int4 = 0, dense = 0, group = 0;
    bool mixed_groups = false;
    for (const GpuLayer& l : impl_->layers)
        for (const GpuLinear* x : {&l.q, &l.k, &l.v, &l.o, &l.gate, &l.up, &l.down}) {
            if (!x->int4) {
                ++dense;
                continue;
            }
            ++int4;
            if (group && group != x->group) mixed_groups = true;
            group = x->group;
        }
    if (int4 == 0) return "fp16";
    std::string k = mixed_groups ? "int4 (mixed groups)" : "int4-g" + std::to_string(group);
    if (dense > 0) k += " + fp16 (" + std::to_string(dense) + " linears)";
    return k;
}

bool cuda_device_available() {
    int n = 0;
    if (cudaGetDeviceCount(&n) != cudaSuccess) {
        cudaGetLastError();
        return false;
    }
    return n > 0;
}

}  // namespace awq::cuda
