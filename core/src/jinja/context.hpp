// SPDX-License-Identifier: MIT
#pragma once
// Rendering state (variable scopes, output buffer, limits) and the value operations the evaluator shares
// with the filters, tests and methods.
#include <awq/jinja/template.hpp>
#include <awq/jinja/value.hpp>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace awq::jinja {

struct Scope {
    std::unordered_map<std::string, Value> vars;
    std::shared_ptr<Scope> parent;
};

class Context {
public:
    Context(const Value& variables, const RenderOptions& options);
    ~Context();  // empties the namespaces that were assigned to (a namespace can hold itself: a cycle)
    void remember_namespace(const Value& ns) { assigned_namespaces_.push_back(ns); }

    Value lookup(const std::string& name) const;  // scopes, then the render variables, then the globals
    void assign(const std::string& name, Value v) { scope->vars[name] = std::move(v); }
    void write(const std::string& s);
    void step();  // one unit of work; throws RenderError past RenderOptions::max_steps

    // Enters a nested scope (loop body, macro call) for the guard's lifetime; counts depth.
    class ScopeGuard {
    public:
        ScopeGuard(Context& ctx, std::shared_ptr<Scope> parent);
        ~ScopeGuard();

    private:
        Context& ctx_;
        std::shared_ptr<Scope> saved_;
    };
    // Sends output to `buffer` for the guard's lifetime (macro bodies, block set, filter blocks).
    class Capture {
    public:
        Capture(Context& ctx, std::string& buffer) : ctx_(ctx), saved_(ctx.out) { ctx.out = &buffer; }
        ~Capture() { ctx_.out = saved_; }

    private:
        Context& ctx_;
        std::string* saved_;
    };

    const RenderOptions& options;
    std::shared_ptr<Scope> scope;
    std::string* out = nullptr;
    size_t output_total = 0;

private:
    Value variables_;
    Dict globals_;
    std::vector<Value> assigned_namespaces_;
    size_t steps_ = 0;
    int depth_ = 0;
};

// A RenderError without a line yet (the node that catches it fills in its line).
[[noreturn]] void fail(const std::string& message);

std::string type_desc(const Value& v);                          // "'dict object'" as jinja2 words it
Value get_attr(const Value& obj, const std::string& name);      // obj.name: attribute, then item
Value get_item(const Value& obj, const Value& key);             // obj[key]: item, then attribute
Value call_value(Context& ctx, const Value& callee, CallArgs& args);
List iterate(const Value& v);                                   // for-loop items (dict -> keys, str -> chars)
bool contains(const Value& container, const Value& item);       // `item in container`
int compare(const Value& a, const Value& b, const char* op);    // <0, 0, >0; TypeError when unordered
int64_t length(const Value& v);                                 // len()
Value slice(const Value& obj, const Value& start, const Value& stop, const Value& step);

Value method(const Value& obj, const std::string& name);        // bound str/list/dict method, or Undefined
Value apply_filter(Context& ctx, const std::string& name, const Value& input, CallArgs& args);
bool apply_test(Context& ctx, const std::string& name, const Value& v, CallArgs& args);
// json.dumps(v, ensure_ascii, indent, separators, sort_keys) as transformers' tojson filter calls it.
std::string to_json(const Value& v, const Value& indent, const Value& separators, bool sort_keys, bool ensure_ascii);
bool filter_exists(const std::string& name);

// Runs one node's work (step counted), giving an error that has no template line yet this node's line.
template <class Work>
auto at_line(Context& ctx, int line, Work&& work) {
    ctx.step();
    try {
        return work();
    } catch (const RaisedError& e) {
        if (e.line()) throw;
        throw RaisedError(e.message(), line);
    } catch (const RenderError& e) {
        if (e.line()) throw;
        throw RenderError(e.message(), line);
    }
}

}  // namespace awq::jinja
