// SPDX-License-Identifier: MIT
#pragma once
// The CUDA plugin: libawq_cuda.so (kernels/host/cuda_plugin.cpp) holds the GPU code and is loaded at run time
// (dlopen), so that the CLI and the GUI link no CUDA library and start on machines without one.
//
// Boundary. The plugin links its own static copy of awq_core with every symbol hidden except one
// extern "C" entry point, `awq_gpu_plugin_entry`, which returns a PluginApi. Both sides are built by the
// same compiler from the same sources (PluginApi::build_tag checks it), so plain-data core structs
// (ModelConfig, FloatLayer, LayerReport, QuantizedLayer, std::vector, std::string) cross it as they are.
// What does not cross: objects with virtual methods made on one side and used on the other (an
// awq::Model's Linear objects: the caller converts a layer to a FloatLayer first), exceptions (the plugin
// catches everything and returns a Status; the loader rethrows it as the awq exception type it names),
// and std::function (callbacks go as a function pointer and a context). The only polymorphic objects
// passed out are the plugin's own *Abi classes, whose methods all run inside the plugin and never throw.
// An inference session's model crosses as what rebuilds it there (SessionModel): its folder, which the
// plugin loads with its own copy of the core, plus an AWQ result's decoder layers as plain data.
//
// Discovery: $AWQ_CUDA_PLUGIN (a path; then nothing else is tried), else <exe dir>/libawq_cuda.so (the
// carried binaries), else <exe dir>/../lib/awq-studio/libawq_cuda.so (an install, and the build tree: CMake puts
// it in app/lib/awq-studio, beside app/cli and app/gui). The plugin is never unloaded.
#include <awq/quant/layer_compute.hpp>
#include <awq/runtime/session.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace awq {

namespace gpu_plugin {

// Bumped whenever PluginApi, an *Abi class or a plain-data struct that crosses changes (the build tag's
// struct sizes miss a field that fits in padding). 2: inference sessions (create_session, SessionAbi).
// 3: the clip row check (AwqSettings::clip_row_check, ClipResult::rows and rows_reverted).
// 4: AwqSettings::search_blocks and LayerCompute::start's search_seqs.
// 5: run_bench (awq bench --device cuda).
// 6: QuantizedLinearData::from_base (an unquantized linear read from the base model, not copied).
inline constexpr uint32_t kAbiVersion = 6;
inline constexpr const char* kEntryPoint = "awq_gpu_plugin_entry";
inline constexpr const char* kFileName = "libawq_cuda.so";
// The NVIDIA driver's library, which every CUDA program needs (the probe looks for it first).
inline constexpr const char* kDriverLibrary = "libcuda.so.1";

// The awq exception type a Status stands for.
enum class ErrorKind : int32_t { None, Error, FileError, FormatError, Unsupported, InvalidArgument, OutOfMemory, Cancelled };

struct Status {
    ErrorKind kind = ErrorKind::None;
    std::string message;
    bool ok() const { return kind == ErrorKind::None; }
};

struct DeviceInfo {
    int count = 0;              // CUDA devices visible
    std::string name;           // of the current device (0 unless CUDA_VISIBLE_DEVICES says otherwise)
    size_t total_memory = 0;    // bytes
    int cc_major = 0, cc_minor = 0;
    std::string runtime;        // "CUDA runtime 13.0, driver 13.0"
};

// LayerCompute (layer_compute.hpp) inside the plugin, in plain-data terms; out-parameters instead of
// return values so that every method can report a Status.
class LayerComputeAbi {
public:
    virtual void destroy() noexcept = 0;  // deletes the object inside the plugin
    virtual Status start(const ModelConfig& config, std::vector<float>& embeddings, int64_t n_seq, int64_t seq_len,
                         int64_t search_seqs) noexcept = 0;  // takes the embeddings (moved from)
    virtual Status advance(FloatLayer& layer) noexcept = 0;  // the layer as the model holds it (moved from)
    virtual Status begin_layer(FloatLayer& layer, LayerCapture& capture) noexcept = 0;  // moved from
    virtual Status weight_mean(ScaleGroup g, int64_t group_size, std::vector<float>& out) noexcept = 0;
    virtual Status scale_loss(ScaleGroup g, const std::vector<float>& s, const QuantParams& quant,
                              double& loss) noexcept = 0;
    virtual Status apply_scales(ScaleGroup g, const std::vector<float>& s) noexcept = 0;
    // keep_going(context) returning false makes it stop with ErrorKind::Cancelled.
    virtual Status clip_search(int linear, const AwqSettings& settings, bool (*keep_going)(void*), void* context,
                               ClipResult& out) noexcept = 0;
    virtual Status quantize_layer(const QuantParams& quant, LayerReport& rep, QuantizedLayer& out) noexcept = 0;
    virtual Status measure_errors(const QuantizedLayer& q, const QuantParams& quant, LayerReport& rep) noexcept = 0;

protected:
    ~LayerComputeAbi() = default;
};

// The model of an inference session, as the plugin rebuilds it: Model::load(folder) there, and when
// `layers` is set, make_quantized_model() of those layers on that model (an AWQ result not exported).
struct SessionModel {
    std::string folder;
    const std::vector<QuantizedLayer>* layers = nullptr;  // borrowed for the call; null: the folder's model
    QuantParams quant;                                     // of `layers`
    std::vector<std::string> modules_to_not_convert;       // of `layers`
    int64_t max_context = 2048;                            // capped at the model's max_position_embeddings
};

struct SessionInfo {
    int64_t max_context = 0;
    std::string weights_kind;                       // "fp16", "int4-g128", ... (ModelRunner::weights_kind)
    size_t weights = 0, kv_cache = 0, scratch = 0;  // device bytes the session holds
    size_t device_free = 0, device_total = 0;       // of the device, when asked
};

// cuda::ModelRunner inside the plugin: the InferenceSession contract with Statuses.
class SessionAbi {
public:
    virtual void destroy() noexcept = 0;  // frees the device memory and the object inside the plugin
    virtual Status feed(const std::vector<int32_t>& tokens, bool all_logits, std::vector<float>& logits) noexcept = 0;
    virtual Status reset() noexcept = 0;
    virtual Status truncate(int64_t n) noexcept = 0;
    virtual int64_t length() const noexcept = 0;
    virtual Status info(SessionInfo& out) noexcept = 0;

protected:
    ~SessionAbi() = default;
};

// What awq_gpu_plugin_entry() returns. The first two fields stay where they are in every version, so a
// mismatch is reported instead of calling through a wrong table.
struct PluginApi {
    uint32_t abi_version;
    uint32_t size;            // sizeof(PluginApi)
    const char* build_tag;    // build_tag() of the plugin's build; must equal the caller's
    Status (*probe)(DeviceInfo& info) noexcept;  // Unsupported with the reason when there is no device
    // tf32: GpuQuantOptions::tf32 (kernels/host/gpu_quant_backend.hpp).
    Status (*create_layer_compute)(bool tf32, LayerComputeAbi*& out) noexcept;
    // Loads and uploads the model (OutOfMemory when it does not fit, Unsupported when the GPU path cannot
    // run it).
    Status (*create_session)(const SessionModel& model, SessionAbi*& out) noexcept;
    // The GPU benchmarks with awq_kernel_bench's arguments (kernels/bench/bench_cli.hpp); their tables go
    // to write(context, text, size) as they are printed. InvalidArgument (with the usage) for arguments it
    // does not take, Error with the reason when a benchmark fails.
    Status (*run_bench)(const std::vector<std::string>& args, void (*write)(void* context, const char* text, size_t size),
                        void* context) noexcept;
};

using EntryPoint = const PluginApi* (*)();

// The compiler and the layout of what crosses the boundary: a plugin from another build is refused.
std::string build_tag();

// Throws the awq exception `s` stands for (s must not be ok()).
[[noreturn]] void rethrow(const Status& s);

}  // namespace gpu_plugin

// Why no GPU is available, as a stable code: the GUI words it in its own language from the code and
// `GpuStatus::detail`; `GpuStatus::reason` is the English line for the CLI and logs.
enum class GpuMissing {
    None,                // available
    NoCudaBuild,         // this build has no CUDA support
    PluginNotInstalled,  // detail: where it was looked for
    PluginLoadFailed,    // detail: the plugin's path; words: the loader's (dlerror)
    NotAPlugin,          // detail: the file's path
    PluginAbiMismatch,   // detail: the plugin's path
    PluginOtherBuild,    // detail: the plugin's path
    NoDriver,            // detail: the driver library's name
    NoDevice,            // the plugin found no usable device; words: the plugin's
    ProbeFailed,         // words: the exception's
};

// Where the plugin was looked for, whether it loaded and found a device, and why not.
struct GpuStatus {
    bool available = false;
    std::string reason;                   // one line when not available: what was missing and where
    GpuMissing missing = GpuMissing::None;
    std::string detail;                   // the code's argument, a path or a library (see GpuMissing)
    std::string words;                    // what the system or the plugin said, untranslated (see GpuMissing)
    std::filesystem::path plugin;         // the file loaded (or the last one tried)
    gpu_plugin::DeviceInfo device;        // when available
    const gpu_plugin::PluginApi* api = nullptr;
};

// Looks for the plugin, loads it and asks it for a device (each call; a loaded plugin stays loaded). The
// installed plugin is not loaded where the NVIDIA driver library (kDriverLibrary) cannot be.
// Never throws.
GpuStatus probe_gpu();

// The plugin's GPU LayerCompute for quantize_model(); throws Unsupported with the reason when `gpu` is
// not available. Errors of its methods are rethrown as the awq exceptions the plugin reported.
std::unique_ptr<LayerCompute> make_gpu_layer_compute(const GpuStatus& gpu, bool tf32 = false);

// A Session whose model runs on the GPU, inside the plugin; the caller's `model` supplies the tokenizer,
// config and stop ids. The plugin rebuilds the weights from `model`'s folder, so `model` must come from
// Model::load(), or be make_quantized_model(*result) of a result on such a model (pass `result` then).
// Throws Unsupported (with the reason) when `gpu` is not available or the model exists only in memory,
// and what the plugin reports (OutOfMemory, Unsupported for a model the GPU path cannot run). Methods
// rethrow the plugin's errors as awq exceptions.
class GpuSession final : public Session {
public:
    GpuSession(const GpuStatus& gpu, std::shared_ptr<const Model> model, int64_t max_context = 2048,
               const QuantizationResult* result = nullptr);
    ~GpuSession() override;
    GpuSession(const GpuSession&) = delete;
    GpuSession& operator=(const GpuSession&) = delete;

    std::vector<float> feed(const std::vector<int32_t>& tokens, bool all_logits = false) override;
    void reset() override;
    void truncate(int64_t n) override;
    int64_t length() const override;
    int64_t max_context() const override { return max_context_; }
    const Model& model() const override { return *model_; }
    // The device memory the session holds, and the device's free / total now.
    gpu_plugin::SessionInfo info() const;

private:
    std::shared_ptr<const Model> model_;
    gpu_plugin::SessionAbi* p_ = nullptr;
    int64_t max_context_ = 0;
};

// Runs the plugin's GPU benchmarks (PluginApi::run_bench) with `args`, printing to `out` as they go.
// Throws Unsupported when `gpu` is not available, InvalidArgument for arguments the benchmark does not
// take, Error when it fails.
void run_gpu_bench(const GpuStatus& gpu, const std::vector<std::string>& args, std::ostream& out);

// "NVIDIA H100 80GB HBM3 (79.1 GiB, sm_90)".
std::string describe_device(const gpu_plugin::DeviceInfo& d);

}  // namespace awq
