// SPDX-License-Identifier: MIT
// Tokenizer tests: encode/decode compared exactly with the Hugging Face `tokenizers` library's output on
// five small tokenizers built by tests/fixtures/make_tokenizer_fixtures.py, streaming decode, and errors.
#include "test_util.hpp"

#include <awq/error.hpp>
#include <awq/tokenizer/tokenizer.hpp>

#include <QElapsedTimer>
#include <QStringDecoder>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace awq;
using awq::test::expect_error;
using json = nlohmann::json;

namespace {

const std::filesystem::path kDir = std::filesystem::path(AWQ_FIXTURES_DIR) / "tokenizers";
const char* const kFixtures[] = {"bytelevel-llama3", "bytelevel-gpt2", "bytelevel-qwen2", "sentencepiece-llama2",
                                 "sentencepiece-metaspace"};

json read_json(const std::filesystem::path& p) {
    std::ifstream in(p);
    if (!in) throw std::runtime_error("cannot open " + p.string());
    return json::parse(in);
}

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<int32_t> ids_of(const json& j) { return j.get<std::vector<int32_t>>(); }

// Independent UTF-8 validity check (Qt's decoder), for the stream decoder's chunks.
bool valid_utf8(const std::string& s) {
    QStringDecoder dec(QStringDecoder::Utf8);
    (void)dec.decode(QByteArrayView(s.data(), qsizetype(s.size())));
    return !dec.hasError();
}

QByteArray show(const std::string& s) { return QByteArray::fromStdString(json(s).dump()); }

QByteArray show(const std::vector<int32_t>& ids) { return QByteArray::fromStdString(json(ids).dump()); }


// A minimal valid tokenizer.json with one component replaced.
json minimal_spec() {
    return json::parse(R"({
      "version": "1.0", "truncation": null, "padding": null, "added_tokens": [],
      "normalizer": null, "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "use_regex": true},
      "post_processor": null, "decoder": {"type": "ByteLevel"},
      "model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2}, "merges": ["a b"]}})");
}

}  // namespace

class TestTokenizer : public QObject {
    Q_OBJECT

private slots:
    // encode(with/without specials) and decode(skip false/true) equal the library's results on ~45 strings.
    void encodeDecodeMatchLibrary_data() {
        QTest::addColumn<QString>("name");
        for (const char* name : kFixtures) QTest::newRow(name) << QString(name);
    }
    void encodeDecodeMatchLibrary() {
        QFETCH(QString, name);
        const auto dir = kDir / name.toStdString();
        const Tokenizer tok = Tokenizer::from_file(dir / "tokenizer.json");
        const json expected = read_json(dir / "expected.json");
        for (const auto& c : expected.at("cases")) {
            const std::string text = c.at("text");
            const auto ids = ids_of(c.at("ids"));
            QVERIFY2(tok.encode(text, true) == ids,
                     show(text) + " encodes to " + show(tok.encode(text, true)) + ", expected " + show(ids));
            QVERIFY2(tok.encode(text, false) == ids_of(c.at("ids_no_special")),
                     show(text) + " (no specials) encodes to " + show(tok.encode(text, false)));
            QCOMPARE(tok.decode(ids, false), c.at("decoded").get<std::string>());
            QCOMPARE(tok.decode(ids, true), c.at("decoded_skip").get<std::string>());
        }
    }

    // Random id sequences (cut characters, specials, byte tokens) decode like the library.
    void decodeRandomIdsMatchLibrary_data() { encodeDecodeMatchLibrary_data(); }
    void decodeRandomIdsMatchLibrary() {
        QFETCH(QString, name);
        const auto dir = kDir / name.toStdString();
        const Tokenizer tok = Tokenizer::from_file(dir / "tokenizer.json");
        const json expected_all = read_json(dir / "expected.json");
        for (const auto& c : expected_all.at("decode_cases")) {
            const auto ids = ids_of(c.at("ids"));
            QVERIFY2(tok.decode(ids, false) == c.at("text").get<std::string>(),
                     show(ids) + " -> " + show(tok.decode(ids, false)) + " expected " + show(c.at("text").get<std::string>()));
            QCOMPARE(tok.decode(ids, true), c.at("text_skip").get<std::string>());
        }
    }

    // Vocab size, BOS of the post-processor, special flags and token <-> id lookups.
    void vocabularyQueries_data() { encodeDecodeMatchLibrary_data(); }
    void vocabularyQueries() {
        QFETCH(QString, name);
        const auto dir = kDir / name.toStdString();
        const Tokenizer tok = Tokenizer::from_file(dir / "tokenizer.json");
        const json expected = read_json(dir / "expected.json");
        const json spec = read_json(dir / "tokenizer.json");
        QCOMPARE(tok.vocab_size(), expected.at("vocab_size").get<int64_t>());
        if (expected.at("bos_id").is_null()) QVERIFY(!tok.bos_id().has_value());
        else QCOMPARE(tok.bos_id().value_or(-1), expected.at("bos_id").get<int32_t>());
        const auto specials = expected.at("special_ids").get<std::vector<int32_t>>();
        for (int32_t id = 0; id < int32_t(tok.vocab_size()); ++id) {
            const bool special = std::find(specials.begin(), specials.end(), id) != specials.end();
            QCOMPARE(tok.is_special(id), special);
        }
        for (const auto& [token, id] : spec.at("model").at("vocab").items()) {
            QCOMPARE(tok.token_to_id(token).value_or(-1), id.get<int32_t>());
            QCOMPARE(tok.id_to_token(id.get<int32_t>()), token);
        }
        QCOMPARE(tok.id_to_token(-1), std::string());
        QCOMPARE(tok.id_to_token(int32_t(tok.vocab_size()) + 5), std::string());
        QVERIFY(!tok.token_to_id("no such token here").has_value());
        const bool byte_level = name.startsWith("bytelevel");
        QCOMPARE(tok.kind(), byte_level ? TokenizerKind::ByteLevelBpe : TokenizerKind::SentencePieceBpe);
        QCOMPARE(tok.kind_name(), std::string(byte_level ? "byte-level BPE" : "SentencePiece BPE"));
    }

    // The [["a","b"]] and "a b" merge forms load the same model (bytelevel-llama3 is stored in list form).
    void mergeFormsAgree() {
        json spec = read_json(kDir / "bytelevel-llama3" / "tokenizer.json");
        QVERIFY(spec.at("model").at("merges").at(0).is_array());
        const Tokenizer list_form = Tokenizer::from_json(spec.dump(), "list.json");
        for (auto& m : spec["model"]["merges"]) m = m[0].get<std::string>() + " " + m[1].get<std::string>();
        const Tokenizer string_form = Tokenizer::from_json(spec.dump(), "string.json");
        const json expected_all = read_json(kDir / "bytelevel-llama3" / "expected.json");
        for (const auto& c : expected_all.at("cases"))
            QCOMPARE(string_form.encode(c.at("text").get<std::string>()), list_form.encode(c.at("text").get<std::string>()));
    }

    // ignore_merges: a whole pre-token in the vocab wins over the merges (toggling it changes the result).
    void ignoreMergesMatters() {
        json spec = read_json(kDir / "bytelevel-llama3" / "tokenizer.json");
        const Tokenizer with = Tokenizer::from_json(spec.dump(), "with.json");
        spec["model"]["ignore_merges"] = false;
        const Tokenizer without = Tokenizer::from_json(spec.dump(), "without.json");
        const auto quixotic = with.token_to_id("ĠQuixotic");
        QVERIFY(quixotic.has_value());
        const auto a = with.encode(" Quixotic", false), b = without.encode(" Quixotic", false);
        QCOMPARE(a, std::vector<int32_t>{*quixotic});
        QVERIFY(b.size() > 1);
        QCOMPARE(without.decode(b), std::string(" Quixotic"));
    }

    // Pushing ids one at a time yields exactly decode(ids), and no chunk ends inside a UTF-8 character.
    void streamDecoderMatchesDecode_data() { encodeDecodeMatchLibrary_data(); }
    void streamDecoderMatchesDecode() {
        QFETCH(QString, name);
        const auto dir = kDir / name.toStdString();
        const Tokenizer tok = Tokenizer::from_file(dir / "tokenizer.json");
        for (const bool skip : {true, false}) {
            StreamDecoder stream(tok, skip);
            const json expected_all = read_json(dir / "expected.json");
            for (const auto& c : expected_all.at("cases")) {
                const auto ids = ids_of(c.at("ids"));
                std::string joined;
                for (const int32_t id : ids) {
                    const std::string chunk = stream.push(id);
                    QVERIFY2(valid_utf8(chunk), "partial UTF-8 emitted for " + show(c.at("text").get<std::string>()));
                    joined += chunk;
                }
                joined += stream.flush();
                QVERIFY2(joined == tok.decode(ids, skip),
                         show(joined) + " != " + show(tok.decode(ids, skip)) + (skip ? " (skip)" : ""));
            }
        }
    }

    // A 4-byte emoji spelled as <0xNN> byte-fallback tokens is held back until its last byte arrives.
    void streamDecoderHoldsSplitCharacter() {
        const Tokenizer tok = Tokenizer::from_file(kDir / "sentencepiece-llama2" / "tokenizer.json");
        const auto ids = tok.encode("ok 🎈", false);  // 🎈 is not in the training text
        std::vector<int32_t> bytes;
        for (const char* b : {"<0xF0>", "<0x9F>", "<0x8E>", "<0x88>"}) bytes.push_back(tok.token_to_id(b).value());
        QVERIFY(ids.size() >= 4);
        QCOMPARE(std::vector<int32_t>(ids.end() - 4, ids.end()), bytes);
        StreamDecoder stream(tok);
        std::string text;
        for (size_t i = 0; i + 4 < ids.size(); ++i) text += stream.push(ids[i]);
        for (int k = 0; k < 3; ++k) QCOMPARE(stream.push(bytes[size_t(k)]), std::string());
        QCOMPARE(stream.push(bytes[3]), std::string("🎈"));
        QCOMPARE(text + "🎈", std::string("ok 🎈"));
        // An incomplete character left at the end becomes U+FFFD per byte on flush (ByteFallback's rule).
        stream.reset();
        stream.push(bytes[0]);
        stream.push(bytes[1]);
        QCOMPARE(stream.flush(), std::string("\xEF\xBF\xBD\xEF\xBF\xBD"));
    }

    // Byte-level: a character split across tokens is held back; the stream restarts cleanly after reset().
    void streamDecoderByteLevelSplit() {
        const Tokenizer tok = Tokenizer::from_file(kDir / "bytelevel-gpt2" / "tokenizer.json");
        const std::string text = "runes ᚠᚢ and 🎈🎈 end";
        const auto ids = tok.encode(text, false);
        StreamDecoder stream(tok);
        std::string joined;
        int held = 0;
        for (const int32_t id : ids) {
            const std::string chunk = stream.push(id);
            held += chunk.empty();
            QVERIFY(valid_utf8(chunk));
            joined += chunk;
        }
        QCOMPARE(joined + stream.flush(), text);
        QVERIFY(held > 0);  // some pushes ended inside a character
    }

    // Encoding ~1 MB round-trips exactly and stays fast (timing printed; generous bound for sanitizer builds).
    void largeTextRoundTrip() {
        const Tokenizer tok = Tokenizer::from_file(kDir / "bytelevel-llama3" / "tokenizer.json");
        std::string text;
        const auto cases = read_json(kDir / "bytelevel-llama3" / "expected.json").at("cases");
        for (int rep = 0; text.size() < (1u << 20); ++rep)
            for (const auto& c : cases) text += c.at("text").get<std::string>() + " " + std::to_string(rep) + "\n";
        QElapsedTimer timer;
        timer.start();
        const auto ids = tok.encode(text, false);
        const qint64 ms = timer.elapsed();
        qInfo("encoded %zu bytes into %zu tokens in %lld ms", text.size(), ids.size(), ms);
        QVERIFY(tok.decode(ids) == text);
        QVERIFY(ms < 20000);
    }

    // Components we do not implement are refused at load time, naming the field and the type.
    void unsupportedComponents() {
        struct Case {
            const char* field;
            json value;
            const char* type;
        };
        const std::vector<Case> cases = {
            {"pre_tokenizer", json{{"type", "BertPreTokenizer"}}, "BertPreTokenizer"},
            {"normalizer", json{{"type", "BertNormalizer"}}, "BertNormalizer"},
            {"decoder", json{{"type", "CTC"}}, "CTC"},
            {"post_processor", json{{"type", "BertProcessing"}}, "BertProcessing"},
        };
        for (const auto& c : cases) {
            json spec = minimal_spec();
            spec[c.field] = c.value;
            expect_error<Unsupported>([&] { Tokenizer::from_json(spec.dump(), "tokenizer.json"); },
                                      {"tokenizer.json", c.field, c.type, "not supported"});
        }
        json nested = minimal_spec();
        nested["pre_tokenizer"] = json{{"type", "Sequence"}, {"pretokenizers", json::array({json{{"type", "UnicodeScripts"}}})}};
        expect_error<Unsupported>([&] { Tokenizer::from_json(nested.dump(), "tokenizer.json"); },
                                  {"pre_tokenizer", "UnicodeScripts"});
        json unigram = minimal_spec();
        unigram["model"] = json{{"type", "Unigram"}, {"vocab", json::array()}};
        expect_error<Unsupported>([&] { Tokenizer::from_json(unigram.dump(), "tokenizer.json"); }, {"model", "Unigram"});
    }

    // The minimal spec works (so the refusals above are about the replaced component only).
    void minimalSpecWorks() {
        const Tokenizer tok = Tokenizer::from_json(minimal_spec().dump(), "tokenizer.json");
        QCOMPARE(tok.encode("abab"), (std::vector<int32_t>{2, 2}));
        QCOMPARE(tok.encode("aba"), (std::vector<int32_t>{2, 0}));
        QCOMPARE(tok.decode({2, 0, 1}), std::string("abab"));
    }

    // Malformed files: the error names the file; a bad merge names the merge; bad UTF-8 input is refused.
    void malformedInputs() {
        QTemporaryDir tmp;
        const auto path = std::filesystem::path(tmp.path().toStdString()) / "tokenizer.json";
        std::ofstream(path) << "{\"model\": {\"type\": \"BPE\", ";
        expect_error<FormatError>([&] { Tokenizer::from_file(path); }, {path.string(), "JSON"});
        expect_error<FileError>([&] { Tokenizer::from_file(path.parent_path() / "missing.json"); }, {"missing.json"});
        json spec = minimal_spec();
        spec["model"]["merges"] = json::array({"a c"});
        expect_error<FormatError>([&] { Tokenizer::from_json(spec.dump(), "bad.json"); }, {"bad.json", "merges[0]", "a c"});
        spec = minimal_spec();
        spec.erase("model");
        expect_error<FormatError>([&] { Tokenizer::from_json(spec.dump(), "nomodel.json"); }, {"nomodel.json", "model"});
        const Tokenizer tok = Tokenizer::from_json(minimal_spec().dump(), "tokenizer.json");
        expect_error<InvalidArgument>([&] { tok.encode(std::string("a\xC3(b")); }, {"UTF-8"});
    }
};

QTEST_APPLESS_MAIN(TestTokenizer)
#include "test_tokenizer.moc"
