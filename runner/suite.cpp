#include "runner/suite.hpp"

#include <algorithm>
#include <csignal>
#include <cstring>
#include <fmt/core.h>
#include <fstream>
#include <map>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ipc/signals.hpp"
#include "runner/environment.hpp"
#include "report/junit.hpp"
#include "report/report.hpp"
#include "model/results.hpp"

namespace runner {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Running {
    std::size_t index;  // into the jobs
    fs::path result_file;
};

pid_t start_exec(const RunOptions& opt, const CaseJob& job, const fs::path& result_file) {
    const Claim& claim = *job.claim;
    std::vector<std::string> words = {opt.self.string(),
                                      "exec",
                                      "--quiet",
                                      "--claim",
                                      claim.id,
                                      "--result",
                                      result_file.string(),
                                      "--timeout",
                                      fmt::format("{:.3f}", opt.timeout.count() / 1000.0)};
    if (!job.wrap.empty()) words.insert(words.end(), {"--wrap", job.wrap});
    if (opt.runtime.gvisor())
        words.insert(words.end(), {"--runtime", opt.runtime.name, "--gvisor-platform", opt.runtime.platform});
    words.push_back((opt.cases_dir / claim.case_path()).string());
    pid_t pid = ::fork();
    if (pid != 0) return pid;
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);  // a runner killed outright still stops every case
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    std::vector<char*> argv;
    for (auto& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(99);
}

CaseResult collect(const Claim& claim, const fs::path& result_file, int wait_status) {
    std::ifstream in(result_file);
    auto j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_object()) return case_from_json(j);
    CaseResult r;
    r.claim = claim.id;
    r.case_path = claim.case_path();
    r.exit = fmt::format("the runner's exec of this case wrote no result (wait status {:#x})", wait_status);
    return r;
}

std::string evidence_summary(const nlohmann::json& evidence) {
    std::string out;
    int shown = 0;
    for (auto& [key, value] : evidence.items()) {
        if (shown++ == 3) return out + " ...";
        out += (out.empty() ? "" : ", ") + key + "=" + (value.is_string() ? value.get<std::string>() : value.dump());
    }
    return out;
}

void print_line(const CaseResult& r) {
    fmt::print("{:<7} {:<8} {:6.2f}s  {}  {}\n", to_string(r.status), r.claim, r.duration_s, r.case_path,
               r.status == Status::Pass ? evidence_summary(r.evidence) : r.exit);
    if (r.status == Status::Pass) return;
    const std::string tail = r.status == Status::Fail ? failure_tail(r.output, 12) : output_tail(r.output, 8);
    std::string::size_type at = 0;
    while (at < tail.size()) {
        auto nl = tail.find('\n', at);
        if (nl == std::string::npos) nl = tail.size();
        fmt::print("        | {}\n", tail.substr(at, nl - at));
        at = nl + 1;
    }
    std::fflush(stdout);
}

}  // namespace

int run_jobs(const RunOptions& opt, const std::vector<CaseJob>& jobs, const JobDone& done) {
    // Each case's result file, until the run ends: inside the output directory,
    // so that a runner killed outright leaves nothing in /tmp (the next run
    // there clears it).
    const fs::path scratch = opt.out_dir / ".running";
    fs::remove_all(scratch);
    fs::create_directories(scratch);

    int sigfd = ipc::block_into_signalfd({SIGCHLD, SIGINT, SIGTERM, SIGHUP}, SFD_CLOEXEC);
    std::map<pid_t, Running> running;
    std::size_t next = 0;
    int interrupted = 0;
    while (!interrupted && (next < jobs.size() || !running.empty())) {
        while (next < jobs.size() && static_cast<int>(running.size()) < opt.jobs) {
            fs::path file = scratch / fmt::format("{}.json", next);
            pid_t pid = start_exec(opt, jobs[next], file);
            if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
            running[pid] = {next++, file};
        }
        signalfd_siginfo info{};
        if (::read(sigfd, &info, sizeof info) != sizeof info) continue;
        if (info.ssi_signo != SIGCHLD) {
            interrupted = static_cast<int>(info.ssi_signo);
            break;
        }
        int status;
        pid_t pid;
        while ((pid = ::waitpid(-1, &status, WNOHANG)) > 0) {
            auto it = running.find(pid);
            if (it == running.end()) continue;
            const Running job = it->second;
            running.erase(it);
            done(job.index, collect(*jobs[job.index].claim, job.result_file, status));
        }
    }
    if (interrupted) {
        fmt::print(stderr, "ipc-claims: interrupted by signal {}, stopping {} running case(s)\n", interrupted,
                   running.size());
        for (auto& [pid, job] : running) ::kill(pid, SIGTERM);  // each exec kills its own case group
        for (auto& [pid, job] : running) ::waitpid(pid, nullptr, 0);
    }
    ::close(sigfd);
    fs::remove_all(scratch);
    return interrupted;
}

RunResults run_cases(const RunOptions& opt, int& interrupted) {
    fs::create_directories(opt.out_dir);
    RunResults results;
    results.tool = opt.tool;
    results.started_at = utc_now();
    std::vector<CaseJob> jobs;
    for (const auto& c : opt.selected) {
        if (!c.implemented()) continue;
        if (fs::exists(opt.cases_dir / c.case_path())) {
            jobs.push_back({&c, opt.wrap});
            continue;
        }
        CaseResult missing;
        missing.claim = c.id;
        missing.case_path = c.case_path();
        missing.exit = "case binary missing: " + (opt.cases_dir / c.case_path()).string() + " (build the project)";
        print_line(missing);
        results.cases.push_back(missing);
    }
    interrupted = run_jobs(opt, jobs, [&](std::size_t, CaseResult r) {
        print_line(r);
        if (opt.after_case) opt.after_case(r);
        results.cases.push_back(std::move(r));
    });

    // Catalogue order, whatever order the cases finished in.
    std::map<std::string, std::size_t> rank;
    for (std::size_t i = 0; i < opt.claims.size(); ++i) rank[opt.claims[i].id] = i;
    std::sort(results.cases.begin(), results.cases.end(),
              [&](const CaseResult& a, const CaseResult& b) { return rank[a.claim] < rank[b.claim]; });
    results.environment = opt.environment.is_object() ? opt.environment : collect_environment();
    results.environment["runtime"] = runtime_record(opt.runtime);
    if (!opt.wrap.empty()) results.environment["wrap"] = opt.wrap;
    return results;
}

int write_run(const RunOptions& opt, const RunResults& results, double seconds, int interrupted) {
    write_json_file(opt.out_dir / "results.json", to_json(results));
    write_junit(opt.out_dir / "junit.xml", results, opt.claims);
    PageFiles report = write_report(opt.out_dir, results, opt.claims, opt.peer_checks);

    std::map<Status, int> count;
    for (const auto& r : results.cases) ++count[r.status];
    fmt::print("\n{} cases in {:.2f} s: {} passed, {} failed, {} skipped, {} broken, {} timed out\n",
               results.cases.size(), seconds, count[Status::Pass], count[Status::Fail], count[Status::Skip],
               count[Status::Broken], count[Status::Timeout]);
    fmt::print("results: {}\n         {}\nreport:  {}\n         {}\n", (opt.out_dir / "results.json").string(),
               (opt.out_dir / "junit.xml").string(), report.markdown.string(), report.html.string());
    if (interrupted) return 128 + interrupted;
    bool all_good = count[Status::Fail] + count[Status::Broken] + count[Status::Timeout] == 0;
    return all_good ? 0 : 1;
}

int run_suite(const RunOptions& opt) {
    const auto start = Clock::now();
    int interrupted = 0;
    RunResults results = run_cases(opt, interrupted);
    return write_run(opt, results, std::chrono::duration<double>(Clock::now() - start).count(), interrupted);
}

}  // namespace runner
