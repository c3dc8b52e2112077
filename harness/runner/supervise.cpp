#include "supervise.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ipc/process.hpp"
#include "isolation.hpp"

namespace runner {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

int g_interrupted_by = 0;
constexpr std::size_t output_tail_bytes = 4000;
constexpr rlim_t max_output_file = 64u << 20;  // a case that floods its output dies of SIGXFSZ

// Everything after fork and before exec, in the case's own process.
[[noreturn]] void become_case(const ExecRequest& req, const fs::path& dir, int report_fd, const PidsCgroup& cgroup) {
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (!cgroup.enter()) limit_processes(req.max_pids);  // before the namespaces: cgroup files belong to the host's root
    std::string isolation = enter_isolation();

    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    for (int sig = 1; sig < NSIG; ++sig) ::sigaction(sig, &dfl, nullptr);  // fails harmlessly for KILL, STOP
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);

    const fs::path work = dir / "tmp";
    ::chdir(work.c_str());
    ::setenv("TMPDIR", work.c_str(), 1);
    ::setenv("IPC_CLAIMS_EVIDENCE", (dir / "evidence.jsonl").c_str(), 1);
    ::setenv("IPC_CLAIMS_ISOLATION", isolation.c_str(), 1);

    int in = ::open("/dev/null", O_RDONLY);
    int out = ::open((dir / "output.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
    ::dup2(in, STDIN_FILENO);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(out, STDERR_FILENO);
    rlimit core{0, RLIM_INFINITY};
    ::getrlimit(RLIMIT_CORE, &core);
    core.rlim_cur = 0;  // a case that wants a core dump raises it itself
    ::setrlimit(RLIMIT_CORE, &core);
    rlimit fsize{max_output_file, max_output_file};
    ::setrlimit(RLIMIT_FSIZE, &fsize);

    (void)!::write(report_fd, isolation.data(), isolation.size());
    ::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);

    std::vector<std::string> words = req.wrap;
    words.push_back(req.program);
    words.insert(words.end(), req.args.begin(), req.args.end());
    std::vector<char*> argv;
    for (auto& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    ::execvp(argv[0], argv.data());
    std::string msg = std::string("ipc-claims: cannot execute ") + argv[0] + ": " + std::strerror(errno) + "\n";
    (void)!::write(STDERR_FILENO, msg.data(), msg.size());
    ::_exit(exit_code(Status::Broken));
}

// Evidence records, one JSON object per line; later keys win.
nlohmann::json read_evidence(const fs::path& file) {
    nlohmann::json evidence = nlohmann::json::object();
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
        auto rec = nlohmann::json::parse(line, nullptr, false);
        if (rec.is_object() && rec.contains("key") && rec["key"].is_string())
            evidence[rec["key"].get<std::string>()] = rec.value("value", nlohmann::json());
    }
    return evidence;
}

std::string read_tail(const fs::path& file) {
    std::ifstream in(file, std::ios::binary | std::ios::ate);
    if (!in) return "";
    auto size = static_cast<std::size_t>(in.tellg());
    std::size_t start = size > output_tail_bytes ? size - output_tail_bytes : 0;
    in.seekg(static_cast<std::streamoff>(start));
    std::string tail((std::istreambuf_iterator<char>(in)), {});
    return start ? "[...]\n" + tail : tail;
}

void judge(CaseResult& r, int status) {
    if (WIFEXITED(status)) {
        int code = WEXITSTATUS(status);
        r.exit = "exited with code " + std::to_string(code);
        r.status = code == 0 ? Status::Pass : code == 77 ? Status::Skip : code == 99 ? Status::Broken : Status::Fail;
    } else if (WIFSIGNALED(status)) {
        r.exit = "killed by " + ipc::signal_name(WTERMSIG(status)) + (WCOREDUMP(status) ? " (core dumped)" : "");
        r.status = Status::Fail;
    }
}

// Signals that end the supervisor go through a signalfd, so that it can kill
// the case's group before it leaves.
int block_termination_signals() {
    sigset_t set;
    sigemptyset(&set);
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&set, sig);
    ::sigprocmask(SIG_BLOCK, &set, nullptr);
    return ::signalfd(-1, &set, SFD_CLOEXEC);
}

}  // namespace

int interrupted_by() { return g_interrupted_by; }

CaseResult supervise(const ExecRequest& req) {
    CaseResult r;
    ::prctl(PR_SET_CHILD_SUBREAPER, 1);
    int sigfd = block_termination_signals();

    std::string pattern = (fs::temp_directory_path() / "ipc-claims-case.XXXXXX").string();
    if (!::mkdtemp(pattern.data())) {
        r.exit = std::string("cannot create a temporary directory: ") + std::strerror(errno);
        return r;
    }
    const fs::path dir = pattern;
    fs::create_directory(dir / "tmp");
    const IpcObjects before = host_ipc_objects();
    const PidsCgroup cgroup(req.max_pids);

    int report[2];
    ::pipe2(report, O_CLOEXEC);
    const auto start = Clock::now();
    pid_t pid = ::fork();
    if (pid == 0) become_case(req, dir, report[1], cgroup);
    ::close(report[1]);
    if (pid < 0) {
        r.exit = std::string("fork failed: ") + std::strerror(errno);
        fs::remove_all(dir);
        return r;
    }
    ::setpgid(pid, pid);  // also here, so the group exists before we may kill it
    char mode[64] = {};
    ssize_t n = ::read(report[0], mode, sizeof mode - 1);
    ::close(report[0]);
    r.isolation = n > 0 ? std::string(mode, static_cast<std::size_t>(n)) : "unknown";

    int pidfd = ipc::open_pidfd(pid);
    pollfd fds[2] = {{pidfd, POLLIN, 0}, {sigfd, POLLIN, 0}};
    const auto deadline = start + req.timeout;
    bool ended = false;
    while (!ended) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) break;
        int ready = ::poll(fds, 2, static_cast<int>(left));
        if (ready < 0 && errno != EINTR) break;
        if (fds[1].revents & POLLIN) {
            signalfd_siginfo info{};
            (void)!::read(sigfd, &info, sizeof info);
            g_interrupted_by = static_cast<int>(info.ssi_signo);
            break;
        }
        if (fds[0].revents & POLLIN) ended = true;
    }
    int status = 0;
    if (ended && ::waitpid(pid, &status, 0) == pid) {
        judge(r, status);
    } else if (g_interrupted_by) {
        r.exit = "interrupted by " + ipc::signal_name(g_interrupted_by);
    } else {
        r.status = Status::Timeout;
        r.exit = "timed out after " + std::to_string(req.timeout.count() / 1000.0).substr(0, 5) + " s";
    }
    r.duration_s = std::chrono::duration<double>(Clock::now() - start).count();
    cgroup.kill_all();  // first: a fork bomb cannot outrun it, and every victim ends up ours to reap
    r.leftover_processes = kill_and_reap_descendants(pid);
    if (long long hits = cgroup.active() ? cgroup.times_limit_hit() : 0; hits > 0)
        r.evidence["runner.pids_limit_hit"] = hits;  // a fork bomb met the limit
    ::close(pidfd);
    ::close(sigfd);

    if (r.isolation == "none") {
        int removed = remove_new_ipc_objects(before);
        if (removed) r.evidence["runner.removed_leaked_ipc_objects"] = removed;
    }
    auto evidence = read_evidence(dir / "evidence.jsonl");
    evidence.update(r.evidence);
    r.evidence = evidence;
    r.output = read_tail(dir / "output.log");
    std::error_code ignored;
    fs::remove_all(dir, ignored);
    return r;
}

}  // namespace runner
