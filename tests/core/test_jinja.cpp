// SPDX-License-Identifier: MIT
// Unit tests of the Jinja engine (awq::jinja). The expected strings in tests/fixtures/jinja/cases.json were
// obtained by running Python jinja2 3.1.6 with transformers 5.25's own chat-template environment
// (tests/fixtures/jinja/make_jinja_cases.py: sandbox, trim_blocks, lstrip_blocks, loopcontrols, generation
// tag, raise_exception / strftime_now pinned to 2026-07-26 / namespace / dict, transformers' tojson); every
// case must render byte-identically, and where Python raises ours must raise. The limits (steps, output,
// depth) and error lines are our own behaviour and are checked directly.
#include <awq/jinja/template.hpp>

#include <QtTest>

#include <nlohmann/json.hpp>

#include <ctime>
#include <fstream>
#include <sstream>

using namespace awq;
using json = nlohmann::ordered_json;

namespace {

json load_cases() {
    std::ifstream in(std::filesystem::path(AWQ_FIXTURES_DIR) / "jinja" / "cases.json");
    if (!in) throw std::runtime_error("cannot open tests/fixtures/jinja/cases.json");
    return json::parse(in);
}

std::string pinned_strftime(const std::string& fmt) {  // 2026-07-26 09:30, as the fixture script pins it
    std::tm tm{};
    tm.tm_year = 2026 - 1900;
    tm.tm_mon = 6;
    tm.tm_mday = 26;
    tm.tm_hour = 9;
    tm.tm_min = 30;
    tm.tm_wday = 0;
    tm.tm_yday = 206;
    char buf[256];
    return std::string(buf, std::strftime(buf, sizeof buf, fmt.c_str(), &tm));
}

std::string render(const std::string& tpl, const std::string& ctx_json = "{}", jinja::RenderOptions opt = {}) {
    return jinja::Template(tpl).render(jinja::Value::from_json(ctx_json), opt);
}

}  // namespace

class TestJinja : public QObject {
    Q_OBJECT

private slots:
    void casesMatchPythonJinja2_data() {
        QTest::addColumn<QString>("name");
        const json all = load_cases();
        for (const auto& c : all.at("cases")) {
            const std::string n = c.at("name");
            QTest::newRow(n.c_str()) << QString::fromStdString(n);
        }
    }
    void casesMatchPythonJinja2() {
        QFETCH(QString, name);
        static const json all = load_cases();
        const json* found = nullptr;
        for (const auto& c : all.at("cases"))
            if (c.at("name") == name.toStdString()) found = &c;
        QVERIFY(found);
        const json& c = *found;
        jinja::RenderOptions opt;
        opt.strftime_now = pinned_strftime;
        std::string got, error;
        bool raised_by_template = false;
        try {
            got = jinja::Template(c.at("template").get<std::string>()).render(
                jinja::Value::from_json(all.at("context").dump()), opt);
        } catch (const jinja::RaisedError& e) {
            error = e.what();
            raised_by_template = true;
        } catch (const awq::Error& e) {  // SyntaxError or RenderError
            error = e.what();
        }
        if (c.contains("error")) {
            const std::string py = c.at("error");
            QVERIFY2(!error.empty(), qPrintable("Python raised '" + QString::fromStdString(py) + "', ours rendered " +
                                                QString::fromStdString(json(got).dump())));
            // raise_exception is the template's own message: exactly Python's.
            if (py.starts_with("TemplateError: ")) {
                QVERIFY(raised_by_template);
                QVERIFY2(error.starts_with(py.substr(15)), error.c_str());
            }
        } else {
            QVERIFY2(error.empty(), error.c_str());
            QVERIFY2(got == c.at("text").get<std::string>(),
                     qPrintable("got " + QString::fromStdString(json(got).dump()) + "\nexpected " +
                                QString::fromStdString(c.at("text").dump())));
        }
    }

    // Errors name the construct and the template line.
    void errorsNameLine() {
        try {
            render("line one\n{% for x in [1] %}\n{{ x + 'a' }}\n{% endfor %}");
            QFAIL("no exception");
        } catch (const jinja::RenderError& e) {
            QCOMPARE(e.line(), 3);
            QVERIFY2(std::string(e.what()).find("unsupported operand type(s) for +: 'int' and 'str'") !=
                         std::string::npos, e.what());
        }
        try {
            render("a\nb\n{% if true %}\n{% endfor %}");
            QFAIL("no exception");
        } catch (const jinja::SyntaxError& e) {
            QCOMPARE(e.line(), 4);
            QVERIFY2(std::string(e.what()).find("endfor") != std::string::npos, e.what());
        }
        try {
            render("{{ 'unterminated }}");
            QFAIL("no exception");
        } catch (const jinja::SyntaxError& e) {
            QVERIFY2(std::string(e.what()).find("unterminated string") != std::string::npos, e.what());
        }
    }

    // A template cannot hang, eat memory or recurse without end: the limits turn into RenderErrors.
    void limits() {
        jinja::RenderOptions opt;
        opt.max_steps = 100000;
        QVERIFY_THROWS_EXCEPTION(jinja::RenderError,
                                 render("{% for a in range(1000) %}{% for b in range(1000) %}{% endfor %}{% endfor %}",
                                        "{}", opt));
        opt = {};
        opt.max_output_bytes = 1000;
        QVERIFY_THROWS_EXCEPTION(jinja::RenderError, render("{% for a in range(2000) %}x{% endfor %}", "{}", opt));
        QVERIFY_THROWS_EXCEPTION(jinja::RenderError, render("{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}"));
        QVERIFY_THROWS_EXCEPTION(jinja::RenderError, render("{{ 9223372036854775807 + 1 }}"));
        QVERIFY_THROWS_EXCEPTION(jinja::RenderError, render("{{ 'x' * 100000000 }}"));
    }

    // strftime_now uses the injected clock.
    void injectableClock() {
        jinja::RenderOptions opt;
        opt.strftime_now = [](const std::string& f) { return "<" + f + ">"; };
        QCOMPARE(render("{{ strftime_now('%d %b') }}", "{}", opt), std::string("<%d %b>"));
    }

    // The context's key order is kept (tojson / items print in insertion order, as Python dicts do).
    void contextOrder() {
        QCOMPARE(render("{{ d | tojson }}", R"({"d": {"z": 1, "a": 2}})"), std::string(R"({"z": 1, "a": 2})"));
    }
};

QTEST_APPLESS_MAIN(TestJinja)
#include "test_jinja.moc"
