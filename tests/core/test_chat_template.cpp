// Chat-template tests: family detection and renderings compared exactly with transformers'
// apply_chat_template on the official templates (tests/fixtures/make_tokenizer_fixtures.py).
#include <awq/error.hpp>
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
    // Every conversation renders as transformers renders it (and Llama 2 refuses what the template refuses).
    void rendersMatchTransformers_data() {
        QTest::addColumn<QString>("folder");
        QTest::addColumn<int>("family");
        QTest::newRow("llama3") << "llama3" << int(ChatFamily::Llama3);
        QTest::newRow("chatml") << "chatml" << int(ChatFamily::ChatML);
        QTest::newRow("qwen2") << "qwen2" << int(ChatFamily::ChatML);
        QTest::newRow("llama2") << "llama2" << int(ChatFamily::Llama2);
        QTest::newRow("mistral") << "mistral" << int(ChatFamily::Llama2);
        QTest::newRow("zephyr") << "zephyr" << int(ChatFamily::Zephyr);
    }
    void rendersMatchTransformers() {
        QFETCH(QString, folder);
        QFETCH(int, family);
        const auto dir = kChat / folder.toStdString();
        const ChatTemplate t = load_chat_template(dir);
        QCOMPARE(int(t.family), family);
        QVERIFY(t.note.empty());
        int checked = 0;
        const json expected_all = read_json(dir / "expected.json");
        for (const auto& r : expected_all.at("renders")) {
            const auto msgs = messages_of(r.at("messages"));
            const bool gen = r.at("add_generation_prompt").get<bool>();
            if (r.contains("error")) {
                QVERIFY_THROWS_EXCEPTION(InvalidArgument, t.render(msgs, gen));
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
        const ChatTemplate zephyr = load_chat_template(kChat / "zephyr");  // string form
        QCOMPARE(zephyr.bos_token, std::string("<s>"));
        QCOMPARE(zephyr.eos_token, std::string("</s>"));
        const ChatTemplate chatml = load_chat_template(kChat / "chatml");  // list form, bos null
        QCOMPARE(chatml.bos_token, std::string());
        QCOMPARE(chatml.family, ChatFamily::ChatML);
        QVERIFY(chatml.jinja.find("<|im_start|>") != std::string::npos);
    }

    void familyNamesAndEndTokens() {
        QCOMPARE(load_chat_template(kChat / "llama3").family_name(), std::string("Llama 3"));
        QCOMPARE(load_chat_template(kChat / "llama3").end_of_turn_tokens(), std::vector<std::string>{"<|eot_id|>"});
        QCOMPARE(load_chat_template(kChat / "qwen2").end_of_turn_tokens(), std::vector<std::string>{"<|im_end|>"});
        QCOMPARE(load_chat_template(kChat / "llama2").family_name(), std::string("Llama 2 / Mistral [INST]"));
        QCOMPARE(load_chat_template(kChat / "llama2").end_of_turn_tokens(), std::vector<std::string>{"</s>"});
        QCOMPARE(load_chat_template(kChat / "zephyr").family_name(), std::string("Zephyr"));
        QCOMPARE(load_chat_template(kChat / "chatml").family_name(), std::string("ChatML"));
    }

    void detection() {
        QCOMPARE(detect_chat_family("{{ '<|start_header_id|>' }}"), ChatFamily::Llama3);
        QCOMPARE(detect_chat_family("{{'<|im_start|>' + role}}"), ChatFamily::ChatML);
        QCOMPARE(detect_chat_family("{{ '[INST] ' + content + ' [/INST]' }}"), ChatFamily::Llama2);
        QCOMPARE(detect_chat_family("{{ '<|user|>\n' }}"), ChatFamily::Zephyr);
        QCOMPARE(detect_chat_family("{{ messages }}"), ChatFamily::None);
    }

    // Unknown template, no template, no config: plain text with a note that says why.
    void plainTextFallback() {
        const std::vector<ChatMessage> msgs = {{"system", "Be brief."}, {"user", "Hi"}, {"assistant", "Hello"},
                                               {"user", "Bye"}};
        const std::string expected = "System: Be brief.\nUser: Hi\nAssistant: Hello\nUser: Bye\n";
        for (const char* folder : {"unknown", "no_template", "does_not_exist"}) {
            const ChatTemplate t = load_chat_template(kChat / folder);
            QCOMPARE(t.family, ChatFamily::None);
            QCOMPARE(t.family_name(), std::string("plain text"));
            QVERIFY2(t.note.find("plain text") != std::string::npos, t.note.c_str());
            QCOMPARE(t.render(msgs, false), expected);
            QCOMPARE(t.render(msgs, true), expected + "Assistant:");
        }
        QCOMPARE(load_chat_template(kChat / "unknown").end_of_turn_tokens(), std::vector<std::string>{"</s>"});
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
