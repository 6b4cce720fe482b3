// SPDX-License-Identifier: MIT
// The bad-input catalogue (docs/reliability.md): one test per way a user's files or settings can be
// wrong. Each asserts the awq::Error subclass thrown and that the message names the file (or tensor /
// layer) and says what is wrong. Models are copies of a random-models fixture, corrupted in a temp dir.
#include "test_util.hpp"

#include <awq/int4/int4_matrix.hpp>
#include <awq/error.hpp>
#include <awq/export/awq_export.hpp>
#include <awq/io/safetensors.hpp>
#include <awq/model/model.hpp>
#include <awq/int4/awq_pack.hpp>
#include <awq/quant/calibration.hpp>
#include <awq/quant/quantize_model.hpp>
#include <awq/quant/report.hpp>

#include <omp.h>

#include <csignal>
#include <cstring>
#include <fstream>
#include <functional>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define AWQ_UNDER_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define AWQ_UNDER_SANITIZER 1
#endif
#endif

using namespace awq;
using awq::test::expect_error;
using awq::test::TempDir;
namespace fs = std::filesystem;

namespace {


std::string slurp(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), {}};
}

void spit(const fs::path& p, const std::string& bytes) {
    std::ofstream f(p, std::ios::binary | std::ios::trunc);
    f << bytes;
}

// A writable copy of a random-models fixture.
fs::path copy_model(const TempDir& dir, const std::string& name = "llama-tied") {
    const fs::path out = dir.path / name;
    fs::copy(awq::test::fixtures() / "random-models" / name, out, fs::copy_options::recursive);
    fs::remove(out / "logits.safetensors");
    return out;
}

// Rewrites model.safetensors with `mutate` applied to one tensor's bytes.
void rewrite_tensor(const fs::path& model, const std::string& tensor,
                    const std::function<void(std::vector<std::byte>&, DType)>& mutate) {
    const fs::path path = model / "model.safetensors";
    const auto file = SafetensorsFile::open(path);
    std::vector<std::vector<std::byte>> buffers;
    std::vector<TensorToWrite> out;
    buffers.reserve(file->tensors().size());
    for (const auto& t : file->tensors()) {
        buffers.emplace_back(t.data, t.data + t.nbytes);
        if (t.name == tensor) mutate(buffers.back(), t.dtype);
        out.push_back({t.name, t.dtype, t.shape, buffers.back()});
    }
    write_safetensors(path, out);
}

// Puts `value` (as the tensor's float dtype) at element `index`.
void poke(std::vector<std::byte>& bytes, DType dtype, size_t index, float value) {
    uint32_t bits;
    std::memcpy(&bits, &value, 4);
    if (dtype == DType::F32) {
        std::memcpy(bytes.data() + index * 4, &bits, 4);
    } else {
        // F16 / BF16: NaN 0x7e00 / 0x7fc0, Inf 0x7c00 / 0x7f80.
        const bool nan = std::isnan(value);
        const uint16_t h = dtype == DType::F16 ? (nan ? 0x7e00 : 0x7c00) : (nan ? 0x7fc0 : 0x7f80);
        std::memcpy(bytes.data() + index * 2, &h, 2);
    }
}

// A safetensors file from a raw header and a data section of `data_bytes` bytes.
std::string safetensors_bytes(const std::string& header, size_t data_bytes) {
    std::string out(8, '\0');
    uint64_t n = header.size();
    for (int i = 0; i < 8; ++i) out[size_t(i)] = char((n >> (8 * i)) & 0xff);
    return out + header + std::string(data_bytes, '\x11');
}

CalibrationSet small_calibration(int64_t blocks, int64_t len) {
    CalibrationSet c;
    c.source = "test tokens";
    c.block_len = len;
    for (int64_t i = 0; i < blocks * len; ++i) c.tokens.push_back(int32_t(1 + (i * 37) % 4000));
    return c;
}

AwqSettings rtn_settings() {
    AwqSettings s;
    s.rtn = true;
    s.error_feedback = false;
    s.quant.group_size = 32;
    s.threads = 1;
    return s;
}

// Runs fn in a forked child (so resource limits stay there) and returns what it reported: "ok", or
// "<Type>: <message>" for an exception. The child runs single-threaded: OpenMP's pool does not survive fork.
std::string run_in_child(const std::function<void()>& fn) {
    int fds[2];
    if (pipe(fds) != 0) return "pipe failed";
    const pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        omp_set_num_threads(1);
        std::string result = "ok";
        try {
            fn();
        } catch (const OutOfMemory& e) {
            result = std::string("OutOfMemory: ") + e.what();
        } catch (const FileError& e) {
            result = std::string("FileError: ") + e.what();
        } catch (const Error& e) {
            result = std::string("Error: ") + e.what();
        } catch (const std::bad_alloc&) {
            result = "std::bad_alloc";
        } catch (const std::exception& e) {
            result = std::string("std::exception: ") + e.what();
        }
        (void)!write(fds[1], result.data(), result.size());
        _exit(0);
    }
    close(fds[1]);
    std::string out;
    char buf[4096];
    for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) out.append(buf, size_t(n));
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status)) return "child died with signal " + std::to_string(WTERMSIG(status));
    return out;
}

uint64_t vm_size_bytes() {
    std::ifstream f("/proc/self/statm");
    uint64_t pages = 0;
    f >> pages;
    return pages * uint64_t(sysconf(_SC_PAGESIZE));
}

}  // namespace

class TestBadInputs : public QObject {
    Q_OBJECT

private slots:
    // ---- missing, truncated, zero-length files ----
    void missing_folder() {
        expect_error<FileError>([] { Model::load("/nonexistent/awq-model"); }, {"/nonexistent/awq-model", "not a folder"});
    }
    void missing_config() {
        TempDir d;
        const auto m = copy_model(d);
        fs::remove(m / "config.json");
        expect_error<FileError>([&] { Model::load(m); }, {"config.json", "no such file"});
    }
    void missing_weights() {
        TempDir d;
        const auto m = copy_model(d);
        fs::remove(m / "model.safetensors");
        expect_error<FileError>([&] { Model::load(m); }, {m.string(), "no model.safetensors"});
    }
    void pickle_bin_only() {
        TempDir d;
        const auto m = copy_model(d);
        fs::rename(m / "model.safetensors", m / "pytorch_model.bin");
        expect_error<Unsupported>([&] { Model::load(m); }, {m.string(), "pickle .bin weights are not loaded"});
    }
    void missing_tensor() {
        TempDir d;
        const auto m = copy_model(d);
        const auto f = SafetensorsFile::open(m / "model.safetensors");
        std::vector<TensorToWrite> keep;
        for (const auto& t : f->tensors())
            if (t.name != "model.layers.1.mlp.up_proj.weight")
                keep.push_back({t.name, t.dtype, t.shape, {t.data, t.nbytes}});
        write_safetensors(m / "model.safetensors", keep);
        expect_error<FormatError>([&] { Model::load(m); }, {m.string(), "'model.layers.1.mlp.up_proj.weight' is missing"});
    }
    void zero_length_safetensors() {
        TempDir d;
        const auto m = copy_model(d);
        spit(m / "model.safetensors", "");
        expect_error<FormatError>([&] { Model::load(m); }, {"model.safetensors", "0 bytes, too short"});
    }
    void truncated_safetensors() {
        TempDir d;
        const auto m = copy_model(d);
        const std::string all = slurp(m / "model.safetensors");
        spit(m / "model.safetensors", all.substr(0, all.size() / 2));
        expect_error<FormatError>([&] { Model::load(m); }, {"model.safetensors", "go past the data section"});
    }
    void truncated_config() {
        TempDir d;
        const auto m = copy_model(d);
        const std::string all = slurp(m / "config.json");
        spit(m / "config.json", all.substr(0, all.size() / 2));
        expect_error<FormatError>([&] { Model::load(m); }, {"config.json", "not valid JSON"});
    }
    void truncated_tokenizer() {
        TempDir d;
        const auto m = copy_model(d);
        const std::string all = slurp(m / "tokenizer.json");
        spit(m / "tokenizer.json", all.substr(0, all.size() / 2));
        expect_error<FormatError>([&] { Model::load(m); }, {"tokenizer.json", "JSON"});
    }

    // ---- safetensors headers ----
    void header_length_past_end() {
        TempDir d;
        const auto m = copy_model(d);
        std::string all = slurp(m / "model.safetensors");
        const uint64_t huge = all.size() + 1;
        for (int i = 0; i < 8; ++i) all[size_t(i)] = char((huge >> (8 * i)) & 0xff);
        spit(m / "model.safetensors", all);
        expect_error<FormatError>([&] { Model::load(m); }, {"model.safetensors", "header length", "impossible"});
    }
    void overlapping_offsets() {
        TempDir d;
        const fs::path p = d.path / "overlap.safetensors";
        spit(p, safetensors_bytes(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                                  R"("b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})",
                                  12));
        expect_error<FormatError>([&] { SafetensorsFile::open(p); }, {p.string(), "tensor 'b'", "overlap tensor 'a'"});
    }
    void dtype_shape_mismatch() {
        TempDir d;
        const fs::path p = d.path / "mismatch.safetensors";
        spit(p, safetensors_bytes(R"({"w":{"dtype":"F16","shape":[3],"data_offsets":[0,8]}})", 8));
        expect_error<FormatError>([&] { SafetensorsFile::open(p); }, {p.string(), "tensor 'w'", "needs 6 bytes", "cover 8"});
    }
    void tensor_shape_differs_from_config() {
        TempDir d;
        const auto m = copy_model(d);
        std::string cfg = slurp(m / "config.json");
        const auto at = cfg.find("\"intermediate_size\": 128");
        QVERIFY(at != std::string::npos);
        cfg.replace(at, 24, "\"intermediate_size\": 96");
        spit(m / "config.json", cfg);
        expect_error<FormatError>([&] { Model::load(m); }, {"model.safetensors", "gate_proj.weight", "config.json implies"});
    }
    void shard_outside_folder() {
        TempDir d;
        const auto m = copy_model(d);
        fs::rename(m / "model.safetensors", d.path / "model.safetensors");
        spit(m / "model.safetensors.index.json",
             R"({"weight_map": {"model.embed_tokens.weight": "../model.safetensors"}})");
        expect_error<FormatError>([&] { Model::load(m); },
                                  {"model.safetensors.index.json", "../model.safetensors", "not a plain file name"});
    }

    // ---- weights and vocabulary ----
    void nan_in_weights() {
        TempDir d;
        const auto m = copy_model(d);
        rewrite_tensor(m, "model.layers.1.mlp.down_proj.weight",
                       [](auto& b, DType t) { poke(b, t, 5 * 128 + 7, NAN); });
        const auto model = Model::load(m);  // loading maps, it does not scan every weight
        expect_error<InvalidArgument>([&] { quantize_model(model, small_calibration(1, 16), rtn_settings()); },
                                      {m.string(), "'model.layers.1.mlp.down_proj.weight'", "(layer 1)", "NaN",
                                       "[5, 7]"});
    }
    void inf_in_weights() {
        TempDir d;
        const auto m = copy_model(d);
        rewrite_tensor(m, "model.layers.0.self_attn.k_proj.weight",
                       [](auto& b, DType t) { poke(b, t, 3, INFINITY); });
        const auto model = Model::load(m);
        expect_error<InvalidArgument>([&] { quantize_model(model, small_calibration(1, 16), rtn_settings()); },
                                      {"'model.layers.0.self_attn.k_proj.weight'", "(layer 0)", "Inf", "[0, 3]"});
    }
    void vocab_size_differs_from_embedding() {
        TempDir d;
        const auto m = copy_model(d);
        std::string cfg = slurp(m / "config.json");
        const auto at = cfg.find("\"vocab_size\": 4096");
        QVERIFY(at != std::string::npos);
        cfg.replace(at, 18, "\"vocab_size\": 5000");
        spit(m / "config.json", cfg);
        expect_error<FormatError>([&] { Model::load(m); },
                                  {"model.safetensors", "4096 rows", "config.json says vocab_size 5000"});
    }
    void unknown_tokenizer_component() {
        TempDir d;
        const auto m = copy_model(d);
        std::string tok = slurp(m / "tokenizer.json");
        const auto at = tok.find("\"pre_tokenizer\"");
        QVERIFY(at != std::string::npos);
        tok.insert(at, R"("normalizer": {"type": "FancyNewNormalizer"}, )");
        const auto old = tok.find("\"normalizer\": null");
        if (old != std::string::npos) tok.erase(old, std::strlen("\"normalizer\": null") + 1);
        spit(m / "tokenizer.json", tok);
        expect_error<Unsupported>([&] { Model::load(m); }, {"tokenizer.json", "FancyNewNormalizer", "not supported"});
    }

    // ---- calibration text ----
    void calibration_empty() {
        TempDir d;
        spit(d.path / "calib.txt", "");
        expect_error<FormatError>([&] { read_calibration_documents(d.path / "calib.txt"); }, {"calib.txt", "empty"});
    }
    void calibration_blank_lines_only() {
        TempDir d;
        spit(d.path / "calib.txt", "\n\n  \n\t\n");
        expect_error<FormatError>([&] { read_calibration_documents(d.path / "calib.txt"); }, {"calib.txt", "no text"});
    }
    void calibration_binary() {
        TempDir d;
        spit(d.path / "calib.txt", slurp(awq::test::fixtures() / "safetensors" / "basic.safetensors"));
        expect_error<FormatError>([&] { read_calibration_documents(d.path / "calib.txt"); }, {"calib.txt", "binary"});
    }
    void calibration_not_utf8() {
        TempDir d;
        spit(d.path / "calib.txt", "In the beginning \xe9tait le verbe\n");  // Latin-1
        expect_error<FormatError>([&] { read_calibration_documents(d.path / "calib.txt"); }, {"calib.txt", "UTF-8"});
    }
    void calibration_shorter_than_one_block() {
        const auto tok = Tokenizer::from_file(awq::test::fixtures() / "random-models" / "llama-tied" / "tokenizer.json");
        CalibrationOptions o;
        o.block_len = 512;
        expect_error<InvalidArgument>(
            [&] { make_calibration_blocks({"And God said, Let there be light."}, tok, o, "short.txt"); },
            {"short.txt", "calibration tokens from 1 documents", "512 are needed for one block"});
    }

    // ---- quantization settings ----
    void group_size_not_dividing_layer() {
        const auto w = awq::test::random_vector(4 * 100, 3);
        QuantParams p;
        p.group_size = 64;
        expect_error<InvalidArgument>([&] { quantize(w.data(), 4, 100, p); }, {"group size 64", "input width 100"});
    }
    void group_size_not_dividing_model_layers_leaves_them_fp16() {
        // In a whole model such linears are not an error: they stay in FP16 and the report lists them.
        const auto model = Model::load(awq::test::fixtures() / "random-models" / "llama-tied");
        auto s = rtn_settings();
        s.quant.group_size = 48;  // divides neither 64 nor 128
        const auto r = quantize_model(model, small_calibration(1, 16), s);
        QCOMPARE(r.report.modules_to_not_convert.size(), size_t(2 * 7));
        QCOMPARE(r.report.modules_to_not_convert.front(), std::string("model.layers.0.self_attn.q_proj"));
    }

    // ---- AWQ checkpoints ----
    void awq_wrong_packed_shape() {
        TempDir d;
        std::vector<int32_t> qw(64 * 4, 0x12345678), qz(2 * 8, 0x88888888);
        std::vector<uint16_t> sc(2 * 64, 0x3c00);
        write_safetensors(d.path / "model.safetensors",
                          {{"layer.qweight", DType::I32, {64, 4}, std::as_bytes(std::span(qw))},
                           {"layer.qzeros", DType::I32, {2, 8}, std::as_bytes(std::span(qz))},
                           {"layer.scales", DType::F16, {2, 64}, std::as_bytes(std::span(sc))}});
        ModelConfig c;
        c.quantization = AwqQuantConfig{};
        c.quantization->group_size = 32;
        const auto store = TensorStore::open_folder(d.path);
        expect_error<FormatError>([&] { load_linear(store, "layer", 64, 64, c); },
                                  {"model.safetensors", "'layer.qweight'", "[64, 4]", "expected [64, 8]"});
    }
    void awq_wrong_qzeros_rows() {
        std::vector<int32_t> qw(64 * 8, 0x12345678), qz(3 * 8, 0x88888888);
        std::vector<uint16_t> sc(2 * 64, 0x3c00);
        AwqGemmView v{qw.data(), 64, 8, qz.data(), 3, 8, sc.data(), 2, 64, 32};
        expect_error<FormatError>([&] { Int4Matrix::from_awq_gemm(v, "ckpt.safetensors: layer"); },
                                  {"ckpt.safetensors: layer", "qzeros"});
    }
    void awq_non_finite_scale() {
        std::vector<int32_t> qw(64 * 8, 0x12345678), qz(2 * 8, 0x88888888);
        std::vector<uint16_t> sc(2 * 64, 0x3c00);
        sc[70] = 0x7c00;  // +Inf
        AwqGemmView v{qw.data(), 64, 8, qz.data(), 2, 8, sc.data(), 2, 64, 32};
        expect_error<FormatError>([&] { Int4Matrix::from_awq_gemm(v, "ckpt.safetensors: layer"); },
                                  {"ckpt.safetensors: layer", "scale"});
    }
    void awq_zero_point_out_of_range() {
        // Packed qzeros hold 4-bit fields, so a zero point past 15 can only come from the writer's side.
        QuantParams p;
        p.group_size = 32;
        const auto w = awq::test::random_vector(8 * 64, 5);
        QuantizedMatrix q = quantize(w.data(), 8, 64, p);
        q.zeros[3] = 16;
        expect_error<InvalidArgument>([&] { pack_awq_gemm(q, "model.layers.0.mlp.up_proj"); },
                                      {"model.layers.0.mlp.up_proj", "16"});
    }

    // ---- output folders ----
    void output_is_input_folder() {
        const fs::path m = awq::test::fixtures() / "random-models" / "llama-tied";
        expect_error<InvalidArgument>([&] { check_export_destination(m, m, true); },
                                      {m.string(), "is the model folder itself"});
    }
    void output_under_a_file() {
        TempDir d;
        spit(d.path / "plain-file", "x");
        expect_error<FileError>([&] { check_export_destination(d.path, d.path / "plain-file" / "out", false); },
                                {"plain-file", "not a folder"});
    }
    void output_not_writable() {
        // Tests run as root, so permission bits do not stop them: /proc refuses new folders for anyone.
        const auto model = Model::load(awq::test::fixtures() / "random-models" / "llama-tied");
        const auto r = quantize_model(model, small_calibration(1, 16), rtn_settings());
        expect_error<FileError>([&] { export_awq_gemm(r, "/proc/awq-out"); }, {"/proc/awq-out", "cannot"});
    }
    void output_exists_without_overwrite() {
        TempDir d;
        fs::create_directory(d.path / "out");
        expect_error<FileError>([&] { check_export_destination(d.path / "m", d.path / "out", false); },
                                {(d.path / "out").string(), "already exists"});
    }

    // ---- reports ----
    void report_from_newer_version() {
        TempDir d;
        Report r;
        std::string json = report_to_json(r);
        const auto at = json.find("\"version\": 1");
        QVERIFY(at != std::string::npos);
        json.replace(at, 12, "\"version\": 7");
        spit(d.path / "awq_report.json", json);
        expect_error<FormatError>([&] { read_report(d.path / "awq_report.json"); },
                                  {"awq_report.json", "version 7", "newer AWQ Studio"});
    }
    void report_wrong_field_types() {
        expect_error<FormatError>([] { report_from_json(R"({"format": 3, "version": 1})", "r.json"); }, {"r.json"});
        expect_error<FormatError>(
            [] { report_from_json(R"({"format": "awq-studio-report", "version": "1"})", "r.json"); }, {"r.json"});
    }

    // ---- resources ----
    void out_of_memory_while_quantizing() {
#ifdef AWQ_UNDER_SANITIZER
        QSKIP("RLIMIT_AS cannot be combined with a sanitizer's shadow memory");
#endif
        const auto model = Model::load(awq::test::fixtures() / "random-models" / "llama-tied");
        const auto calib = small_calibration(1024, 512);  // 128 MiB of activations per copy
        const std::string got = run_in_child([&] {
            const rlimit lim{vm_size_bytes() + (48u << 20), RLIM_INFINITY};
            setrlimit(RLIMIT_AS, &lim);
            quantize_model(model, calib, rtn_settings());
        });
        qInfo("child: %s", got.c_str());
        QVERIFY2(got.rfind("OutOfMemory: ", 0) == 0, got.c_str());
        QVERIFY(got.find("llama-tied") != std::string::npos);
        QVERIFY(got.find("1024 blocks of 512 tokens") != std::string::npos);
        QVERIFY(got.find("fewer calibration samples") != std::string::npos);
    }
    void disk_full_while_exporting() {
        TempDir d;
        const auto model = Model::load(awq::test::fixtures() / "random-models" / "llama-tied");
        const auto r = quantize_model(model, small_calibration(1, 16), rtn_settings());
        const fs::path out = d.path / "out";
        fs::create_directory(out);
        spit(out / "earlier.txt", "the earlier output");
        const std::string got = run_in_child([&] {
            std::signal(SIGXFSZ, SIG_IGN);  // then write() fails with EFBIG, as it fails with ENOSPC on a full disk
            const rlimit lim{64u << 10, RLIM_INFINITY};
            setrlimit(RLIMIT_FSIZE, &lim);
            ExportOptions o;
            o.overwrite = true;
            export_awq_gemm(r, out, o);
        });
        qInfo("child: %s", got.c_str());
        QVERIFY2(got.rfind("FileError: ", 0) == 0, got.c_str());
        QVERIFY(got.find(out.string() + ": export failed, nothing there was changed") != std::string::npos);
        QVERIFY(got.find("MiB of free space") != std::string::npos);
        QVERIFY(got.find("model.safetensors: write failed: File too large") != std::string::npos);
        // The earlier output is untouched and nothing half-written is left beside it.
        QCOMPARE(slurp(out / "earlier.txt"), std::string("the earlier output"));
        QCOMPARE(size_t(std::distance(fs::directory_iterator(out), fs::directory_iterator())), size_t(1));
        for (const auto& e : fs::directory_iterator(d.path))
            QVERIFY2(e.path().filename() == "out", e.path().c_str());
    }
    void disk_full_while_writing_safetensors() {
        TempDir d;
        const fs::path p = d.path / "w.safetensors";
        spit(p, "earlier");
        const auto w = awq::test::random_vector(64 << 10, 9);
        const std::string got = run_in_child([&] {
            std::signal(SIGXFSZ, SIG_IGN);
            const rlimit lim{16u << 10, RLIM_INFINITY};
            setrlimit(RLIMIT_FSIZE, &lim);
            write_safetensors(p, {{"w", DType::F32, {int64_t(w.size())}, std::as_bytes(std::span(w))}});
        });
        QVERIFY2(got.rfind("FileError: ", 0) == 0, got.c_str());
        QVERIFY(got.find("w.safetensors") != std::string::npos);
        QCOMPARE(slurp(p), std::string("earlier"));
        QCOMPARE(size_t(std::distance(fs::directory_iterator(d.path), fs::directory_iterator())), size_t(1));
    }
};

QTEST_APPLESS_MAIN(TestBadInputs)
#include "test_bad_inputs.moc"
