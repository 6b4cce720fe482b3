// SPDX-License-Identifier: MIT
// Recursive-descent parser following jinja2's parser.py structure (see parser.hpp).
#include "jinja/parser.hpp"

#include "jinja/lexer.hpp"

#include <awq/jinja/template.hpp>

#include <initializer_list>

namespace awq::jinja {

namespace {

using T = Token::Type;

template <class N>
std::unique_ptr<N> node(int line) {
    auto n = std::make_unique<N>();
    n->line = line;
    return n;
}

class Parser {
public:
    explicit Parser(std::vector<Token> tokens) : t_(std::move(tokens)) {}

    Program program() {
        Program p;
        p.body = body({});
        if (cur().type != T::End) fail("unexpected tag '" + peek_tag_name() + "'");
        return p;
    }

private:
    const Token& cur() const { return t_[i_]; }
    const Token& ahead(size_t n = 1) const { return t_[std::min(i_ + n, t_.size() - 1)]; }
    [[noreturn]] void fail(const std::string& msg) const { throw SyntaxError(msg, cur().line); }
    bool is_op(const char* op) const { return cur().type == T::Op && cur().value == op; }
    bool is_name(const char* n) const { return cur().type == T::Name && cur().value == n; }
    bool accept_op(const char* op) {
        if (!is_op(op)) return false;
        ++i_;
        return true;
    }
    bool accept_name(const char* n) {
        if (!is_name(n)) return false;
        ++i_;
        return true;
    }
    void expect_op(const char* op, const char* what) {
        if (!accept_op(op)) fail(std::string("expected '") + op + "' " + what + ", got " + describe(cur()));
    }
    std::string expect_name(const char* what) {
        if (cur().type != T::Name) fail(std::string("expected a name ") + what + ", got " + describe(cur()));
        return t_[i_++].value;
    }
    void expect_block_end(const char* tag) {
        if (cur().type != T::BlockEnd)
            fail(std::string("expected the end of the '") + tag + "' tag, got " + describe(cur()));
        ++i_;
    }
    static std::string describe(const Token& t) {
        switch (t.type) {
        case T::BlockEnd: return "'%}'";
        case T::VarEnd: return "'}}'";
        case T::End: return "the end of the template";
        case T::String: return "a string";
        default: return "'" + t.value + "'";
        }
    }
    std::string peek_tag_name() const {
        return cur().type == T::BlockBegin && ahead().type == T::Name ? ahead().value : describe(cur());
    }

    // Statements until a block tag whose name is in `ends` (left unconsumed).
    Body body(std::initializer_list<const char*> ends) {
        Body out;
        while (cur().type != T::End) {
            const Token& tok = cur();
            if (tok.type == T::Text) {
                auto s = node<TextStmt>(tok.line);
                s->text = tok.value;
                out.push_back(std::move(s));
                ++i_;
            } else if (tok.type == T::VarBegin) {
                ++i_;
                auto s = node<OutputStmt>(tok.line);
                s->expr = tuple_expr(true);
                if (cur().type != T::VarEnd) fail("expected '}}' after the expression, got " + describe(cur()));
                ++i_;
                out.push_back(std::move(s));
            } else if (tok.type == T::BlockBegin) {
                if (ahead().type != T::Name) { ++i_; fail("expected a tag name after '{%'"); }
                for (const char* e : ends)
                    if (ahead().value == e) return out;
                ++i_;
                out.push_back(statement());
            } else {
                fail("unexpected " + describe(tok));
            }
        }
        if (ends.size() != 0) {
            std::string want;
            for (const char* e : ends) want += std::string(want.empty() ? "" : " or ") + "'" + e + "'";
            fail("unexpected end of template, expected " + want);
        }
        return out;
    }

    // At BlockBegin name in `ends`: consumes "{% name" and returns the name.
    std::string end_tag() {
        ++i_;
        return t_[i_++].value;
    }

    StmtPtr statement() {
        Nest nest(*this);
        const Token& name = cur();
        const std::string kw = name.value;
        const int line = name.line;
        ++i_;
        if (kw == "if") return if_stmt(line);
        if (kw == "for") return for_stmt(line);
        if (kw == "set") return set_stmt(line);
        if (kw == "macro") return macro_stmt(line);
        if (kw == "call") return call_stmt(line);
        if (kw == "filter") return filter_stmt(line);
        if (kw == "break" || kw == "continue") {
            auto s = node<LoopControlStmt>(line);
            s->is_break = kw == "break";
            expect_block_end(kw == "break" ? "break" : "continue");
            return s;
        }
        if (kw == "generation") {
            auto s = node<BodyStmt>(line);
            expect_block_end("generation");
            s->body = body({"endgeneration"});
            end_tag();
            expect_block_end("endgeneration");
            return s;
        }
        i_--;
        fail("unknown or unsupported tag '" + kw + "'");
    }

    StmtPtr if_stmt(int line) {
        auto s = node<IfStmt>(line);
        ExprPtr cond = tuple_expr(false);
        expect_block_end("if");
        while (true) {
            Body b = body({"elif", "else", "endif"});
            s->branches.emplace_back(std::move(cond), std::move(b));
            const std::string tag = end_tag();
            if (tag == "elif") {
                cond = tuple_expr(false);
                expect_block_end("elif");
                continue;
            }
            if (tag == "else") {
                expect_block_end("else");
                s->otherwise = body({"endif"});
                end_tag();
            }
            expect_block_end("endif");
            return s;
        }
    }

    std::vector<std::string> assign_targets(const char* tag) {
        std::vector<std::string> names;
        const bool paren = accept_op("(");
        do {
            names.push_back(expect_name(tag));
        } while (accept_op(","));
        if (paren) expect_op(")", "after the loop targets");
        return names;
    }

    StmtPtr for_stmt(int line) {
        auto s = node<ForStmt>(line);
        s->targets = assign_targets("as the loop variable");
        if (!accept_name("in")) fail("expected 'in' in the 'for' tag, got " + describe(cur()));
        s->iterable = tuple_expr(false, true);
        if (accept_name("if")) s->filter = expression(true);
        if (is_name("recursive")) fail("recursive loops are not supported");
        expect_block_end("for");
        s->body = body({"endfor", "else"});
        if (end_tag() == "else") {
            expect_block_end("else");
            s->otherwise = body({"endfor"});
            end_tag();
        }
        expect_block_end("endfor");
        return s;
    }

    StmtPtr set_stmt(int line) {
        const std::string first = expect_name("after 'set'");
        if (accept_op(".")) {
            auto s = node<SetStmt>(line);
            s->targets = {first};
            s->attribute = expect_name("after '.' in 'set'");
            expect_op("=", "in the 'set' tag");
            s->value = tuple_expr(true);
            expect_block_end("set");
            return s;
        }
        std::vector<std::string> names = {first};
        while (accept_op(",")) names.push_back(expect_name("in 'set'"));
        if (accept_op("=")) {
            auto s = node<SetStmt>(line);
            s->targets = std::move(names);
            s->value = tuple_expr(true);
            expect_block_end("set");
            return s;
        }
        if (names.size() != 1) fail("a block 'set' assigns one name");
        auto s = node<SetBlockStmt>(line);
        s->target = first;
        while (accept_op("|")) s->filters.push_back(filter_call(nullptr));
        expect_block_end("set");
        s->body = body({"endset"});
        end_tag();
        expect_block_end("endset");
        return s;
    }

    StmtPtr macro_stmt(int line) {
        auto s = node<MacroStmt>(line);
        s->name = expect_name("after 'macro'");
        expect_op("(", "after the macro name");
        while (!accept_op(")")) {
            if (!s->params.empty()) expect_op(",", "between macro parameters");
            if (accept_op(")")) break;
            s->params.push_back(expect_name("as a macro parameter"));
            s->defaults.push_back(accept_op("=") ? expression(true) : nullptr);
        }
        expect_block_end("macro");
        s->body = body({"endmacro"});
        end_tag();
        if (cur().type == T::Name) ++i_;  // {% endmacro name %}
        expect_block_end("endmacro");
        return s;
    }

    StmtPtr call_stmt(int line) {
        auto s = node<CallBlockStmt>(line);
        ExprPtr e = expression(true);
        auto* call = dynamic_cast<CallExpr*>(e.get());
        if (!call) fail("expected a macro call in the 'call' tag");
        e.release();
        s->call.reset(call);
        expect_block_end("call");
        s->body = body({"endcall"});
        end_tag();
        expect_block_end("endcall");
        return s;
    }

    StmtPtr filter_stmt(int line) {
        auto s = node<FilterBlockStmt>(line);
        do {
            s->filters.push_back(filter_call(nullptr));
        } while (accept_op("|"));
        expect_block_end("filter");
        s->body = body({"endfilter"});
        end_tag();
        expect_block_end("endfilter");
        return s;
    }

    // ---- expressions ----

    // a, b, c -> a tuple; a single expression stays itself.
    ExprPtr tuple_expr(bool with_condexpr, bool for_iterable = false) {
        const int line = cur().line;
        std::vector<ExprPtr> items;
        bool comma = false;
        while (true) {
            if (!items.empty()) {
                if (!accept_op(",")) break;
                comma = true;
            }
            if (cur().type == T::VarEnd || cur().type == T::BlockEnd || is_op(")") || is_op("]") ||
                (for_iterable && (is_name("if") || is_name("recursive"))))
                break;
            items.push_back(expression(with_condexpr));
        }
        if (items.empty()) fail("expected an expression, got " + describe(cur()));
        if (items.size() == 1 && !comma) return std::move(items[0]);
        auto l = node<ListExpr>(line);
        l->tuple = true;
        l->items = std::move(items);
        return l;
    }

    ExprPtr expression(bool with_condexpr) {
        Nest nest(*this);
        return with_condexpr ? cond_expr() : or_expr();
    }

    ExprPtr cond_expr() {
        ExprPtr e = or_expr();
        while (is_name("if")) {
            auto c = node<CondExpr>(cur().line);
            ++i_;
            c->cond = or_expr();
            if (accept_name("else")) c->otherwise = cond_expr();
            c->then = std::move(e);
            e = std::move(c);
        }
        return e;
    }

    ExprPtr binary(std::string op, ExprPtr l, ExprPtr r, int line) {
        auto b = node<BinaryExpr>(line);
        b->op = std::move(op);
        b->left = std::move(l);
        b->right = std::move(r);
        return b;
    }

    ExprPtr or_expr() {
        ExprPtr e = and_expr();
        while (is_name("or")) {
            const int line = t_[i_++].line;
            e = binary("or", std::move(e), and_expr(), line);
        }
        return e;
    }

    ExprPtr and_expr() {
        ExprPtr e = not_expr();
        while (is_name("and")) {
            const int line = t_[i_++].line;
            e = binary("and", std::move(e), not_expr(), line);
        }
        return e;
    }

    ExprPtr not_expr() {
        Nest nest(*this);
        if (is_name("not")) {
            auto u = node<UnaryExpr>(t_[i_++].line);
            u->op = "not";
            u->operand = not_expr();
            return u;
        }
        return compare_expr();
    }

    ExprPtr compare_expr() {
        const int line = cur().line;
        ExprPtr first = math1();
        std::vector<std::pair<std::string, ExprPtr>> rest;
        while (true) {
            std::string op;
            if (cur().type == T::Op && (cur().value == "==" || cur().value == "!=" || cur().value == "<" ||
                                        cur().value == ">" || cur().value == "<=" || cur().value == ">=")) {
                op = t_[i_++].value;
            } else if (is_name("in")) {
                ++i_;
                op = "in";
            } else if (is_name("not") && ahead().type == T::Name && ahead().value == "in") {
                i_ += 2;
                op = "not in";
            } else {
                break;
            }
            rest.emplace_back(op, math1());
        }
        if (rest.empty()) return first;
        auto c = node<CompareExpr>(line);
        c->first = std::move(first);
        c->rest = std::move(rest);
        return c;
    }

    ExprPtr math1() {
        ExprPtr e = concat();
        while (is_op("+") || is_op("-")) {
            const Token& op = t_[i_++];
            e = binary(op.value == "+" ? "+" : "-", std::move(e), concat(), op.line);
        }
        return e;
    }

    ExprPtr concat() {
        ExprPtr e = math2();
        while (is_op("~")) {
            const int line = t_[i_++].line;
            e = binary("~", std::move(e), math2(), line);
        }
        return e;
    }

    ExprPtr math2() {
        ExprPtr e = power();
        while (is_op("*") || is_op("/") || is_op("//") || is_op("%")) {
            const Token& op = t_[i_++];
            static const char* names[] = {"*", "/", "//", "%"};
            const char* name = names[0];
            for (const char* n : names)
                if (op.value == n) name = n;
            e = binary(name, std::move(e), power(), op.line);
        }
        return e;
    }

    ExprPtr power() {
        ExprPtr e = unary(true);
        while (is_op("**")) {
            const int line = t_[i_++].line;
            e = binary("**", std::move(e), unary(true), line);
        }
        return e;
    }

    ExprPtr unary(bool with_filter) {
        Nest nest(*this);
        ExprPtr e;
        if (is_op("-") || is_op("+")) {
            auto u = node<UnaryExpr>(cur().line);
            u->op = t_[i_++].value;
            u->operand = unary(false);
            e = std::move(u);
        } else {
            e = primary();
        }
        e = postfix(std::move(e));
        if (with_filter) e = filter_expr(std::move(e));
        return e;
    }

    ExprPtr primary() {
        const Token& tok = cur();
        if (tok.type == T::Name) {
            ++i_;
            const std::string& n = tok.value;
            auto lit = node<Literal>(tok.line);
            if (n == "true" || n == "True") lit->value = Value::boolean(true);
            else if (n == "false" || n == "False") lit->value = Value::boolean(false);
            else if (n == "none" || n == "None") lit->value = Value::none();
            else {
                auto r = node<NameRef>(tok.line);
                r->name = n;
                return r;
            }
            return lit;
        }
        if (tok.type == T::String) {
            std::string s;
            while (cur().type == T::String) s += t_[i_++].value;
            auto lit = node<Literal>(tok.line);
            lit->value = Value::string(std::move(s));
            return lit;
        }
        if (tok.type == T::Int || tok.type == T::Float) {
            ++i_;
            auto lit = node<Literal>(tok.line);
            try {
                lit->value = tok.type == T::Int ? Value::integer(std::stoll(tok.value)) : Value::number(std::stod(tok.value));
            } catch (const std::exception&) {
                fail("number literal '" + tok.value + "' is out of range");
            }
            return lit;
        }
        if (accept_op("(")) {
            if (accept_op(")")) {
                auto l = node<ListExpr>(tok.line);
                l->tuple = true;
                return l;
            }
            ExprPtr e = tuple_expr(true);
            expect_op(")", "to close '('");
            return e;
        }
        if (accept_op("[")) {
            auto l = node<ListExpr>(tok.line);
            while (!accept_op("]")) {
                if (!l->items.empty()) {
                    expect_op(",", "between list items");
                    if (accept_op("]")) break;
                }
                l->items.push_back(expression(true));
            }
            return l;
        }
        if (accept_op("{")) {
            auto d = node<DictExpr>(tok.line);
            while (!accept_op("}")) {
                if (!d->items.empty()) {
                    expect_op(",", "between dict items");
                    if (accept_op("}")) break;
                }
                ExprPtr k = expression(true);
                expect_op(":", "after a dict key");
                d->items.emplace_back(std::move(k), expression(true));
            }
            return d;
        }
        fail("unexpected " + describe(tok) + " in an expression");
    }

    ExprPtr postfix(ExprPtr e) {
        while (true) {
            if (is_op(".")) {
                const int line = t_[i_++].line;
                if (cur().type == T::Int) {
                    auto g = node<GetItem>(line);
                    auto lit = node<Literal>(line);
                    try {
                        lit->value = Value::integer(std::stoll(cur().value));
                    } catch (const std::exception&) {
                        fail("index '" + cur().value + "' is out of range");
                    }
                    ++i_;
                    g->object = std::move(e);
                    g->index = std::move(lit);
                    e = std::move(g);
                } else {
                    auto g = node<GetAttr>(line);
                    g->object = std::move(e);
                    g->name = expect_name("after '.'");
                    e = std::move(g);
                }
            } else if (is_op("[")) {
                e = subscript(std::move(e));
            } else if (is_op("(")) {
                e = call(std::move(e));
            } else {
                return e;
            }
        }
    }

    ExprPtr subscript(ExprPtr obj) {
        const int line = t_[i_++].line;  // '['
        auto part = [&]() -> ExprPtr {
            if (is_op(":") || is_op("]")) return nullptr;
            return expression(true);
        };
        ExprPtr start = part();
        if (accept_op(":")) {
            auto s = node<SliceExpr>(line);
            s->object = std::move(obj);
            s->start = std::move(start);
            s->stop = part();
            if (accept_op(":")) s->step = part();
            expect_op("]", "to close the slice");
            return s;
        }
        if (!start) fail("expected an index inside '[]'");
        if (is_op(",")) {  // x[a, b] indexes with a tuple
            auto l = node<ListExpr>(line);
            l->tuple = true;
            l->items.push_back(std::move(start));
            while (accept_op(",") && !is_op("]")) l->items.push_back(expression(true));
            start = std::move(l);
        }
        expect_op("]", "to close '['");
        auto g = node<GetItem>(line);
        g->object = std::move(obj);
        g->index = std::move(start);
        return g;
    }

    Arguments call_args() {  // after '('
        Arguments a;
        while (!accept_op(")")) {
            if (!a.positional.empty() || !a.keyword.empty()) {
                expect_op(",", "between call arguments");
                if (accept_op(")")) break;
            }
            if (is_op("*") || is_op("**")) fail("*args / **kwargs in calls are not supported");
            if (cur().type == T::Name && ahead().type == T::Op && ahead().value == "=") {
                std::string k = t_[i_].value;
                i_ += 2;
                a.keyword.emplace_back(std::move(k), expression(true));
            } else {
                if (!a.keyword.empty()) fail("a positional argument follows a keyword argument");
                a.positional.push_back(expression(true));
            }
        }
        return a;
    }

    ExprPtr call(ExprPtr callee) {
        auto c = node<CallExpr>(t_[i_++].line);
        c->callee = std::move(callee);
        c->args = call_args();
        return c;
    }

    std::unique_ptr<FilterExpr> filter_call(ExprPtr input) {
        auto f = node<FilterExpr>(cur().line);
        f->input = std::move(input);
        f->name = expect_name("as a filter name");
        while (accept_op(".")) f->name += "." + expect_name("in a filter name");
        if (accept_op("(")) f->args = call_args();
        return f;
    }

    ExprPtr filter_expr(ExprPtr e) {
        while (true) {
            if (accept_op("|")) {
                e = filter_call(std::move(e));
            } else if (is_name("is")) {
                auto t = node<TestExpr>(t_[i_++].line);
                t->negated = accept_name("not");
                t->name = expect_name("as a test name");
                while (accept_op(".")) t->name += "." + expect_name("in a test name");
                if (accept_op("(")) {
                    t->args = call_args();
                } else if ((cur().type == T::Name || cur().type == T::String || cur().type == T::Int ||
                            cur().type == T::Float || is_op("[") || is_op("{")) &&
                           !is_name("else") && !is_name("or") && !is_name("and")) {
                    if (is_name("is")) fail("you cannot chain multiple tests with 'is'");
                    t->args.positional.push_back(postfix(primary()));
                }
                t->operand = std::move(e);
                e = std::move(t);
            } else if (is_op("(")) {
                e = call(std::move(e));
            } else {
                return e;
            }
        }
    }

    // Nesting (brackets, unary chains, blocks) is bounded, so a hostile template cannot overflow the stack.
    struct Nest {
        explicit Nest(Parser& p) : p_(p) {
            if (++p_.depth_ > kMaxNesting) p_.fail("the template nests deeper than " + std::to_string(kMaxNesting) + " levels");
        }
        ~Nest() { --p_.depth_; }
        Parser& p_;
    };
    static constexpr int kMaxNesting = 200;

    std::vector<Token> t_;
    size_t i_ = 0;
    int depth_ = 0;
};

}  // namespace

Program parse(const std::string& source) { return Parser(tokenize(source)).program(); }

}  // namespace awq::jinja
