// `ipc-claims coverage`: which lines and functions of the kernel's IPC code
// the claims reach, claim by claim, beside stress-ng's IPC stressors, in a
// guest of the gcov kernel (kernel_coverage/host_run.hpp); and
// `coverage-guest`, what that guest's init runs (not a command for people).
#include <fmt/core.h>
#include <stdexcept>

#include "command.hpp"
#include "kernel_coverage/guest_run.hpp"
#include "kernel_coverage/host_run.hpp"
#include "kernel_options.hpp"
#include "options.hpp"
#include "vm/guest.hpp"
#include "suite_options.hpp"

namespace app {
namespace coverage_cmd {

namespace fs = std::filesystem;

constexpr double default_timeout_s = 30;

struct Options {
    SuiteOptions suite;
    runner::kernel::KernelOptions kernel;
    std::string build;
    int anchor_timeout_s = 20;  // sem-sysv ends its operations in seconds under TCG but lingers to its timeout
    bool no_anchor = false;
};

void add_options(CLI::App& cmd, Options& o, const Context& context) {
    add_suite_options(cmd, o.suite, context, default_timeout_s);
    cmd.add_option("--kernel-build", o.build,
                   "The gcov kernel's build tree (scripts/gcov-kernel prints it; its bzImage is booted, its .gcno "
                   "files and sources read)")
        ->required()
        ->check(CLI::ExistingDirectory);
    o.kernel.kernel_timeout_s = 1200;
    add_machine_options(cmd, o.kernel, "run the claims and the anchor");
    cmd.add_option("--anchor-timeout", o.anchor_timeout_s,
                   "Seconds after which stress-ng stops a stressor of the anchor that has not done its operations")
        ->check(whole_number(1, 3600))
        ->capture_default_str();
    cmd.add_flag("--no-anchor", o.no_anchor, "Run the claims only, without stress-ng beside them");
}

int run(const Options& o, Context& context) {
    if (o.suite.runtime != "native")
        throw std::invalid_argument("coverage runs the claims in its own guest: no --runtime");
    runner::RunOptions run = suite_run(o.suite, context, default_timeout_s, "");
    runner::kernel::KernelOptions k = o.kernel;
    k.catalogue_dir = context.catalogue_dir;
    try {
        return kcov::run_kernel_coverage(run, k, {o.build, !o.no_anchor, o.anchor_timeout_s});
    } catch (const std::runtime_error& e) {  // not bad input: the guest's counters could not be read
        fmt::print(stderr, "ipc-claims coverage: {}\n", e.what());
        return 1;
    }
}

// In the guest: the options the host's coverage passes.
struct GuestOptions {
    SuiteOptions suite;
    bool anchor = false;
    int anchor_timeout_s = 60;
};

void add_guest_options(CLI::App& cmd, GuestOptions& o, const Context& context) {
    add_suite_options(cmd, o.suite, context, default_timeout_s);
    cmd.add_flag("--anchor", o.anchor);
    cmd.add_option("--anchor-timeout", o.anchor_timeout_s)->check(whole_number(1, 3600));
}

int run_guest(const GuestOptions& o, Context& context) {
    if (!runner::kernel::in_guest())
        throw std::invalid_argument("coverage-guest runs only in the guest that `ipc-claims coverage` boots");
    runner::RunOptions run = suite_run(o.suite, context, default_timeout_s, "");
    return kcov::collect_in_guest(run, o.anchor, o.anchor_timeout_s);
}

}  // namespace coverage_cmd

Command coverage_command() {
    return command<coverage_cmd::Options>(
        "coverage",
        "Boot the gcov kernel, run the claims there one at a time and stress-ng's IPC stressors; "
        "write the kernel's line and function coverage, per file and per claim",
        coverage_cmd::add_options, coverage_cmd::run);
}

Command coverage_guest_command() {
    return command<coverage_cmd::GuestOptions>("coverage-guest", "", coverage_cmd::add_guest_options,
                                               coverage_cmd::run_guest);
}

}  // namespace app
