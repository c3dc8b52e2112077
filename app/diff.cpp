// `ipc-claims diff`: two runs compared (report/diff.hpp).
#include <fmt/core.h>

#include "command.hpp"
#include "options.hpp"
#include "report/diff.hpp"

namespace app {
namespace diff_cmd {

struct Options {
    std::string a, b, out;
    bool all_evidence = false, common = false;
};

void add_options(CLI::App& cmd, Options& o, const Context&) {
    cmd.add_option("a", o.a, "The first run's results.json")->required();
    cmd.add_option("b", o.b, "The second run's results.json")->required();
    cmd.add_option("--out", o.out, "Also write diff.md and diff.html into this directory");
    cmd.add_flag("--all-evidence", o.all_evidence,
                 "Compare run-specific and measurement evidence too (pids, IPC keys and ids, tokens, addresses, "
                 "times; counts, ratios, rates, durations)");
    cmd.add_flag("--common", o.common, "Compare only the claims both runs ran; leave the others out of the output");
}

int run(const Options& o, Context& context) {
    const auto& claims = context.claims();
    runner::RunResults a = runner::read_results_file(o.a);
    runner::RunResults b = runner::read_results_file(o.b);
    if (!o.out.empty()) ensure_writable_dir(o.out);
    runner::RunDiff d = runner::diff_runs(a, b, claims, {o.a, o.b, o.all_evidence, o.common});
    fmt::print("{}", runner::diff_text(d));
    if (!o.out.empty()) {
        runner::PageFiles files = runner::write_diff(o.out, d);
        fmt::print("\ndiff: {}\n      {}\n", files.markdown.string(), files.html.string());
    }
    return d.verdict_changes > 0 ? 1 : 0;
}

}  // namespace diff_cmd

Command diff_command() {
    return command<diff_cmd::Options>(
        "diff",
        "Compare two runs: environments and every claim both ran whose verdict or evidence "
        "differs, and the claims only one ran; exit 0 when no verdict differs, 1 when one does, "
        "2 for bad usage",
        diff_cmd::add_options, diff_cmd::run);
}

}  // namespace app
