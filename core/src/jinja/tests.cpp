// SPDX-License-Identifier: MIT
// jinja2's builtin tests (`x is defined`, `x is string`, ...).
#include "jinja/context.hpp"
#include "jinja/pystr.hpp"

#include <functional>
#include <map>

namespace awq::jinja {

namespace {

using Test = std::function<bool(const Value&, const CallArgs&)>;

const std::map<std::string, Test>& tests() {
    static const std::map<std::string, Test> table = [] {
        std::map<std::string, Test> t;
        t["defined"] = [](const Value& v, const CallArgs&) { return !v.is_undefined(); };
        t["undefined"] = [](const Value& v, const CallArgs&) { return v.is_undefined(); };
        t["none"] = [](const Value& v, const CallArgs&) { return v.is_none(); };
        t["string"] = [](const Value& v, const CallArgs&) { return v.is_string(); };
        t["number"] = [](const Value& v, const CallArgs&) { return v.is_number(); };
        t["integer"] = [](const Value& v, const CallArgs&) { return v.is_int(); };
        t["float"] = [](const Value& v, const CallArgs&) { return v.is_float(); };
        t["boolean"] = [](const Value& v, const CallArgs&) { return v.is_bool(); };
        t["true"] = [](const Value& v, const CallArgs&) { return v.is_bool() && v.as_bool(); };
        t["false"] = [](const Value& v, const CallArgs&) { return v.is_bool() && !v.as_bool(); };
        t["mapping"] = [](const Value& v, const CallArgs&) { return v.is_dict(); };
        t["iterable"] = [](const Value& v, const CallArgs&) {
            return v.is_undefined() || v.is_string() || v.is_list() || v.is_dict();
        };
        t["sequence"] = [](const Value& v, const CallArgs&) {
            return v.is_undefined() || v.is_string() || v.is_list() || v.is_dict();
        };
        t["callable"] = [](const Value& v, const CallArgs&) { return v.is_function(); };
        t["odd"] = [](const Value& v, const CallArgs&) {
            if (!v.is_int() && !v.is_bool()) fail("the 'odd' test needs an integer");
            return v.as_int() % 2 != 0;
        };
        t["even"] = [](const Value& v, const CallArgs&) {
            if (!v.is_int() && !v.is_bool()) fail("the 'even' test needs an integer");
            return v.as_int() % 2 == 0;
        };
        t["divisibleby"] = [](const Value& v, const CallArgs& a) {
            const Value n = a.get(0, "num");
            if (!v.is_int() || !n.is_int()) fail("the 'divisibleby' test needs integers");
            if (n.as_int() == 0) fail("integer division or modulo by zero");
            return n.as_int() == -1 || v.as_int() % n.as_int() == 0;
        };
        t["lower"] = [](const Value& v, const CallArgs&) { return py::is_lower(v.str()); };
        t["upper"] = [](const Value& v, const CallArgs&) { return py::is_upper(v.str()); };
        t["escaped"] = [](const Value&, const CallArgs&) { return false; };
        t["sameas"] = [](const Value& v, const CallArgs& a) {
            const Value o = a.get(0, "other");
            if (v.is_none() || v.is_bool() || v.is_undefined()) return v.kind() == o.kind() && equal(v, o);
            if (v.is_list() || v.is_dict() || v.is_namespace())
                return v.kind() == o.kind() && (v.is_list() ? &v.as_list() == &o.as_list() : &v.as_dict() == &o.as_dict());
            return v.kind() == o.kind() && equal(v, o);
        };
        t["eq"] = [](const Value& v, const CallArgs& a) { return equal(v, a.get(0, "other")); };
        t["equalto"] = t["=="] = t["eq"];
        t["ne"] = [](const Value& v, const CallArgs& a) { return !equal(v, a.get(0, "other")); };
        t["!="] = t["ne"];
        t["lt"] = [](const Value& v, const CallArgs& a) { return compare(v, a.get(0, "other"), "<") < 0; };
        t["lessthan"] = t["<"] = t["lt"];
        t["le"] = [](const Value& v, const CallArgs& a) { return compare(v, a.get(0, "other"), "<=") <= 0; };
        t["<="] = t["le"];
        t["gt"] = [](const Value& v, const CallArgs& a) { return compare(v, a.get(0, "other"), ">") > 0; };
        t["greaterthan"] = t[">"] = t["gt"];
        t["ge"] = [](const Value& v, const CallArgs& a) { return compare(v, a.get(0, "other"), ">=") >= 0; };
        t[">="] = t["ge"];
        t["in"] = [](const Value& v, const CallArgs& a) { return contains(a.get(0, "seq"), v); };
        t["filter"] = [](const Value& v, const CallArgs&) { return v.is_string() && filter_exists(v.as_string()); };
        return t;
    }();
    return table;
}

}  // namespace

bool apply_test(Context&, const std::string& name, const Value& v, CallArgs& args) {
    const auto& table = tests();
    auto it = table.find(name);
    if (it == table.end()) {
        if (name == "test") return v.is_string() && table.count(v.as_string()) != 0;
        fail("No test named '" + name + "'.");
    }
    return it->second(v, args);
}

}  // namespace awq::jinja
