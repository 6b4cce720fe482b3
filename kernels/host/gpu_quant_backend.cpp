// SPDX-License-Identifier: MIT
// GpuLayerCompute (see gpu_quant_backend.hpp): the arithmetic of one AWQ layer on the device.
//
// Layout of a layer's weights on the device (fp32, PyTorch [out][in] rows): q, k, v stacked in one
// buffer [q_dim + 2 kv_dim][H] and gate, up in one [2 I][H], so that a group's candidate is a single
// fake_quant launch and its weight statistic a single pass; o [H][q_dim] and down [H][I] alone. Three
// such sets: `cur` (what the search modifies), `orig` (round-to-nearest baseline of measure_errors) and
// `cand` (candidates, the weight error E of the Gram losses, the fake-quantized weights of the error
// measurement).
//
// The forward pass mirrors core/src/runtime/decoder_layer.cpp in fp32: rmsnorm_f32, SGEMM + bias_add_f32
// per linear, qwen3's per-head norms, rope_f32 with the CPU's own cos / sin values, attention as two
// batched SGEMMs per chunk of sequences (scores = scale Q K^T, P V) around causal_softmax_f32,
// silu_mul_f32, residual_add_f32. The o / down losses use the Gram matrix as linear_loss.hpp does
// (two SGEMMs, then a double dot product).
#include "gpu_quant_backend.hpp"

#include "add_f32.cuh"
#include "causal_softmax_f32.cuh"
#include "channel_mean_abs.cuh"
#include "clip_search.cuh"
#include "cuda_context.hpp"
#include "device_memory.hpp"
#include "fake_quant.cuh"
#include "group_max_abs.cuh"
#include "model_runner.hpp"
#include "reduce_f64.cuh"
#include "rmsnorm_f32.cuh"
#include "rope_f32.cuh"
#include "scale_f32.cuh"
#include "silu_mul_f32.cuh"
#include "weight_mean_normalised.cuh"

#include <awq/error.hpp>
#include <awq/quant/range_search.hpp>
#include <awq/quant/scale_search.hpp>

#include <cublas_v2.h>
#include <cuda_runtime_api.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace awq::cuda {

namespace {

const char* kAdvice = "use fewer calibration samples or shorter blocks, or quantize on the CPU";

bool env_flag(const char* name) {
    const char* s = std::getenv(name);
    return s && *s && std::strcmp(s, "0") != 0;
}

// Device memory of the backend: an allocation failure says how to need less (device_memory.hpp).
class DevMem : public DeviceMemory {
public:
    DevMem() = default;
    DevMem(size_t bytes, const std::string& what) : DeviceMemory(bytes, what, kAdvice) {}
    // Grows (never shrinks) to at least `bytes`; the contents are not kept.
    void ensure(size_t bytes, const std::string& what) {
        if (bytes > this->bytes()) {
            *this = DevMem();
            *this = DevMem(bytes, what);
        }
    }
};

size_t floats(int64_t a, int64_t b = 1) { return size_t(a) * size_t(b) * sizeof(float); }

// The CUDA context of a quantization (cuda_context.hpp: stream, cuBLAS handle, how failures are worded) plus
// what the backend adds: TF32 or FP32 products, AWQ_CUDA_SYNC's step checks, the device's least free memory.
struct Context : CudaContext {
    bool sync_each = false;
    size_t least_free = SIZE_MAX, total = 0;

    explicit Context(bool tf32) : CudaContext("AWQ quantization", kAdvice) {
        sync_each = env_flag("AWQ_CUDA_SYNC");
        // FP32 products by default: the losses should follow the CPU's float sgemm, not TF32's 10-bit inputs.
        blas_check(cublasSetMathMode(blas, tf32 ? CUBLAS_TF32_TENSOR_OP_MATH : CUBLAS_DEFAULT_MATH),
                   "cublasSetMathMode");
        sample_memory();
    }

    // A launch status; with AWQ_CUDA_SYNC also the step's asynchronous faults.
    void step(cudaError_t e, const char* what) {
        check(e, what);
        if (sync_each) check(cudaStreamSynchronize(stream), what);
    }
    void blas_step(cublasStatus_t s, const char* what) {
        blas_check(s, what);
        if (sync_each) check(cudaStreamSynchronize(stream), what);
    }
    void sample_memory() {
        size_t f = 0, t = 0;
        if (cudaMemGetInfo(&f, &t) != cudaSuccess) {
            cudaGetLastError();
            return;
        }
        least_free = std::min(least_free, f);
        total = t;
    }

    void copy(void* dst, const void* src, size_t bytes, const char* what) {
        if (bytes == 0) return;
        step(cudaMemcpyAsync(dst, src, bytes, cudaMemcpyDeviceToDevice, stream), what);
    }

    // y[m][n] = x[m][k] W[n][k]^T (+ bias): cuBLAS column-major y^T = W^T(op T of W's k x n view) x^T.
    void linear(const float* x, int64_t m, const float* w, int64_t n, int64_t k, const float* bias, float* y,
                const char* what) {
        const float one = 1.0f, zero = 0.0f;
        blas_step(cublasSgemm(blas, CUBLAS_OP_T, CUBLAS_OP_N, int(n), int(m), int(k), &one, w, int(k), x, int(k), &zero,
                              y, int(n)),
                  what);
        if (bias) step(bias_add_f32(y, bias, m, int(n), stream), what);
    }
};

// The scalars a reduction leaves on the device, read back in one copy.
struct Scalars {
    DevMem partial{kReducePartials * sizeof(double), "reduction scratch"};
    DevMem result{4 * sizeof(double), "reduction results"};
    DevMem bad{sizeof(unsigned long long), "the quantization status flag"};

    double sum_sq_diff(Context& ctx, const float* a, const float* b, long long n, const char* what) {
        ctx.step(sum_sq_diff_f64(a, b, n, partial.as<double>(), result.as<double>(), ctx.stream), what);
        double r = 0;
        ctx.download(&r, result.get(), sizeof r, what);
        return r;
    }
    double dot(Context& ctx, const float* a, const float* b, long long n, const char* what) {
        ctx.step(dot_f64(a, b, n, partial.as<double>(), result.as<double>(), ctx.stream), what);
        double r = 0;
        ctx.download(&r, result.get(), sizeof r, what);
        return r;
    }
    void reset_bad(Context& ctx) {
        ctx.step(cudaMemsetAsync(bad.get(), 0xFF, sizeof(unsigned long long), ctx.stream), "status reset");
    }
    // The first group that could not be quantized, or -1.
    long long first_bad(Context& ctx) {
        unsigned long long v = 0;
        ctx.download(&v, bad.get(), sizeof v, "status read");
        return v == ~0ull ? -1 : (long long)v;
    }
};


GroupQuantSpec spec_for(const QuantParams& p, int64_t in) {
    GroupQuantSpec s;
    s.bits = p.bits;
    s.group = int(resolve_group_size(p, in));  // throws InvalidArgument like the CPU quantizer
    s.zero_point = p.zero_point;
    s.fp16_scales = p.fp16_scales;
    return s;
}

[[noreturn]] void throw_unquantizable(long long task, int64_t groups, const char* what) {
    throw InvalidArgument(std::string("quantization on the GPU: ") + what + ": weight row " +
                          std::to_string(task / groups) + " group " + std::to_string(task % groups) +
                          " has a non-finite value, a scale beyond the FP16 range or a bad clip bound");
}

// Scratch of the clip search, grown to the largest linear.
struct ClipScratch {
    DevMem xs, err, org_max, max_abs, shrink, best, unclipped, reverted;
};

// The row check (clip_search.hpp): each row's output error on the sampled tokens with the chosen bounds
// and unclipped, E . xs^T by one SGEMM each into the two halves of cs.err, then clip_row_check. Returns
// the rows set back to factor 1.
int64_t clip_row_check_device(Context& ctx, Scalars& sc, ClipScratch& cs, const float* w, int64_t out, int64_t in,
                              int64_t n_tokens, int64_t groups, const GroupQuantSpec& spec, float* e_scratch) {
    float* y[2] = {cs.err.f(), cs.err.f() + out * n_tokens};
    const float* bounds[2] = {cs.max_abs.f(), nullptr};
    sc.reset_bad(ctx);
    for (int v = 0; v < 2; ++v) {
        ctx.step(fake_quantize_f32(w, int(out), int(in), spec, nullptr, bounds[v], 1.0f, true, e_scratch,
                                   sc.bad.as<unsigned long long>(), ctx.stream),
                 "clip row check: fake-quantize");
        const float one = 1.0f, zero = 0.0f;
        // y^T [n_tokens][out] (column-major) = xs (op T of its in x n_tokens view) . E (in x out view).
        ctx.blas_step(cublasSgemm(ctx.blas, CUBLAS_OP_T, CUBLAS_OP_N, int(n_tokens), int(out), int(in), &one,
                                  cs.xs.f(), int(in), e_scratch, int(in), &zero, y[v], int(n_tokens)),
                      "clip row check: error products");
    }
    const long long bad = sc.first_bad(ctx);
    if (bad >= 0) throw_unquantizable(bad, groups, "clip row check");
    ctx.step(clip_row_check(y[0], y[1], int(out), int(groups), int(n_tokens), cs.org_max.f(), cs.unclipped.as<double>(),
                            cs.best.as<double>(), cs.max_abs.f(), cs.shrink.f(), cs.reverted.as<int>(), ctx.stream),
             "clip row check");
    std::vector<int> reverted(static_cast<size_t>(out));
    ctx.download(reverted.data(), cs.reverted.get(), size_t(out) * sizeof(int), "clip row check: results");
    int64_t n = 0;
    for (int r : reverted) n += r;
    return n;
}

// search_best_clip (clip_search.cpp) on device data: w [out][in] (clamped in place to the chosen bounds
// when apply), x [rows][in] the linear's inputs of which rows are sampled like sample_rows. The error
// products err_k = E[:, k] xs[:, k]^T of all groups k are one strided-batched SGEMM per shrink step.
ClipResult clip_search_device(Context& ctx, Scalars& sc, ClipScratch& cs, float* w, int64_t out, int64_t in,
                              const float* x, int64_t rows, float* e_scratch, const AwqSettings& settings,
                              const std::function<bool()>& keep_going, bool apply) {
    const GroupQuantSpec spec = spec_for(settings.quant, in);
    const int64_t g = spec.group, groups = in / g;
    const int64_t n = std::max<int64_t>(settings.clip_tokens, 1);
    const int64_t stride = std::max<int64_t>(1, rows / n);
    const int64_t n_tokens = std::min(n, (rows + stride - 1) / stride);
    if (settings.clip_tokens < 1 || n_tokens < 1) throw InvalidArgument("the clip search needs at least one token");
    cs.xs.ensure(floats(n_tokens, in), "the clip search's sampled inputs");
    // groups x out partial errors per step; the row check needs two [out][n_tokens] outputs.
    cs.err.ensure(floats(std::max<int64_t>(groups, 2) * out, n_tokens), "the clip search's partial-output errors");
    cs.reverted.ensure(size_t(out) * sizeof(int), "the clip row check's flags");
    for (DevMem* b : {&cs.org_max, &cs.max_abs, &cs.shrink}) b->ensure(floats(out, groups), "the clip bounds");
    for (DevMem* b : {&cs.best, &cs.unclipped}) b->ensure(size_t(out * groups) * sizeof(double), "the clip errors");
    ctx.step(cudaMemcpy2DAsync(cs.xs.get(), size_t(in) * 4, x, size_t(stride * in) * 4, size_t(in) * 4,
                               size_t(n_tokens), cudaMemcpyDeviceToDevice, ctx.stream),
             "clip: sampling inputs");
    ctx.step(group_max_abs(w, int(out), int(in), int(g), cs.org_max.f(), ctx.stream), "clip: group max");
    const int steps = std::max(1, int(settings.clip_grid * settings.clip_max_shrink));
    for (int step = 0; step < steps; ++step) {
        const float factor = 1.0f - float(step) / float(settings.clip_grid);
        sc.reset_bad(ctx);
        ctx.step(fake_quantize_f32(w, int(out), int(in), spec, nullptr, cs.org_max.f(), factor, true, e_scratch,
                                   sc.bad.as<unsigned long long>(), ctx.stream),
                 "clip: fake-quantize");
        const float one = 1.0f, zero = 0.0f;
        // err_k^T [n_tokens][out] (column-major) = xs_k (op T of its g x n_tokens view) . E_k (g x out view).
        ctx.blas_step(cublasSgemmStridedBatched(ctx.blas, CUBLAS_OP_T, CUBLAS_OP_N, int(n_tokens), int(out), int(g),
                                                &one, cs.xs.f(), int(in), g, e_scratch, int(in), g, &zero,
                                                cs.err.f(), int(n_tokens), out * n_tokens, int(groups)),
                      "clip: error products");
        ctx.step(clip_update(cs.err.f(), int(groups), int(out), int(n_tokens), step, factor, cs.org_max.f(),
                             cs.best.as<double>(), cs.unclipped.as<double>(), cs.max_abs.f(), cs.shrink.f(),
                             ctx.stream),
                 "clip: update");
        const long long bad = sc.first_bad(ctx);
        if (bad >= 0) throw_unquantizable(bad, groups, "clip search");
        if (keep_going && !keep_going()) throw Cancelled();
    }
    ClipResult r;
    r.rows = out;
    if (clip_row_check_applies(settings))
        r.rows_reverted = clip_row_check_device(ctx, sc, cs, w, out, in, n_tokens, groups, spec, e_scratch);
    const size_t cells = size_t(out * groups);
    r.max_abs.resize(cells);
    r.shrink.resize(cells);
    std::vector<double> best(cells), unclipped(cells);
    ctx.download(r.max_abs.data(), cs.max_abs.get(), cells * 4, "clip: results");
    ctx.download(r.shrink.data(), cs.shrink.get(), cells * 4, "clip: results");
    ctx.download(best.data(), cs.best.get(), cells * 8, "clip: results");
    ctx.download(unclipped.data(), cs.unclipped.get(), cells * 8, "clip: results");
    for (int64_t k = 0; k < groups; ++k)  // the CPU's order: groups outside, rows inside
        for (int64_t o = 0; o < out; ++o) r.error_unclipped += unclipped[size_t(o * groups + k)];
    for (double b : best) r.error_clipped += b;
    r.error_unclipped /= double(out);
    r.error_clipped /= double(out);
    if (apply) ctx.step(clip_apply(w, int(out), int(in), int(g), cs.max_abs.f(), ctx.stream), "clip: apply");
    return r;
}

// One layer's weights on the device (see the file comment).
struct LayerBuffers {
    DevMem qkv, o, gu, down;
};

// Device pointers of one set of weights, biases and norms for a forward pass.
struct LayerView {
    const float* w[kLinearCount] = {};
    const float* b[kLinearCount] = {};
    const float* input_norm = nullptr;
    const float* post_norm = nullptr;
    const float* q_norm = nullptr;
    const float* k_norm = nullptr;
};

// Biases and norms of one set on the device (uploaded from the host copies when they change).
struct SmallBuffers {
    DevMem b[kLinearCount];
    DevMem input_norm, post_norm, q_norm, k_norm;
};

}  // namespace

struct GpuLayerCompute::Impl {
    Context ctx;
    Scalars sc;
    ClipScratch clip;
    std::string device_name;
    bool debug = env_flag("AWQ_GPU_QUANT_DEBUG");
    std::chrono::steady_clock::time_point t_mark;  // start of the current stage (debug timings)
    int candidates = 0;                             // scale_loss calls since the last apply_scales

    // Shapes.
    const ModelConfig* c = nullptr;
    int64_t hidden_size = 0, intermediate_size = 0, q_dim = 0, kv_dim = 0, n_heads = 0, n_kv_heads = 0, head_dim = 0,
            n_seq = 0, len = 0, calib_tokens = 0;
    int64_t search_seqs = 0;  // sequences the attention and MLP scale-search losses run on
    float eps = 0;
    int64_t seq_chunk = 1;

    // Activations [T][...]: the hidden states (input of the next layer), this layer's input, the captured
    // block inputs / outputs, and the forward pass's scratch.
    DevMem hidden, input, attn_in, o_in, attn_out, mlp_in, down_in, mlp_out;
    DevMem normed, q, k, v, attn, out, gate, up, work, scores;
    DevMem ptrs;  // batched-attention pointer arrays: Q, K, V, O (into o_in), O (into attn), S
    int64_t n_batch = 0;
    DevMem rope_cos, rope_sin;
    DevMem saliency_partial, saliency;

    // Weights.
    LayerBuffers cur, orig, cand;
    SmallBuffers cur_small, orig_small;
    FloatLayer host;   // shapes, biases and norms as the search modifies them (weights released after upload)
    DevMem eg, gram, gmax, wmean, svec;
    DevMem codes, qscales, qzeros;
    int gram_group = -1;  // the ScaleGroup whose Gram matrix `gram` holds, -1 none
    bool weights_allocated = false;

    explicit Impl(const GpuQuantOptions& o) : ctx(o.tf32) {
        cudaDeviceProp prop{};
        int dev = 0;
        if (cudaGetDevice(&dev) == cudaSuccess && cudaGetDeviceProperties(&prop, dev) == cudaSuccess)
            device_name = prop.name;
        cudaGetLastError();
    }

    // ---- shapes and allocation -----------------------------------------------------------------

    void set_shapes(const ModelConfig& cfg, int64_t seqs, int64_t seq_len) {
        c = &cfg;
        hidden_size = cfg.hidden_size;
        intermediate_size = cfg.intermediate_size;
        n_heads = cfg.num_attention_heads;
        n_kv_heads = cfg.num_key_value_heads ? cfg.num_key_value_heads : n_heads;
        head_dim = cfg.head_dim ? cfg.head_dim : hidden_size / n_heads;
        q_dim = n_heads * head_dim;
        kv_dim = n_kv_heads * head_dim;
        n_seq = seqs;
        len = seq_len;
        calib_tokens = seqs * seq_len;
        eps = float(cfg.rms_norm_eps);
        if (n_heads % n_kv_heads != 0)
            throw Unsupported("GPU quantization needs num_attention_heads to be a multiple of num_key_value_heads");
        if (head_dim % 2 != 0) throw Unsupported("GPU quantization needs an even head_dim");
        const int64_t biggest = std::max({calib_tokens * std::max(hidden_size, intermediate_size),
                                          (q_dim + 2 * kv_dim) * hidden_size, 2 * intermediate_size * hidden_size,
                                          intermediate_size * intermediate_size, q_dim * q_dim});
        if (biggest >= INT_MAX || calib_tokens >= INT_MAX)
            throw Unsupported("GPU quantization: a matrix of " + std::to_string(biggest) +
                              " values is beyond the 32-bit sizes of the kernels; use fewer calibration blocks");
    }

    void allocate_activations() {
        const std::string tok = " (" + std::to_string(calib_tokens) + " calibration tokens)";
        hidden = DevMem(floats(calib_tokens, hidden_size), "the hidden states" + tok);
        input = DevMem(floats(calib_tokens, hidden_size), "the layer input" + tok);
        attn_in = DevMem(floats(calib_tokens, hidden_size), "the captured attention input" + tok);
        o_in = DevMem(floats(calib_tokens, q_dim), "the captured o_proj input" + tok);
        attn_out = DevMem(floats(calib_tokens, hidden_size), "the captured attention output" + tok);
        mlp_in = DevMem(floats(calib_tokens, hidden_size), "the captured MLP input" + tok);
        down_in = DevMem(floats(calib_tokens, intermediate_size), "the captured down_proj input" + tok);
        mlp_out = DevMem(floats(calib_tokens, hidden_size), "the captured MLP output" + tok);
        normed = DevMem(floats(calib_tokens, hidden_size), "normalised hidden states" + tok);
        q = DevMem(floats(calib_tokens, q_dim), "queries" + tok);
        k = DevMem(floats(calib_tokens, kv_dim), "keys" + tok);
        v = DevMem(floats(calib_tokens, kv_dim), "values" + tok);
        attn = DevMem(floats(calib_tokens, q_dim), "attention outputs" + tok);
        out = DevMem(floats(calib_tokens, hidden_size), "block outputs" + tok);
        gate = DevMem(floats(calib_tokens, intermediate_size), "MLP gate activations" + tok);
        up = DevMem(floats(calib_tokens, intermediate_size), "MLP up activations" + tok);
        work = DevMem(floats(calib_tokens, hidden_size), "the error measurement's hidden states" + tok);
        // Scores of a chunk of sequences, at most 1 GiB (or one sequence).
        const int64_t per_seq = n_heads * len * len;
        seq_chunk = std::clamp<int64_t>((int64_t(1) << 28) / std::max<int64_t>(per_seq, 1), 1, n_seq);
        scores = DevMem(floats(seq_chunk * per_seq), "attention scores of " + std::to_string(seq_chunk) + " sequences");
        saliency_partial = DevMem(
            size_t(channel_mean_abs_partials(calib_tokens, int(std::max({hidden_size, intermediate_size, q_dim})))) *
                sizeof(double),
            "saliency partial sums");
        saliency = DevMem(floats(std::max({hidden_size, intermediate_size, q_dim})), "saliency");
        svec = DevMem(floats(std::max({hidden_size, intermediate_size, q_dim})), "candidate scales");
        build_attention_pointers();
    }

    // Batch entry b = sequence * nh + head: Q, K, V, O rows of that sequence and head; S of its chunk slot.
    void build_attention_pointers() {
        n_batch = n_seq * n_heads;
        const int64_t group = n_heads / n_kv_heads;
        std::vector<const float*> p(size_t(6 * n_batch));
        for (int64_t b = 0; b < n_batch; ++b) {
            const int64_t s = b / n_heads, h = b % n_heads, kvh = h / group;
            p[size_t(b)] = q.f() + s * len * q_dim + h * head_dim;
            p[size_t(n_batch + b)] = k.f() + s * len * kv_dim + kvh * head_dim;
            p[size_t(2 * n_batch + b)] = v.f() + s * len * kv_dim + kvh * head_dim;
            p[size_t(3 * n_batch + b)] = o_in.f() + s * len * q_dim + h * head_dim;
            p[size_t(4 * n_batch + b)] = attn.f() + s * len * q_dim + h * head_dim;
            p[size_t(5 * n_batch + b)] = scores.f() + (b % (seq_chunk * n_heads)) * len * len;
        }
        ptrs = DevMem(p.size() * sizeof(float*), "attention pointer arrays");
        ctx.upload(ptrs.get(), p.data(), p.size() * sizeof(float*), "attention pointer arrays");
    }

    // cos / sin of positions 0..len-1 exactly as the CPU has them: RopeTable::apply on unit vectors
    // (x = 1 in the first half, 0 in the second, gives (cos, sin) without rounding).
    void upload_rope(const RopeTable& rope) {
        const int64_t half = head_dim / 2;
        std::vector<float> x(size_t(len * head_dim), 0.0f);
        std::vector<int64_t> pos(static_cast<size_t>(len));
        for (int64_t p = 0; p < len; ++p) {
            pos[size_t(p)] = p;
            for (int64_t i = 0; i < half; ++i) x[size_t(p * head_dim + i)] = 1.0f;
        }
        rope.apply(x.data(), len, 1, pos.data());
        std::vector<float> cs(size_t(len * half)), sn(size_t(len * half));
        for (int64_t p = 0; p < len; ++p)
            for (int64_t i = 0; i < half; ++i) {
                cs[size_t(p * half + i)] = x[size_t(p * head_dim + i)];
                sn[size_t(p * half + i)] = x[size_t(p * head_dim + half + i)];
            }
        rope_cos = DevMem(floats(len, half), "RoPE cosines");
        rope_sin = DevMem(floats(len, half), "RoPE sines");
        ctx.upload(rope_cos.get(), cs.data(), cs.size() * 4, "RoPE table");
        ctx.upload(rope_sin.get(), sn.data(), sn.size() * 4, "RoPE table");
    }

    void allocate_weights() {
        if (weights_allocated) return;
        for (auto [set, name] :
             {std::pair{&cur, "current"}, std::pair{&orig, "original"}, std::pair{&cand, "candidate"}}) {
            const std::string n = std::string(" (") + name + " fp32 weights of one layer)";
            set->qkv = DevMem(floats(q_dim + 2 * kv_dim, hidden_size), "q/k/v_proj" + n);
            set->o = DevMem(floats(hidden_size, q_dim), "o_proj" + n);
            set->gu = DevMem(floats(2 * intermediate_size, hidden_size), "gate/up_proj" + n);
            set->down = DevMem(floats(hidden_size, intermediate_size), "down_proj" + n);
        }
        eg = DevMem(floats(hidden_size, std::max(q_dim, intermediate_size)), "the Gram loss's E G product");
        gram = DevMem(floats(std::max(q_dim, intermediate_size), std::max(q_dim, intermediate_size)),
                      "the Gram matrix of the o/down inputs");
        const int64_t rows = std::max({q_dim + 2 * kv_dim, 2 * intermediate_size, hidden_size});
        gmax = DevMem(floats(rows, std::max({hidden_size, intermediate_size, q_dim})), "group maxima");
        wmean = DevMem(floats(std::max({hidden_size, intermediate_size, q_dim})), "the weight statistic");
        weights_allocated = true;
    }

    // ---- weight addressing -----------------------------------------------------------------------

    static float* weight(LayerBuffers& set, int i, int64_t qd_, int64_t kvd_, int64_t H_, int64_t I_) {
        switch (i) {
            case kQ: return set.qkv.f();
            case kK: return set.qkv.f() + qd_ * H_;
            case kV: return set.qkv.f() + (qd_ + kvd_) * H_;
            case kO: return set.o.f();
            case kGate: return set.gu.f();
            case kUp: return set.gu.f() + I_ * H_;
            default: return set.down.f();
        }
    }
    float* w(LayerBuffers& set, int i) { return weight(set, i, q_dim, kv_dim, hidden_size, intermediate_size); }
    int64_t rows_of(int i) const {
        return i == kQ                   ? q_dim
               : (i == kK || i == kV)    ? kv_dim
               : (i == kO || i == kDown) ? hidden_size
                                         : intermediate_size;
    }
    int64_t in_of(int i) const { return i == kO ? q_dim : i == kDown ? intermediate_size : hidden_size; }

    // The stacked buffer of a scale group's linears and its row count.
    std::pair<float*, int64_t> group_weights(LayerBuffers& set, ScaleGroup g) {
        switch (g) {
            case ScaleGroup::Qkv: return {set.qkv.f(), q_dim + 2 * kv_dim};
            case ScaleGroup::O: return {set.o.f(), hidden_size};
            case ScaleGroup::GateUp: return {set.gu.f(), 2 * intermediate_size};
            case ScaleGroup::Down: return {set.down.f(), hidden_size};
        }
        return {nullptr, 0};
    }
    // The captured input of a scale group's linears.
    float* group_input(ScaleGroup g) {
        switch (g) {
            case ScaleGroup::Qkv: return attn_in.f();
            case ScaleGroup::O: return o_in.f();
            case ScaleGroup::GateUp: return mlp_in.f();
            case ScaleGroup::Down: return down_in.f();
        }
        return nullptr;
    }

    void upload_small(SmallBuffers& dst, const FloatLayer& f) {
        for (int i = 0; i < kLinearCount; ++i) upload_vector(dst.b[i], f.b[i], "bias");
        upload_vector(dst.input_norm, f.input_norm, "input_layernorm");
        upload_vector(dst.post_norm, f.post_norm, "post_attention_layernorm");
        upload_vector(dst.q_norm, f.q_norm, "q_norm");
        upload_vector(dst.k_norm, f.k_norm, "k_norm");
    }
    void upload_vector(DevMem& dst, const std::vector<float>& v, const char* what) {
        if (v.empty()) {
            dst = DevMem();
            return;
        }
        dst.ensure(v.size() * 4, what);
        ctx.upload(dst.get(), v.data(), v.size() * 4, what);
    }

    LayerView view(LayerBuffers& set, const SmallBuffers& small) {
        LayerView lv;
        for (int i = 0; i < kLinearCount; ++i) {
            lv.w[i] = w(set, i);
            lv.b[i] = small.b[i].bytes() ? small.b[i].f() : nullptr;
        }
        lv.input_norm = small.input_norm.f();
        lv.post_norm = small.post_norm.f();
        lv.q_norm = small.q_norm.bytes() ? small.q_norm.f() : nullptr;
        lv.k_norm = small.k_norm.bytes() ? small.k_norm.f() : nullptr;
        return lv;
    }

    void check_shapes(const FloatLayer& f) {
        for (int i = 0; i < kLinearCount; ++i) {
            if (f.in[i] != in_of(i) || f.out[i] != rows_of(i))
                throw Unsupported(std::string(layer_linear_names()[size_t(i)]) + " has shape [" +
                                  std::to_string(f.out[i]) + ", " + std::to_string(f.in[i]) +
                                  "], the config implies [" + std::to_string(rows_of(i)) + ", " +
                                  std::to_string(in_of(i)) + "]");
            if (int64_t(f.w[i].size()) != f.in[i] * f.out[i])
                throw InvalidArgument(std::string(layer_linear_names()[size_t(i)]) + ": weight size mismatch");
        }
    }

    // Uploads f's weights to `cur` (and a copy to `orig`), biases and norms to both small sets.
    void load_layer(const FloatLayer& f) {
        check_shapes(f);
        allocate_weights();
        for (int i = 0; i < kLinearCount; ++i) ctx.upload(w(cur, i), f.w[i].data(), f.w[i].size() * 4, "weight upload");
        for (DevMem LayerBuffers::*m : {&LayerBuffers::qkv, &LayerBuffers::o, &LayerBuffers::gu, &LayerBuffers::down})
            ctx.copy((orig.*m).get(), (cur.*m).get(), (cur.*m).bytes(), "weight copy");
        upload_small(cur_small, f);
        upload_small(orig_small, f);
        gram_group = -1;
    }

    // ---- forward pieces ------------------------------------------------------------------------

    // Attention block on the first `seqs` sequences of normalised input x [T][H]: o_proj input to the O
    // pointer set `o_slot` (3 = o_in, 4 = attn), block output to y.
    void attention(const LayerView& L, const float* x, int o_slot, float* y, int64_t seqs) {
        const int64_t t = seqs * len;
        ctx.linear(x, t, L.w[kQ], q_dim, hidden_size, L.b[kQ], q.f(), "q_proj");
        ctx.linear(x, t, L.w[kK], kv_dim, hidden_size, L.b[kK], k.f(), "k_proj");
        ctx.linear(x, t, L.w[kV], kv_dim, hidden_size, L.b[kV], v.f(), "v_proj");
        if (L.q_norm) {
            ctx.step(rmsnorm_f32(q.f(), L.q_norm, q.f(), t * n_heads, int(head_dim), eps, ctx.stream), "q_norm");
            ctx.step(rmsnorm_f32(k.f(), L.k_norm, k.f(), t * n_kv_heads, int(head_dim), eps, ctx.stream), "k_norm");
        }
        ctx.step(rope_f32(q.f(), t, int(n_heads), int(head_dim), int(len), rope_cos.f(), rope_sin.f(), ctx.stream),
                 "rope q");
        ctx.step(rope_f32(k.f(), t, int(n_kv_heads), int(head_dim), int(len), rope_cos.f(), rope_sin.f(), ctx.stream),
                 "rope k");
        auto** P = ptrs.as<float*>();
        const float scale = 1.0f / std::sqrt(float(head_dim)), one = 1.0f, zero = 0.0f;
        for (int64_t s0 = 0; s0 < seqs; s0 += seq_chunk) {
            const int64_t b0 = s0 * n_heads, nb = std::min(seq_chunk, seqs - s0) * n_heads;
            // S^T (len x len, column-major) = K_b^T Q_b: row-major S[i][j] = scale q_i . k_j.
            ctx.blas_step(cublasSgemmBatched(ctx.blas, CUBLAS_OP_T, CUBLAS_OP_N, int(len), int(len), int(head_dim),
                                             &scale, P + n_batch + b0, int(kv_dim), P + b0, int(q_dim), &zero,
                                             P + 5 * n_batch, int(len), int(nb)),
                          "attention scores");
            ctx.step(causal_softmax_f32(scores.f(), int(nb), int(len), ctx.stream), "attention softmax");
            // O_b (hd x len, column-major, ld q_dim) = V_b (hd x len) P_b (len x len view of row-major P).
            ctx.blas_step(cublasSgemmBatched(ctx.blas, CUBLAS_OP_N, CUBLAS_OP_N, int(head_dim), int(len), int(len),
                                             &one, P + 2 * n_batch + b0, int(kv_dim), P + 5 * n_batch, int(len), &zero,
                                             P + o_slot * n_batch + b0, int(q_dim), int(nb)),
                          "attention values");
        }
        const float* o_input = o_slot == 3 ? o_in.f() : attn.f();
        ctx.linear(o_input, t, L.w[kO], hidden_size, q_dim, L.b[kO], y, "o_proj");
    }

    // MLP block on the first `tokens` rows of normalised input x [T][H]: silu(gate) * up to d [T][I],
    // output to y.
    void mlp(const LayerView& L, const float* x, float* d, float* y, int64_t tokens) {
        ctx.linear(x, tokens, L.w[kGate], intermediate_size, hidden_size, L.b[kGate], d, "gate_proj");
        ctx.linear(x, tokens, L.w[kUp], intermediate_size, hidden_size, L.b[kUp], up.f(), "up_proj");
        ctx.step(silu_mul_f32(d, up.f(), tokens * intermediate_size, ctx.stream), "silu_mul");
        ctx.linear(d, tokens, L.w[kDown], hidden_size, intermediate_size, L.b[kDown], y, "down_proj");
    }

    // The whole layer in place on h [T][H]; with capture, the block inputs and outputs are kept.
    void layer_forward(const LayerView& L, float* h, bool capture) {
        float* a_in = capture ? attn_in.f() : normed.f();
        float* a_out = capture ? attn_out.f() : out.f();
        float* m_in = capture ? mlp_in.f() : normed.f();
        float* d_in = capture ? down_in.f() : gate.f();
        float* m_out = capture ? mlp_out.f() : out.f();
        ctx.step(rmsnorm_f32(h, L.input_norm, a_in, calib_tokens, int(hidden_size), eps, ctx.stream),
                 "input_layernorm");
        attention(L, a_in, capture ? 3 : 4, a_out, n_seq);
        ctx.step(residual_add_f32(h, a_out, calib_tokens * hidden_size, ctx.stream), "attention residual");
        ctx.step(rmsnorm_f32(h, L.post_norm, m_in, calib_tokens, int(hidden_size), eps, ctx.stream),
                 "post_attention_layernorm");
        mlp(L, m_in, d_in, m_out, calib_tokens);
        ctx.step(residual_add_f32(h, m_out, calib_tokens * hidden_size, ctx.stream), "mlp residual");
    }

    std::vector<float> mean_abs(const float* x, int64_t cols) {
        ctx.step(channel_mean_abs(x, calib_tokens, int(cols), saliency_partial.as<double>(), saliency.f(), ctx.stream),
                 "saliency");
        std::vector<float> r(static_cast<size_t>(cols));
        ctx.download(r.data(), saliency.get(), r.size() * 4, "saliency");
        return r;
    }

    void upload_scales(const std::vector<float>& s, int64_t n) {
        if (int64_t(s.size()) != n) throw InvalidArgument("GPU quantization: a scale vector has the wrong length");
        ctx.upload(svec.get(), s.data(), s.size() * 4, "scale upload");
    }

    // The Gram matrix G = x^T x [in][in] of a linear's captured input. Full SGEMMs rather than
    // SSYRK / SSYMM: twice the flops for G (once per group), but the per-candidate product E G runs at
    // SGEMM speed, which dominates (20 candidates).
    void ensure_gram(ScaleGroup g) {
        if (gram_group == int(g)) return;
        const bool is_o = g == ScaleGroup::O;
        const int64_t in = is_o ? q_dim : intermediate_size;
        const float* x = is_o ? o_in.f() : down_in.f();
        const float one = 1.0f, zero = 0.0f;
        // Column-major: x is in x T (ld in); G = x x^T.
        ctx.blas_step(cublasSgemm(ctx.blas, CUBLAS_OP_N, CUBLAS_OP_T, int(in), int(in), int(calib_tokens), &one, x,
                                  int(in), x, int(in), &zero, gram.f(), int(in)),
                      "Gram matrix");
        gram_group = int(g);
    }

    double debug_seconds(std::chrono::steady_clock::time_point t0) {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
};

GpuLayerCompute::GpuLayerCompute(const GpuQuantOptions& options) {
    if (!cuda_device_available()) throw Unsupported("no CUDA device is available: quantize on the CPU");
    impl_ = std::make_unique<Impl>(options);
}

GpuLayerCompute::~GpuLayerCompute() = default;

void GpuLayerCompute::start(const ModelConfig& config, const RopeTable& rope, std::vector<float> embeddings,
                            int64_t n_seq, int64_t seq_len, int64_t search_seqs) {
    Impl& m = *impl_;
    // A new run (the object may quantize more than once, e.g. `awq compare`'s RTN and AWQ runs): nothing
    // sized or cached for the previous one is kept.
    m.ctx.layer = -1;
    m.weights_allocated = false;
    m.gram_group = -1;
    m.set_shapes(config, n_seq, seq_len);
    m.search_seqs = std::clamp<int64_t>(search_seqs, 1, n_seq);
    if (int64_t(embeddings.size()) != m.calib_tokens * m.hidden_size)
        throw InvalidArgument("GPU quantization: embeddings have the wrong size");
    m.allocate_activations();
    m.upload_rope(rope);
    m.ctx.upload(m.hidden.get(), embeddings.data(), embeddings.size() * 4, "embedding upload");
    m.ctx.sample_memory();
}

void GpuLayerCompute::advance(const LayerWeights& original) {
    Impl& m = *impl_;
    ++m.ctx.layer;
    m.load_layer(float_layer(original));
    m.layer_forward(m.view(m.cur, m.cur_small), m.hidden.f(), false);
    m.ctx.sync("advance");
}

LayerCapture GpuLayerCompute::begin_layer(FloatLayer layer, const LayerWeights&) {
    Impl& m = *impl_;
    ++m.ctx.layer;
    const auto t0 = std::chrono::steady_clock::now();
    m.load_layer(layer);
    for (auto& x : layer.w) std::vector<float>().swap(x);  // the device holds them now
    m.host = layer;
    m.ctx.copy(m.input.get(), m.hidden.get(), floats(m.calib_tokens, m.hidden_size), "layer input copy");
    m.layer_forward(m.view(m.cur, m.cur_small), m.hidden.f(), true);
    LayerCapture cap;
    cap.output_power = m.sc.sum_sq_diff(m.ctx, m.hidden.f(), nullptr, m.calib_tokens * m.hidden_size, "output power") /
                       double(m.calib_tokens * m.hidden_size);
    cap.saliency[0] = m.mean_abs(m.attn_in.f(), m.hidden_size);
    cap.saliency[1] = m.mean_abs(m.o_in.f(), m.q_dim);
    cap.saliency[2] = m.mean_abs(m.mlp_in.f(), m.hidden_size);
    cap.saliency[3] = m.mean_abs(m.down_in.f(), m.intermediate_size);
    m.ctx.sample_memory();
    if (m.debug)
        std::fprintf(stderr, "[gpu-quant] layer %d: upload + capture %.3f s\n", m.ctx.layer, m.debug_seconds(t0));
    m.t_mark = std::chrono::steady_clock::now();
    m.candidates = 0;
    return cap;
}

std::vector<float> GpuLayerCompute::weight_mean(ScaleGroup g, int64_t group_size) {
    Impl& m = *impl_;
    auto [w, rows] = m.group_weights(m.cur, g);
    const int64_t in = m.in_of(scale_group_linears(g)[0]);
    const int64_t gs = group_size > 0 ? group_size : in;
    m.ctx.step(group_max_abs(w, int(rows), int(in), int(gs), m.gmax.f(), m.ctx.stream), "weight statistic: group max");
    m.ctx.step(weight_mean_normalised(w, int(rows), int(in), int(gs), m.gmax.f(), m.wmean.f(), m.ctx.stream),
               "weight statistic");
    std::vector<float> r(static_cast<size_t>(in));
    m.ctx.download(r.data(), m.wmean.get(), r.size() * 4, "weight statistic");
    return r;
}

double GpuLayerCompute::scale_loss(ScaleGroup g, const std::vector<float>& s, const QuantParams& quant) {
    Impl& m = *impl_;
    const int64_t in = m.in_of(scale_group_linears(g)[0]);
    const GroupQuantSpec spec = spec_for(quant, in);
    m.upload_scales(s, in);
    auto [w, rows] = m.group_weights(m.cur, g);
    auto [cw, crows] = m.group_weights(m.cand, g);
    const bool linear_loss = g == ScaleGroup::O || g == ScaleGroup::Down;
    ++m.candidates;
    m.sc.reset_bad(m.ctx);
    // Candidates fq(W * s) / s; for the Gram losses directly E = fq(W * s) / s - W.
    m.ctx.step(fake_quantize_f32(w, int(rows), int(in), spec, m.svec.f(), nullptr, 1.0f, linear_loss, cw,
                                 m.sc.bad.as<unsigned long long>(), m.ctx.stream),
               "scale search: fake-quantize");
    const long long bad = m.sc.first_bad(m.ctx);
    if (bad >= 0) throw_unquantizable(bad, in / spec.group, scale_group_name(g));
    if (linear_loss) {
        m.ensure_gram(g);
        const float one = 1.0f, zero = 0.0f;
        // (E G)^T column-major [in][out] = G (symmetric) . E^T, E^T being E's column-major view.
        m.ctx.blas_step(cublasSgemm(m.ctx.blas, CUBLAS_OP_N, CUBLAS_OP_N, int(in), int(rows), int(in), &one,
                                    m.gram.f(), int(in), cw, int(in), &zero, m.eg.f(), int(in)),
                        "scale search: E G");
        return m.sc.dot(m.ctx, cw, m.eg.f(), rows * in, "scale search: e . E G") / double(m.calib_tokens * rows);
    }
    LayerView L = m.view(m.cur, m.cur_small);
    const int64_t search_tokens = m.search_seqs * m.len;  // the block losses' sample (search_block_count)
    if (g == ScaleGroup::Qkv) {
        for (int i : {kQ, kK, kV}) L.w[i] = m.w(m.cand, i);
        m.attention(L, m.attn_in.f(), 4, m.out.f(), m.search_seqs);
        return m.sc.sum_sq_diff(m.ctx, m.out.f(), m.attn_out.f(), search_tokens * m.hidden_size, "scale search: loss") /
               double(search_tokens * m.hidden_size);
    }
    for (int i : {kGate, kUp}) L.w[i] = m.w(m.cand, i);
    m.mlp(L, m.mlp_in.f(), m.gate.f(), m.out.f(), search_tokens);
    return m.sc.sum_sq_diff(m.ctx, m.out.f(), m.mlp_out.f(), search_tokens * m.hidden_size, "scale search: loss") /
           double(search_tokens * m.hidden_size);
}

void GpuLayerCompute::apply_scales(ScaleGroup g, const std::vector<float>& s) {
    Impl& m = *impl_;
    auto& ctx = m.ctx;
    FloatLayer& f = m.host;
    m.gram_group = -1;
    const auto scale = [&](float* x, int64_t rows, int64_t cols, ScaleMode mode, const char* what) {
        ctx.step(apply_scale_f32(x, rows, int(cols), m.svec.f(), mode, ctx.stream), what);
    };
    // The absorbing op from the one scale-group table (layer_compute.hpp); the weights s multiplies are the
    // group's rows of this backend's fused buffers (qkv, gate_up).
    const ScaleGroupInfo& info = scale_group_info(g);
    const int64_t width = m.in_of(info.first_linear);
    const std::string what = std::string("apply ") + info.name + " scales";
    m.upload_scales(s, width);
    if (info.absorber == Absorber::Linear) {
        const int p = info.prev_linear;
        scale(m.w(m.cur, p), m.rows_of(p), m.in_of(p), ScaleMode::DivRows, (what + " to " + info.prev_op).c_str());
        for (size_t o = 0; o < f.b[p].size(); ++o) f.b[p][o] /= s[o];
        m.upload_vector(m.cur_small.b[p], f.b[p], info.prev_op);
    } else {
        const bool input = info.absorber == Absorber::InputNorm;
        std::vector<float>& norm = input ? f.input_norm : f.post_norm;
        for (size_t i = 0; i < s.size(); ++i) norm[i] /= s[i];
        m.upload_vector(input ? m.cur_small.input_norm : m.cur_small.post_norm, norm, info.prev_op);
    }
    const auto [weights, rows] = m.group_weights(m.cur, g);
    scale(weights, rows, width, ScaleMode::MulColumns, what.c_str());
    scale(m.group_input(g), m.calib_tokens, width, ScaleMode::DivColumns, (what + " to inputs").c_str());
    ctx.sync("apply scales");
    if (m.debug)
        std::fprintf(stderr, "[gpu-quant] layer %d: %s search, %d candidates, %.3f s\n", ctx.layer, scale_group_name(g),
                     m.candidates, m.debug_seconds(m.t_mark));
    m.t_mark = std::chrono::steady_clock::now();
    m.candidates = 0;
}

namespace {

// The weighted range search (range_search.hpp) runs on the host: the linear's weights come down, the
// importance (mean x^2 per input) is accumulated over its inputs streamed down in 64 MiB chunks, and the
// clamped weights go back up. On a 7B MLP input that is ~1 GB of transfers, well under a second.
ClipResult weighted_range_via_host(Context& ctx, float* w, int64_t out, int64_t in, const float* x, int64_t rows,
                                   const AwqSettings& settings, const std::function<bool()>& keep_going) {
    std::vector<float> wh(size_t(out * in));
    ctx.download(wh.data(), w, wh.size() * 4, "weights for the range search");
    std::vector<float> importance(size_t(in), 0.0f), xh;
    const int64_t chunk = std::max<int64_t>(1, (int64_t(16) << 20) / in);
    for (int64_t r0 = 0; r0 < rows; r0 += chunk) {
        const int64_t n = std::min(chunk, rows - r0);
        xh.resize(size_t(n * in));
        ctx.download(xh.data(), x + r0 * in, xh.size() * 4, "inputs for the range search");
        const std::vector<float> part = channel_mean_square(xh.data(), n, in);
        for (int64_t c = 0; c < in; ++c) importance[size_t(c)] += part[size_t(c)] * float(double(n) / double(rows));
    }
    RangeResult r = search_weighted_range(wh, out, in, importance, settings, keep_going);
    apply_range(wh, out, in, resolve_group_size(settings.quant, in), r.lo, r.hi);
    ctx.upload(w, wh.data(), wh.size() * 4, "range-searched weights");
    return as_clip_result(std::move(r));
}

}  // namespace

ClipResult GpuLayerCompute::clip_search(int i, const AwqSettings& settings, const std::function<bool()>& keep_going) {
    Impl& m = *impl_;
    const float* inputs[kLinearCount] = {nullptr, nullptr, m.attn_in.f(), m.o_in.f(), m.mlp_in.f(), m.mlp_in.f(),
                                         m.down_in.f()};
    if (!inputs[i]) throw InvalidArgument("the clip search does not run on q_proj or k_proj");
    if (settings.range_search == RangeSearch::Weighted)
        return weighted_range_via_host(m.ctx, m.w(m.cur, i), m.rows_of(i), m.in_of(i), inputs[i], m.calib_tokens,
                                       settings, keep_going);
    const auto t0 = std::chrono::steady_clock::now();
    // The candidate gate/up buffer (2 I x H) is free during the clip search and holds any linear's E.
    if (m.cand.gu.bytes() < floats(m.rows_of(i), m.in_of(i)))
        throw Unsupported("GPU quantization: the clip search of " + layer_linear_names()[size_t(i)] +
                          " needs a larger scratch buffer than this model's gate/up projections");
    ClipResult r = clip_search_device(m.ctx, m.sc, m.clip, m.w(m.cur, i), m.rows_of(i), m.in_of(i), inputs[i],
                                      m.calib_tokens, m.cand.gu.f(), settings, keep_going, true);
    m.ctx.sample_memory();
    if (m.debug)
        std::fprintf(stderr, "[gpu-quant] layer %d: clip %s %.3f s\n", m.ctx.layer,
                     layer_linear_names()[size_t(i)].c_str(), m.debug_seconds(t0));
    return r;
}

QuantizedLayer GpuLayerCompute::quantize_layer(const QuantParams& quant, LayerReport& rep) {
    Impl& m = *impl_;
    QuantizedLayer q;
    for (int i = 0; i < kLinearCount; ++i) {
        QuantizedLinearData d;
        d.name = layer_linear_names()[size_t(i)];
        d.in = m.in_of(i);
        d.out = m.rows_of(i);
        d.bias = m.host.b[i];
        const size_t n = size_t(d.in * d.out);
        if (quantizable(d.in, quant)) {
            const GroupQuantSpec spec = spec_for(quant, d.in);
            const int64_t groups = d.in / spec.group;
            m.codes.ensure(n, "INT codes");
            m.qscales.ensure(floats(d.out, groups), "quantization scales");
            m.qzeros.ensure(size_t(d.out * groups) * 4, "zero points");
            m.sc.reset_bad(m.ctx);
            m.ctx.step(quantize_f32(m.w(m.cur, i), int(d.out), int(d.in), spec, m.codes.as<uint8_t>(), m.qscales.f(),
                                    m.qzeros.as<int32_t>(), m.sc.bad.as<unsigned long long>(), m.ctx.stream),
                       "quantize");
            const long long bad = m.sc.first_bad(m.ctx);
            if (bad >= 0) throw_unquantizable(bad, groups, d.name.c_str());
            QuantizedMatrix& qm = d.q;
            qm.out = d.out;
            qm.in = d.in;
            qm.bits = quant.bits;
            qm.group_size = spec.group;
            qm.zero_point = quant.zero_point;
            qm.q.resize(n);
            qm.scales.resize(size_t(d.out * groups));
            qm.zeros.resize(size_t(d.out * groups));
            m.ctx.download(qm.q.data(), m.codes.get(), n, "codes download");
            m.ctx.download(qm.scales.data(), m.qscales.get(), qm.scales.size() * 4, "scales download");
            m.ctx.download(qm.zeros.data(), m.qzeros.get(), qm.zeros.size() * 4, "zero points download");
        } else {
            d.quantized = false;
            d.fp_weights.resize(n);
            m.ctx.download(d.fp_weights.data(), m.w(m.cur, i), n * 4, "weights download");
            rep.fp16_linears.push_back(d.name);
        }
        q.linears.push_back(std::move(d));
    }
    q.input_norm = m.host.input_norm;
    q.post_attention_norm = m.host.post_norm;
    q.q_norm = m.host.q_norm;
    q.k_norm = m.host.k_norm;
    return q;
}

void GpuLayerCompute::measure_errors(const QuantizedLayer&, const QuantParams& quant, LayerReport& rep) {
    Impl& m = *impl_;
    const auto t0 = std::chrono::steady_clock::now();
    const double n = double(m.calib_tokens * m.hidden_size);
    // The fake-quantized twin of a weight set in `cand` (quantizable linears; the others copied).
    const auto fake_layer = [&](LayerBuffers& src) {
        for (int i = 0; i < kLinearCount; ++i) {
            const size_t bytes = floats(m.rows_of(i), m.in_of(i));
            if (!quantizable(m.in_of(i), quant)) {
                m.ctx.copy(m.w(m.cand, i), m.w(src, i), bytes, "error measurement: copy");
                continue;
            }
            const GroupQuantSpec spec = spec_for(quant, m.in_of(i));
            m.sc.reset_bad(m.ctx);
            m.ctx.step(fake_quantize_f32(m.w(src, i), int(m.rows_of(i)), int(m.in_of(i)), spec, nullptr, nullptr, 1.0f,
                                         false, m.w(m.cand, i), m.sc.bad.as<unsigned long long>(), m.ctx.stream),
                       "error measurement: fake-quantize");
            const long long bad = m.sc.first_bad(m.ctx);
            if (bad >= 0) throw_unquantizable(bad, m.in_of(i) / spec.group, layer_linear_names()[size_t(i)].c_str());
        }
    };
    const auto error_of = [&](const SmallBuffers& small) {
        m.ctx.copy(m.work.get(), m.input.get(), floats(m.calib_tokens, m.hidden_size), "error measurement: input");
        m.layer_forward(m.view(m.cand, small), m.work.f(), false);
        return m.sc.sum_sq_diff(m.ctx, m.work.f(), m.hidden.f(), m.calib_tokens * m.hidden_size, "error measurement") /
               n;
    };
    fake_layer(m.orig);
    rep.rtn_error = error_of(m.orig_small);
    // The result's weights: fake_quant of the final weights is bit for bit q.dequantize() (same codes,
    // scales and zero points; (code - zero) * scale either way).
    fake_layer(m.cur);
    rep.awq_error = error_of(m.cur_small);
    m.ctx.sample_memory();
    if (m.debug)
        std::fprintf(stderr, "[gpu-quant] layer %d: error measurement %.3f s\n", m.ctx.layer, m.debug_seconds(t0));
}

GpuQuantMemory GpuLayerCompute::memory() const {
    const Impl& m = *impl_;
    GpuQuantMemory r;
    r.device = m.device_name;
    for (const DevMem* b : {&m.hidden, &m.input, &m.attn_in, &m.o_in, &m.attn_out, &m.mlp_in, &m.down_in, &m.mlp_out,
                            &m.normed, &m.q, &m.k, &m.v, &m.attn, &m.out, &m.gate, &m.up, &m.work, &m.scores, &m.ptrs,
                            &m.rope_cos, &m.rope_sin, &m.saliency_partial, &m.saliency, &m.eg, &m.gram, &m.gmax,
                            &m.wmean, &m.svec, &m.codes, &m.qscales, &m.qzeros, &m.clip.xs, &m.clip.err,
                            &m.clip.org_max, &m.clip.max_abs, &m.clip.shrink, &m.clip.best, &m.clip.unclipped})
        r.allocated += b->bytes();
    for (const LayerBuffers* s : {&m.cur, &m.orig, &m.cand})
        r.allocated += s->qkv.bytes() + s->o.bytes() + s->gu.bytes() + s->down.bytes();
    r.peak_used = m.ctx.least_free == SIZE_MAX ? 0 : m.ctx.total - m.ctx.least_free;
    return r;
}

QuantizationResult quantize_model_gpu(std::shared_ptr<const Model> model, const CalibrationSet& calibration,
                                      const AwqSettings& settings, const ProgressCallback& progress, WorkFolder* work,
                                      const GpuQuantOptions& options, GpuQuantMemory* memory) {
    GpuLayerCompute gpu(options);
    QuantizationResult r = quantize_model(std::move(model), calibration, settings, progress, work, &gpu);
    if (memory) *memory = gpu.memory();
    return r;
}

ClipResult search_best_clip_gpu(const std::vector<float>& w, int64_t out, int64_t in, const std::vector<float>& xs,
                                int64_t n_tokens, const AwqSettings& settings) {
    if (!cuda_device_available()) throw Unsupported("no CUDA device is available");
    if (int64_t(w.size()) != out * in || int64_t(xs.size()) != n_tokens * in)
        throw InvalidArgument("search_best_clip_gpu: sizes do not match the shapes");
    Context ctx(false);
    Scalars sc;
    ClipScratch cs;
    DevMem dw(floats(out, in), "weights"), dx(floats(n_tokens, in), "inputs"), de(floats(out, in), "weight errors");
    ctx.upload(dw.get(), w.data(), w.size() * 4, "weights");
    ctx.upload(dx.get(), xs.data(), xs.size() * 4, "inputs");
    // All n_tokens rows are taken: sample_rows of n_tokens rows with clip_tokens >= n_tokens is the identity.
    AwqSettings s = settings;
    s.clip_tokens = n_tokens;
    return clip_search_device(ctx, sc, cs, dw.f(), out, in, dx.f(), n_tokens, de.f(), s, {}, false);
}

}  // namespace awq::cuda
