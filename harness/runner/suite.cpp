#include "suite.hpp"

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

#include "environment.hpp"
#include "junit.hpp"
#include "report.hpp"
#include "results.hpp"

namespace runner {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Running {
    const Claim* claim;
    fs::path result_file;
};

pid_t start_exec(const RunOptions& opt, const Claim& claim, const fs::path& result_file) {
    std::vector<std::string> words = {opt.self.string(), "exec", "--quiet", "--claim", claim.id,
                                      "--result", result_file.string(),
                                      "--timeout", fmt::format("{:.3f}", opt.timeout.count() / 1000.0)};
    if (!opt.wrap.empty()) words.insert(words.end(), {"--wrap", opt.wrap});
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

CaseResult collect(const Running& job, int wait_status) {
    std::ifstream in(job.result_file);
    auto j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_object()) return case_from_json(j);
    CaseResult r;
    r.claim = job.claim->id;
    r.case_path = job.claim->case_path();
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
    std::string tail = r.output.size() > 600 ? r.output.substr(r.output.size() - 600) : r.output;
    std::string::size_type at = 0;
    while (at < tail.size()) {
        auto nl = tail.find('\n', at);
        if (nl == std::string::npos) nl = tail.size();
        fmt::print("        | {}\n", tail.substr(at, nl - at));
        at = nl + 1;
    }
    std::fflush(stdout);
}

int block_run_signals() {
    sigset_t set;
    sigemptyset(&set);
    for (int sig : {SIGCHLD, SIGINT, SIGTERM, SIGHUP}) sigaddset(&set, sig);
    ::sigprocmask(SIG_BLOCK, &set, nullptr);
    return ::signalfd(-1, &set, SFD_CLOEXEC);
}

}  // namespace

int run_suite(const RunOptions& opt) {
    const auto start = Clock::now();
    fs::create_directories(opt.out_dir);
    // Each case's result file, until the run ends: inside the output directory,
    // so that a runner killed outright leaves nothing in /tmp (the next run
    // there clears it).
    const fs::path scratch = opt.out_dir / ".running";
    fs::remove_all(scratch);
    fs::create_directories(scratch);

    RunResults results;
    std::vector<const Claim*> queue;
    for (const auto& c : opt.selected) {
        if (!c.implemented()) continue;
        if (fs::exists(opt.cases_dir / c.case_path())) {
            queue.push_back(&c);
            continue;
        }
        CaseResult missing;
        missing.claim = c.id;
        missing.case_path = c.case_path();
        missing.exit = "case binary missing: " + (opt.cases_dir / c.case_path()).string() + " (build the project)";
        print_line(missing);
        results.cases.push_back(missing);
    }

    int sigfd = block_run_signals();
    std::map<pid_t, Running> running;
    std::size_t next = 0;
    int interrupted = 0;
    while (!interrupted && (next < queue.size() || !running.empty())) {
        while (next < queue.size() && static_cast<int>(running.size()) < opt.jobs) {
            const Claim* c = queue[next];
            fs::path file = scratch / fmt::format("{}.json", next++);
            pid_t pid = start_exec(opt, *c, file);
            if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
            running[pid] = {c, file};
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
            results.cases.push_back(collect(it->second, status));
            print_line(results.cases.back());
            running.erase(it);
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

    // Catalogue order, whatever order the cases finished in.
    std::map<std::string, std::size_t> rank;
    for (std::size_t i = 0; i < opt.claims.size(); ++i) rank[opt.claims[i].id] = i;
    std::sort(results.cases.begin(), results.cases.end(),
              [&](const CaseResult& a, const CaseResult& b) { return rank[a.claim] < rank[b.claim]; });
    results.environment = collect_environment();
    if (!opt.wrap.empty()) results.environment["wrap"] = opt.wrap;
    write_json_file(opt.out_dir / "results.json", to_json(results));
    write_junit(opt.out_dir / "junit.xml", results, opt.claims);
    ReportFiles report = write_report(opt.out_dir, results, opt.claims);

    std::map<Status, int> count;
    for (const auto& r : results.cases) ++count[r.status];
    double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    fmt::print("\n{} cases in {:.2f} s: {} passed, {} failed, {} skipped, {} broken, {} timed out\n",
               results.cases.size(), seconds, count[Status::Pass], count[Status::Fail], count[Status::Skip],
               count[Status::Broken], count[Status::Timeout]);
    fmt::print("results: {}\n         {}\nreport:  {}\n         {}\n", (opt.out_dir / "results.json").string(),
               (opt.out_dir / "junit.xml").string(), report.markdown.string(), report.html.string());
    if (interrupted) return 128 + interrupted;
    bool all_good = count[Status::Fail] + count[Status::Broken] + count[Status::Timeout] == 0;
    return all_good ? 0 : 1;
}

}  // namespace runner
