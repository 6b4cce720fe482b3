// SPDX-License-Identifier: MIT
// safetensors reading/writing. References: files written by the Python `safetensors` library with the
// values it reads back (tests/fixtures/make_safetensors_fixtures.py), byte-exact round trips, and a
// catalogue of malformed files that must each fail with the right exception type and a message that names
// the file (and the tensor).
#include "test_util.hpp"

#include <awq/error.hpp>
#include <awq/io/safetensors.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <cmath>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <sys/resource.h>

namespace fs = std::filesystem;
using namespace awq;
using awq::test::expect_error;

namespace {

const fs::path kFixtures = fs::path(AWQ_FIXTURES_DIR) / "safetensors";

struct Expected {
    std::string name, dtype;
    std::vector<int64_t> shape;
    std::vector<std::string> values;  // float.hex() for floats, decimal for integers
};

std::vector<Expected> read_expected(const fs::path& p) {
    std::ifstream in(p);
    std::vector<Expected> out;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream ls(line);
        Expected e;
        std::string shape, v;
        ls >> e.name >> e.dtype >> shape;
        if (shape != "-") {
            std::istringstream ss(shape);
            for (std::string d; std::getline(ss, d, ',');) e.shape.push_back(std::stoll(d));
        }
        while (ls >> v) e.values.push_back(v);
        out.push_back(std::move(e));
    }
    return out;
}

template <typename T>
T element(const TensorView& t, size_t i) {
    T v;
    std::memcpy(&v, t.data + i * sizeof(T), sizeof(T));
    return v;
}

int64_t integer_element(const TensorView& t, size_t i) {
    switch (t.dtype) {
        case DType::I64: return element<int64_t>(t, i);
        case DType::I32: return element<int32_t>(t, i);
        case DType::I16: return element<int16_t>(t, i);
        case DType::I8: return element<int8_t>(t, i);
        case DType::U8: case DType::BOOL: return element<uint8_t>(t, i);
        default: return INT64_MIN;
    }
}

bool same_float(float a, double expected) {
    if (std::isnan(expected)) return std::isnan(a);
    return a == float(expected) && std::signbit(a) == std::signbit(expected);
}

// Every value of every expected tensor, compared exactly with what we read.
void check_against_expected(const TensorStore& store, const fs::path& expected_file) {
    const auto expected = read_expected(expected_file);
    QVERIFY(!expected.empty());
    QCOMPARE(store.names().size(), expected.size());
    for (const auto& e : expected) {
        const TensorView* t = store.find(e.name);
        QVERIFY2(t != nullptr, e.name.c_str());
        QCOMPARE(std::string(dtype_name(t->dtype)), e.dtype);
        QCOMPARE(t->shape, e.shape);
        QCOMPARE(size_t(t->numel()), e.values.size());
        QCOMPARE(t->nbytes, e.values.size() * dtype_size(t->dtype));
        const bool is_float = t->dtype == DType::F32 || t->dtype == DType::F16 || t->dtype == DType::BF16 ||
                              t->dtype == DType::F64;
        if (is_float) {
            const auto f = t->to_f32();
            for (size_t i = 0; i < f.size(); ++i) {
                const double want = std::strtod(e.values[i].c_str(), nullptr);
                QVERIFY2(same_float(f[i], want), (e.name + "[" + std::to_string(i) + "] = " +
                                                  std::to_string(f[i]) + ", want " + e.values[i]).c_str());
                if (t->dtype == DType::F64) QCOMPARE(element<double>(*t, i), want);
            }
        } else {
            for (size_t i = 0; i < e.values.size(); ++i)
                QCOMPARE(integer_element(*t, i), int64_t(std::stoll(e.values[i])));
        }
    }
}


std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void spit(const fs::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary);
    out.write(bytes.data(), std::streamsize(bytes.size()));
}

std::string le64(uint64_t n) {
    std::string s(8, '\0');
    for (int i = 0; i < 8; ++i) s[size_t(i)] = char((n >> (8 * i)) & 0xff);
    return s;
}

// A file with the given header text and data section; the length field says header.size() unless told.
fs::path raw_file(const fs::path& p, const std::string& header, size_t data_bytes,
                  std::optional<uint64_t> claimed_len = std::nullopt) {
    spit(p, le64(claimed_len.value_or(header.size())) + header + std::string(data_bytes, '\x11'));
    return p;
}

std::vector<std::string> folder_entries(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::byte> random_bytes(std::mt19937& rng, size_t n) {
    std::vector<std::byte> b(n);
    for (auto& x : b) x = std::byte(rng() & 0xff);
    return b;
}

fs::path tmp_path(const QTemporaryDir& d) { return fs::path(d.path().toStdString()); }

}  // namespace

class TestSafetensors : public QObject {
    Q_OBJECT

private slots:
    // (a) files from the real Python library
    void reads_python_file_every_value() {
        const auto store = TensorStore::open_file(kFixtures / "basic.safetensors");
        check_against_expected(store, kFixtures / "basic.expected.txt");
        QCOMPARE(store.files().size(), size_t(1));
        const auto& meta = store.files()[0]->metadata();
        QCOMPARE(meta.size(), size_t(2));
        QCOMPARE(meta.at("format"), std::string("pt"));
        QCOMPARE(meta.at("producer"), std::string("make_safetensors_fixtures.py"));
        QCOMPARE(store.get("f32.weight").shape_string(), std::string("[2, 3, 4]"));
        QCOMPARE(store.get("f64.scalar").numel(), int64_t(1));
        QCOMPARE(store.get("empty.bias").numel(), int64_t(0));
    }

    void reads_python_sharded_folder() {
        const auto store = TensorStore::open_folder(kFixtures / "sharded");
        QCOMPARE(store.files().size(), size_t(2));
        check_against_expected(store, kFixtures / "sharded.expected.txt");
        QCOMPARE(store.get("lm_head.weight").file.filename().string(),
                 std::string("model-00001-of-00002.safetensors"));
        QCOMPARE(store.get("model.norm.weight").file.filename().string(),
                 std::string("model-00002-of-00002.safetensors"));
        size_t sum = 0;
        for (const auto& n : store.names()) sum += store.get(n).nbytes;
        QCOMPARE(store.total_bytes(), sum);
        QVERIFY(sum > 0);
        expect_error<FormatError>([&] { store.get("model.layers.9.mlp.up_proj.weight"); },
                                  {(kFixtures / "sharded").string(), "model.layers.9.mlp.up_proj.weight", "missing"});
    }

    void to_f32_refuses_integer_tensor() {
        const auto f = SafetensorsFile::open(kFixtures / "basic.safetensors");
        const TensorView* t = f->find("i32.ids");
        QVERIFY(t != nullptr);
        expect_error<FormatError>([&] { t->to_f32(); }, {"basic.safetensors", "i32.ids", "I32"});
        QVERIFY(f->find("no.such.tensor") == nullptr);
    }

    // (b) write -> read, byte exact, every dtype, awkward shapes, unaligned placements
    void round_trip_random_tensors() {
        QTemporaryDir dir;
        std::mt19937 rng(1234);
        const std::vector<std::pair<DType, std::vector<int64_t>>> specs = {
            {DType::I8, {3}},          {DType::F32, {7, 5}},      {DType::BF16, {3, 1, 5}}, {DType::U8, {1}},
            {DType::F16, {2, 9}},      {DType::F64, {}},          {DType::I64, {4}},        {DType::I32, {3, 0, 2}},
            {DType::I16, {11}},        {DType::BOOL, {6}},        {DType::F32, {0}},        {DType::BF16, {33}}};
        std::vector<std::vector<std::byte>> storage;
        std::vector<TensorToWrite> tensors;
        for (size_t i = 0; i < specs.size(); ++i) {
            int64_t n = 1;
            for (auto d : specs[i].second) n *= d;
            storage.push_back(random_bytes(rng, size_t(n) * dtype_size(specs[i].first)));
            if (specs[i].first == DType::BOOL)
                for (auto& b : storage.back()) b &= std::byte(1);
        }
        for (size_t i = 0; i < specs.size(); ++i)
            tensors.push_back({"t" + std::to_string(i) + ".w", specs[i].first, specs[i].second, storage[i]});
        const std::map<std::string, std::string> meta = {{"format", "pt"}, {"note", "ünïcode \"quoted\""}};
        const fs::path p = tmp_path(dir) / "rt.safetensors";
        write_safetensors(p, tensors, meta);

        // Header length is padded to a multiple of 8, as the reference writer does.
        const std::string raw = slurp(p);
        uint64_t hlen = 0;
        for (int i = 7; i >= 0; --i) hlen = (hlen << 8) | uint8_t(raw[size_t(i)]);
        QCOMPARE(hlen % 8, uint64_t(0));

        const auto f = SafetensorsFile::open(p);
        QCOMPARE(f->metadata(), meta);
        QCOMPARE(f->tensors().size(), tensors.size());
        for (size_t i = 0; i < tensors.size(); ++i) {
            const auto& t = f->tensors()[i];  // data order == the order given
            QCOMPARE(t.name, tensors[i].name);
            QCOMPARE(t.dtype, tensors[i].dtype);
            QCOMPARE(t.shape, tensors[i].shape);
            QCOMPARE(t.nbytes, tensors[i].bytes.size());
            QVERIFY(t.nbytes == 0 || std::memcmp(t.data, tensors[i].bytes.data(), t.nbytes) == 0);
        }
        // F32 t1 sits at byte 3 of the data section (after 3 I8s): conversion must cope with misalignment.
        const auto& t1 = *f->find("t1.w");
        const auto vals = t1.to_f32();
        for (size_t i = 0; i < vals.size(); ++i) {
            float want;
            std::memcpy(&want, storage[1].data() + 4 * i, 4);
            QVERIFY(std::memcmp(&vals[i], &want, 4) == 0);
        }
        QCOMPARE(folder_entries(tmp_path(dir)), std::vector<std::string>{"rt.safetensors"});
    }

    // (c) the malformed catalogue
    void every_truncation_of_a_valid_file_is_refused() {
        QTemporaryDir dir;
        const std::string full = slurp(kFixtures / "basic.safetensors");
        const fs::path p = tmp_path(dir) / "cut.safetensors";
        for (size_t n = 0; n < full.size(); ++n) {
            spit(p, full.substr(0, n));
            expect_error<FormatError>([&] { SafetensorsFile::open(p); }, {p.string()});
        }
    }

    void corrupted_header_bytes_never_crash() {
        QTemporaryDir dir;
        const std::string full = slurp(kFixtures / "basic.safetensors");
        const fs::path p = tmp_path(dir) / "flip.safetensors";
        std::mt19937 rng(7);
        size_t refused = 0;
        for (size_t i = 8; i < 8 + 800; ++i) {
            std::string bad = full;
            bad[i] = char(rng() & 0xff);
            spit(p, bad);
            try {
                // Accepted: every byte handed out must be readable and consistent with the shape.
                const auto f = SafetensorsFile::open(p);
                unsigned sum = 0;
                for (const auto& t : f->tensors()) {
                    QCOMPARE(t.nbytes, size_t(t.numel()) * dtype_size(t.dtype));
                    for (size_t k = 0; k < t.nbytes; ++k) sum += unsigned(t.data[k]);
                }
                QVERIFY(sum > 0);
            } catch (const FormatError& e) {
                ++refused;
                QVERIFY(std::string(e.what()).find(p.string()) != std::string::npos);
            }
        }
        QVERIFY(refused > 100);  // most single-byte changes break the JSON or its consistency
    }

    void zero_length_and_tiny_files() {
        QTemporaryDir dir;
        const fs::path p = tmp_path(dir) / "empty.safetensors";
        spit(p, "");
        expect_error<FormatError>([&] { SafetensorsFile::open(p); }, {p.string(), "too short"});
        expect_error<FileError>([&] { SafetensorsFile::open(tmp_path(dir) / "absent.safetensors"); },
                                {"absent.safetensors"});
        expect_error<FileError>([&] { SafetensorsFile::open(tmp_path(dir)); }, {tmp_path(dir).string()});
    }

    void lying_header_length() {
        QTemporaryDir dir;
        const std::string h = R"({"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})";
        const fs::path p = tmp_path(dir) / "lie.safetensors";
        raw_file(p, h, 4, h.size() + 5);  // longer than the file
        expect_error<FormatError>([&] { SafetensorsFile::open(p); }, {p.string(), "header length"});
        raw_file(p, h, 4, uint64_t(1) << 63);
        expect_error<FormatError>([&] { SafetensorsFile::open(p); }, {p.string(), "header length"});
        // Past the 100 MB bound although the (sparse) file is big enough.
        raw_file(p, h, 4, (100u << 20) + 8);
        fs::resize_file(p, (101u << 20) + 64);
        expect_error<FormatError>([&] { SafetensorsFile::open(p); }, {p.string(), "limit"});
    }

    void malformed_json_and_entries_data() {
        QTest::addColumn<QString>("header");
        QTest::addColumn<int>("data_bytes");
        QTest::addColumn<QString>("needle");
        const auto row = [](const char* tag, const char* h, int n, const char* needle) {
            QTest::newRow(tag) << QString::fromUtf8(h) << n << QString::fromUtf8(needle);
        };
        row("invalid json", R"({"a":{"dtype":"F32",)", 0, "not valid JSON");
        row("trailing garbage", R"({} x)", 0, "not valid JSON");
        row("not an object", R"([1,2,3])", 0, "not a JSON object");
        row("entry not object", R"({"w":[1]})", 0, "tensor 'w'");
        row("unknown dtype", R"({"w":{"dtype":"Q4","shape":[1],"data_offsets":[0,1]}})", 1, "unknown dtype 'Q4'");
        row("missing dtype", R"({"w":{"shape":[1],"data_offsets":[0,4]}})", 4, "tensor 'w'");
        row("negative dim", R"({"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}})", 4, "tensor 'w'");
        row("float dim", R"({"w":{"dtype":"F32","shape":[2.5],"data_offsets":[0,10]}})", 10, "tensor 'w'");
        row("string dim", R"({"w":{"dtype":"F32","shape":["2"],"data_offsets":[0,8]}})", 8, "tensor 'w'");
        row("shape overflow", R"({"w":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,0]}})", 0,
            "too large");
        row("bytes overflow", R"({"w":{"dtype":"F64","shape":[4611686018427387904],"data_offsets":[0,0]}})", 0,
            "too large");
        row("byte count mismatch", R"({"w":{"dtype":"BF16","shape":[2,3],"data_offsets":[0,10]}})", 16,
            "needs 12 bytes");
        row("end before begin", R"({"w":{"dtype":"U8","shape":[0],"data_offsets":[8,4]}})", 16, "tensor 'w'");
        row("offsets out of bounds", R"({"w":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}})", 16,
            "past the data section");
        row("huge offsets", R"({"w":{"dtype":"U8","shape":[1],"data_offsets":[18446744073709551615,0]}})", 16,
            "tensor 'w'");
        row("three offsets", R"({"w":{"dtype":"U8","shape":[1],"data_offsets":[0,1,2]}})", 4, "tensor 'w'");
        row("overlap", R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                       R"("b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})", 16, "overlap tensor 'a'");
        row("overlap contained", R"({"b":{"dtype":"U8","shape":[1],"data_offsets":[5,6]},)"
                                 R"("a":{"dtype":"U8","shape":[8],"data_offsets":[0,8]}})", 16, "tensor 'b'");
        row("duplicate name", R"({"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},)"
                              R"("a":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}})", 2, "'a' is listed twice");
        row("metadata not object", R"({"__metadata__":"x"})", 0, "__metadata__");
        row("metadata value not string", R"({"__metadata__":{"k":1}})", 0, "'k' is not a string");
    }
    void malformed_json_and_entries() {
        QFETCH(QString, header);
        QFETCH(int, data_bytes);
        QFETCH(QString, needle);
        QTemporaryDir dir;
        const fs::path p = raw_file(tmp_path(dir) / "bad.safetensors", header.toStdString(), size_t(data_bytes));
        expect_error<FormatError>([&] { SafetensorsFile::open(p); }, {p.string(), needle.toStdString()});
    }

    void gaps_between_tensors_are_allowed() {
        QTemporaryDir dir;
        const fs::path p = raw_file(tmp_path(dir) / "gap.safetensors",
                                    R"({"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]},)"
                                    R"("b":{"dtype":"U8","shape":[2],"data_offsets":[4,6]}})", 8);
        const auto f = SafetensorsFile::open(p);
        QCOMPARE(f->tensors().size(), size_t(2));
        QCOMPARE(f->find("b")->data - f->find("a")->data, ptrdiff_t(4));
    }

    void sharded_index_path_escapes() {
        QTemporaryDir dir;
        const fs::path root = tmp_path(dir);
        const fs::path model = root / "model";
        fs::create_directories(model);
        fs::create_directories(root / "outside");
        const fs::path good = kFixtures / "sharded" / "model-00001-of-00002.safetensors";
        fs::copy_file(good, root / "x.safetensors");
        fs::copy_file(good, root / "outside" / "real.safetensors");
        fs::create_symlink(root / "outside" / "real.safetensors", model / "escape.safetensors");
        const auto index_with = [&](const std::string& shard) {
            spit(model / "model.safetensors.index.json",
                 R"({"weight_map":{"model.embed_tokens.weight":")" + shard + R"("}})");
        };
        const std::string index = (model / "model.safetensors.index.json").string();
        index_with("../x.safetensors");
        expect_error<FormatError>([&] { TensorStore::open_folder(model); },
                                  {index, "model.embed_tokens.weight", "../x.safetensors"});
        index_with((root / "x.safetensors").string());
        expect_error<FormatError>([&] { TensorStore::open_folder(model); }, {index, "x.safetensors"});
        index_with("..");
        expect_error<FormatError>([&] { TensorStore::open_folder(model); }, {index, "'..'"});
        index_with("escape.safetensors");
        expect_error<FormatError>([&] { TensorStore::open_folder(model); },
                                  {index, "escape.safetensors", "outside the folder"});
        index_with("absent.safetensors");
        expect_error<FileError>([&] { TensorStore::open_folder(model); }, {index, "absent.safetensors"});

        // A symlink that stays inside the folder is fine.
        fs::copy_file(good, model / "shard.safetensors");
        fs::create_symlink("shard.safetensors", model / "alias.safetensors");
        index_with("alias.safetensors");
        const auto store = TensorStore::open_folder(model);
        QVERIFY(store.contains("model.embed_tokens.weight"));
    }

    void sharded_index_inconsistencies() {
        QTemporaryDir dir;
        const fs::path model = tmp_path(dir);
        const fs::path src = kFixtures / "sharded";
        for (const char* s : {"model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"})
            fs::copy_file(src / s, model / s);
        const std::string index = (model / "model.safetensors.index.json").string();
        // The tensor is listed in the wrong shard.
        spit(index, R"({"weight_map":{"model.norm.weight":"model-00001-of-00002.safetensors"}})");
        expect_error<FormatError>([&] { TensorStore::open_folder(model); },
                                  {index, "'model.norm.weight'", "model-00001-of-00002.safetensors"});
        spit(index, R"({"weight_map":{"lm_head.weight":3}})");
        expect_error<FormatError>([&] { TensorStore::open_folder(model); }, {index, "lm_head.weight"});
        spit(index, R"({"metadata":{}})");
        expect_error<FormatError>([&] { TensorStore::open_folder(model); }, {index, "weight_map"});
        spit(index, R"({"weight_map":)");
        expect_error<FormatError>([&] { TensorStore::open_folder(model); }, {index, "JSON"});
        // The same tensor in two shards.
        fs::copy_file(src / "model-00002-of-00002.safetensors", model / "copy.safetensors");
        spit(index, R"({"weight_map":{"model.norm.weight":"model-00002-of-00002.safetensors",)"
                    R"("model.layers.0.input_layernorm.weight":"copy.safetensors"}})");
        expect_error<FormatError>([&] { TensorStore::open_folder(model); },
                                  {model.string(), "tensor 'model.", "is in both", "copy.safetensors",
                                   "model-00002-of-00002.safetensors"});
    }

    void folder_without_safetensors() {
        QTemporaryDir dir;
        const fs::path model = tmp_path(dir) / "m";
        fs::create_directories(model);
        expect_error<FileError>([&] { TensorStore::open_folder(model); }, {model.string()});
        spit(model / "config.json", "{}");
        spit(model / "pytorch_model.bin", "PK\x03\x04 not really a zip");
        expect_error<Unsupported>([&] { TensorStore::open_folder(model); },
                                  {model.string(), "pickle .bin weights are not loaded for safety",
                                   "convert to safetensors"});
        expect_error<FileError>([&] { TensorStore::open_folder(model / "nope"); }, {"nope"});
    }

    void folder_with_single_file() {
        QTemporaryDir dir;
        const fs::path model = tmp_path(dir);
        fs::copy_file(kFixtures / "basic.safetensors", model / "model.safetensors");
        const auto store = TensorStore::open_folder(model);
        QCOMPARE(store.files().size(), size_t(1));
        QCOMPARE(store.folder(), model);
        check_against_expected(store, kFixtures / "basic.expected.txt");
    }

    // (d) atomic writes
    void failed_validation_leaves_existing_file() {
        QTemporaryDir dir;
        const fs::path p = tmp_path(dir) / "out.safetensors";
        spit(p, "previous content");
        std::vector<std::byte> bytes(10);
        expect_error<InvalidArgument>(
            [&] { write_safetensors(p, {{"w", DType::F32, {2, 2}, bytes}}); }, {p.string(), "'w'", "needs 16 bytes"});
        expect_error<InvalidArgument>(
            [&] { write_safetensors(p, {{"w", DType::U8, {10}, bytes}, {"w", DType::U8, {10}, bytes}}); },
            {p.string(), "'w'", "twice"});
        expect_error<InvalidArgument>([&] { write_safetensors(p, {{"w", DType::U8, {-10}, bytes}}); },
                                      {p.string(), "'w'"});
        QCOMPARE(slurp(p), std::string("previous content"));
        QCOMPARE(folder_entries(tmp_path(dir)), std::vector<std::string>{"out.safetensors"});
        expect_error<FileError>([&] { write_safetensors(tmp_path(dir) / "no" / "x.safetensors", {}); },
                                {"x.safetensors"});
    }

    void failed_write_removes_temp_and_keeps_target() {
        QTemporaryDir dir;
        const fs::path p = tmp_path(dir) / "big.safetensors";
        spit(p, "previous content");
        std::vector<std::byte> bytes(1 << 20, std::byte(3));
        // Make the OS refuse the write midway: a file size limit (EFBIG instead of SIGXFSZ).
        const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit old{};
        getrlimit(RLIMIT_FSIZE, &old);
        rlimit small = old;
        small.rlim_cur = 64 << 10;
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
        std::string msg;
        try {
            write_safetensors(p, {{"w", DType::U8, {1 << 20}, bytes}});
        } catch (const FileError& e) {
            msg = e.what();
        }
        setrlimit(RLIMIT_FSIZE, &old);
        std::signal(SIGXFSZ, old_handler);
        QVERIFY2(msg.find(p.string()) != std::string::npos, msg.c_str());
        QCOMPARE(slurp(p), std::string("previous content"));
        QCOMPARE(folder_entries(tmp_path(dir)), std::vector<std::string>{"big.safetensors"});
        // Without the limit the same write replaces the file.
        write_safetensors(p, {{"w", DType::U8, {1 << 20}, bytes}});
        QCOMPARE(SafetensorsFile::open(p)->find("w")->nbytes, size_t(1) << 20);
        QCOMPARE(folder_entries(tmp_path(dir)), std::vector<std::string>{"big.safetensors"});
    }

    void write_file_atomic_replaces() {
        QTemporaryDir dir;
        const fs::path p = tmp_path(dir) / "side.json";
        write_file_atomic(p, "{\"a\": 1}\n");
        write_file_atomic(p, "{\"b\": 2}\n");
        QCOMPARE(read_text_file(p), std::string("{\"b\": 2}\n"));
        QCOMPARE(folder_entries(tmp_path(dir)), std::vector<std::string>{"side.json"});
        expect_error<FormatError>([&] { read_text_file(p, 4); }, {p.string()});
    }
};

QTEST_APPLESS_MAIN(TestSafetensors)
#include "test_safetensors.moc"
