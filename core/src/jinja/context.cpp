// SPDX-License-Identifier: MIT
// Context (scopes, output, limits) and the value operations shared by the evaluator, filters and tests.
#include "jinja/context.hpp"

#include "jinja/globals.hpp"
#include "jinja/pystr.hpp"

#include <algorithm>
#include <optional>

namespace awq::jinja {

void fail(const std::string& message) { throw RenderError(message, 0); }

Context::Context(const Value& variables, const RenderOptions& opts)
    : options(opts), scope(std::make_shared<Scope>()), variables_(variables), globals_(make_globals(opts)) {}

Context::~Context() {
    for (const Value& ns : assigned_namespaces_) ns.as_dict().items.clear();
}

Value Context::lookup(const std::string& name) const {
    for (const Scope* s = scope.get(); s; s = s->parent.get()) {
        auto it = s->vars.find(name);
        if (it != s->vars.end()) return it->second;
    }
    if (variables_.is_dict())
        if (const Value* v = variables_.as_dict().find(name)) return *v;
    if (const Value* v = globals_.find(name)) return *v;
    return Value::undefined("'" + name + "' is undefined");
}

void Context::write(const std::string& s) {
    output_total += s.size();
    if (output_total > options.max_output_bytes)
        fail("the output passed the limit of " + std::to_string(options.max_output_bytes) + " bytes");
    out->append(s);
}

void Context::step() {
    if (++steps_ > options.max_steps)
        fail("rendering passed the limit of " + std::to_string(options.max_steps) + " steps (an endless loop?)");
}

Context::ScopeGuard::ScopeGuard(Context& ctx, std::shared_ptr<Scope> parent) : ctx_(ctx), saved_(ctx.scope) {
    if (++ctx.depth_ > ctx.options.max_depth) {
        --ctx.depth_;
        fail("nesting passed the depth limit of " + std::to_string(ctx.options.max_depth) + " (endless recursion?)");
    }
    auto s = std::make_shared<Scope>();
    s->parent = std::move(parent);
    ctx.scope = std::move(s);
}

Context::ScopeGuard::~ScopeGuard() {
    --ctx_.depth_;
    ctx_.scope = std::move(saved_);
}

std::string type_desc(const Value& v) {
    if (v.is_none()) return "'None'";
    return std::string("'").append(v.type_name()).append(" object'");
}

Value get_attr(const Value& obj, const std::string& name) {
    if (obj.is_undefined()) fail(obj.as_string().empty() ? "undefined value used" : obj.as_string());
    if (obj.is_namespace()) {
        if (const Value* v = obj.as_dict().find(name)) return *v;
    } else {
        Value m = method(obj, name);
        if (!m.is_undefined() || !m.as_string().empty()) return m;
        if (obj.is_dict())
            if (const Value* v = obj.as_dict().find(name)) return *v;
    }
    return Value::undefined(type_desc(obj) + " has no attribute '" + name + "'");
}

Value get_item(const Value& obj, const Value& key) {
    if (obj.is_undefined()) fail(obj.as_string().empty() ? "undefined value used" : obj.as_string());
    if (obj.is_dict() && (key.is_string() || key.is_number() || key.is_none())) {
        if (const Value* v = obj.as_dict().find(dict_key(key))) return *v;
    } else if ((obj.is_list() || obj.is_string()) && (key.is_int() || key.is_bool())) {
        const int64_t n = length(obj);
        int64_t i = key.as_int();
        if (i < 0) i += n;
        if (i >= 0 && i < n) {
            if (obj.is_list()) return obj.as_list()[size_t(i)];
            return Value::string(py::encode(py::decode(obj.as_string())[size_t(i)]));
        }
    }
    if (key.is_string()) return get_attr(obj, key.as_string());
    return Value::undefined(type_desc(obj) + " has no element " + key.repr());
}

Value call_value(Context& ctx, const Value& callee, CallArgs& args) {
    if (callee.is_function()) return callee.as_function().call(args);
    if (callee.is_undefined()) fail(callee.as_string().empty() ? "undefined value called" : callee.as_string());
    fail(std::string("'").append(callee.type_name()).append("' object is not callable"));
}

List iterate(const Value& v) {
    switch (v.kind()) {
    case Value::Kind::Undefined: return {};
    case Value::Kind::List:
    case Value::Kind::Tuple: return v.as_list();
    case Value::Kind::Dict: {
        List keys;
        for (const auto& kv : v.as_dict().items) keys.push_back(key_value(kv.first));
        return keys;
    }
    case Value::Kind::String: {
        List chars;
        for (char32_t c : py::decode(v.as_string())) chars.push_back(Value::string(py::encode(c)));
        return chars;
    }
    default: fail("'" + v.type_name() + "' object is not iterable");
    }
}

bool contains(const Value& container, const Value& item) {
    if (container.is_string()) {
        if (!item.is_string()) fail("'in <string>' requires string as left operand, not " + item.type_name());
        return container.as_string().find(item.as_string()) != std::string::npos;
    }
    if (container.is_dict()) return container.as_dict().find(dict_key(item)) != nullptr;
    if (container.is_list()) {
        for (const Value& e : container.as_list())
            if (equal(e, item)) return true;
        return false;
    }
    if (container.is_undefined()) return false;
    fail("argument of type '" + container.type_name() + "' is not iterable");
}

int compare(const Value& a, const Value& b, const char* op) {
    if (a.is_undefined() || b.is_undefined()) {
        const Value& u = a.is_undefined() ? a : b;
        fail(u.as_string().empty() ? "undefined value compared" : u.as_string());
    }
    if (a.is_number() && b.is_number()) {
        if (!a.is_float() && !b.is_float()) return a.as_int() < b.as_int() ? -1 : a.as_int() > b.as_int();
        return a.as_double() < b.as_double() ? -1 : a.as_double() > b.as_double();
    }
    if (a.is_string() && b.is_string()) return a.as_string().compare(b.as_string()) < 0 ? -1 : a.as_string() != b.as_string();
    if (a.is_list() && b.is_list() && a.kind() == b.kind()) {
        const List& x = a.as_list();
        const List& y = b.as_list();
        for (size_t i = 0; i < std::min(x.size(), y.size()); ++i)
            if (!equal(x[i], y[i])) return compare(x[i], y[i], op);
        return x.size() < y.size() ? -1 : x.size() > y.size();
    }
    fail(std::string("'") + op + "' not supported between instances of '" + a.type_name() + "' and '" +
         b.type_name() + "'");
}

int64_t length(const Value& v) {
    switch (v.kind()) {
    case Value::Kind::Undefined: return 0;
    case Value::Kind::String: return int64_t(py::length(v.as_string()));
    case Value::Kind::List:
    case Value::Kind::Tuple: return int64_t(v.as_list().size());
    case Value::Kind::Dict: return int64_t(v.as_dict().items.size());
    default: fail("object of type '" + v.type_name() + "' has no len()");
    }
}

Value slice(const Value& obj, const Value& start, const Value& stop, const Value& step_v) {
    if (obj.is_undefined()) fail(obj.as_string().empty() ? "undefined value sliced" : obj.as_string());
    if (!obj.is_list() && !obj.is_string()) fail("'" + obj.type_name() + "' object is not subscriptable");
    auto bound = [](const Value& v, const char* what) -> std::optional<int64_t> {
        if (v.is_none() || v.is_undefined()) return std::nullopt;
        if (!v.is_int() && !v.is_bool()) fail(std::string("slice ") + what + " must be an integer or None");
        return v.as_int();
    };
    const int64_t step = bound(step_v, "step").value_or(1);
    if (step == 0) fail("slice step cannot be zero");
    const std::u32string chars = obj.is_string() ? py::decode(obj.as_string()) : std::u32string();
    const int64_t n = obj.is_string() ? int64_t(chars.size()) : int64_t(obj.as_list().size());
    auto clamp = [&](std::optional<int64_t> v, int64_t dflt) {
        if (!v) return dflt;
        int64_t i = *v;
        if (i < 0) i += n;
        if (step > 0) return std::clamp<int64_t>(i, 0, n);
        return std::clamp<int64_t>(i, -1, n - 1);
    };
    const int64_t b = clamp(bound(start, "start"), step > 0 ? 0 : n - 1);
    const int64_t e = clamp(bound(stop, "stop"), step > 0 ? n : -1);
    std::vector<int64_t> idx;
    for (int64_t i = b; step > 0 ? i < e : i > e;) {
        idx.push_back(i);
        if (step > 0 ? e - i <= step : i - e <= -step) break;  // the next index would pass the end (no overflow)
        i += step;
    }
    if (obj.is_string()) {
        std::u32string r;
        for (int64_t i : idx) r += chars[size_t(i)];
        return Value::string(py::encode(r));
    }
    List r;
    for (int64_t i : idx) r.push_back(obj.as_list()[size_t(i)]);
    return obj.kind() == Value::Kind::Tuple ? Value::tuple(std::move(r)) : Value::list(std::move(r));
}

}  // namespace awq::jinja
