// SPDX-License-Identifier: MIT
// `awq template`: the prompt and token ids it prints for the bundled model equal what transformers'
// apply_chat_template gave for the same conversation (tests/fixtures/tiny-llama-kjv/chat.json, made by
// make_tiny_model.py), and bad input gives exit 1 / usage errors exit 2 with messages that say what is wrong.
#include "test_util.hpp"

#include <awq/io/safetensors.hpp>

#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <fstream>

using namespace awq;
using namespace awq::test;
using nlohmann::json;

class TestCliTemplate : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;

    QString write(const QString& name, const std::string& text) {
        const QString path = tmp_.filePath(name);
        std::ofstream(path.toStdString()) << text;
        return path;
    }

private slots:
    void promptAndIdsMatchTransformers() {
        const json ref = json::parse(read_text_file(fixtures() / "tiny-llama-kjv" / "chat.json"));
        const QString messages = write("chat.json", ref.at("messages").dump());
        const QString model = QString::fromStdString(bundled_model().string());
        const CliRun text = run_cli({"template", model, "--messages", messages});
        QCOMPARE(text.exit_code, 0);
        QCOMPARE(text.out.toStdString(), ref.at("text").get<std::string>());

        const CliRun ids = run_cli({"template", model, "--messages", messages, "--ids"});
        QCOMPARE(ids.exit_code, 0);
        const std::string out = ids.out.toStdString();
        const std::string marker = "\n--- token ids (";
        const size_t at = out.rfind(marker);
        QVERIFY(at != std::string::npos);
        QCOMPARE(out.substr(0, at), ref.at("text").get<std::string>());
        std::string expected;
        for (int32_t id : ref.at("ids").get<std::vector<int32_t>>()) expected += (expected.empty() ? "" : " ") + std::to_string(id);
        QCOMPARE(out.substr(out.find('\n', at + 1) + 1), expected + "\n");
    }

    void noGenerationPrompt() {
        const QString messages = write("one.json", R"([{"role": "user", "content": "Hi"}])");
        const CliRun r = run_cli({"template", QString::fromStdString(bundled_model().string()), "--messages", messages,
                                  "--no-generation-prompt"});
        QCOMPARE(r.exit_code, 0);
        QCOMPARE(r.out, QString("<|im_start|>user\nHi<|im_end|>\n"));  // transformers 5.25 renders exactly this
    }

    void badInput() {
        const QString model = QString::fromStdString(bundled_model().string());
        const CliRun missing = run_cli({"template", model});
        QCOMPARE(missing.exit_code, 2);
        QVERIFY2(missing.err.contains("--messages"), qPrintable(missing.err));
        const QString not_list = write("obj.json", R"({"role": "user"})");
        const CliRun r1 = run_cli({"template", model, "--messages", not_list});
        QCOMPARE(r1.exit_code, 1);
        QVERIFY2(r1.err.contains("obj.json") && r1.err.contains("list"), qPrintable(r1.err));
        const QString no_content = write("nc.json", R"([{"role": "user"}])");
        const CliRun r2 = run_cli({"template", model, "--messages", no_content});
        QCOMPARE(r2.exit_code, 1);
        QVERIFY2(r2.err.contains("message 0"), qPrintable(r2.err));
        const CliRun r3 = run_cli({"template", model, "--messages", tmp_.filePath("absent.json")});
        QCOMPARE(r3.exit_code, 1);
        QVERIFY2(r3.err.contains("absent.json"), qPrintable(r3.err));
    }
};

QTEST_GUILESS_MAIN(TestCliTemplate)
#include "test_cli_template.moc"
