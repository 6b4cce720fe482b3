// SPDX-License-Identifier: MIT
// ModelRunner (see model_runner.hpp): the decoder of awq::InferenceSession::feed on the GPU.
//
// Per forward pass of m <= max_batch tokens at positions past..past+m-1 (a prompt longer than max_batch
// runs in chunks; each chunk attends to the cache written by the previous ones). The token ids and the
// positions are in device buffers (ids, pos) before the pass starts; no kernel argument depends on them.
//   embedding -> hidden [m][H];  normed = rmsnorm(hidden, layer 0 input_norm)
//   per layer:  qkv = qkv_proj(normed) [m][q_dim + 2 kv_dim]   (q/k/v rows concatenated at load: one
//                     linear; separate q, k, v linears when the kinds differ or for qwen3's q/k norms)
//               (+ biases; qwen3: per-head rmsnorm of q and k)
//               qkv_rope: q = RoPE(q); cache rows pos[..] of this layer = RoPE(k), v
//               attn = causal_attention(q, cache rows 0..pos[0]+m-1)   (past read from pos[0] on the device;
//                      split-K over the keys for m <= 8, i.e. decode: two launches)
//               hidden += o_proj(attn);  normed = rmsnorm(hidden, post_attention_norm)      (one kernel)
//               act = silu(gate) * up of gate_up = gate_up_proj(normed) [m][2I]   (fused like qkv)
//               hidden += down_proj(act);  normed = rmsnorm(hidden, next layer's input_norm, or the final
//                                                           norm after the last layer)       (one kernel)
//   lm_head (fp32 output) of the last row of normed (or of every row for all_logits), copy to the host.
// The order and the places of every norm, bias and rotation are those of core/src/runtime/session.cpp
// and decoder_layer.cpp; only the storage precision between steps differs (fp16 here, float there).
// The fusions round exactly where the unfused kernels did (see each kernel's header).
//
// Launches per layer at decode (m = 1, Llama: no biases, no q/k norms; a cuBLAS call counted as one):
//   before: rmsnorm, q, k, v, rope q, rope k, attention, o, residual, rmsnorm, gate, up, silu_mul, down,
//           residual = 15
//   now:    qkv, qkv_rope, attention (split + merge), o, residual_rmsnorm, gate_up, silu_mul_rows, down,
//           residual_rmsnorm = 10   (+ per token: embedding, the first rmsnorm, lm_head)
// and at decode they are not launched one by one from the host: feed() of a single token replays a CUDA
// graph of the whole pass (captured on the first one, for m = 1 and lm_head of one row). Per replay the
// host writes the token id and the position from pinned memory into ids / pos (two 4-byte copies), launches
// the graph and copies the logits back. The graph bakes in buffer addresses, so anything that reallocates
// one (a larger logits buffer for all_logits) drops it for a recapture. If capture or instantiation fails,
// the runner says why in cuda_graph_note() and launches plainly from then on.
// Everything runs on one stream; feed() synchronises once at the end (logits copy).
#include "model_runner.hpp"

#include "attention.cuh"
#include "dequant_int4.cuh"
#include "cuda_context.hpp"
#include "runner_weights.hpp"
#include "bias_add.cuh"
#include "convert_f16.cuh"
#include "dense_gemm.cuh"
#include "embedding.cuh"
#include "fill.cuh"
#include "gemm_int4.cuh"
#include "qkv_rope.cuh"
#include "residual_rmsnorm.cuh"
#include "rmsnorm.cuh"
#include "silu_mul.cuh"

#include <awq/model/int4_linear.hpp>
#include <awq/error.hpp>
#include <awq/int4/int4_layout.hpp>
#include <awq/io/dtype.hpp>
#include <awq/model/model.hpp>
#include <awq/runtime/ops.hpp>

#include <algorithm>
#include <array>
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
constexpr int kSplitAttentionMaxRows = 8;               // passes of at most this many tokens: split attention
// cuBLAS's workspace, set explicitly: a captured graph must not allocate, and the graph and plain paths
// then see the same workspace (the same algorithm choice, the same bits). 32 MiB: cuBLAS's Hopper size.
constexpr size_t kBlasWorkspaceBytes = size_t(32) << 20;

// A failed call as the matching awq exception (cuda_context.hpp), naming the layer and op.
void check(cudaError_t e, int layer, const char* op) {
    if (e != cudaSuccess) check_cuda(e, "", layer_op(layer, op), kRunnerOomAdvice);
}
void check(cudaError_t e, const char* op) { check(e, -1, op); }

void check_blas(cublasStatus_t s, int layer, const char* op) {
    if (s != CUBLAS_STATUS_SUCCESS) check_cublas(s, "", layer_op(layer, op), kRunnerOomAdvice);
}

// Page-locked host memory for the per-token id and position: copies from it are truly asynchronous.
class PinnedInts {
public:
    explicit PinnedInts(size_t n) {
        const cudaError_t e = cudaMallocHost(reinterpret_cast<void**>(&p_), n * sizeof(int32_t));
        if (e != cudaSuccess) {
            p_ = nullptr;
            cudaGetLastError();
            throw Error("cudaMallocHost of " + std::to_string(n) + " ints failed: " + cuda_message(e));
        }
    }
    ~PinnedInts() {
        if (p_) cudaFreeHost(p_);
    }
    PinnedInts(const PinnedInts&) = delete;
    PinnedInts& operator=(const PinnedInts&) = delete;
    int32_t* get() const { return p_; }

private:
    int32_t* p_ = nullptr;
};

// An instantiated CUDA graph (the decode step) and how many nodes it has.
struct GraphExec {
    cudaGraphExec_t exec = nullptr;
    size_t nodes = 0;
    GraphExec() = default;
    ~GraphExec() { clear(); }
    GraphExec(const GraphExec&) = delete;
    GraphExec& operator=(const GraphExec&) = delete;
    void clear() {
        if (exec) cudaGraphExecDestroy(exec);
        exec = nullptr;
        nodes = 0;
    }
};

const char* const kLinearNames[7] = {"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"};

}  // namespace

struct ModelRunner::Impl {
    // Declared first so that they are destroyed last (after every buffer); the workspace outlives the
    // cuBLAS handle that uses it.
    DeviceBuffer blas_workspace;
    CudaContext cuda{"", kRunnerOomAdvice};
    WeightUploader uploader{cuda};  // the weights' upload, repacking and merging (runner_weights.hpp)

    ModelConfig cfg;
    int64_t max_ctx = 0, chunk = 0, length = 0;
    int H = 0, I = 0, qd = 0, kvd = 0, n_heads = 0, n_kv = 0, head_dim = 0, vocab_rows = 0, vocab_out = 0;
    float eps = 0;
    bool sync_each = false;
    bool use_graphs = true;       // RunnerOptions::cuda_graphs / set_cuda_graphs
    bool overlap_launches = false;  // RunnerOptions::overlap_launches
    std::string graph_failure;    // why capture failed (then plain launches for good)
    GraphExec decode_graph;       // the single-token pass, captured on first use
    PinnedInts step_in{2};        // token id, position of a single-token feed
    bool in_flight = false;       // a feed threw before its final synchronise: its copies may be pending

    DeviceBuffer embed, lm_head_own, final_norm, inv_freq;
    const __half* lm_head = nullptr;  // lm_head_own or, when tied, embed
    std::vector<GpuLayer> layers;
    DeviceBuffer kv;  // k cache of every layer, then v cache of every layer: [2][layers][max_ctx][kv_dim]
    DeviceBuffer hidden, normed, qkv, q, attn, block, gate_up, act, ids, pos, logits, attn_work, int4_scratch;
    int attn_splits = 1;
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
        use_graphs = o.cuda_graphs;
        overlap_launches = o.overlap_launches;
        blas_workspace = DeviceBuffer(kBlasWorkspaceBytes, "the cuBLAS workspace");
        check_blas(cublasSetWorkspace(cuda.blas, blas_workspace.get(), blas_workspace.bytes()), -1, "cublasSetWorkspace");
    }

    void sync(const char* what) { check(cudaStreamSynchronize(cuda.stream), what); }

    void upload(void* dst, const void* src, size_t bytes, const std::string& what) { uploader.upload(dst, src, bytes, what); }

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
        embed = uploader.upload_dense(w.embedding.dtype, w.embedding.data, w.embedding.rows, H, "the embedding table");
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
                *dst[i] = uploader.upload_linear(src[i], p + (i < 4 ? "self_attn." : "mlp.") + kLinearNames[i]);
            const int64_t expect_in[7] = {H, H, H, qd, H, H, I}, expect_out[7] = {qd, kvd, kvd, H, I, I, H};
            for (int i = 0; i < 7; ++i)
                if (dst[i]->in != expect_in[i] || dst[i]->out != expect_out[i])
                    throw FormatError(p + kLinearNames[i] + " has shape [" + std::to_string(dst[i]->out) + ", " +
                                      std::to_string(dst[i]->in) + "], the config implies [" +
                                      std::to_string(expect_out[i]) + ", " + std::to_string(expect_in[i]) + "]");
            if (int64_t(L.input_norm.size()) != H || int64_t(L.post_attention_norm.size()) != H)
                throw FormatError(p + "norm weights do not have hidden_size values");
            G.input_norm = uploader.upload_f16(L.input_norm, p + "input_layernorm");
            G.post_norm = uploader.upload_f16(L.post_attention_norm, p + "post_attention_layernorm");
            if (!L.q_norm.empty()) {  // as the CPU: q/k norms run when the layer has them
                if (int64_t(L.q_norm.size()) != head_dim || int64_t(L.k_norm.size()) != head_dim)
                    throw FormatError(p + "q_norm/k_norm do not have head_dim values");
                G.q_norm = uploader.upload_f16(L.q_norm, p + "self_attn.q_norm");
                G.k_norm = uploader.upload_f16(L.k_norm, p + "self_attn.k_norm");
            }
            uploader.merge_layer_linears(G, p);
        }
        if (int64_t(w.final_norm.size()) != H) throw FormatError("model.norm does not have hidden_size values");
        final_norm = uploader.upload_f16(w.final_norm, "model.norm");
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
            lm_head_own = uploader.upload_dense(head_lin->dtype(), head_lin->data(), vocab_out, H, "lm_head");
            lm_head = lm_head_own.h();
        }
        uploader.release_staging();
        allocate_state();
    }

    void load_synthetic(const ModelConfig& c, const SyntheticWeights& s, const RunnerOptions& o) {
        set_shapes(c, o);
        vocab_rows = vocab_out = to_int(cfg.vocab_size, "vocab_size");
        uint64_t seed = s.seed * 1000003u;
        embed = DeviceBuffer(checked_bytes({vocab_rows, H}, 2, "the embedding table"), "the embedding table");
        check(fill_uniform_f16(embed.h(), (long long)vocab_rows * H, -1.0f, 1.0f, ++seed, cuda.stream), "embedding");
        upload_rope();
        layers.resize(size_t(cfg.num_hidden_layers));
        for (size_t l = 0; l < layers.size(); ++l) {
            GpuLayer& G = layers[l];
            const std::string p = "layer " + std::to_string(l) + " ";
            // made merged (what merge_layer_linears makes of a loaded model)
            G.qkv = uploader.synthetic_linear(H, qd + 2 * kvd, s, ++seed, p + "qkv_proj");
            G.qkv.parts = 3;
            G.o = uploader.synthetic_linear(qd, H, s, ++seed, p + "o_proj");
            G.gate_up = uploader.synthetic_linear(H, 2 * I, s, ++seed, p + "gate_up_proj");
            G.gate_up.parts = 2;
            G.down = uploader.synthetic_linear(I, H, s, ++seed, p + "down_proj");
            G.input_norm = DeviceBuffer(size_t(H) * 2, p + "input_layernorm");
            G.post_norm = DeviceBuffer(size_t(H) * 2, p + "post_attention_layernorm");
            check(fill_f16(G.input_norm.h(), H, 1.0f, cuda.stream), "norm");
            check(fill_f16(G.post_norm.h(), H, 1.0f, cuda.stream), "norm");
        }
        final_norm = DeviceBuffer(size_t(H) * 2, "model.norm");
        check(fill_f16(final_norm.h(), H, 1.0f, cuda.stream), "norm");
        SyntheticWeights dense = s;
        dense.int4 = false;
        GpuLinear lm = uploader.synthetic_linear(H, vocab_out, dense, ++seed, "lm_head");
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
        qkv = DeviceBuffer(checked_bytes({chunk, int64_t(qd) + 2 * int64_t(kvd)}, 2, "q/k/v projections"),
                           "the q/k/v projections" + batch);
        q = DeviceBuffer(checked_bytes({chunk, qd}, 2, "queries"), "the queries" + batch);
        attn = DeviceBuffer(checked_bytes({chunk, qd}, 2, "attention output"), "the attention outputs" + batch);
        gate_up = DeviceBuffer(checked_bytes({chunk, 2, I}, 2, "MLP gate/up"), "the MLP gate/up activations" + batch);
        act = DeviceBuffer(checked_bytes({chunk, I}, 2, "MLP activations"), "the MLP activations" + batch);
        ids = DeviceBuffer(checked_bytes({chunk}, 4, "token ids"), "the token ids" + batch);
        pos = DeviceBuffer(checked_bytes({chunk}, 4, "positions"), "the positions" + batch);
        // Split-K decode attention: about 64 keys per block at a full cache, at most 32 blocks per head.
        attn_splits = int(std::clamp<int64_t>((max_ctx + 63) / 64, 1, 32));
        attn_work = DeviceBuffer(attention_split_workspace_floats(int(std::min<int64_t>(chunk, kSplitAttentionMaxRows)),
                                                                  n_heads, head_dim, attn_splits) * sizeof(float),
                                 "the split attention partials");
        // Passes of kInt4ViaF16MinM tokens or more run INT4 linears as dequantise + cuBLAS (dequant_int4.cu):
        // one fp16 copy of the largest INT4 weight matrix.
        size_t largest = 0;
        for (const GpuLayer& G : layers)
            for (const GpuLinear* lin : G.linears())
                if (lin->int4) largest = std::max(largest, size_t(lin->out) * size_t(lin->in) * 2);
        if (chunk >= kInt4ViaF16MinM && largest > 0)
            int4_scratch = DeviceBuffer(largest, "the fp16 weights of long-prompt INT4 products (" +
                                                     std::to_string(largest >> 20) + " MiB; a max_batch below " +
                                                     std::to_string(kInt4ViaF16MinM) + " avoids it)");
        ensure_logits(1);
    }

    void ensure_logits(int64_t rows) {
        if (rows <= logits_rows) return;
        decode_graph.clear();  // it writes the old buffer
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
        if (sync_each) check(cudaStreamSynchronize(cuda.stream), layer, op);
    }

    void linear(const GpuLinear& L, const __half* x, int m, __half* y, int layer, const char* op) {
        if (L.int4 && m >= kInt4ViaF16MinM && int4_scratch)
            check(int4_linear_via_f16(cuda.blas, x, m, L.view(), int4_scratch.h(), y, cuda.stream), layer, op);
        else if (L.int4)
            check(int4_linear(x, m, L.view(), y, cuda.stream, GemvOverlap{overlap_launches, overlap_launches}), layer, op);
        else check_blas(dense_gemm_f16(cuda.blas, x, m, L.w.h(), L.out, L.in, y), layer, op);
        if (L.bias) check(bias_add(y, L.bias.h(), m, L.out, cuda.stream), layer, op);
        after(layer, op);
    }

    // Every kernel of one pass over m tokens whose ids and positions are already in ids / pos: embedding,
    // the layers, the final norm and, when head_rows > 0, lm_head of the last head_rows rows into logits.
    // No argument depends on the position or the tokens, so the m = 1 pass is what the decode graph holds.
    void forward(int m, int head_rows) {
        cudaStream_t s = cuda.stream;
        const int* positions = pos.as<int>();
        const int L = int(layers.size()), qkv_width = qd + 2 * kvd;
        check(embedding(ids.as<int>(), m, embed.h(), vocab_rows, H, hidden.h(), s), "embedding");
        check(rmsnorm(hidden.h(), layers[0].input_norm.h(), normed.h(), m, H, eps, s), 0, "input_layernorm");
        after(0, "input_layernorm");
        const size_t layer_rows = size_t(max_ctx) * size_t(kvd);
        __half* k_all = kv.h();
        __half* v_all = kv.h() + size_t(L) * layer_rows;
        for (int l = 0; l < L; ++l) {
            const GpuLayer& G = layers[size_t(l)];
            __half* kc = k_all + size_t(l) * layer_rows;
            __half* vc = v_all + size_t(l) * layer_rows;
            // q, k, v: one [m][q|k|v] matrix, or three matrices one after the other in the same buffer
            __half *qi = qkv.h(), *ki, *vi;
            int q_stride, kv_stride;
            if (G.qkv) {
                linear(G.qkv, normed.h(), m, qi, l, "qkv_proj");
                ki = qi + qd;
                vi = ki + kvd;
                q_stride = kv_stride = qkv_width;
            } else {
                ki = qi + size_t(m) * qd;
                vi = ki + size_t(m) * kvd;
                q_stride = qd;
                kv_stride = kvd;
                linear(G.q, normed.h(), m, qi, l, "q_proj");
                linear(G.k, normed.h(), m, ki, l, "k_proj");
                linear(G.v, normed.h(), m, vi, l, "v_proj");
                if (G.q_norm) {
                    check(rmsnorm(qi, G.q_norm.h(), qi, m * n_heads, head_dim, eps, s), l, "q_norm");
                    check(rmsnorm(ki, G.k_norm.h(), ki, m * n_kv, head_dim, eps, s), l, "k_norm");
                }
            }
            check(qkv_rope_to_cache(qi, q_stride, ki, vi, kv_stride, q.h(), kc, vc, int(max_ctx), m, n_heads, n_kv,
                                    head_dim, positions, inv_freq.as<float>(), s),
                  l, "rope / KV cache store");
            if (m <= kSplitAttentionMaxRows)  // decode: keys split over many blocks (attention.cu)
                check(causal_attention_split(q.h(), kc, vc, attn.h(), m, positions, n_heads, n_kv, head_dim,
                                             attn_splits, attn_work.as<float>(), s),
                      l, "attention");
            else
                check(causal_attention_device_past(q.h(), kc, vc, attn.h(), m, positions, n_heads, n_kv, head_dim, s),
                      l, "attention");
            after(l, "attention");
            linear(G.o, attn.h(), m, block.h(), l, "o_proj");
            check(residual_rmsnorm(hidden.h(), block.h(), G.post_norm.h(), normed.h(), m, H, eps, s), l,
                  "attention residual + post_attention_layernorm");
            if (G.gate_up) {
                linear(G.gate_up, normed.h(), m, gate_up.h(), l, "gate_up_proj");
                check(silu_mul_rows(gate_up.h(), gate_up.h() + I, 2 * I, act.h(), m, I, s), l, "silu_mul");
            } else {
                linear(G.gate, normed.h(), m, gate_up.h(), l, "gate_proj");
                linear(G.up, normed.h(), m, gate_up.h() + size_t(m) * I, l, "up_proj");
                check(silu_mul_rows(gate_up.h(), gate_up.h() + size_t(m) * I, I, act.h(), m, I, s), l, "silu_mul");
            }
            linear(G.down, act.h(), m, block.h(), l, "down_proj");
            const bool last = l + 1 == L;
            check(residual_rmsnorm(hidden.h(), block.h(), last ? final_norm.h() : layers[size_t(l) + 1].input_norm.h(),
                                   normed.h(), m, H, eps, s),
                  l, last ? "mlp residual + model.norm" : "mlp residual + next input_layernorm");
            after(l, "mlp");
        }
        if (head_rows > 0) {
            check_blas(dense_gemm_f16_f32out(cuda.blas, normed.h() + size_t(m - head_rows) * H, head_rows, lm_head,
                                             vocab_out, H, logits.as<float>()),
                       -1, "lm_head");
            after(-1, "lm_head");
        }
    }

    bool graphs_wanted() const { return use_graphs && !sync_each && graph_failure.empty(); }

    // Captures forward(1, 1) into decode_graph; false (and graph_failure says why) when that fails, with
    // the stream out of capture mode and no error left pending.
    bool capture_decode() {
        cudaStream_t s = cuda.stream;
        cudaError_t e = cudaStreamBeginCapture(s, cudaStreamCaptureModeThreadLocal);
        if (e != cudaSuccess) {
            cudaGetLastError();
            graph_failure = "cudaStreamBeginCapture: " + cuda_message(e);
            return false;
        }
        std::string failure;
        try {
            forward(1, 1);
        } catch (const std::exception& ex) {  // a launch refused during capture
            failure = ex.what();
        }
        cudaGraph_t graph = nullptr;
        e = cudaStreamEndCapture(s, &graph);
        if (failure.empty() && e != cudaSuccess) failure = "cudaStreamEndCapture: " + cuda_message(e);
        size_t nodes = 0;
        if (failure.empty() && (e = cudaGraphGetNodes(graph, nullptr, &nodes)) != cudaSuccess)
            failure = "cudaGraphGetNodes: " + cuda_message(e);
        if (failure.empty() && (e = cudaGraphInstantiate(&decode_graph.exec, graph, 0)) != cudaSuccess) {
            decode_graph.exec = nullptr;
            failure = "cudaGraphInstantiate: " + cuda_message(e);
        }
        if (graph) cudaGraphDestroy(graph);  // the executable graph is independent of it
        if (!failure.empty()) {
            cudaGetLastError();
            graph_failure = failure;
            return false;
        }
        decode_graph.nodes = nodes;
        return true;
    }

    // The single-token pass (ids / pos written): the graph when wanted and capturable, else plain launches;
    // a failure of those after a failed capture names the capture's failure too.
    void decode_step() {
        if (graphs_wanted() && (decode_graph.exec || capture_decode())) {
            check(cudaGraphLaunch(decode_graph.exec, cuda.stream), "decode graph launch");
            return;
        }
        if (graph_failure.empty() || !use_graphs) {
            forward(1, 1);
            return;
        }
        const std::string note = " (plain launches after a failed CUDA graph capture: " + graph_failure + ")";
        try {
            forward(1, 1);
        } catch (const OutOfMemory& e) {
            throw OutOfMemory(e.what() + note);
        } catch (const Error& e) {
            throw Error(e.what() + note);
        }
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
        if (in_flight) sync("the previous feed");  // before step_in is rewritten; reports its failure, if any
        ensure_logits(all_logits ? std::min(n, chunk) : 1);
        std::vector<float> out(size_t((all_logits ? n : 1) * vocab_out));
        cudaStream_t s = cuda.stream;
        in_flight = true;
        if (n == 1) {  // decode: id and position from pinned memory (the last copy from it has completed)
            step_in.get()[0] = tokens[0];
            step_in.get()[1] = int32_t(length);
            check(cudaMemcpyAsync(ids.get(), step_in.get(), 4, cudaMemcpyHostToDevice, s), "token id upload");
            check(cudaMemcpyAsync(pos.get(), step_in.get() + 1, 4, cudaMemcpyHostToDevice, s), "position upload");
            decode_step();
            check(cudaMemcpyAsync(out.data(), logits.get(), size_t(vocab_out) * sizeof(float), cudaMemcpyDeviceToHost, s),
                  "logits copy");
            sync("feed");
            in_flight = false;
            length += 1;
            return out;
        }
        std::vector<int32_t> positions(static_cast<size_t>(n));
        std::iota(positions.begin(), positions.end(), int32_t(length));
        for (int64_t c0 = 0; c0 < n; c0 += chunk) {
            const int m = int(std::min(chunk, n - c0));
            check(cudaMemcpyAsync(ids.get(), tokens.data() + c0, size_t(m) * 4, cudaMemcpyHostToDevice, s),
                  "token id upload");
            check(cudaMemcpyAsync(pos.get(), positions.data() + c0, size_t(m) * 4, cudaMemcpyHostToDevice, s),
                  "position upload");
            const int head_rows = all_logits ? m : (c0 + m == n ? 1 : 0);
            forward(m, head_rows);
            if (head_rows > 0)
                check(cudaMemcpyAsync(out.data() + (all_logits ? size_t(c0) * vocab_out : 0), logits.get(),
                                      size_t(head_rows) * vocab_out * sizeof(float), cudaMemcpyDeviceToHost, s),
                      "logits copy");
        }
        sync("feed");
        in_flight = false;
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
    for (const DeviceBuffer* b : {&m.hidden, &m.normed, &m.block, &m.qkv, &m.q, &m.attn, &m.gate_up, &m.act, &m.ids,
                                  &m.pos, &m.logits, &m.blas_workspace, &m.attn_work, &m.int4_scratch})
        r.scratch += b->bytes();
    return r;
}

std::string ModelRunner::weights_kind() const {
    int int4 = 0, dense = 0, group = 0;
    bool mixed_groups = false;
    for (const GpuLayer& l : impl_->layers)
        for (const GpuLinear* x : l.linears()) {
            if (!*x) continue;
            if (!x->int4) {
                dense += x->parts;
                continue;
            }
            int4 += x->parts;
            if (group && group != x->group) mixed_groups = true;
            group = x->group;
        }
    if (int4 == 0) return "fp16";
    std::string k = mixed_groups ? "int4 (mixed groups)" : "int4-g" + std::to_string(group);
    if (dense > 0) k += " + fp16 (" + std::to_string(dense) + " linears)";
    return k;
}

void ModelRunner::set_cuda_graphs(bool on) { impl_->use_graphs = on; }
bool ModelRunner::cuda_graphs() const { return impl_->graphs_wanted(); }
size_t ModelRunner::decode_graph_nodes() const { return impl_->decode_graph.nodes; }

std::string ModelRunner::cuda_graph_note() const {
    const Impl& m = *impl_;
    if (!m.use_graphs) return "CUDA graphs are off (RunnerOptions::cuda_graphs / set_cuda_graphs)";
    if (m.sync_each) return "CUDA graphs are off while AWQ_CUDA_SYNC is set";
    if (!m.graph_failure.empty()) return "CUDA graph capture failed, plain launches: " + m.graph_failure;
    return "";
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
