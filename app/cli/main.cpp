// SPDX-License-Identifier: MIT
// `awq`: the command line of AWQ Studio. Dispatches to one subcommand; errors are one line on stderr.
#include "commands.hpp"

#include <awq/error.hpp>

#include <cstdio>
#include <iostream>
#include <map>

using namespace awq::cli;

namespace {

const std::map<std::string, Command>& commands() {
    static const std::map<std::string, Command> table = {
        {"inspect", {inspect_spec, run_inspect}},
        {"generate", {generate_spec, run_generate}},
        {"ppl", {ppl_spec, run_ppl}},
        {"quantize", {quantize_spec, run_quantize}},
        {"compare", {compare_spec, run_compare}},
        {"report", {report_spec, run_report}},
        {"bench", {bench_spec, run_bench}},
        {"template", {template_spec, run_template}},
        {"tokenize", {tokenize_spec, run_tokenize}},
    };
    return table;
}

void print_usage() {
    std::cout << "Usage: awq COMMAND [options]\n\nAWQ Studio command line: activation-aware 4-bit quantization.\n\n"
                 "Commands:\n";
    for (const auto& [name, cmd] : commands()) {
        std::string left = "  " + name;
        left.resize(14, ' ');
        std::cout << left << cmd.spec().summary << "\n";
    }
    std::cout << "\nRun 'awq COMMAND --help' for a command's options.\n";
}

}  // namespace

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    if (argc < 2) {
        print_usage();
        return 2;
    }
    const std::string name = argv[1];
    if (name == "--help" || name == "-h" || name == "help") {
        print_usage();
        return 0;
    }
    const auto it = commands().find(name);
    if (it == commands().end()) {
        std::cerr << "awq: unknown command '" << name << "' (run 'awq --help')\n";
        return 2;
    }
    try {
        const Args args = Args::parse(it->second.spec(), std::vector<std::string>(argv + 2, argv + argc));
        if (args.help()) {
            std::cout << it->second.spec().help_text();
            return 0;
        }
        return it->second.run(args);
    } catch (const UsageError& e) {
        std::cerr << "awq " << name << ": " << e.what() << "\n";
        return 2;
    } catch (const awq::Cancelled&) {
        std::cerr << "awq " << name << ": cancelled\n";
        return 130;
    } catch (const awq::Error& e) {
        std::cerr << "awq " << name << ": error: " << e.what() << "\n";
        return 1;
    } catch (const std::bad_alloc&) {
        std::cerr << "awq " << name << ": error: out of memory\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "awq " << name << ": internal error: " << e.what() << "\n";
        return 3;
    }
}
