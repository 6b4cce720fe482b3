// SPDX-License-Identifier: MIT
// GGUF reading, writing and the Q4_0/Q4_1/Q8_0 block formats. References, all made by the pinned gguf-py
// (gguf 0.19.0) in tests/fixtures/real_world/make_gguf_refs.py, committed under refs/gguf/:
//  - files.json: what gguf-py's GGUFReader reads from every llama.cpp models/ggml-vocab-*.gguf and from the real
//    SmolLM2-135M-Instruct Q4_1 GGUF (keys, types, values or count/first/last/SHA-256, tensor infos, and
//    dequantized samples), and from the two files GGUFWriter wrote (writer_a32.gguf, writer_a64.gguf);
//  - writer.json: the content of those two files, which our writer must reproduce byte for byte;
//  - quants.json: gguf-py's block size table and its quantize/dequantize bytes and values on random data.
// Plus a round trip through our writer and reader, and a catalogue of malformed files that must each fail
// with a FormatError naming the file and what is wrong.
#include "real_world.hpp"
#include "test_util.hpp"

#include <awq/error.hpp>
#include <awq/io/gguf.hpp>

#include <nlohmann/json.hpp>

#include <QCryptographicHash>
#include <QtTest>

#include <cstring>
#include <fstream>
#include <limits>
#include <set>

namespace fs = std::filesystem;
using namespace awq;
using awq::test::expect_error;
using nlohmann::json;

namespace {

fs::path refs() { return awq::test::real_world_refs() / "gguf"; }

json load_json(const fs::path& p) {
    std::ifstream in(p);
    if (!in) throw std::runtime_error("cannot open " + p.string());
    return json::parse(in);
}

std::string unhex(const std::string& h) {
    std::string out(h.size() / 2, '\0');
    for (size_t i = 0; i < out.size(); ++i) out[i] = char(std::stoi(h.substr(2 * i, 2), nullptr, 16));
    return out;
}

std::vector<float> f32s(const std::string& hex) {
    const std::string b = unhex(hex);
    std::vector<float> v(b.size() / 4);
    std::memcpy(v.data(), b.data(), b.size());
    return v;
}

std::string read_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

GgufValueType value_type(const std::string& name) {
    for (uint32_t t = 0; t <= 12; ++t)
        if (gguf_value_type_name(GgufValueType(t)) == name) return GgufValueType(t);
    throw std::runtime_error("unknown value type name " + name);
}

GgmlType ggml_type(const std::string& name) {
    for (const auto& t : ggml_known_types())
        if (t.name == name) return t.type;
    throw std::runtime_error("unknown ggml type name " + name);
}

GgufValue from_json(GgufValueType t, const json& j);

GgufArray array_from_json(const std::string& element_type, const json& items) {
    GgufArray a;
    a.element_type = value_type(element_type);
    for (const auto& x : items) a.items.push_back(from_json(a.element_type, x));
    return a;
}

// The JSON encoding of make_gguf_refs.py: FLOAT32 as {"f32": hex}, non-UTF-8 strings as {"hex": ...}, arrays
// as {"element_type", "value"}.
GgufValue from_json(GgufValueType t, const json& j) {
    switch (t) {
    case GgufValueType::U8: return uint8_t(j.get<uint64_t>());
    case GgufValueType::I8: return int8_t(j.get<int64_t>());
    case GgufValueType::U16: return uint16_t(j.get<uint64_t>());
    case GgufValueType::I16: return int16_t(j.get<int64_t>());
    case GgufValueType::U32: return uint32_t(j.get<uint64_t>());
    case GgufValueType::I32: return int32_t(j.get<int64_t>());
    case GgufValueType::U64: return j.get<uint64_t>();
    case GgufValueType::I64: return j.get<int64_t>();
    case GgufValueType::F32: return f32s(j.at("f32").get<std::string>()).at(0);
    case GgufValueType::F64: return j.get<double>();
    case GgufValueType::Bool: return j.get<bool>();
    case GgufValueType::String: return j.is_string() ? j.get<std::string>() : unhex(j.at("hex").get<std::string>());
    case GgufValueType::Array: return array_from_json(j.at("element_type"), j.at("value"));
    }
    throw std::runtime_error("bad type");
}

// Our own GGUF encoding of a value (no type tag), to hash long arrays the way the fixture script does.
void encode(const GgufValue& v, std::string& out) {
    std::visit(
        [&](const auto& x) {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, std::string>) {
                const uint64_t n = x.size();
                out.append(reinterpret_cast<const char*>(&n), 8);
                out += x;
            } else if constexpr (std::is_same_v<T, GgufArray>) {
                const auto et = uint32_t(x.element_type);
                const uint64_t n = x.items.size();
                out.append(reinterpret_cast<const char*>(&et), 4);
                out.append(reinterpret_cast<const char*>(&n), 8);
                for (const auto& item : x.items) encode(item, out);
            } else if constexpr (std::is_same_v<T, bool>) {
                out += char(x ? 1 : 0);
            } else {
                out.append(reinterpret_cast<const char*>(&x), sizeof(T));
            }
        },
        v.v);
}

std::string sha256(const std::string& s) {
    return QCryptographicHash::hash(QByteArray::fromStdString(s), QCryptographicHash::Sha256).toHex().toStdString();
}

// Compares what our reader read with what gguf-py read (files.json entry).
void compare_file(const GgufFile& f, const json& ref) {
    QCOMPARE(f.version(), ref.at("version").get<uint32_t>());
    QCOMPARE(f.alignment(), ref.at("alignment").get<uint32_t>());
    QCOMPARE(f.data_offset(), ref.at("data_offset").get<uint64_t>());
    const auto& kv = ref.at("kv");
    QCOMPARE(f.metadata().size(), kv.size());
    for (size_t i = 0; i < kv.size(); ++i) {
        const auto& e = kv[i];
        const auto& ours = f.metadata()[i];
        const std::string key = e.at("key");
        QCOMPARE(ours.key, key);
        QCOMPARE(std::string(gguf_value_type_name(ours.value.type())), e.at("type").get<std::string>());
        const GgufValueType t = value_type(e.at("type"));
        if (t == GgufValueType::Array) {
            const auto& a = std::get<GgufArray>(ours.value.v);
            QCOMPARE(std::string(gguf_value_type_name(a.element_type)), e.at("element_type").get<std::string>());
            if (e.contains("value")) {
                QVERIFY2(ours.value == GgufValue(array_from_json(e.at("element_type"), e.at("value"))), key.c_str());
            } else {
                const auto& first = e.at("first");
                const auto& last = e.at("last");
                QCOMPARE(a.items.size(), e.at("count").get<size_t>());
                for (size_t k = 0; k < first.size(); ++k) {
                    QVERIFY2(a.items[k] == from_json(a.element_type, first[k]), key.c_str());
                    QVERIFY2(a.items[a.items.size() - last.size() + k] == from_json(a.element_type, last[k]),
                             key.c_str());
                }
                std::string bytes;
                for (const auto& item : a.items) encode(item, bytes);
                QCOMPARE(sha256(bytes), e.at("sha256").get<std::string>());
            }
        } else if (e.contains("sha256")) {  // a long string
            const auto& s = std::get<std::string>(ours.value.v);
            QCOMPARE(s.size(), e.at("length").get<size_t>());
            QCOMPARE(sha256(s), e.at("sha256").get<std::string>());
        } else {
            QVERIFY2(ours.value == from_json(t, e.at("value")), key.c_str());
        }
    }
    const auto& ts = ref.at("tensors");
    QCOMPARE(f.tensors().size(), ts.size());
    for (size_t i = 0; i < ts.size(); ++i) {
        const auto& t = f.tensors()[i];
        QCOMPARE(t.name, ts[i].at("name").get<std::string>());
        QCOMPARE(t.dims, ts[i].at("dims").get<std::vector<int64_t>>());
        QCOMPARE(std::string(ggml_type_info(t.type).name), ts[i].at("type").get<std::string>());
        QCOMPARE(t.offset, ts[i].at("offset").get<uint64_t>());
        QCOMPARE(uint64_t(t.data.size()), ts[i].at("nbytes").get<uint64_t>());
    }
}

// writer.json's content as our writer's input (the byte buffers are kept in `storage`).
void content_from_spec(const json& spec, std::vector<GgufKeyValue>& kv, std::vector<GgufTensorToWrite>& tensors,
                       std::vector<std::string>& storage) {
    for (const auto& e : spec.at("kv")) {
        const GgufValueType t = value_type(e.at("type"));
        kv.push_back({e.at("key"), t == GgufValueType::Array
                                       ? GgufValue(array_from_json(e.at("element_type"), e.at("value")))
                                       : from_json(t, e.at("value"))});
    }
    storage.reserve(spec.at("tensors").size());
    for (const auto& e : spec.at("tensors")) {
        storage.push_back(unhex(e.at("bytes")));
        tensors.push_back({e.at("name"), ggml_type(e.at("type")), e.at("dims").get<std::vector<int64_t>>(),
                           std::as_bytes(std::span<const char>(storage.back()))});
    }
}

// Little-endian bytes of a hand-made GGUF file, for the malformed-input catalogue.
struct Bytes {
    std::string b;
    template <typename T>
    Bytes& put(T v) {
        b.append(reinterpret_cast<const char*>(&v), sizeof(T));
        return *this;
    }
    Bytes& str(const std::string& s) {
        put<uint64_t>(s.size());
        b += s;
        return *this;
    }
    Bytes& header(uint32_t version, uint64_t n_tensors, uint64_t n_kv) {
        b += "GGUF";
        return put(version).put(n_tensors).put(n_kv);
    }
    Bytes& kv_u32(const std::string& key, uint32_t v) { return str(key).put<uint32_t>(4).put(v); }
    Bytes& tensor(const std::string& name, std::vector<uint64_t> dims, uint32_t type, uint64_t offset) {
        str(name).put<uint32_t>(uint32_t(dims.size()));
        for (auto d : dims) put(d);
        return put(type).put(offset);
    }
    Bytes& pad(size_t a = 32) {
        b.append((a - b.size() % a) % a, '\0');
        return *this;
    }
    Bytes& zeros(size_t n) {
        b.append(n, '\0');
        return *this;
    }
};

}  // namespace

class TestGguf : public QObject {
    Q_OBJECT

    awq::test::TempDir tmp_;

    fs::path write_file(const std::string& name, const std::string& bytes) {
        const fs::path p = tmp_.path / name;
        std::ofstream(p, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
        return p;
    }

    void expect_format_error(const std::string& name, const std::string& bytes, const std::string& needle) {
        const fs::path p = write_file(name, bytes);
        expect_error<FormatError>([&] { GgufFile::open(p); }, {p.string(), needle});
    }

private slots:
    // Our ggml type table (block size, bytes per block) against gguf-py's GGML_QUANT_SIZES; the types we leave
    // out are exactly Q8_1 (in-memory only; gguf-py's 40 bytes disagree with ggml's 36) and the newest ones.
    void typeTableMatchesGgufPy() {
        const json sizes = load_json(refs() / "quants.json").at("quant_sizes");
        std::set<std::string> ours;
        for (const auto& t : ggml_known_types()) {
            ours.insert(std::string(t.name));
            QVERIFY2(sizes.contains(std::string(t.name)), std::string(t.name).c_str());
            QCOMPARE(t.block_size, sizes.at(std::string(t.name))[0].get<uint32_t>());
            QCOMPARE(t.type_size, sizes.at(std::string(t.name))[1].get<uint32_t>());
            QCOMPARE(ggml_type_info(uint32_t(t.type)), &t);
        }
        std::set<std::string> left_out;
        for (const auto& [name, v] : sizes.items())
            if (!ours.count(name)) left_out.insert(name);
        QCOMPARE(left_out, (std::set<std::string>{"Q8_1", "NVFP4", "Q1_0"}));
        QVERIFY(ggml_type_info(4u) == nullptr);  // Q4_2, removed from ggml
    }

    // Every llama.cpp vocab GGUF in the real-world cache reads as gguf-py reads it.
    void readsLlamaCppVocabFiles() {
        const fs::path models = awq::test::real_world_dir() / "llama.cpp" / "models";
        REQUIRE_REAL_WORLD(models);
        const json files = load_json(refs() / "files.json");
        size_t n = 0;
        for (const auto& entry : fs::directory_iterator(models)) {
            const std::string name = entry.path().filename().string();
            if (name.rfind("ggml-vocab-", 0) != 0 || entry.path().extension() != ".gguf") continue;
            const std::string key = "llama.cpp/models/" + name;
            QVERIFY2(files.contains(key), ("no reference for " + key).c_str());
            const auto f = GgufFile::open(entry.path());
            compare_file(*f, files.at(key));
            if (QTest::currentTestFailed()) QFAIL(key.c_str());
            ++n;
        }
        QVERIFY(n >= 19);
        qInfo("%zu llama.cpp vocab files read as gguf-py reads them", n);
    }

    // The real SmolLM2-135M-Instruct Q4_1 GGUF: metadata, 272 tensor infos, and Q4_1/Q8_0/F32 dequantization
    // equal to gguf-py's (exactly: the same float operations).
    void readsSmollm2() {
        const fs::path p = awq::test::real_world_dir() / "smollm2.Q4_1.gguf";
        REQUIRE_REAL_WORLD(p);
        const json ref = load_json(refs() / "files.json").at("smollm2.Q4_1.gguf");
        const auto f = GgufFile::open(p);
        compare_file(*f, ref);
        QCOMPARE(f->get_string("general.architecture"), std::string("llama"));
        QCOMPARE(f->get_int("llama.block_count"), int64_t(30));
        QCOMPARE(f->get_string_array("tokenizer.ggml.tokens").size(), size_t(49152));
        std::set<std::string> types;
        for (const auto& [name, d] : ref.at("dequantized").items()) {
            const GgufTensor* t = f->find_tensor(name);
            QVERIFY2(t != nullptr, name.c_str());
            types.insert(std::string(ggml_type_info(t->type).name));
            const std::vector<float> all = gguf_tensor_to_f32(*t);
            QCOMPARE(all.size(), d.at("numel").get<size_t>());
            const auto first = f32s(d.at("first"));
            const auto last = f32s(d.at("last"));
            for (size_t i = 0; i < first.size(); ++i) {
                QCOMPARE(all[i], first[i]);
                QCOMPARE(all[all.size() - last.size() + i], last[i]);
            }
        }
        QCOMPARE(types, (std::set<std::string>{"Q4_1", "Q8_0", "F32"}));
    }

    // The files gguf-py's GGUFWriter wrote (every value type, six tensor types, alignment 32 and 64).
    void readsGgufPyWriterFiles() {
        const json files = load_json(refs() / "files.json");
        for (const char* name : {"writer_a32.gguf", "writer_a64.gguf"}) {
            const auto f = GgufFile::open(refs() / name);
            compare_file(*f, files.at(std::string("refs/gguf/") + name));
        }
        const auto f = GgufFile::open(refs() / "writer_a64.gguf");
        QCOMPARE(f->alignment(), 64u);
        QCOMPARE(f->get_string("t.str"), std::string("Grüße, 世界 🌍"));
        QCOMPARE(f->get<uint64_t>("t.u64"), uint64_t(18000000000000000000ull));
        QCOMPARE(f->get_array("t.arr_nested", GgufValueType::Array).items.size(), size_t(3));
        expect_error<FormatError>([&] { f->get_string("t.u32"); },
                                  {"writer_a64.gguf", "'t.u32' is UINT32, expected STRING"});
        expect_error<FormatError>([&] { f->get_array("t.arr_i32", GgufValueType::U32); },
                                  {"writer_a64.gguf", "'t.arr_i32' is ARRAY of INT32, expected ARRAY of UINT32"});
        expect_error<FormatError>([&] { f->get_int("t.str"); }, {"'t.str' is STRING, expected an integer"});
        expect_error<FormatError>([&] { f->at("no.such.key"); }, {"writer_a64.gguf", "'no.such.key' is missing"});
        expect_error<FormatError>([&] { f->get_int("t.u64"); }, {"'t.u64' value 18000000000000000000 is too large"});
        QCOMPARE(f->get_int("t.i8"), int64_t(-100));
    }

    // Our writer given the same content as gguf-py's GGUFWriter writes the same bytes.
    void writerMatchesGgufPyBytes() {
        const json specs = load_json(refs() / "writer.json");
        for (const auto& [name, spec] : specs.items()) {
            std::vector<GgufKeyValue> kv;
            std::vector<GgufTensorToWrite> tensors;
            std::vector<std::string> storage;
            content_from_spec(spec, kv, tensors, storage);
            const fs::path out = tmp_.path / ("ours_" + name);
            write_gguf(out, kv, tensors);
            const std::string ours = read_bytes(out), theirs = read_bytes(refs() / name);
            QVERIFY(!theirs.empty());
            QCOMPARE(ours.size(), theirs.size());
            QVERIFY2(ours == theirs, name.c_str());
        }
    }

    // Writer -> reader: metadata equal, tensor bytes equal, every tensor at an aligned offset; quantized
    // tensors dequantize to what the block functions compute. Alignment 128, 4-D dims, a zero-size tensor.
    void roundTrip() {
        const auto x = awq::test::random_vector(4 * 64, 7);
        std::vector<std::byte> q40(4 * 2 * 18), q41(4 * 2 * 20), q80(4 * 2 * 34);
        quantize_q4_0(x.data(), q40.data(), x.size());
        quantize_q4_1(x.data(), q41.data(), x.size());
        quantize_q8_0(x.data(), q80.data(), x.size());
        const auto f32 = std::as_bytes(std::span<const float>(x));
        GgufArray nested{GgufValueType::Array, {GgufValue::array(std::vector<std::string>{"x", "yz"}),
                                                GgufValue::array(std::vector<std::string>{})}};
        std::vector<GgufKeyValue> kv = {{"general.architecture", "llama"},
                                        {"general.alignment", uint32_t(128)},
                                        {"a.f32", 1.5f},
                                        {"a.bool", false},
                                        {"a.i64", int64_t(-5)},
                                        {"a.tokens", GgufValue::array(std::vector<std::string>{"<s>", "", "é"})},
                                        {"a.ids", GgufValue::array(std::vector<int32_t>{3, -1})},
                                        {"a.nested", GgufValue(nested)}};
        std::vector<GgufTensorToWrite> tensors = {
            {"w.f32", GgmlType::F32, {64, 2, 1, 2}, f32},
            {"w.q4_0", GgmlType::Q4_0, {64, 4}, q40},
            {"w.empty", GgmlType::F16, {0, 3}, {}},
            {"w.q4_1", GgmlType::Q4_1, {64, 4}, q41},
            {"w.q8_0", GgmlType::Q8_0, {64, 4}, q80},
        };
        const fs::path p = tmp_.path / "round.gguf";
        write_gguf(p, kv, tensors);
        const auto f = GgufFile::open(p);
        QCOMPARE(f->version(), 3u);
        QCOMPARE(f->alignment(), 128u);
        QCOMPARE(f->metadata().size(), kv.size());
        for (size_t i = 0; i < kv.size(); ++i) {
            QCOMPARE(f->metadata()[i].key, kv[i].key);
            QVERIFY2(f->metadata()[i].value == kv[i].value, kv[i].key.c_str());
        }
        QCOMPARE(f->tensors().size(), tensors.size());
        for (size_t i = 0; i < tensors.size(); ++i) {
            const auto& t = f->tensors()[i];
            QCOMPARE(t.name, tensors[i].name);
            QCOMPARE(t.dims, tensors[i].dims);
            QVERIFY(t.type == tensors[i].type);
            QCOMPARE(t.offset % 128, uint64_t(0));
            QCOMPARE((f->data_offset() + t.offset) % 128, uint64_t(0));
            QVERIFY(std::equal(t.data.begin(), t.data.end(), tensors[i].bytes.begin(), tensors[i].bytes.end()));
        }
        QCOMPARE(gguf_tensor_to_f32(*f->find_tensor("w.f32")), x);
        std::vector<float> expect(x.size());
        dequantize_q4_1(q41.data(), expect.data(), x.size());
        QCOMPARE(gguf_tensor_to_f32(*f->find_tensor("w.q4_1")), expect);
        // Quantization error bounds of the formats (half a step of the block's scale, at most).
        const auto q8 = gguf_tensor_to_f32(*f->find_tensor("w.q8_0"));
        QVERIFY(awq::test::max_rel_error(q8.data(), x.data(), x.size()) < 0.5 / 127 + 1e-3);
        const auto q4 = gguf_tensor_to_f32(*f->find_tensor("w.q4_0"));
        QVERIFY(awq::test::max_rel_error(q4.data(), x.data(), x.size()) < 1.0 / 8 + 1e-2);
        expect_error<Unsupported>([&] { (void)gguf_tensor_to_f32(GgufTensor{"k", {256}, GgmlType::Q4_K, 0, {}}); },
                                  {"Q4_K"});
    }

    // The writer refuses what it cannot write correctly, and leaves nothing behind.
    void writerRefusesBadContent() {
        const fs::path p = tmp_.path / "bad.gguf";
        std::vector<std::byte> b(18);
        expect_error<InvalidArgument>([&] { write_gguf(p, {}, {{"w", GgmlType::Q4_0, {32, 2}, b}}); },
                                      {"bad.gguf", "'w'", "need 36 bytes, got 18"});
        expect_error<InvalidArgument>([&] { write_gguf(p, {}, {{"w", GgmlType::Q4_0, {16}, {}}}); },
                                      {"whole number of Q4_0 blocks"});
        expect_error<InvalidArgument>([&] { write_gguf(p, {{"k", 1}, {"k", 2}}, {}); }, {"'k' given twice"});
        expect_error<InvalidArgument>([&] { write_gguf(p, {{"general.alignment", 48u}}, {}); }, {"power of two"});
        GgufArray mixed{GgufValueType::I32, {GgufValue(1), GgufValue(2u)}};
        expect_error<InvalidArgument>([&] { write_gguf(p, {{"m", GgufValue(mixed)}}, {}); },
                                      {"'m'", "array of INT32 holds a UINT32"});
        QVERIFY(!fs::exists(p));
    }

    // Q4_0 / Q4_1 / Q8_0 quantization of random data of awkward lengths (with a zero block, a constant block
    // and outliers) gives gguf-py's bytes, and dequantization its values.
    void blockFormatsMatchGgufPy() {
        const json cases = load_json(refs() / "quants.json").at("cases");
        QCOMPARE(cases.size(), size_t(3));
        for (const auto& c : cases) {
            const auto x = f32s(c.at("input"));
            QCOMPARE(x.size(), c.at("n").get<size_t>());
            struct Fmt {
                const char* name;
                size_t block_bytes;
                void (*quantize)(const float*, std::byte*, size_t);
                void (*dequantize)(const std::byte*, float*, size_t);
            };
            for (const Fmt& fmt : {Fmt{"Q4_0", 18, quantize_q4_0, dequantize_q4_0},
                                   Fmt{"Q4_1", 20, quantize_q4_1, dequantize_q4_1},
                                   Fmt{"Q8_0", 34, quantize_q8_0, dequantize_q8_0}}) {
                std::vector<std::byte> q(x.size() / 32 * fmt.block_bytes);
                fmt.quantize(x.data(), q.data(), x.size());
                const std::string expect = unhex(c.at(fmt.name).at("bytes"));
                QCOMPARE(q.size(), expect.size());
                size_t differ = 0;
                for (size_t i = 0; i < q.size(); ++i) differ += uint8_t(q[i]) != uint8_t(expect[i]);
                if (differ != 0) qWarning("%s n=%zu: %zu of %zu bytes differ", fmt.name, x.size(), differ, q.size());
                QCOMPARE(differ, size_t(0));
                std::vector<float> y(x.size());
                fmt.dequantize(q.data(), y.data(), x.size());
                QCOMPARE(y, f32s(c.at(fmt.name).at("dequantized")));
            }
        }
        // Non-finite weights give clamped codes, not the reference's undefined float-to-int casts (the
        // ASan+UBSan build runs this).
        std::vector<float> odd(32, 0.5f);
        odd[3] = std::numeric_limits<float>::infinity();
        odd[4] = std::numeric_limits<float>::quiet_NaN();
        std::vector<std::byte> o(34);
        quantize_q8_0(odd.data(), o.data(), 32);
        quantize_q4_1(odd.data(), o.data(), 32);
        // Q4_0: the infinity sets the scale (-inf, so 1/d = -0): finite values code 8, inf * -0 and NaN code 0.
        quantize_q4_0(odd.data(), o.data(), 32);
        QCOMPARE(uint8_t(o[2 + 0]), uint8_t(0x88));
        QCOMPARE(uint8_t(o[2 + 3]), uint8_t(0x80));
        QCOMPARE(uint8_t(o[2 + 4]), uint8_t(0x80));
        std::vector<std::byte> out(18);
        std::vector<float> in(33, 1.0f);
        expect_error<InvalidArgument>([&] { quantize_q4_0(in.data(), out.data(), 33); }, {"Q4_0", "33 elements"});
    }

    // Malformed files: each a FormatError naming the file and what is wrong.
    void malformedInputs() {
        const auto valid = [] {
            Bytes b;
            b.header(3, 1, 1).kv_u32("k", 7).tensor("t", {32}, 0, 0).pad().zeros(128);
            return b.b;
        }();
        {  // the valid one reads
            const auto f = GgufFile::open(write_file("valid.gguf", valid));
            QCOMPARE(f->tensors().at(0).data.size(), size_t(128));
        }
        expect_format_error("empty.gguf", "", "not a GGUF file");
        expect_format_error("truncated.gguf", valid.substr(0, 10), "file ends while reading the tensor count");
        expect_format_error("truncated2.gguf", valid.substr(0, 50), "file ends while reading tensor 't'");
        std::string bad_magic = valid;
        bad_magic[3] = 'X';
        expect_format_error("magic.gguf", bad_magic, "not a GGUF file");
        expect_format_error("v1.gguf", Bytes().header(1, 0, 0).b, "version 1 is not supported");
        expect_format_error("v4.gguf", Bytes().header(4, 0, 0).b, "unknown GGUF version 4");
        expect_format_error("swapped.gguf", Bytes().header(0x03000000, 0, 0).b, "big-endian");
        expect_format_error("many_kv.gguf", Bytes().header(3, 0, 1ull << 60).b, "key/value count");
        expect_format_error("many_tensors.gguf", Bytes().header(3, 1ull << 61, 0).zeros(64).b, "tensor count");
        expect_format_error("long_key.gguf", Bytes().header(3, 0, 1).put<uint64_t>(1ull << 40).zeros(16).b,
                            "string length 1099511627776 goes past the end of the file");
        expect_format_error("long_value.gguf",
                            Bytes().header(3, 0, 1).str("k").put<uint32_t>(8).put<uint64_t>(1000).str("ab").b,
                            "'k': string length 1000 goes past the end");
        expect_format_error("huge_array.gguf",
                            Bytes().header(3, 0, 1).str("k").put<uint32_t>(9).put<uint32_t>(4).put<uint64_t>(1ull << 62).b,
                            "array of 4611686018427387904 UINT32 values goes past the end");
        expect_format_error("value_type.gguf", Bytes().header(3, 0, 1).str("k").put<uint32_t>(13).zeros(8).b,
                            "'k': unknown value type 13");
        expect_format_error("bool.gguf", Bytes().header(3, 0, 1).str("k").put<uint32_t>(7).put<uint8_t>(2).b,
                            "bool value 2");
        expect_format_error("dup_key.gguf", Bytes().header(3, 0, 2).kv_u32("k", 1).kv_u32("k", 2).b,
                            "metadata key 'k' appears twice");
        expect_format_error("align.gguf", Bytes().header(3, 0, 1).kv_u32("general.alignment", 24).b,
                            "general.alignment 24 is not a power of two");
        expect_format_error("align_type.gguf",
                            Bytes().header(3, 0, 1).str("general.alignment").put<uint32_t>(10).put<uint64_t>(32).b,
                            "general.alignment is UINT64, expected UINT32");
        expect_format_error("past_end.gguf", Bytes().header(3, 1, 0).tensor("t", {32}, 0, 0).pad().zeros(100).b,
                            "tensor 't': data at offset 0 + 128 bytes goes past the end of the file");
        expect_format_error("past_end2.gguf",
                            Bytes().header(3, 1, 0).tensor("t", {32}, 0, 1ull << 63).pad().zeros(128).b,
                            "goes past the end of the file");
        expect_format_error(
            "overlap.gguf",
            Bytes().header(3, 2, 0).tensor("a", {32}, 0, 0).tensor("b", {16}, 0, 96).pad().zeros(256).b,
            "tensor 'b' (data offset 96, 64 bytes) overlaps tensor 'a' (data offset 0, 128 bytes)");
        expect_format_error("unknown_type.gguf", Bytes().header(3, 1, 0).tensor("t", {32}, 4, 0).pad().zeros(64).b,
                            "tensor 't': unknown ggml type 4");
        expect_format_error("misaligned.gguf", Bytes().header(3, 1, 0).tensor("t", {8}, 0, 8).pad().zeros(64).b,
                            "data offset 8 is not a multiple of the alignment 32");
        expect_format_error("dup_tensor.gguf",
                            Bytes().header(3, 2, 0).tensor("t", {8}, 0, 0).tensor("t", {8}, 0, 32).pad().zeros(64).b,
                            "tensor 't' appears twice");
        expect_format_error("block.gguf", Bytes().header(3, 1, 0).tensor("t", {16}, 2, 0).pad().zeros(64).b,
                            "rows of 16 elements are not a whole number of Q4_0 blocks");
        expect_format_error("dims.gguf", Bytes().header(3, 1, 0).tensor("t", {1, 1, 1, 1, 1}, 0, 0).pad().zeros(64).b,
                            "5 dimensions (at most 4)");
        expect_format_error("overflow.gguf",
                            Bytes().header(3, 1, 0).tensor("t", {1ull << 32, 1ull << 32}, 0, 0).pad().zeros(64).b,
                            "dimensions too large");
        Bytes deep;
        deep.header(3, 0, 1).str("k").put<uint32_t>(9);
        for (int i = 0; i < 12; ++i) deep.put<uint32_t>(9).put<uint64_t>(1);
        expect_format_error("deep.gguf", deep.zeros(16).b, "arrays nested more than 8 deep");
        expect_error<FileError>([&] { GgufFile::open(tmp_.path / "missing.gguf"); }, {"missing.gguf"});
    }
};

QTEST_GUILESS_MAIN(TestGguf)
#include "test_gguf.moc"
