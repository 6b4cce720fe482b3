// SPDX-License-Identifier: MIT
#pragma once
// One file per subcommand; each exposes its spec (for --help and parsing) and its entry point.
#include "cli_args.hpp"

#include <string>
#include <vector>

namespace awq::cli {

struct Command {
    const CommandSpec& (*spec)();
    int (*run)(const Args& args);
};

const CommandSpec& inspect_spec();
int run_inspect(const Args& args);
const CommandSpec& generate_spec();
int run_generate(const Args& args);
const CommandSpec& ppl_spec();
int run_ppl(const Args& args);
const CommandSpec& quantize_spec();
int run_quantize(const Args& args);
const CommandSpec& compare_spec();
int run_compare(const Args& args);
const CommandSpec& report_spec();
int run_report(const Args& args);
const CommandSpec& bench_spec();
int run_bench(const Args& args);
const CommandSpec& template_spec();
int run_template(const Args& args);
const CommandSpec& tokenize_spec();
int run_tokenize(const Args& args);

}  // namespace awq::cli
