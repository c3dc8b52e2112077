#include <chrono>
#include <fmt/core.h>

#include "runner/sensitivity.hpp"

namespace runner {
namespace {

std::string verdict_list(const nlohmann::json& entries) {
    std::string out;
    for (const auto& e : entries)
        out += fmt::format(" {} {}", e["claim"].get<std::string>(), e["verdict"].get<std::string>());
    return out;
}

void print_fault_line(const nlohmann::json& row) {
    const char* outcome = !row["judged"].get<bool>() ? "-" : row["caught"].get<bool>() ? "caught" : "MISSED";
    fmt::print("{:<7} {:<36}{}{}\n", outcome, row["name"].get<std::string>(),
               verdict_list(row["failed"]) + verdict_list(row["not_failed"]),
               row["expected"].empty() ? verdict_list(row["also_failed"]) : "");
    std::fflush(stdout);
}

}  // namespace

int run_sensitivity(const RunOptions& opt, const SensitivityOptions& s) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    // Every list is read and checked before anything runs.
    const FaultCatalogue faults = load_fault_lists(s.fault_lists, s.shims_dir, opt.claims);

    fmt::print("The suite as it is:\n");
    int interrupted = 0;
    RunResults baseline = run_cases(opt, interrupted);
    const double suite_seconds = std::chrono::duration<double>(Clock::now() - start).count();

    std::vector<FaultRun> runs;
    std::vector<CaseJob> jobs;
    std::vector<std::size_t> run_of_job;
    for (const auto& f : faults.faults) {
        auto claims = claims_under(f, opt.selected, s.whole_suite);
        if (claims.empty()) continue;  // it breaks nothing selected
        for (const Claim* c : claims) {
            jobs.push_back({c, fault_wrap(f)});
            run_of_job.push_back(runs.size());
        }
        runs.push_back({&f, {}});
    }
    if (!interrupted) {
        fmt::print("\nUnder {} faults ({} case runs):\n", runs.size(), jobs.size());
        std::vector<std::size_t> left(runs.size());
        for (auto i : run_of_job) ++left[i];
        interrupted = run_jobs(opt, jobs, [&](std::size_t job, CaseResult r) {
            FaultRun& run = runs[run_of_job[job]];
            run.results.push_back(std::move(r));
            if (--left[run_of_job[job]] == 0)
                print_fault_line(judge_sensitivity(opt.selected, faults, baseline, {run})["faults"][0]);
        });
    }

    const nlohmann::json judged = judge_sensitivity(opt.selected, faults, baseline, runs);
    baseline.sensitivity = sensitivity_summary(judged);
    write_json_file(opt.out_dir / "sensitivity.json", judged);
    write_text_file(opt.out_dir / "sensitivity.md", sensitivity_markdown(judged));
    fmt::print("\n");
    int code = write_run(opt, baseline, suite_seconds, interrupted);

    const auto& fig = judged["figure"];
    const auto& summary = baseline.sensitivity;
    fmt::print("\nsensitivity: {} of {} claims shown sensitive ({:.1f}%) by {} faults ({} case runs), {} missed; "
               "{:.1f} s in all\n",
               fig["shown"].get<int>(), fig["claims"].get<int>(), fig["percent"].get<double>(), runs.size(),
               jobs.size(), summary["faults_missed"].get<int>(),
               std::chrono::duration<double>(Clock::now() - start).count());
    for (const auto& c : summary["not_shown"])
        fmt::print("  not shown: {}: {}\n", c["id"].get<std::string>(), c["why"].get<std::string>());
    fmt::print("table:   {}\n         {}\n", (opt.out_dir / "sensitivity.md").string(),
               (opt.out_dir / "sensitivity.json").string());
    if (interrupted) return code;
    bool ok = code == 0 && sensitivity_ok(judged, s.fail_under);
    if (!ok && fig["percent"].get<double>() + 1e-9 < s.fail_under)
        fmt::print("sensitivity: under --fail-under {}%\n", s.fail_under);
    return ok ? 0 : 1;
}

}  // namespace runner
