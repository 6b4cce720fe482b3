// SPDX-License-Identifier: MIT
#pragma once
// ModelRunner: the whole Llama-family decoder on the GPU, one sequence with a device KV cache; the GPU
// twin of awq::InferenceSession (core/include/awq/runtime/session.hpp), same feed() contract.
//
// Host C++20 (it reads awq::Model and throws awq errors), built into the awq_gpu library on top of the
// kernels of awq_kernels, which keep the never-throw cudaError_t contract. This class is the API edge:
// every CUDA / cuBLAS status is checked, and a failure becomes
//   awq::OutOfMemory  for cudaErrorMemoryAllocation / CUBLAS_STATUS_ALLOC_FAILED, with a message naming the
//                     allocation, its MiB, the device's free/total MiB, and what to do (smaller context or
//                     batch, or the CPU);
//   awq::Error        for any other CUDA failure, naming the step ("layer 3 gate_proj: cudaErrorXxx: ...");
//   awq::InvalidArgument / awq::Unsupported for bad input or a model the GPU path cannot run.
// Set AWQ_CUDA_SYNC=1 to synchronise after every launch (an asynchronous fault is then reported at the
// step that caused it instead of at the end of feed()); it also turns CUDA graphs off.
//
// Decode (a feed() of one token) replays a CUDA graph of the whole single-token forward pass, captured on
// the first such feed: the token id and position reach the kernels through device buffers written before
// each replay, so one graph serves every position. When capture fails the runner falls back to plain
// launches for good (cuda_graph_note() says why); RunnerOptions::cuda_graphs = false or set_cuda_graphs
// turn graphs off. Both paths run the same kernels on the same buffers: the logits are bit-identical.
//
// Weights (uploaded once; the awq::Model may be dropped afterwards):
//   DenseLinear  -> fp16 [out][in] (F16 copied as is, BF16/F32 converted on the device: convert_f16.cu),
//                   run by cuBLAS (dense_gemm.cu)
//   Int4Linear   -> the GPU INT4 layout (awq::gpu::repack_int4_matrix_for_gpu, bit-identical to
//                   repack_awq_gemm_for_gpu of the AutoAWQ GEMM tensors), run by int4_linear
//                   (gemv_int4 for m <= 8, gemm_int4 above)
//   biases, norms, the embedding table and the final norm -> fp16; lm_head -> fp16 dense with fp32 logits
//   (a tied lm_head shares the embedding's device copy). RoPE frequencies are awq::RopeTable's (linear /
//   llama3 scaling included), uploaded as float.
// Activations are fp16 between kernels (fp32 inside each kernel), as in fp16 inference with HF / AutoAWQ.
#include <awq/model/config.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace awq {
class Model;
}

namespace awq::cuda {

struct RunnerOptions {
    // KV cache rows. Capped at the model's max_position_embeddings, as InferenceSession does; at most 2^31-1.
    int64_t max_context = 2048;
    // Tokens per forward pass (1..65535): prompts longer than this run in chunks, each attending to the
    // cache of the previous ones. Sizes the activation buffers: max_batch * (3 hidden + 3 q_dim + 2 kv_dim +
    // 3 intermediate) fp16 values.
    int64_t max_batch = 512;
    // Replay a captured CUDA graph for single-token feeds (ignored while AWQ_CUDA_SYNC is set).
    bool cuda_graphs = true;
    // Decode gemvs (m <= 8) prefetch their weights into L2 and are launched with programmatic dependent
    // launch, so their weight stream starts while the kernel before them runs (GemvOverlap, common.cuh;
    // Hopper and later, plain launches elsewhere). Off until the e2e bench shows it faster on a GPU.
    bool overlap_launches = false;
};

// Random weights made on the device (the end-to-end bench: a 7B-shaped model without a download or any
// host copy). Dense weights are uniform with the variance of a 1/sqrt(in) init; INT4 codes are uniform,
// zero point 8, one scale for all groups; norms are 1.
struct SyntheticWeights {
    bool int4 = true;  // the seven linears of every layer in INT4 (else fp16); lm_head is always fp16
    int group = 128;
    uint64_t seed = 1;
};

struct RunnerMemory {
    size_t weights = 0;   // device bytes of every weight buffer (embedding, linears, norms, lm_head)
    size_t kv_cache = 0;  // 2 * layers * max_context * kv_dim fp16
    size_t scratch = 0;   // activations, ids, positions, logits, the cuBLAS workspace
};

class ModelRunner {
public:
    // Uploads `model`'s weights to the current CUDA device. Throws Unsupported for a linear the GPU path
    // cannot run (INT4 widths or groups not multiples of 32, an INT4 lm_head), OutOfMemory as above.
    explicit ModelRunner(const Model& model, const RunnerOptions& options = {});
    // A model of `config`'s shapes with random weights (see SyntheticWeights).
    ModelRunner(const ModelConfig& config, const SyntheticWeights& synthetic, const RunnerOptions& options = {});
    ~ModelRunner();
    ModelRunner(const ModelRunner&) = delete;
    ModelRunner& operator=(const ModelRunner&) = delete;

    // Runs `tokens` after those already cached. Returns the logits of the last token [vocab], or of every
    // fed token [n, vocab] when all_logits (float, from an fp32-output lm_head). Throws InvalidArgument for
    // an empty list, an id outside the vocabulary or a context overflow (nothing is run then).
    std::vector<float> feed(const std::vector<int32_t>& tokens, bool all_logits = false);
    void reset();
    void truncate(int64_t n);  // keeps the first n cached positions
    int64_t length() const;
    int64_t max_context() const;
    int64_t max_batch() const;
    const ModelConfig& config() const;
    RunnerMemory memory() const;
    // "fp16", "int4-g128", or "int4-g128 + fp16 (n linears)" when some linears stay dense.
    std::string weights_kind() const;

    // CUDA graphs for single-token feeds (see the header comment): on/off from now on (the graph, once
    // captured, is kept); whether the next single-token feed replays one (false when off, under
    // AWQ_CUDA_SYNC, or after a failed capture); why not ("" when it does); and the node count of the
    // captured graph (0 before the first single-token feed): the kernels (and cuBLAS's) of one token.
    void set_cuda_graphs(bool on);
    bool cuda_graphs() const;
    std::string cuda_graph_note() const;
    size_t decode_graph_nodes() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// True when the CUDA runtime reports at least one device (never throws).
bool cuda_device_available();

}  // namespace awq::cuda
