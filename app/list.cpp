// `ipc-claims list`: every claim (or the selected ones) with its case.
#include <fmt/core.h>

#include "command.hpp"
#include "suite_options.hpp"

namespace app {
namespace list_cmd {

struct Options {
    Selection selection;
};

void add_options(CLI::App& cmd, Options& o, const Context&) { add_selection_options(cmd, o.selection); }

int run(const Options& o, Context& context) {
    const auto claims = selected_claims(o.selection, context);
    int implemented = 0;
    for (const auto& c : claims) {
        implemented += c.implemented();
        std::string needs;
        for (const auto& n : c.needs) needs += (needs.empty() ? " [needs " : ", ") + n;
        std::string tags;
        for (const auto& t : c.tags) tags += (tags.empty() ? "" : ",") + t;
        fmt::print("{:<8} {:<5} {:<4} {:<10} {:<22} {:<38} {}{}\n", c.id, c.area, c.kind,
                   c.section.empty() ? "-" : c.section, tags.empty() ? "-" : tags,
                   c.implemented() ? c.case_path() : "(no case yet)", c.statement, needs.empty() ? "" : needs + "]");
    }
    fmt::print("\n{} claims, {} implemented\n", claims.size(), implemented);
    return 0;
}

}  // namespace list_cmd

Command list_command() {
    return command<list_cmd::Options>("list", "List every claim: id, area, kind, section, tags, its case, statement",
                                      list_cmd::add_options, list_cmd::run);
}

}  // namespace app
