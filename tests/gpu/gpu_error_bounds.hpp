// SPDX-License-Identifier: MIT
#pragma once
// The error bounds of the GPU tests in one table: each GPU result against its CPU reference. Unless said
// otherwise a bound is relative, max |gpu - ref| / max |ref| over the output (test::max_rel_error), and the
// tests assert `error < bound` (kernels) or `error <= bound` (quantization, model, CLI) as before. Each
// bound says why it has the size it has; the test files' header comments say what each test compares.
namespace awq::test::gpu_bound {

// ---- fp16 inference kernels (test_gpu_kernels) ----
// Outputs stored in fp16: one rounding of the output (4.9e-4 relative) plus fp32 arithmetic inside; a
// layout or indexing slip gives O(1).
inline constexpr double kFp16Output = 2e-3;
// INT4 gemv / gemm (every version) and the INT4 linear, also via dequantise + cuBLAS: fp16 weights and x,
// one fp16 rounding of each dequantised weight and of the output, ~5e-4 each.
inline constexpr double kInt4Matmul = kFp16Output;
inline constexpr double kDenseGemm = kFp16Output;       // fp16 output of cuBLAS
inline constexpr double kDenseGemmF32Out = 1e-4;        // the same with an fp32 output: no output rounding
inline constexpr double kBiasAdd = kFp16Output;
inline constexpr double kRmsnorm = kFp16Output;
inline constexpr double kResidualAdd = kFp16Output;
inline constexpr double kResidualRmsnorm = kFp16Output;  // also bit-identical to residual_add + rmsnorm
inline constexpr double kSiluMul = kFp16Output;          // silu_mul and silu_mul_rows (bit-identical to it)
inline constexpr double kAttention = kFp16Output;
// rope and qkv_rope (q and k): fp32 angles at positions up to 8000 against the reference's double angles.
inline constexpr double kRope = 3e-3;

// ---- the GPU model runner (test_gpu_model, and the plugin's sessions in test_gpu_cli_run) ----
// Logits per step (and over all prefill rows), relative to max |cpu logit|. The GPU stores activations and
// weights in fp16 between kernels; a CPU emulation of exactly those storage points gives 1.5e-4 .. 5.5e-4
// on the bundled model (FP16 and INT4), so this leaves a factor ~20 for accumulation order and fp32
// transcendentals, while an indexing, layout or missing-step slip moves logits by O(max |cpu|).
inline constexpr double kRunnerLogits = 1e-2;
// INT4 kernels vs the same weights dequantised and run as FP16: bit-identical fp16 weights, only the
// kernels' summation order differs.
inline constexpr double kInt4VsDequantised = 5e-3;
// The same prompt after reset(): the same kernels on the same inputs.
inline constexpr double kRepeatedPrompt = 1e-6;
// Perplexity through the CLI (relative difference): |d NLL| <= 2 max |d logit| per token; measured on an
// H100 (2026-11-22) 1.4e-5 (original) and 2.8e-6 (INT4): a ~70x margin that still catches a systematic error.
inline constexpr double kPerplexity = 1e-3;

// ---- fp32 quantization kernels (test_gpu_quant) ----
// channel_mean_abs, weight_mean_normalised, rmsnorm_f32, silu_mul_f32, causal_softmax_f32 (absolute), a
// group's weight means: double sums in another order then a float rounding, or expf vs the CPU's
// vectorised exp.
inline constexpr double kF32Reduction = 1e-6;
// reduce_f64: double sums in another order.
inline constexpr double kF64Reduction = 1e-12;

// ---- AWQ on the GPU vs the CPU (test_gpu_quant, test_gpu_cli, test_gpu_cli_run) ----
// Clip search vs search_best_clip_ref: a different factor is a near tie between fp32 GPU products and the
// reference's double sums, so most (row, group)s agree and the total errors stay close.
inline constexpr double kClipSameFactorShare = 0.97;           // (row, group)s choosing the reference's factor
inline constexpr double kClipSameFactorShareRowCheck = 0.95;   // the same with the row check
inline constexpr long long kClipRowsRevertedDifference = 2;    // a row near its tie flips all its groups
inline constexpr double kClipError = 1e-3;                     // error_unclipped / error_clipped, relative
inline constexpr double kClipOptimumSlack = 1e-6;              // the row check off never beats the optimum by more
// Layer 0 of the bundled model stage by stage: saliency and output power, and the folded norms.
inline constexpr double kSaliency = 1e-5;
inline constexpr double kStageNorms = 1e-5;
// Scale-search candidate losses: fp32 SGEMMs in another order than the CPU's blocked sgemm change the block
// outputs by ~1e-7 of their size; the loss is the square of a ~1 % difference, so ~1e-5 relative.
inline constexpr double kCandidateLoss = 1e-3;
// A smaller search-block count must change the loss by more than this (the count makes a difference).
inline constexpr double kSearchBlocksChangeLoss = 1e-2;
// The layer's output errors: RTN's (same codes) and AWQ's (the codes may differ in a few groups).
inline constexpr double kLayerRtnError = 1e-3;
inline constexpr double kLayerAwqError = 1e-2;
// Chosen alphas: equal, or a near tie, the CPU's own losses of the two choices within this (relative).
inline constexpr double kAlphaTie = 1e-3;
// End to end: loss curves per grid point, and folded norms (1 / scales) where the alphas agree.
inline constexpr double kLossCurve = 1e-3;
inline constexpr double kFoldedNorms = 1e-4;
// Exported checkpoints (CLI, GUI): folded norms within one fp16 ulp (2^-10 relative).
inline constexpr double kExportedNorms = 1.0 / 1024;
// INT4 codes in layers whose alphas agree: identical share (quantization end to end), differing share
// (the stage test and the exported checkpoints), and the (row, group)s whose scale or zero point differ
// (a clip-factor near tie or an fp16 rounding flip).
inline constexpr double kCodesIdenticalShare = 0.999;
inline constexpr double kCodesDifferingShare = 1e-3;
inline constexpr double kParamsDifferingShare = 0.01;

}  // namespace awq::test::gpu_bound
