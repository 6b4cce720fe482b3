// SPDX-License-Identifier: MIT
// Python str semantics on UTF-8 text (see pystr.hpp).
#include "jinja/pystr.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace awq::jinja::py {

std::u32string decode(const std::string& s) {
    std::u32string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        int n = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : -1;
        if (n < 0) { out.push_back(0xFFFD); ++i; continue; }
        char32_t cp = n == 0 ? c : n == 1 ? (c & 0x1F) : n == 2 ? (c & 0x0F) : (c & 0x07);
        bool ok = true;
        for (int k = 1; k <= n; ++k) {
            if (i + size_t(k) >= s.size() || (static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) { ok = false; break; }
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        }
        if (!ok) { out.push_back(0xFFFD); ++i; continue; }
        out.push_back(cp);
        i += size_t(n) + 1;
    }
    return out;
}

std::string encode(char32_t c) {
    std::string out;
    if (c < 0x80) {
        out += char(c);
    } else if (c < 0x800) {
        out += char(0xC0 | (c >> 6));
        out += char(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += char(0xE0 | (c >> 12));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    } else {
        out += char(0xF0 | (c >> 18));
        out += char(0x80 | ((c >> 12) & 0x3F));
        out += char(0x80 | ((c >> 6) & 0x3F));
        out += char(0x80 | (c & 0x3F));
    }
    return out;
}

std::string encode(const std::u32string& s) {
    std::string out;
    out.reserve(s.size());
    for (char32_t c : s) out += encode(c);
    return out;
}

size_t length(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

bool is_space(char32_t c) {
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

bool is_line_break(char32_t c) {
    return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E || c == 0x85 ||
           c == 0x2028 || c == 0x2029;
}

std::string strip(const std::string& s, const std::string* chars, bool left, bool right) {
    const std::u32string u = decode(s);
    const std::u32string set = chars ? decode(*chars) : std::u32string();
    auto drop = [&](char32_t c) { return chars ? set.find(c) != std::u32string::npos : is_space(c); };
    size_t b = 0, e = u.size();
    if (left) while (b < e && drop(u[b])) ++b;
    if (right) while (e > b && drop(u[e - 1])) --e;
    return encode(u.substr(b, e - b));
}

std::vector<std::string> split(const std::string& s, const std::string* sep, int64_t maxsplit) {
    std::vector<std::string> out;
    if (sep) {
        size_t pos = 0;
        while (maxsplit < 0 || int64_t(out.size()) < maxsplit) {
            const size_t at = s.find(*sep, pos);
            if (at == std::string::npos) break;
            out.push_back(s.substr(pos, at - pos));
            pos = at + sep->size();
        }
        out.push_back(s.substr(pos));
        return out;
    }
    const std::u32string u = decode(s);
    size_t i = 0;
    while (true) {
        while (i < u.size() && is_space(u[i])) ++i;
        if (i >= u.size()) break;
        if (maxsplit >= 0 && int64_t(out.size()) >= maxsplit) {
            size_t e = u.size();
            while (e > i && is_space(u[e - 1])) --e;
            out.push_back(encode(u.substr(i, e - i)));
            break;
        }
        size_t j = i;
        while (j < u.size() && !is_space(u[j])) ++j;
        out.push_back(encode(u.substr(i, j - i)));
        i = j;
    }
    return out;
}

std::vector<std::string> rsplit(const std::string& s, const std::string* sep, int64_t maxsplit) {
    if (maxsplit < 0) return split(s, sep, maxsplit);
    std::vector<std::string> out;
    if (sep) {
        size_t end = s.size();
        while (int64_t(out.size()) < maxsplit) {
            if (end < sep->size()) break;
            const size_t at = s.rfind(*sep, end - sep->size());
            if (at == std::string::npos) break;
            out.insert(out.begin(), s.substr(at + sep->size(), end - at - sep->size()));
            end = at;
        }
        out.insert(out.begin(), s.substr(0, end));
        return out;
    }
    const std::u32string u = decode(s);
    size_t e = u.size();
    while (true) {
        while (e > 0 && is_space(u[e - 1])) --e;
        if (e == 0) break;
        if (int64_t(out.size()) >= maxsplit) {
            size_t b = 0;
            while (b < e && is_space(u[b])) ++b;
            out.insert(out.begin(), encode(u.substr(b, e - b)));
            break;
        }
        size_t j = e;
        while (j > 0 && !is_space(u[j - 1])) --j;
        out.insert(out.begin(), encode(u.substr(j, e - j)));
        e = j;
    }
    return out;
}

std::vector<std::string> splitlines(const std::string& s, bool keepends) {
    const std::u32string u = decode(s);
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t i = 0; i < u.size(); ++i) {
        if (!is_line_break(u[i])) continue;
        size_t end = i + 1;
        if (u[i] == '\r' && i + 1 < u.size() && u[i + 1] == '\n') ++end;
        out.push_back(encode(u.substr(start, (keepends ? end : i) - start)));
        start = end;
        i = end - 1;
    }
    if (start < u.size()) out.push_back(encode(u.substr(start)));
    return out;
}

std::string replace(const std::string& s, const std::string& old, const std::string& with, int64_t count) {
    std::string out;
    if (old.empty()) {  // Python inserts `with` between every code point (and at both ends)
        const std::u32string u = decode(s);
        int64_t n = 0;
        for (char32_t c : u) {
            if (count < 0 || n < count) { out += with; ++n; }
            out += encode(c);
        }
        if (count < 0 || n < count) out += with;
        return out;
    }
    size_t pos = 0;
    int64_t n = 0;
    while (count < 0 || n < count) {
        const size_t at = s.find(old, pos);
        if (at == std::string::npos) break;
        out.append(s, pos, at - pos).append(with);
        pos = at + old.size();
        ++n;
    }
    return out + s.substr(pos);
}

namespace {
bool ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
bool ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
char to_upper(char c) { return ascii_lower(c) ? char(c - 32) : c; }
char to_lower(char c) { return ascii_upper(c) ? char(c + 32) : c; }
}  // namespace

std::string upper(const std::string& s) {
    std::string r = s;
    for (char& c : r) c = to_upper(c);
    return r;
}

std::string lower(const std::string& s) {
    std::string r = s;
    for (char& c : r) c = to_lower(c);
    return r;
}

std::string title(const std::string& s) {
    std::string r = s;
    bool prev_cased = false;
    for (char& c : r) {
        const auto u = static_cast<unsigned char>(c);
        if (ascii_lower(c) || ascii_upper(c)) {
            c = prev_cased ? to_lower(c) : to_upper(c);
            prev_cased = true;
        } else if (u >= 0x80) {
            if (u >= 0xC0) prev_cased = true;  // non-ASCII letters count as cased (no Unicode case tables)
        } else {
            prev_cased = false;
        }
    }
    return r;
}

std::string capitalize(const std::string& s) {
    std::string r = lower(s);
    if (!r.empty()) r[0] = to_upper(r[0]);
    return r;
}

bool is_lower(const std::string& s) {
    bool cased = false;
    for (char c : s) {
        if (ascii_upper(c)) return false;
        if (ascii_lower(c)) cased = true;
    }
    return cased;
}

bool is_upper(const std::string& s) {
    bool cased = false;
    for (char c : s) {
        if (ascii_lower(c)) return false;
        if (ascii_upper(c)) cased = true;
    }
    return cased;
}

namespace {
// Code points repr() escapes although they are not ASCII controls (not str.isprintable()).
bool unprintable(char32_t c) {
    return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0xA0) || c == 0xAD || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) || (c >= 0x205F && c <= 0x206F) ||
           c == 0x3000 || c == 0xFEFF || (c >= 0xD800 && c <= 0xDFFF);
}
}  // namespace

std::string quote(const std::string& s) {
    const char q = (s.find('\'') != std::string::npos && s.find('"') == std::string::npos) ? '"' : '\'';
    std::string out(1, q);
    for (char32_t c : decode(s)) {
        char buf[16];
        if (c == char32_t(q) || c == '\\') { out += '\\'; out += char(c); }
        else if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if (unprintable(c)) {
            std::snprintf(buf, sizeof buf, c < 0x100 ? "\\x%02x" : "\\u%04x", unsigned(c));
            out += buf;
        } else out += encode(c);
    }
    out += q;
    return out;
}

std::string float_repr(double d) {
    if (std::isnan(d)) return "nan";
    if (std::isinf(d)) return d < 0 ? "-inf" : "inf";
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    std::string sci(buf, res.ptr);
    std::string sign;
    if (sci[0] == '-') { sign = "-"; sci.erase(0, 1); }
    const size_t epos = sci.find('e');
    const int exp = std::stoi(sci.substr(epos + 1));
    std::string digits = sci.substr(0, epos);
    digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
    const int n = int(digits.size());
    std::string out;
    if (exp >= -4 && exp < 16) {
        if (exp >= 0) {
            if (n <= exp + 1) out = digits + std::string(size_t(exp + 1 - n), '0') + ".0";
            else out = digits.substr(0, size_t(exp + 1)) + "." + digits.substr(size_t(exp + 1));
        } else {
            out = "0." + std::string(size_t(-exp - 1), '0') + digits;
        }
    } else {
        out = digits.substr(0, 1);
        if (n > 1) out += "." + digits.substr(1);
        char e[16];
        std::snprintf(e, sizeof e, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
        out += e;
    }
    return sign + out;
}

std::string json_quote(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(c));
                out += buf;
            } else {
                out += char(c);
            }
        }
    }
    return out + "\"";
}

}  // namespace awq::jinja::py
