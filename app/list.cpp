// `ipc-claims list`: every claim (or the selected ones) with its case.
#include <fmt/core.h>

#include "command.hpp"

namespace app {
namespace {

struct Options {
    std::vector<std::string> filters;
};

void add_options(CLI::App& cmd, Options& o, const Context&) {
    cmd.add_option("filter", o.filters, "Claim ids, id prefixes or areas (PIPE-04, PIPE, pipe)");
}

int run(const Options& o, Context& context) {
    const auto claims = runner::select_claims(context.claims(), o.filters);
    int implemented = 0;
    for (const auto& c : claims) {
        implemented += c.implemented();
        std::string needs;
        for (const auto& n : c.needs) needs += (needs.empty() ? " [needs " : ", ") + n;
        fmt::print("{:<8} {:<5} {:<4} {:<10} {:<38} {}{}\n", c.id, c.area, c.kind, c.section.empty() ? "-" : c.section,
                   c.implemented() ? c.case_path() : "(no case yet)", c.statement, needs.empty() ? "" : needs + "]");
    }
    fmt::print("\n{} claims, {} implemented\n", claims.size(), implemented);
    return 0;
}

}  // namespace

Command list_command() {
    return command<Options>("list", "List every claim: id, area, kind, section, its case, statement", add_options, run);
}

}  // namespace app
