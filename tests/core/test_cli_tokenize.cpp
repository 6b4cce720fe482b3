// SPDX-License-Identifier: MIT
// awq tokenize: ids and decode through the CLI, checked against Hugging Face tokenizers' own output for a
// committed synthetic tokenizer (tests/fixtures/real_world/refs/tokenizers/synthetic, made by
// make_tokenizers.py refs); the round-trip report; usage errors (exit 2) and bad input (exit 1, naming the file).
#include "real_world.hpp"
#include "test_util.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

using namespace awq::test;
using json = nlohmann::json;

namespace {

const std::filesystem::path kSynthetic = real_world_refs() / "tokenizers" / "synthetic";

QString q(const std::filesystem::path& p) { return QString::fromStdString(p.string()); }

json read_json(const std::filesystem::path& p) {
    std::ifstream in(p);
    return json::parse(in);
}

}  // namespace

class TestCliTokenize : public QObject {
    Q_OBJECT

    TempDir dir_;

private slots:
    // The ids of the first reference strings are tokenizers' ids, from a tokenizer.json path and a folder.
    void idsMatchTokenizers() {
        const auto tj = kSynthetic / "added-tokens.tokenizer.json";
        const json texts = read_json(real_world_refs() / "tokenizers" / "strings.json")["texts"];
        const json expected = read_json(kSynthetic / "added-tokens.json");
        std::filesystem::create_directories(dir_.path / "model");
        std::filesystem::copy_file(tj, dir_.path / "model" / "tokenizer.json",
                                   std::filesystem::copy_options::overwrite_existing);
        for (size_t i = 0; i < 5; ++i) {
            const auto text = texts[i].get<std::string>();
            for (const auto& target : {tj, dir_.path / "model"}) {
                const CliRun r = run_cli({"tokenize", q(target), "--text", QString::fromStdString(text), "--json",
                                          "--no-special"});
                QCOMPARE(r.exit_code, 0);
                const json out = json::parse(r.out.toStdString());
                QCOMPARE(out["ids"].get<std::vector<int32_t>>(), expected["ids"][i].get<std::vector<int32_t>>());
                const std::string want = expected["decoded"][i].is_null() ? text : expected["decoded"][i].get<std::string>();
                QCOMPARE(out["decoded"].get<std::string>(), want);
                QCOMPARE(out["round_trip"].get<bool>(), want == text);
            }
        }
    }

    // Text output: ids, one line per token, and the round trip (the Lowercase normalizer changes "Hello").
    void textOutputAndRoundTrip() {
        const auto tj = kSynthetic / "added-tokens.tokenizer.json";
        CliRun r = run_cli({"tokenize", q(tj), "--text", "hello world"});
        QCOMPARE(r.exit_code, 0);
        QVERIFY(r.out.contains("ids ("));
        QVERIFY(r.out.contains("round trip: ok"));
        const auto file = dir_.path / "text.txt";
        std::ofstream(file) << "say HELLO";
        r = run_cli({"tokenize", q(tj), "--file", q(file)});
        QCOMPARE(r.exit_code, 0);
        QVERIFY2(r.out.contains("round trip: differs at byte 4"), qPrintable(r.out));
    }

    void errors() {
        const auto tj = kSynthetic / "added-tokens.tokenizer.json";
        QCOMPARE(run_cli({"tokenize", q(tj)}).exit_code, 2);                                  // no text
        QCOMPARE(run_cli({"tokenize", q(tj), "--text", "a", "--file", "b"}).exit_code, 2);   // both
        QCOMPARE(run_cli({"tokenize"}).exit_code, 2);                                         // no model
        CliRun r = run_cli({"tokenize", q(dir_.path / "missing"), "--text", "a"});
        QCOMPARE(r.exit_code, 1);
        QVERIFY(r.err.contains("missing"));
        const auto bad = dir_.path / "bad.json";
        std::ofstream(bad) << "{\"model\": ";
        r = run_cli({"tokenize", q(bad), "--text", "a"});
        QCOMPARE(r.exit_code, 1);
        QVERIFY(r.err.contains("bad.json"));
        const auto latin1 = dir_.path / "latin1.txt";
        std::ofstream(latin1, std::ios::binary) << "caf\xE9";
        r = run_cli({"tokenize", q(tj), "--file", q(latin1)});
        QCOMPARE(r.exit_code, 1);
        QVERIFY2(r.err.contains("latin1.txt") && r.err.contains("UTF-8"), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliTokenize)
#include "test_cli_tokenize.moc"
