#include "suite_options.hpp"

#include <algorithm>
#include <fmt/core.h>
#include <unistd.h>

#include "options.hpp"
#include "runner/environment.hpp"
#include "version.hpp"

namespace app {
namespace fs = std::filesystem;

namespace {
int cpus_online() { return static_cast<int>(std::max(1L, ::sysconf(_SC_NPROCESSORS_ONLN))); }
}  // namespace

void add_selection_options(CLI::App& cmd, Selection& s) {
    cmd.add_option("filter", s.filters,
                   "Claim ids, id prefixes, areas or tags (PIPE-04, PIPE, pipe, timing); all when none; "
                   "!X leaves X out");
    cmd.add_option("--exclude", s.excludes,
                   "Leave out claim ids, id prefixes, areas or tags (timing, needs-root, slow); repeatable or "
                   "comma-separated")
        ->delimiter(',');
}

std::vector<runner::Claim> selected_claims(const Selection& s, Context& context) {
    return runner::select_claims(context.claims(), s.filters, s.excludes);
}

void add_suite_options(CLI::App& cmd, SuiteOptions& o, const Context& context, double default_timeout_s) {
    o.out_dir = context.results_dir.string();
    add_selection_options(cmd, o.selection);
    cmd.add_option("-j,--jobs", o.jobs, fmt::format("Cases run at once (default {}, the CPUs online)", cpus_online()))
        ->check(whole_number(1, 256));
    cmd.add_option("--timeout", o.timeout_s,
                   fmt::format("Seconds before a case is killed (TIMEOUT; default {})", default_timeout_s))
        ->check(positive_seconds());
    cmd.add_option("--out", o.out_dir, "Directory for results.json, junit.xml and the reports")->capture_default_str();
    add_runtime_options(cmd, o.runtime, o.gvisor_platform,
                        "Where the cases run: native (this kernel) or gvisor (each case in a runsc sandbox of its "
                        "own; needs root and Debian's runsc)");
}

runner::RunOptions suite_run(const SuiteOptions& o, Context& context, double default_timeout_s,
                             const std::string& wrap) {
    runner::RunOptions run;
    run.selected = selected_claims(o.selection, context);
    run.claims = context.claims();
    run.peer_checks = context.peer_checks();
    if (std::none_of(run.selected.begin(), run.selected.end(), [](const runner::Claim& c) { return c.implemented(); }))
        throw std::invalid_argument("none of the selected claims has a case yet (see `ipc-claims list`)");
    run.jobs = o.jobs.value_or(cpus_online());
    run.timeout = milliseconds(o.timeout_s.value_or(default_timeout_s));
    if (!wrap.empty()) split_words(wrap);  // reject a malformed --wrap before anything runs
    run.wrap = wrap;
    run.out_dir = o.out_dir;
    ensure_writable_dir(run.out_dir);
    const std::string build_them = " (the case programs, built beside ipc-claims by the target `suite`: "
                                   "scripts/suite, or cmake --build build --target suite)";
    if (!fs::is_directory(context.cases_dir))
        throw std::invalid_argument("--cases " + context.cases_dir + " is not a directory" + build_them);
    run.cases_dir = fs::absolute(context.cases_dir);  // cases start in their own directory
    // A tree built without its cases is one clear error, not a run of BROKEN claims (one missing
    // program among others is still that claim's BROKEN).
    if (std::none_of(run.selected.begin(), run.selected.end(), [&](const runner::Claim& c) {
            return c.implemented() && fs::exists(run.cases_dir / c.case_path());
        }))
        throw std::invalid_argument("no case program of the selected claims in " + run.cases_dir.string() + build_them);
    run.self = context.self;
    run.tool = this_tool();
    run.runtime = runner::runtime_named(o.runtime, o.gvisor_platform);
    runner::check_runtime(run.runtime);
    // Before any case: a sandbox that cannot start is one clear error, not a run of BROKEN cases.
    if (run.runtime.gvisor()) run.environment = runner::environment_in_sandbox(run.runtime);
    return run;
}

}  // namespace app
