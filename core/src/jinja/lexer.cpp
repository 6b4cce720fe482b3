// SPDX-License-Identifier: MIT
// The lexer (see lexer.hpp). Throws SyntaxError with the line of the problem.
#include "jinja/lexer.hpp"

#include "jinja/pystr.hpp"

#include <awq/jinja/template.hpp>

#include <cctype>
#include <cstring>

namespace awq::jinja {

namespace {

std::string normalize_newlines(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\r') {
            out += '\n';
            if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
        } else {
            out += s[i];
        }
    }
    if (!out.empty() && out.back() == '\n') out.pop_back();  // keep_trailing_newline=False
    return out;
}

bool all_space(const std::string& s) {
    if (s.empty()) return false;
    for (char32_t c : py::decode(s))
        if (!py::is_space(c)) return false;
    return true;
}

// Python's unicode-escape decoding of a string literal's body (unknown escapes stay as written).
std::string unescape(const std::string& body, int line) {
    std::string out;
    for (size_t i = 0; i < body.size(); ++i) {
        if (body[i] != '\\' || i + 1 >= body.size()) { out += body[i]; continue; }
        const char c = body[++i];
        auto hex = [&](int n) {
            char32_t v = 0;
            for (int k = 1; k <= n; ++k) {
                if (i + size_t(k) >= body.size() || !std::isxdigit(static_cast<unsigned char>(body[i + k])))
                    throw SyntaxError("truncated \\x/\\u escape in a string literal", line);
                v = v * 16 + char32_t(std::stoi(std::string(1, body[i + k]), nullptr, 16));
            }
            i += size_t(n);
            if (v > 0x10FFFF) throw SyntaxError("\\U escape out of range in a string literal", line);
            out += py::encode(v);
        };
        switch (c) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case '\\': out += '\\'; break;
        case '\'': out += '\''; break;
        case '"': out += '"'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'v': out += '\v'; break;
        case '\n': break;
        case 'x': hex(2); break;
        case 'u': hex(4); break;
        case 'U': hex(8); break;
        default:
            if (c >= '0' && c <= '7') {
                int v = c - '0';
                for (int k = 0; k < 2 && i + 1 < body.size() && body[i + 1] >= '0' && body[i + 1] <= '7'; ++k)
                    v = v * 8 + (body[++i] - '0');
                out += py::encode(char32_t(v));
            } else {
                out += '\\';
                out += c;
            }
        }
    }
    return out;
}

class Lexer {
public:
    explicit Lexer(const std::string& source) : src_(normalize_newlines(source)) {}

    std::vector<Token> run() {
        bool line_starting = true;
        while (pos_ < src_.size()) {
            size_t start = find_tag(pos_);
            if (start == std::string::npos) {
                emit_text(src_.substr(pos_));
                pos_ = src_.size();
                break;
            }
            std::string text = src_.substr(pos_, start - pos_);
            const char kind = src_[start + 1];
            const char sign = start + 2 < src_.size() ? src_[start + 2] : 0;
            if (sign == '-') {
                text = py::strip(text, nullptr, false, true);
            } else if (sign != '+' && kind != '{') {  // lstrip_blocks: not for {{ }}
                const size_t l_pos = text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1;
                if ((l_pos > 0 || line_starting) && all_space(text.substr(l_pos))) text.resize(l_pos);
            }
            emit_text(text);
            count_lines(pos_, start);
            pos_ = start + 2 + ((sign == '-' || sign == '+') ? 1 : 0);
            if (kind == '#') line_starting = comment();
            else if (kind == '%' && raw_block(line_starting)) continue;
            else line_starting = tag(kind == '{');
        }
        tokens_.push_back({Token::Type::End, "", line_});
        return std::move(tokens_);
    }

private:
    size_t find_tag(size_t from) const {
        for (size_t i = src_.find('{', from); i != std::string::npos && i + 1 < src_.size(); i = src_.find('{', i + 1))
            if (src_[i + 1] == '{' || src_[i + 1] == '%' || src_[i + 1] == '#') return i;
        return std::string::npos;
    }

    void count_lines(size_t from, size_t to) {
        for (size_t i = from; i < to && i < src_.size(); ++i) line_ += src_[i] == '\n';
    }

    void emit_text(const std::string& text) {
        if (!text.empty()) tokens_.push_back({Token::Type::Text, text, line_});
    }

    // After the closing marker: trim_blocks eats one newline, "-" all whitespace. Returns line_starting.
    bool close(size_t after_marker, bool minus, bool plus, bool block) {
        size_t p = after_marker;
        if (minus) {
            while (p < src_.size()) {
                size_t q = p;
                const std::u32string one = py::decode(src_.substr(q, 4));
                if (one.empty() || !py::is_space(one[0])) break;
                p += py::encode(one[0]).size();
            }
        } else if (block && !plus && p < src_.size() && src_[p] == '\n') {
            ++p;
        }
        count_lines(pos_, p);
        const bool ends_line = p > pos_ && src_[p - 1] == '\n';
        pos_ = p;
        return ends_line;
    }

    size_t skip_spaces(size_t p) const {
        while (p < src_.size() && std::isspace(static_cast<unsigned char>(src_[p]))) ++p;
        return p;
    }

    // {% raw %}...{% endraw %}: the text between is output as written. Returns false when the tag is not raw.
    bool raw_block(bool& line_starting) {
        size_t p = skip_spaces(pos_);
        if (src_.compare(p, 3, "raw") != 0 || (p + 3 < src_.size() && (std::isalnum(static_cast<unsigned char>(src_[p + 3])) || src_[p + 3] == '_')))
            return false;
        p = skip_spaces(p + 3);
        const bool minus = p < src_.size() && src_[p] == '-';
        if (p < src_.size() && (src_[p] == '-' || src_[p] == '+')) ++p;
        if (src_.compare(p, 2, "%}") != 0) return false;
        const int start_line = line_;
        size_t begin = p + 2;
        if (minus) begin = skip_spaces(begin);
        for (size_t k = src_.find("{%", begin); k != std::string::npos; k = src_.find("{%", k + 2)) {
            size_t r = k + 2;
            const char open_sign = r < src_.size() ? src_[r] : 0;
            if (open_sign == '-' || open_sign == '+') ++r;
            r = skip_spaces(r);
            if (src_.compare(r, 6, "endraw") != 0) continue;
            r = skip_spaces(r + 6);
            const char close_sign = r < src_.size() ? src_[r] : 0;
            if (close_sign == '-' || close_sign == '+') ++r;
            if (src_.compare(r, 2, "%}") != 0) continue;
            std::string text = src_.substr(begin, k - begin);
            if (open_sign == '-') text = py::strip(text, nullptr, false, true);
            emit_text(text);
            line_starting = close(r + 2, close_sign == '-', close_sign == '+', true);
            return true;
        }
        throw SyntaxError("missing '{% endraw %}' for this raw block", start_line);
    }

    bool comment() {
        const int start_line = line_;
        const size_t end = src_.find("#}", pos_);
        if (end == std::string::npos) throw SyntaxError("missing end of comment tag '#}'", start_line);
        const bool minus = end > pos_ && src_[end - 1] == '-';
        const bool plus = end > pos_ && src_[end - 1] == '+';
        return close(end + 2, minus, plus, true);
    }

    bool tag(bool variable) {
        tokens_.push_back({variable ? Token::Type::VarBegin : Token::Type::BlockBegin, "", line_});
        const int start_line = line_;
        int depth = 0;
        while (true) {
            while (pos_ < src_.size() && std::isspace(static_cast<unsigned char>(src_[pos_]))) {
                line_ += src_[pos_] == '\n';
                ++pos_;
            }
            if (pos_ >= src_.size())
                throw SyntaxError(std::string("unexpected end of template, expected '") + (variable ? "}}" : "%}") + "'",
                                  start_line);
            if (depth == 0) {
                const char* close_marker = variable ? "}}" : "%}";
                for (const char* sign : {"-", "+", ""}) {
                    if (variable && *sign == '+') continue;
                    const std::string m = std::string(sign) + close_marker;
                    if (src_.compare(pos_, m.size(), m) == 0) {
                        tokens_.push_back({variable ? Token::Type::VarEnd : Token::Type::BlockEnd, "", line_});
                        return close(pos_ + m.size(), *sign == '-', *sign == '+', !variable);
                    }
                }
            }
            lex_one(depth);
        }
    }

    void lex_one(int& depth) {
        const char c = src_[pos_];
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            size_t e = pos_;
            while (e < src_.size() && (std::isalnum(static_cast<unsigned char>(src_[e])) || src_[e] == '_')) ++e;
            tokens_.push_back({Token::Type::Name, src_.substr(pos_, e - pos_), line_});
            pos_ = e;
            return;
        }
        if (std::isdigit(static_cast<unsigned char>(c))) return number();
        if (c == '\'' || c == '"') return string_literal(c);
        static const char* ops[] = {"//", "**", "==", "!=", ">=", "<=", "+", "-", "*", "/", "%", "~", "<", ">", "=",
                                    ".", ",", ":", "|", "(", ")", "[", "]", "{", "}"};
        for (const char* op : ops) {
            const size_t n = std::strlen(op);
            if (src_.compare(pos_, n, op) == 0) {
                if (n == 1 && (c == '(' || c == '[' || c == '{')) ++depth;
                if (n == 1 && (c == ')' || c == ']' || c == '}')) {
                    if (depth == 0) throw SyntaxError(std::string("unexpected '") + c + "'", line_);
                    --depth;
                }
                tokens_.push_back({Token::Type::Op, op, line_});
                pos_ += n;
                return;
            }
        }
        throw SyntaxError(std::string("unexpected character '") + c + "'", line_);
    }

    void number() {
        size_t e = pos_;
        auto digits = [&] {
            while (e < src_.size() && (std::isdigit(static_cast<unsigned char>(src_[e])) || src_[e] == '_')) ++e;
        };
        digits();
        bool is_float = false;
        if (e + 1 < src_.size() && src_[e] == '.' && std::isdigit(static_cast<unsigned char>(src_[e + 1]))) {
            is_float = true;
            ++e;
            digits();
        }
        if (e < src_.size() && (src_[e] == 'e' || src_[e] == 'E')) {
            size_t f = e + 1;
            if (f < src_.size() && (src_[f] == '+' || src_[f] == '-')) ++f;
            if (f < src_.size() && std::isdigit(static_cast<unsigned char>(src_[f]))) {
                is_float = true;
                e = f;
                digits();
            }
        }
        std::string text;
        for (size_t i = pos_; i < e; ++i)
            if (src_[i] != '_') text += src_[i];
        tokens_.push_back({is_float ? Token::Type::Float : Token::Type::Int, text, line_});
        pos_ = e;
    }

    void string_literal(char quote) {
        const int start_line = line_;
        size_t e = pos_ + 1;
        while (e < src_.size() && src_[e] != quote) {
            if (src_[e] == '\\') ++e;
            ++e;
        }
        if (e >= src_.size()) throw SyntaxError("unterminated string literal", start_line);
        const std::string body = src_.substr(pos_ + 1, e - pos_ - 1);
        count_lines(pos_, e);
        tokens_.push_back({Token::Type::String, unescape(body, start_line), start_line});
        pos_ = e + 1;
    }

    std::string src_;
    size_t pos_ = 0;
    int line_ = 1;
    std::vector<Token> tokens_;
};

}  // namespace

std::vector<Token> tokenize(const std::string& source) { return Lexer(source).run(); }

}  // namespace awq::jinja
