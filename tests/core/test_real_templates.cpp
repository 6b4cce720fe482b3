// SPDX-License-Identifier: MIT
// llama.cpp's ~70 real chat templates rendered by our Jinja engine and compared byte for byte with what
// transformers renders (tests/fixtures/real_world/make_templates.py: transformers 5.25's
// chat_template_utils.render_jinja_template, jinja2 3.1.6) for every committed conversation, with and
// without the generation prompt. Where Python raised (a template refusing a system turn, a template that
// needs tools), ours must raise too.
#include <awq/jinja/template.hpp>

#include "real_world.hpp"

#include <QtTest>

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using namespace awq;
using json = nlohmann::ordered_json;

namespace {

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + p.string());
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string sha256_hex(const std::filesystem::path& p);

}  // namespace


class TestRealTemplates : public QObject {
    Q_OBJECT

private slots:
    void everyTemplateMatchesTransformers() {
        const auto dir = test::real_world_dir() / "templates";
        REQUIRE_REAL_WORLD(dir);
        const json ref = json::parse(read_file(test::real_world_refs() / "templates" / "expected.json"));
        const std::string bos = ref.at("bos_token"), eos = ref.at("eos_token");
        // strftime_now is pinned to the date the references were rendered with.
        jinja::RenderOptions options;
        options.strftime_now = [](const std::string& fmt) {
            std::tm tm{};
            tm.tm_year = 2026 - 1900;
            tm.tm_mon = 6;
            tm.tm_mday = 26;
            tm.tm_hour = 9;
            tm.tm_min = 30;
            tm.tm_wday = 0;  // a Sunday
            tm.tm_yday = 206;
            char buf[256];
            return std::string(buf, std::strftime(buf, sizeof buf, fmt.c_str(), &tm));
        };
        int templates = 0, identical = 0, cases = 0, cases_ok = 0, raised = 0;
        QStringList failures;
        for (const auto& [file, entry] : ref.at("templates").items()) {
            ++templates;
            const auto path = dir / file;
            QVERIFY2(std::filesystem::exists(path), path.c_str());
            const std::string source = read_file(path);
            bool all_ok = true;
            std::unique_ptr<jinja::Template> tpl;
            std::string parse_error;
            try {
                tpl = std::make_unique<jinja::Template>(source, file);
            } catch (const jinja::SyntaxError& e) {
                parse_error = e.what();
            }
            for (const auto& [key, expected] : entry.at("cases").items()) {
                ++cases;
                const std::string conv = key.substr(0, key.find('/'));
                const bool gen = key.substr(key.find('/') + 1) == "gen";
                json ctx = {{"messages", ref.at("conversations").at(conv)},
                            {"tools", nullptr},
                            {"documents", nullptr},
                            {"add_generation_prompt", gen},
                            {"bos_token", bos},
                            {"eos_token", eos}};
                std::string got, error = parse_error;
                if (tpl) {
                    try {
                        got = tpl->render(jinja::Value::from_json(ctx.dump()), options);
                    } catch (const jinja::RenderError& e) {
                        error = e.what();
                    }
                }
                bool ok;
                if (expected.contains("error")) {
                    ok = !error.empty();
                    raised += ok;
                } else {
                    ok = error.empty() && got == expected.at("text").get<std::string>();
                }
                if (!ok) {
                    all_ok = false;
                    failures << QString::fromStdString(file + " " + key + ": " +
                                                       (error.empty() ? "rendered differently" : error));
                    if (qEnvironmentVariableIsSet("AWQ_JINJA_DIFF") && error.empty() && expected.contains("text"))
                        qInfo().noquote() << "--- expected\n" << QString::fromStdString(expected.at("text"))
                                          << "\n--- got\n" << QString::fromStdString(got) << "\n---";
                }
                cases_ok += ok;
            }
            identical += all_ok;
        }
        for (const QString& f : failures) qWarning().noquote() << f;
        qInfo().noquote() << QString("templates: %1/%2 byte-identical for every conversation; cases %3/%4 "
                                     "(%5 of them raise where Python raises)")
                                 .arg(identical).arg(templates).arg(cases_ok).arg(cases).arg(raised);
        QCOMPARE(failures.size(), 0);
        QVERIFY(templates >= 70);
    }

    // A changed template file is noticed (the references were made from the recorded sha256).
    void templateFilesAreTheOnesReferenced() {
        const auto dir = test::real_world_dir() / "templates";
        REQUIRE_REAL_WORLD(dir);
        const json ref = json::parse(read_file(test::real_world_refs() / "templates" / "expected.json"));
        for (const auto& [file, entry] : ref.at("templates").items())
            QCOMPARE(QString::fromStdString(sha256_hex(dir / file)),
                     QString::fromStdString(entry.at("sha256").get<std::string>()));
    }
};

namespace {
std::string sha256_hex(const std::filesystem::path& p) {
    const QByteArray data = QByteArray::fromStdString(read_file(p));
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex().toStdString();
}
}  // namespace

QTEST_GUILESS_MAIN(TestRealTemplates)
#include "test_real_templates.moc"
