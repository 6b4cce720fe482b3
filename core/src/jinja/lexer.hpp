// SPDX-License-Identifier: MIT
#pragma once
// Template text -> tokens, with jinja2's whitespace rules as transformers configures them: trim_blocks (the
// first newline after a block or comment tag is removed), lstrip_blocks (spaces and tabs before a block or
// comment tag at the start of a line are removed), "-" / "+" markers on tags, a single trailing newline of
// the template dropped, \r\n and \r read as \n.
#include <string>
#include <vector>

namespace awq::jinja {

struct Token {
    enum class Type { Text, VarBegin, VarEnd, BlockBegin, BlockEnd, Name, String, Int, Float, Op, End };
    Type type;
    std::string value;
    int line;
};

std::vector<Token> tokenize(const std::string& source);

}  // namespace awq::jinja
