// `ipc-claims sensitivity`: the selected cases as they are, then under each
// fault of the fault lists (runner/sensitivity.hpp).
#include "command.hpp"
#include "options.hpp"
#include "runner/sensitivity.hpp"
#include "suite_options.hpp"

namespace app {
namespace sensitivity_cmd {

struct Options {
    SuiteOptions suite;
    std::vector<std::string> fault_lists;
    std::string shims_dir;
    bool whole_suite = false;
    double fail_under = 0;
};

// Under a fault a case may hang until its deadline (a TIMEOUT is caught): a short one.
constexpr double default_timeout_s = 10;

void add_options(CLI::App& cmd, Options& o, const Context& context) {
    add_suite_options(cmd, o.suite, context, default_timeout_s);
    o.shims_dir = context.faults_dir.string();
    cmd.add_option("--faults", o.fault_lists, "Fault lists (TOML); default: every *.toml in --shims")
        ->check(existing_file());
    cmd.add_option("--shims", o.shims_dir, "Where a fault's `shim = \"name\"` is found as name.so")
        ->capture_default_str();
    cmd.add_flag("--whole-suite", o.whole_suite,
                 "Run every selected claim under every fault, not only the claims it names "
                 "(shows what else each fault breaks; slower)");
    cmd.add_option("--fail-under", o.fail_under,
                   "Exit 1 when fewer than this percentage of the selected claims are shown sensitive")
        ->check(percentage())
        ->capture_default_str();
}

int run(const Options& o, Context& context) {
    const runner::RunOptions run = suite_run(o.suite, context, default_timeout_s, "");
    runner::SensitivityOptions sens;
    sens.shims_dir = o.shims_dir;
    if (o.fault_lists.empty()) sens.fault_lists = runner::fault_lists_in(o.shims_dir);
    sens.fault_lists.insert(sens.fault_lists.end(), o.fault_lists.begin(), o.fault_lists.end());
    sens.whole_suite = o.whole_suite;
    sens.fail_under = o.fail_under;
    return runner::run_sensitivity(run, sens);
}

}  // namespace sensitivity_cmd

Command sensitivity_command() {
    return command<sensitivity_cmd::Options>(
        "sensitivity",
        "Run the selected cases as they are, then under each fault (an LD_PRELOAD shim of the fault lists): every "
        "claim a fault names must FAIL or TIME OUT. Writes what `run` writes, the report showing how many claims "
        "were shown sensitive, and sensitivity.json and sensitivity.md",
        sensitivity_cmd::add_options, sensitivity_cmd::run);
}

}  // namespace app
