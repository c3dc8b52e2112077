// ipc-claims: lists the claims, runs their cases isolated, and writes results.
#include <CLI/CLI.hpp>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fmt/core.h>
#include <unistd.h>
#include <wordexp.h>

#include "model/catalogue.hpp"
#include "report/diff.hpp"
#include "runner/environment.hpp"
#include "report/report.hpp"
#include "runner/runtime.hpp"
#include "runner/sensitivity.hpp"
#include "vm/cli.hpp"
#include "vm/guest.hpp"
#include "runner/suite.hpp"
#include "runner/supervise.hpp"
#include "labs/grader.hpp"
#include "bench/bench.hpp"

namespace fs = std::filesystem;
using namespace runner;

namespace {

constexpr int exit_usage = 2;

fs::path self_path() { return fs::read_symlink("/proc/self/exe"); }

// `--wrap 'env LD_PRELOAD=/x/y.so'` split as a shell would (no command substitution).
std::vector<std::string> split_words(const std::string& text) {
    wordexp_t w{};
    if (::wordexp(text.c_str(), &w, WRDE_NOCMD) != 0) throw std::invalid_argument("cannot parse --wrap `" + text + "`");
    std::vector<std::string> words(w.we_wordv, w.we_wordv + w.we_wordc);
    ::wordfree(&w);
    if (words.empty()) throw std::invalid_argument("--wrap is empty");
    return words;
}

std::chrono::milliseconds seconds_option(double s) {
    return std::chrono::milliseconds(static_cast<long long>(s * 1000));
}

void ensure_writable_dir(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || ::access(dir.c_str(), W_OK) != 0)
        throw std::invalid_argument("output directory " + dir.string() + " is not writable");
}

int list_claims(const std::vector<Claim>& claims) {
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

int exec_one(ExecRequest req, const std::string& claim, const std::string& result_file, bool quiet) {
    if (::access(req.program.c_str(), X_OK) != 0)
        throw std::invalid_argument("cannot execute " + req.program + ": " + std::strerror(errno));
    // A directory passes access(X_OK) (root passes it for any mode bit).
    if (!fs::is_regular_file(req.program)) throw std::invalid_argument("cannot execute " + req.program + ": not a file");
    CaseResult r = supervise(req);
    r.claim = claim;
    r.case_path = fs::path(req.program).parent_path().filename() / fs::path(req.program).filename();
    if (!result_file.empty()) write_json_file(result_file, to_json(r));
    if (interrupted_by()) return 128 + interrupted_by();
    if (r.evidence.contains("runner.runtime_error"))  // no verdict: the runtime failed, not the case
        throw std::runtime_error("--runtime " + req.runtime.name + ": cannot start a sandbox: " +
                                 r.evidence["runner.runtime_error"].get<std::string>());
    if (!quiet) {
        fmt::print("{}", r.output);
        for (auto& [key, value] : r.evidence.items())
            fmt::print("  {} = {}\n", key, value.is_string() ? value.get<std::string>() : value.dump());
        fmt::print("{} {} ({}, {:.2f} s, isolation {}{})\n", to_string(r.status), claim.empty() ? req.program : claim,
                   r.exit, r.duration_s, r.isolation,
                   r.leftover_processes ? fmt::format(", killed {} leftover process(es)", r.leftover_processes) : "");
    }
    return exit_code(r.status);
}

}  // namespace

int main(int argc, char** argv) {
    // Inside a case's gVisor sandbox (see runtime.hpp): not commands for people.
    if (argc > 1 && std::string(argv[1]) == "sandbox-init") return sandbox_init_main(argc, argv);
    if (argc > 1 && std::string(argv[1]) == "sandbox-environment") return sandbox_environment_main();
    if (kernel::is_guest_init()) kernel::guest_init();  // PID 1 of a `run --kernel` guest
    const fs::path here = self_path().parent_path();
    CLI::App app{"ipc-claims: checks what the Linux kernel really does with pipes, FIFOs, System V IPC, "
                 "signals and Unix sockets, claim by claim, with evidence."};
    app.require_subcommand(1);
    std::string catalogue_dir = (here / "catalogue").string();
    std::string cases_dir = (here / "cases").string();
    app.add_option("--catalogue", catalogue_dir, "Directory of the claim catalogue (*.toml)")->capture_default_str();
    app.add_option("--cases", cases_dir, "Directory of the case programs")->capture_default_str();

    auto* list = app.add_subcommand("list", "List every claim: id, area, kind, section, its case, statement");
    std::vector<std::string> list_filters;
    list->add_option("filter", list_filters, "Claim ids, id prefixes or areas (PIPE-04, PIPE, pipe)");

    auto* run = app.add_subcommand(
        "run", "Run the selected cases in parallel; write results.json, junit.xml, report.md and report.html");
    auto* sensitivity = app.add_subcommand(
        "sensitivity", "Run the selected cases as they are, then under each fault (an LD_PRELOAD shim of the fault "
                       "lists): every claim a fault names must FAIL or TIME OUT. Writes what `run` writes, the report "
                       "showing how many claims were shown sensitive, and sensitivity.json and sensitivity.md");
    std::vector<std::string> filters;
    int jobs = static_cast<int>(std::max(1L, ::sysconf(_SC_NPROCESSORS_ONLN)));
    double run_timeout = 30;
    std::string run_wrap;
    std::string out_dir = (here / "results").string();
    for (CLI::App* cmd : {run, sensitivity}) {  // one run's options; only one of the two runs
        cmd->add_option("filter", filters, "Claim ids, id prefixes or areas (PIPE-04, PIPE, pipe); all when none");
        cmd->add_option("-j,--jobs", jobs, "Cases run at once")->check(CLI::Range(1, 256))->capture_default_str();
        cmd->add_option("--timeout", run_timeout, "Seconds before a case is killed (TIMEOUT)")
            ->check(CLI::PositiveNumber)->capture_default_str();
        cmd->add_option("--out", out_dir, "Directory for results.json, junit.xml and the reports")->capture_default_str();
    }
    run->add_option("--wrap", run_wrap, "Prefix command for every case, e.g. 'strace -f' or 'env LD_PRELOAD=x.so'");
    std::string runtime_name = "native", gvisor_platform = "ptrace";
    for (CLI::App* cmd : {run, sensitivity}) {
        cmd->add_option("--runtime", runtime_name,
                        "Where the cases run: native (this kernel) or gvisor (each case in a runsc sandbox of its "
                        "own; needs root and Debian's runsc)")
            ->capture_default_str();
        cmd->add_option("--gvisor-platform", gvisor_platform, "runsc --platform for --runtime gvisor")
            ->capture_default_str();
    }
    SensitivityOptions sens;
    std::vector<std::string> fault_lists;
    std::string shims_dir = (here / "faults").string();
    sensitivity->add_option("--faults", fault_lists, "Fault lists (TOML); default: every *.toml in --shims")
        ->check(CLI::ExistingFile);
    sensitivity->add_option("--shims", shims_dir, "Where a fault's `shim = \"name\"` is found as name.so")
        ->capture_default_str();
    sensitivity->add_flag("--whole-suite", sens.whole_suite,
                          "Run every selected claim under every fault, not only the claims it names "
                          "(shows what else each fault breaks; slower)");
    sensitivity->add_option("--fail-under", sens.fail_under,
                            "Exit 1 when fewer than this percentage of the selected claims are shown sensitive")
        ->check(CLI::Range(0.0, 100.0))->capture_default_str();

    auto* report = app.add_subcommand("report", "Write report.md and report.html from a results.json");
    std::string report_input, report_out;
    report->add_option("results", report_input, "A results.json written by `ipc-claims run`")->required();
    report->add_option("--out", report_out, "Directory for the reports (default: the results file's directory)");

    auto* diff = app.add_subcommand(
        "diff", "Compare two runs: environments and every claim whose verdict or evidence differs; "
                "exit 1 when a verdict differs, 0 otherwise");
    std::string diff_a, diff_b, diff_out;
    bool all_evidence = false;
    diff->add_option("a", diff_a, "The first run's results.json")->required();
    diff->add_option("b", diff_b, "The second run's results.json")->required();
    diff->add_option("--out", diff_out, "Also write diff.md and diff.html into this directory");
    diff->add_flag("--all-evidence", all_evidence,
                   "Compare run-specific evidence too (pids, IPC keys and ids, tokens, addresses)");

    auto* exec = app.add_subcommand("exec", "Run one program isolated; exit 0 pass, 1 fail, 77 skip, 99 broken, 124 timeout");
    std::string program, claim, result_file, exec_wrap;
    double exec_timeout = 30;
    bool quiet = false;
    exec->add_option("--timeout", exec_timeout, "Seconds before the program is killed (TIMEOUT)")
        ->check(CLI::PositiveNumber)->capture_default_str();
    exec->add_option("--wrap", exec_wrap, "Prefix command, e.g. 'env LD_PRELOAD=shim.so' (inside the sandbox under gVisor)");
    exec->add_option("--runtime", runtime_name, "native or gvisor (in a runsc sandbox of its own)")->capture_default_str();
    exec->add_option("--gvisor-platform", gvisor_platform, "runsc --platform for --runtime gvisor")->capture_default_str();
    exec->add_option("--claim", claim, "Claim id to record in the result");
    exec->add_option("--result", result_file, "Write the case result as JSON here");
    exec->add_flag("--quiet", quiet, "Print nothing; the exit code and --result tell");
    exec->add_option("program", program, "The case executable (or any executable)")->required();
    exec->prefix_command();
    grading::add_grade_command(app);  // `grade`: runs and exits from its callback
    bench::add_bench_command(app);    // `bench`: runs and exits from its callback

    kernel::RunExtensions run_ext;  // --kernel, --format ktap
    kernel::add_run_options(run, run_ext);
    kernel::MatrixCommand matrix_cmd;
    kernel::add_matrix_command(app, matrix_cmd);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }

    try {
        if (*exec) {
            ExecRequest req;
            req.program = fs::absolute(program).string();  // the case starts in its own directory
            req.args = exec->remaining();
            if (!req.args.empty() && req.args.front() == "--") req.args.erase(req.args.begin());
            if (!exec_wrap.empty()) req.wrap = split_words(exec_wrap);
            req.timeout = seconds_option(exec_timeout);
            req.runtime = runtime_named(runtime_name, gvisor_platform);
            check_runtime(req.runtime);
            return exec_one(req, claim, result_file, quiet);
        }
        auto claims = load_catalogue(catalogue_dir);
        if (*list) return list_claims(select_claims(claims, list_filters));
        if (*matrix_cmd.app) return kernel::run_matrix(matrix_cmd, claims);
        if (*report) {
            RunResults results = read_results_file(report_input);
            fs::path dir = report_out.empty() ? fs::absolute(report_input).parent_path() : fs::path(report_out);
            ensure_writable_dir(dir);
            ReportFiles files = write_report(dir, results, claims);
            fmt::print("report: {}\n        {}\n", files.markdown.string(), files.html.string());
            return 0;
        }
        if (*diff) {
            RunResults a = read_results_file(diff_a);
            RunResults b = read_results_file(diff_b);
            if (!diff_out.empty()) ensure_writable_dir(diff_out);
            RunDiff d = diff_runs(a, b, claims, {diff_a, diff_b, all_evidence});
            fmt::print("{}", diff_text(d));
            if (!diff_out.empty()) {
                DiffFiles files = write_diff(diff_out, d);
                fmt::print("\ndiff: {}\n      {}\n", files.markdown.string(), files.html.string());
            }
            return d.verdict_changes > 0 ? 1 : 0;
        }

        RunOptions opt;
        opt.selected = select_claims(claims, filters);
        opt.claims = std::move(claims);
        if (std::none_of(opt.selected.begin(), opt.selected.end(), [](const Claim& c) { return c.implemented(); }))
            throw std::invalid_argument("none of the selected claims has a case yet (see `ipc-claims list`)");
        opt.jobs = jobs;
        // Under a fault a case may hang until its deadline (a TIMEOUT is caught): a short one.
        if (*sensitivity && !sensitivity->get_option("--timeout")->count()) run_timeout = 10;
        opt.timeout = seconds_option(run_timeout);
        if (!run_wrap.empty()) split_words(run_wrap);  // reject a malformed --wrap before anything runs
        opt.wrap = run_wrap;
        opt.out_dir = out_dir;
        ensure_writable_dir(opt.out_dir);
        opt.cases_dir = fs::absolute(cases_dir);  // cases start in their own directory
        opt.self = self_path();
        opt.runtime = runtime_named(runtime_name, gvisor_platform);
        if (opt.runtime.gvisor() && !run_ext.kernel.images.empty())
            throw std::invalid_argument("--runtime gvisor and --kernel do not combine (gVisor runs on this host)");
        check_runtime(opt.runtime);
        // Before any case: a sandbox that cannot start is one clear error, not a run of BROKEN cases.
        if (opt.runtime.gvisor()) opt.environment = environment_in_sandbox(opt.runtime);
        if (*sensitivity) {
            sens.shims_dir = shims_dir;
            if (fault_lists.empty()) sens.fault_lists = fault_lists_in(shims_dir);
            sens.fault_lists.insert(sens.fault_lists.end(), fault_lists.begin(), fault_lists.end());
            return run_sensitivity(opt, sens);
        }
        return kernel::run_extended(opt, run_ext);
    } catch (const std::exception& e) {
        fmt::print(stderr, "ipc-claims: {}\n", e.what());
        return exit_usage;
    }
}
