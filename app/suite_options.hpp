// The options `run` and `sensitivity` share (which claims, how many at once,
// the deadline, where results go, the runtime) and the run they describe.
#pragma once
#include <optional>

#include "command.hpp"
#include "runner/suite.hpp"

namespace app {

// Which claims: `filter...` and `--exclude`, as runner::select_claims reads them.
struct Selection {
    std::vector<std::string> filters, excludes;
};

void add_selection_options(CLI::App& cmd, Selection& s);
std::vector<runner::Claim> selected_claims(const Selection& s, Context& context);

struct SuiteOptions {
    Selection selection;
    std::optional<int> jobs;          // default: the CPUs online
    std::optional<double> timeout_s;  // default: the command's
    std::string out_dir;
    std::string runtime = "native", gvisor_platform = "ptrace";
};

void add_suite_options(CLI::App& cmd, SuiteOptions& o, const Context& context, double default_timeout_s);

// The run: the selected claims (at least one implemented), the output
// directory made and writable, the runtime usable (under gVisor, the
// environment read in a sandbox before any case), `wrap` well formed.
// Throws for bad input.
runner::RunOptions suite_run(const SuiteOptions& o, Context& context, double default_timeout_s,
                             const std::string& wrap);

}  // namespace app
