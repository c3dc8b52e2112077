// `ipc-claims exec`: one program run as the runner runs a case (isolated,
// with a deadline), its verdict as the exit code; the runner runs every case
// through it.
#include <cerrno>
#include <cstring>
#include <fmt/core.h>
#include <unistd.h>

#include "command.hpp"
#include "options.hpp"
#include "runner/supervise.hpp"

namespace app {
namespace exec_cmd {

namespace fs = std::filesystem;

struct Options {
    std::string program, claim, result_file, wrap;
    std::vector<std::string> args;  // what follows the program
    double timeout_s = 30;
    std::string runtime = "native", gvisor_platform = "ptrace";
    bool quiet = false;
};

void add_options(CLI::App& cmd, Options& o, const Context&) {
    cmd.add_option("--timeout", o.timeout_s, "Seconds before the program is killed (TIMEOUT)")
        ->check(positive_seconds())
        ->capture_default_str();
    cmd.add_option("--wrap", o.wrap, "Prefix command, e.g. 'env LD_PRELOAD=shim.so' (inside the sandbox under gVisor)");
    add_runtime_options(cmd, o.runtime, o.gvisor_platform, "native or gvisor (in a runsc sandbox of its own)");
    cmd.add_option("--claim", o.claim, "Claim id to record in the result");
    cmd.add_option("--result", o.result_file, "Write the case result as JSON here");
    cmd.add_flag("--quiet", o.quiet, "Print nothing; the exit code and --result tell");
    cmd.add_option("program", o.program, "The case executable (or any executable)")->required();
    cmd.prefix_command();  // the rest are the program's arguments
    cmd.callback([&o, &cmd] {
        o.args = cmd.remaining();
        if (!o.args.empty() && o.args.front() == "--") o.args.erase(o.args.begin());
    });
}

void print_result(const runner::CaseResult& r, const std::string& name) {
    fmt::print("{}", r.output);
    for (auto& [key, value] : r.evidence.items())
        fmt::print("  {} = {}\n", key, value.is_string() ? value.get<std::string>() : value.dump());
    fmt::print("{} {} ({}, {:.2f} s, isolation {}{})\n", runner::to_string(r.status), name, r.exit, r.duration_s,
               r.isolation,
               r.leftover_processes ? fmt::format(", killed {} leftover process(es)", r.leftover_processes) : "");
}

int run(const Options& o, Context&) {
    runner::ExecRequest req;
    req.program = fs::absolute(o.program).string();  // the case starts in its own directory
    req.args = o.args;
    if (!o.wrap.empty()) req.wrap = split_words(o.wrap);
    req.timeout = milliseconds(o.timeout_s);
    req.runtime = runner::runtime_named(o.runtime, o.gvisor_platform);
    runner::check_runtime(req.runtime);
    if (::access(req.program.c_str(), X_OK) != 0) {
        const std::string why = std::strerror(errno);
        // `exec PIPE-04`: a claim where a program belongs.
        const bool bare_name = o.program.find('/') == std::string::npos && !fs::exists(o.program);
        throw std::invalid_argument(
            "cannot execute " + req.program + ": " + why +
            (bare_name ? " (exec runs a program; `ipc-claims run " + o.program + "` runs a claim)" : ""));
    }
    // A directory passes access(X_OK) (root passes it for any mode bit).
    if (!fs::is_regular_file(req.program))
        throw std::invalid_argument("cannot execute " + req.program + ": not a file");
    if (!o.result_file.empty() && !fs::is_directory(fs::absolute(o.result_file).parent_path()))
        throw std::invalid_argument("--result " + o.result_file + ": no such directory to write it in");

    runner::CaseResult r = runner::supervise(req);
    r.claim = o.claim;
    r.case_path = fs::path(req.program).parent_path().filename() / fs::path(req.program).filename();
    if (!o.result_file.empty()) runner::write_json_file(o.result_file, runner::to_json(r));
    if (runner::interrupted_by()) return 128 + runner::interrupted_by();
    if (r.evidence.contains("runner.runtime_error"))  // no verdict: the runtime failed, not the case
        throw std::runtime_error("--runtime " + req.runtime.name +
                                 ": cannot start a sandbox: " + r.evidence["runner.runtime_error"].get<std::string>());
    if (!o.quiet) print_result(r, o.claim.empty() ? req.program : o.claim);
    return runner::exit_code(r.status);
}

}  // namespace exec_cmd

Command exec_command() {
    return command<exec_cmd::Options>("exec",
                                      "Run one program isolated; exit 0 pass, 1 fail, 77 skip, 99 broken, 124 timeout",
                                      exec_cmd::add_options, exec_cmd::run);
}

}  // namespace app
