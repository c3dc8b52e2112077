// `ipc-claims run`: the selected cases on this host, under a runtime, or in
// guests of other kernels under qemu; --format ktap for KTAP on stdout.
#include <cstdio>
#include <filesystem>
#include <vector>
#include <fmt/core.h>
#include <unistd.h>

#include "command.hpp"
#include "kernel_options.hpp"
#include "options.hpp"
#include "report/ktap.hpp"
#include "suite_options.hpp"
#include "vm/boot.hpp"

namespace app {
namespace run_cmd {

namespace kernel = runner::kernel;
namespace fs = std::filesystem;

struct Options {
    SuiteOptions suite;
    std::string wrap;
    kernel::KernelOptions kernel;
    std::string format = "text";
};

constexpr double default_timeout_s = 30;

void add_options(CLI::App& cmd, Options& o, const Context& context) {
    add_suite_options(cmd, o.suite, context, default_timeout_s);
    cmd.add_option("--wrap", o.wrap, "Prefix command for every case, e.g. 'strace -f' or 'env LD_PRELOAD=x.so'");
    add_kernel_options(cmd, o.kernel, "run the claims (-j is then kernels at once, default 1)");
    cmd.add_option("--format", o.format, "text, or ktap: KTAP on stdout (progress on stderr)")
        ->check(one_of({"text", "ktap"}))
        ->capture_default_str();
}

// The KTAP document of what the run wrote: one run, or one per kernel.
std::string ktap_of(const runner::RunOptions& run, bool kernels, const std::vector<fs::path>& kernel_dirs) {
    if (!kernels) return runner::ktap_document(runner::read_results_file(run.out_dir / "results.json"));
    std::vector<std::pair<std::string, runner::RunResults>> runs;
    for (const auto& dir : kernel_dirs)
        runs.emplace_back(dir.filename().string(), runner::read_results_file(dir / "results.json"));
    return runner::ktap_document(runs);
}

int run(const Options& o, Context& context) {
    const bool kernels = !o.kernel.images.empty();
    if (o.suite.runtime == "gvisor" && kernels)
        throw std::invalid_argument("--runtime gvisor and --kernel do not combine (gVisor runs on this host)");
    const runner::RunOptions run = suite_run(o.suite, context, default_timeout_s, o.wrap);
    kernel::KernelOptions k = o.kernel;
    k.kernels_at_once = o.suite.jobs.value_or(1);
    k.catalogue_dir = context.catalogue_dir;

    const bool ktap = o.format == "ktap";
    int saved_stdout = -1;
    if (ktap) {  // the people's progress to stderr, stdout for KTAP alone
        std::fflush(stdout);
        saved_stdout = ::dup(STDOUT_FILENO);
        ::dup2(STDERR_FILENO, STDOUT_FILENO);
    }
    auto restore_stdout = [&] {
        std::fflush(stdout);
        ::dup2(saved_stdout, STDOUT_FILENO);
        ::close(saved_stdout);
    };
    int code;
    std::vector<fs::path> kernel_dirs;
    try {
        code = kernels ? kernel::run_kernels(run, k, kernel_dirs) : runner::run_suite(run);
    } catch (...) {
        if (ktap) restore_stdout();
        throw;
    }
    if (!ktap) return code;
    restore_stdout();
    if (code > 128) return code;  // interrupted: no results, no KTAP
    fmt::print("{}", ktap_of(run, kernels, kernel_dirs));
    std::fflush(stdout);
    return code;
}

}  // namespace run_cmd

Command run_command() {
    return command<run_cmd::Options>(
        "run", "Run the selected cases in parallel; write results.json, junit.xml, report.md and report.html",
        run_cmd::add_options, run_cmd::run);
}

}  // namespace app
