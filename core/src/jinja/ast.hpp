// SPDX-License-Identifier: MIT
#pragma once
// The parsed template: expression and statement nodes. Evaluation lives in eval_expr.cpp / exec_stmt.cpp.
#include <awq/jinja/value.hpp>

#include <memory>
#include <string>
#include <vector>

namespace awq::jinja {

class Context;

struct Expr {
    int line = 0;
    virtual ~Expr() = default;
    // Evaluates; errors without a line get this node's line.
    Value evaluate(Context& ctx) const;

protected:
    virtual Value eval(Context& ctx) const = 0;
};
using ExprPtr = std::unique_ptr<Expr>;

struct Arguments {
    std::vector<ExprPtr> positional;
    std::vector<std::pair<std::string, ExprPtr>> keyword;
    CallArgs evaluate(Context& ctx) const;
};

struct Literal : Expr {
    Value value;
    Value eval(Context&) const override { return value; }
};
struct NameRef : Expr {
    std::string name;
    Value eval(Context& ctx) const override;
};
struct ListExpr : Expr {
    std::vector<ExprPtr> items;
    bool tuple = false;
    Value eval(Context& ctx) const override;
};
struct DictExpr : Expr {
    std::vector<std::pair<ExprPtr, ExprPtr>> items;
    Value eval(Context& ctx) const override;
};
struct GetAttr : Expr {  // obj.name
    ExprPtr object;
    std::string name;
    Value eval(Context& ctx) const override;
};
struct GetItem : Expr {  // obj[index]
    ExprPtr object, index;
    Value eval(Context& ctx) const override;
};
struct SliceExpr : Expr {  // obj[start:stop:step]
    ExprPtr object, start, stop, step;
    Value eval(Context& ctx) const override;
};
struct CallExpr : Expr {
    ExprPtr callee;
    Arguments args;
    Value eval(Context& ctx) const override;
};
struct FilterExpr : Expr {  // input | name(args); input is null inside {% filter %}
    ExprPtr input;
    std::string name;
    Arguments args;
    Value eval(Context& ctx) const override;
    Value apply(Context& ctx, Value input_value) const;
};
struct TestExpr : Expr {  // operand is [not] name(args)
    ExprPtr operand;
    std::string name;
    Arguments args;
    bool negated = false;
    Value eval(Context& ctx) const override;
};
struct UnaryExpr : Expr {  // not, -, +
    std::string op;
    ExprPtr operand;
    Value eval(Context& ctx) const override;
};
struct BinaryExpr : Expr {  // and or + - * / // % ** ~
    std::string op;
    ExprPtr left, right;
    Value eval(Context& ctx) const override;
};
struct CompareExpr : Expr {  // a < b <= c (chained), ==, !=, in, not in
    ExprPtr first;
    std::vector<std::pair<std::string, ExprPtr>> rest;
    Value eval(Context& ctx) const override;
};
struct CondExpr : Expr {  // then if cond else otherwise
    ExprPtr then, cond, otherwise;
    Value eval(Context& ctx) const override;
};

enum class Flow { Normal, Break, Continue };

struct Stmt {
    int line = 0;
    virtual ~Stmt() = default;
    Flow execute(Context& ctx) const;

protected:
    virtual Flow exec(Context& ctx) const = 0;
};
using StmtPtr = std::unique_ptr<Stmt>;
using Body = std::vector<StmtPtr>;

Flow execute_body(const Body& body, Context& ctx);

struct TextStmt : Stmt {
    std::string text;
    Flow exec(Context& ctx) const override;
};
struct OutputStmt : Stmt {
    ExprPtr expr;
    Flow exec(Context& ctx) const override;
};
struct IfStmt : Stmt {
    std::vector<std::pair<ExprPtr, Body>> branches;  // if / elif
    Body otherwise;
    Flow exec(Context& ctx) const override;
};
struct ForStmt : Stmt {
    std::vector<std::string> targets;  // one name, or names to unpack
    ExprPtr iterable, filter;
    Body body, otherwise;
    Flow exec(Context& ctx) const override;
};
struct SetStmt : Stmt {  // set a = ..., set a, b = ..., set ns.attr = ...
    std::vector<std::string> targets;
    std::string attribute;  // non-empty: targets[0] is a namespace
    ExprPtr value;
    Flow exec(Context& ctx) const override;
};
struct SetBlockStmt : Stmt {  // set a %}...{% endset
    std::string target;
    std::vector<std::unique_ptr<FilterExpr>> filters;
    Body body;
    Flow exec(Context& ctx) const override;
};
struct MacroStmt : Stmt {
    std::string name;
    std::vector<std::string> params;
    std::vector<ExprPtr> defaults;  // aligned with params; null = required
    Body body;
    Flow exec(Context& ctx) const override;
};
struct CallBlockStmt : Stmt {  // call macro(args) %}body{% endcall: body is the macro's caller()
    std::unique_ptr<CallExpr> call;
    Body body;
    Flow exec(Context& ctx) const override;
};
struct FilterBlockStmt : Stmt {  // filter name %}body{% endfilter
    std::vector<std::unique_ptr<FilterExpr>> filters;
    Body body;
    Flow exec(Context& ctx) const override;
};
struct LoopControlStmt : Stmt {  // break / continue
    bool is_break = true;
    Flow exec(Context&) const override { return is_break ? Flow::Break : Flow::Continue; }
};
struct BodyStmt : Stmt {  // {% generation %}: renders its body
    Body body;
    Flow exec(Context& ctx) const override { return execute_body(body, ctx); }
};

}  // namespace awq::jinja
