// SPDX-License-Identifier: MIT
// Chat-template tests: tokenizer_config.json's templates rendered by our Jinja engine and compared exactly with
// transformers' apply_chat_template on the official templates (tests/fixtures/make_tokenizer_fixtures.py);
// the plain-text fallback and the errors (expected strings obtained with transformers 5.25 / jinja2 3.1.6).
#include <awq/error.hpp>
#include <awq/jinja/template.hpp>
#include <awq/tokenizer/chat_template.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

using namespace awq;
using json = nlohmann::json;

namespace {

const std::filesystem::path kChat = std::filesystem::path(AWQ_FIXTURES_DIR) / "tokenizers" / "chat";

json read_json(const std::filesystem::path& p) {
    std::ifstream in(p);
    if (!in) throw std::runtime_error("cannot open " + p.string());
    return json::parse(in);
}

std::vector<ChatMessage> messages_of(const json& j) {
    std::vector<ChatMessage> out;
    for (const auto& m : j) out.push_back({m.at("role").get<std::string>(), m.at("content").get<std::string>()});
    return out;
}

}  // namespace

class TestChatTemplate : public QObject {
    Q_OBJECT

private slots:
    // Every conversation renders as transformers renders it (and Llama 2 refuses what its template refuses).
    void rendersMatchTransformers_data() {
        QTest::addColumn<QString>("folder");
        for (const char* f : {"llama3", "chatml", "qwen2", "llama2", "mistral", "zephyr"}) QTest::newRow(f) << f;
    }
    void rendersMatchTransformers() {
        QFETCH(QString, folder);
        const auto dir = kChat / folder.toStdString();
        const ChatTemplate t = load_chat_template(dir);
        QVERIFY2(t.uses_template(), t.note.c_str());
        QVERIFY(t.note.empty());
        int checked = 0;
        const json expected_all = read_json(dir / "expected.json");
        for (const auto& r : expected_all.at("renders")) {
            const auto msgs = messages_of(r.at("messages"));
            const bool gen = r.at("add_generation_prompt").get<bool>();
            if (r.contains("error")) {
                QVERIFY_THROWS_EXCEPTION(jinja::RaisedError, t.render(msgs, gen));
            } else {
                const std::string got = t.render(msgs, gen);
                QVERIFY2(got == r.at("text").get<std::string>(),
                         qPrintable(QString::fromStdString(json(got).dump() + " != " + r.at("text").dump())));
            }
            ++checked;
        }
        QVERIFY(checked >= 10);
    }

    // bos/eos come from plain strings or {"content": ...} objects; a list of templates uses "default".
    void configForms() {
        const ChatTemplate llama3 = load_chat_template(kChat / "llama3");  // object form
        QCOMPARE(llama3.bos_token, std::string("<|begin_of_text|>"));
        QCOMPARE(llama3.eos_token, std::string("<|eot_id|>"));
        QCOMPARE(llama3.special_tokens.at("bos_token"), std::string("<|begin_of_text|>"));
        const ChatTemplate zephyr = load_chat_template(kChat / "zephyr");  // string form
        QCOMPARE(zephyr.bos_token, std::string("<s>"));
        QCOMPARE(zephyr.eos_token, std::string("</s>"));
        const ChatTemplate chatml = load_chat_template(kChat / "chatml");  // list form, bos null
        QCOMPARE(chatml.bos_token, std::string());
        QCOMPARE(chatml.special_tokens.count("bos_token"), size_t(0));
        QVERIFY(chatml.jinja.find("<|im_start|>") != std::string::npos);
    }

    void descriptionAndEndTokens() {
        const ChatTemplate llama3 = load_chat_template(kChat / "llama3");
        QCOMPARE(llama3.description(), "Jinja template (" + std::to_string(llama3.jinja.size()) + " chars)");
        QCOMPARE(llama3.end_of_turn_tokens(), std::vector<std::string>{"<|eot_id|>"});
        QCOMPARE(load_chat_template(kChat / "llama2").end_of_turn_tokens(), std::vector<std::string>{"</s>"});
        const ChatTemplate none = load_chat_template(kChat / "no_template");
        QVERIFY2(none.description().starts_with("plain text: "), none.description().c_str());
    }

    // A template of no known family is simply rendered (transformers 5.25 gives exactly this text).
    void anyTemplateIsRendered() {
        const std::vector<ChatMessage> msgs = {{"system", "Be brief."}, {"user", "Hi"}, {"assistant", "Hello"},
                                               {"user", "Bye"}};
        const ChatTemplate t = load_chat_template(kChat / "unknown");
        QVERIFY(t.uses_template());
        QCOMPARE(t.render(msgs, true), std::string("system: Be brief.\nuser: Hi\nassistant: Hello\nuser: Bye\n"));
    }

    // No template, no config, or a template our engine cannot parse: plain text with a note that says why.
    void plainTextFallback() {
        const std::vector<ChatMessage> msgs = {{"system", "Be brief."}, {"user", "Hi"}, {"assistant", "Hello"},
                                               {"user", "Bye"}};
        const std::string expected = "System: Be brief.\nUser: Hi\nAssistant: Hello\nUser: Bye\n";
        QTemporaryDir tmp;
        const std::filesystem::path bad = tmp.path().toStdString();
        std::ofstream(bad / "tokenizer_config.json") << R"({"eos_token": "</s>", "chat_template": "{{ 1 }}\n{% if %}"})";
        for (const std::filesystem::path& dir : {kChat / "no_template", kChat / "does_not_exist", bad}) {
            const ChatTemplate t = load_chat_template(dir);
            QVERIFY(!t.uses_template());
            QVERIFY2(t.note.find("plain text") != std::string::npos, t.note.c_str());
            QCOMPARE(t.render(msgs, false), expected);
            QCOMPARE(t.render(msgs, true), expected + "Assistant:");
        }
        const ChatTemplate t = load_chat_template(bad);
        QVERIFY2(t.note.find("template line 2") != std::string::npos, t.note.c_str());
        QCOMPARE(t.end_of_turn_tokens(), std::vector<std::string>{"</s>"});
    }

    // A render failure names the file, the problem and the template line (Python: TypeError "can only
    // concatenate str (not "int") to str").
    void renderErrorNamesFileAndLine() {
        QTemporaryDir tmp;
        const std::filesystem::path dir = tmp.path().toStdString();
        std::ofstream(dir / "tokenizer_config.json")
            << R"({"chat_template": "{% for m in messages %}\n{{ m.content + 1 }}{% endfor %}"})";
        const ChatTemplate t = load_chat_template(dir);
        try {
            t.render({{"user", "Hi"}}, true);
            QFAIL("no exception");
        } catch (const jinja::RenderError& e) {
            const std::string what = e.what();
            QVERIFY2(what.find("tokenizer_config.json") != std::string::npos, e.what());
            QVERIFY2(what.find("can only concatenate str (not \"int\") to str") != std::string::npos, e.what());
            QCOMPARE(e.line(), 2);
        }
    }

    void malformedConfig() {
        QTemporaryDir tmp;
        const std::filesystem::path dir = tmp.path().toStdString();
        std::ofstream(dir / "tokenizer_config.json") << "{\"chat_template\": ";
        try {
            load_chat_template(dir);
            QFAIL("no exception");
        } catch (const FormatError& e) {
            QVERIFY(std::string(e.what()).find("tokenizer_config.json") != std::string::npos);
        }
        std::ofstream(dir / "tokenizer_config.json", std::ios::trunc) << "{\"chat_template\": 42}";
        QVERIFY_THROWS_EXCEPTION(FormatError, load_chat_template(dir));
    }
};

QTEST_APPLESS_MAIN(TestChatTemplate)
#include "test_chat_template.moc"
