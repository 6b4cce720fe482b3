// SPDX-License-Identifier: MIT
// Statement execution: output, if, for (loop variable, filter, else, break/continue), set, macros, call
// and filter blocks (see ast.hpp).
#include "jinja/ast.hpp"
#include "jinja/context.hpp"

namespace awq::jinja {

namespace {

void bind_targets(Context& ctx, const std::vector<std::string>& targets, const Value& v) {
    if (targets.size() == 1) {
        ctx.assign(targets[0], v);
        return;
    }
    const List items = iterate(v);
    if (items.size() != targets.size())
        fail(std::string(items.size() > targets.size() ? "too many" : "not enough") + " values to unpack (expected " +
             std::to_string(targets.size()) + ", got " + std::to_string(items.size()) + ")");
    for (size_t i = 0; i < targets.size(); ++i) ctx.assign(targets[i], items[i]);
}

Value loop_object(const List& items, size_t i) {
    const int64_t n = int64_t(items.size());
    const int64_t k = int64_t(i);
    Dict d;
    d.set("index0", Value::integer(k));
    d.set("index", Value::integer(k + 1));
    d.set("revindex0", Value::integer(n - k - 1));
    d.set("revindex", Value::integer(n - k));
    d.set("first", Value::boolean(k == 0));
    d.set("last", Value::boolean(k == n - 1));
    d.set("length", Value::integer(n));
    d.set("depth", Value::integer(1));
    d.set("depth0", Value::integer(0));
    d.set("previtem", k > 0 ? items[i - 1] : Value::undefined("there is no previous item"));
    d.set("nextitem", k + 1 < n ? items[i + 1] : Value::undefined("there is no next item"));
    d.set("cycle", Value::function("loop.cycle", [k](CallArgs& a) -> Value {
              if (a.positional.empty()) fail("no items for cycling given");
              return a.positional[size_t(k) % a.positional.size()];
          }));
    return Value::dict(std::move(d));
}

Value apply_filters(Context& ctx, const std::vector<std::unique_ptr<FilterExpr>>& filters, Value v) {
    for (const auto& f : filters) v = f->apply(ctx, std::move(v));
    return v;
}

}  // namespace

Flow Stmt::execute(Context& ctx) const {
    return at_line(ctx, line, [&] { return exec(ctx); });
}

Flow execute_body(const Body& body, Context& ctx) {
    for (const auto& s : body) {
        const Flow f = s->execute(ctx);
        if (f != Flow::Normal) return f;
    }
    return Flow::Normal;
}

Flow TextStmt::exec(Context& ctx) const {
    ctx.write(text);
    return Flow::Normal;
}

Flow OutputStmt::exec(Context& ctx) const {
    ctx.write(expr->evaluate(ctx).str());
    return Flow::Normal;
}

Flow IfStmt::exec(Context& ctx) const {
    for (const auto& [cond, body] : branches)
        if (cond->evaluate(ctx).truthy()) return execute_body(body, ctx);
    return execute_body(otherwise, ctx);
}

Flow ForStmt::exec(Context& ctx) const {
    const Value seq = iterable->evaluate(ctx);
    List items = iterate(seq);
    const std::shared_ptr<Scope> outer = ctx.scope;
    if (filter) {
        List kept;
        for (const Value& item : items) {
            Context::ScopeGuard guard(ctx, outer);
            bind_targets(ctx, targets, item);
            if (filter->evaluate(ctx).truthy()) kept.push_back(item);
        }
        items = std::move(kept);
    }
    for (size_t i = 0; i < items.size(); ++i) {
        ctx.step();  // an empty body still counts
        Context::ScopeGuard guard(ctx, outer);
        ctx.assign("loop", loop_object(items, i));
        bind_targets(ctx, targets, items[i]);
        if (execute_body(body, ctx) == Flow::Break) break;
    }
    if (items.empty()) return execute_body(otherwise, ctx);
    return Flow::Normal;
}

Flow SetStmt::exec(Context& ctx) const {
    Value v = value->evaluate(ctx);
    if (attribute.empty()) {
        bind_targets(ctx, targets, v);
        return Flow::Normal;
    }
    const Value ns = ctx.lookup(targets[0]);
    if (!ns.is_namespace()) fail("cannot assign attribute on non-namespace object ('" + targets[0] + "')");
    if (attribute[0] == '_')
        fail("Chat templates cannot store underscore-prefixed attributes on a namespace, but got '" + attribute + "'");
    ns.as_dict().set(attribute, std::move(v));
    ctx.remember_namespace(ns);
    return Flow::Normal;
}

Flow SetBlockStmt::exec(Context& ctx) const {
    std::string buffer;
    {
        Context::Capture capture(ctx, buffer);
        execute_body(body, ctx);
    }
    ctx.assign(target, apply_filters(ctx, filters, Value::string(std::move(buffer))));
    return Flow::Normal;
}

Flow MacroStmt::exec(Context& ctx) const {
    std::weak_ptr<Scope> defined_in = ctx.scope;
    Context* c = &ctx;
    const MacroStmt* self = this;
    ctx.assign(name, Value::function(name, [self, c, defined_in](CallArgs& a) -> Value {
                   Context& ctx = *c;
                   std::shared_ptr<Scope> parent = defined_in.lock();
                   Context::ScopeGuard guard(ctx, parent ? parent : ctx.scope);
                   List varargs;
                   for (size_t i = 0; i < a.positional.size(); ++i) {
                       if (i < self->params.size()) ctx.assign(self->params[i], a.positional[i]);
                       else varargs.push_back(a.positional[i]);
                   }
                   Dict kwargs;
                   for (const auto& [k, v] : a.keyword) {
                       bool is_param = false;
                       for (size_t i = 0; i < self->params.size(); ++i)
                           if (self->params[i] == k) {
                               if (i < a.positional.size())
                                   fail("macro '" + self->name + "' got multiple values for argument '" + k + "'");
                               is_param = true;
                           }
                       if (is_param || k == "caller") ctx.assign(k, v);
                       else kwargs.set(k, v);
                   }
                   for (size_t i = a.positional.size(); i < self->params.size(); ++i) {
                       bool given = false;
                       for (const auto& kv : a.keyword) given = given || kv.first == self->params[i];
                       if (given) continue;
                       ctx.assign(self->params[i], self->defaults[i] ? self->defaults[i]->evaluate(ctx)
                                                                     : Value::undefined("parameter '" + self->params[i] +
                                                                                        "' was not provided"));
                   }
                   ctx.assign("varargs", Value::tuple(std::move(varargs)));
                   ctx.assign("kwargs", Value::dict(std::move(kwargs)));
                   std::string buffer;
                   {
                       Context::Capture capture(ctx, buffer);
                       execute_body(self->body, ctx);
                   }
                   return Value::string(std::move(buffer));
               }));
    return Flow::Normal;
}

Flow CallBlockStmt::exec(Context& ctx) const {
    Context* c = &ctx;
    const Body* b = &body;
    std::shared_ptr<Scope> here = ctx.scope;
    Value caller = Value::function("caller", [c, b, here](CallArgs&) -> Value {
        Context& ctx = *c;
        Context::ScopeGuard guard(ctx, here);
        std::string buffer;
        {
            Context::Capture capture(ctx, buffer);
            execute_body(*b, ctx);
        }
        return Value::string(std::move(buffer));
    });
    const Value f = call->callee->evaluate(ctx);
    CallArgs a = call->args.evaluate(ctx);
    a.keyword.emplace_back("caller", caller);
    ctx.write(call_value(ctx, f, a).str());
    return Flow::Normal;
}

Flow FilterBlockStmt::exec(Context& ctx) const {
    std::string buffer;
    {
        Context::Capture capture(ctx, buffer);
        execute_body(body, ctx);
    }
    ctx.write(apply_filters(ctx, filters, Value::string(std::move(buffer))).str());
    return Flow::Normal;
}

}  // namespace awq::jinja
