#include "runner/supervise.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <poll.h>
#include <string_view>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ipc/process.hpp"
#include "ipc/signals.hpp"
#include "ipc/temp_dir.hpp"
#include "runner/isolation.hpp"
#include "runner/runtime.hpp"

namespace runner {
namespace {

namespace fs = std::filesystem;

// Each case's directory: $TMPDIR/ipc-claims-case.XXXXXX.
constexpr std::string_view case_dir_prefix = "ipc-claims-case";
using Clock = std::chrono::steady_clock;

int g_interrupted_by = 0;
constexpr std::size_t output_tail_bytes = 4000;
constexpr rlim_t max_output_file = 64u << 20;  // a case that floods its output dies of SIGXFSZ

// What the case's environment adds: its temporary directory, where its
// evidence goes, the isolation it got.
std::vector<std::pair<std::string, std::string>> case_variables(const fs::path& work, const fs::path& evidence,
                                                                const std::string& isolation) {
    return {{"TMPDIR", work.string()}, {"IPC_CLAIMS_EVIDENCE", evidence.string()}, {"IPC_CLAIMS_ISOLATION", isolation}};
}

// This process's environment with the case's variables: a sandbox's, which
// runsc does not inherit.
std::vector<std::string> sandbox_environment(const std::vector<std::pair<std::string, std::string>>& vars) {
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
        std::string entry = *e;
        std::string name = entry.substr(0, entry.find('='));
        bool replaced = false;
        for (const auto& [k, v] : vars) replaced |= k == name;
        if (!replaced) env.push_back(entry);
    }
    for (const auto& [k, v] : vars) env.push_back(k + "=" + v);
    return env;
}

constexpr const char* gvisor_isolation = "gvisor-sandbox";

// Everything after fork and before exec, in the case's own process (under
// gVisor: in runsc's, which starts the case in its sandbox).
[[noreturn]] void become_case(const ExecRequest& req, const fs::path& dir, const fs::path& evidence_file,
                              std::vector<std::string> words, int report_fd, const PidsCgroup& cgroup) {
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (!cgroup.enter())
        limit_processes(req.max_pids);  // before the namespaces: cgroup files belong to the host's root
    // gVisor's sandbox has its own IPC namespace in its own kernel; runsc makes the host namespaces it needs.
    std::string isolation = req.runtime.gvisor() ? gvisor_isolation : enter_isolation();

    ipc::reset_signal_state();

    const fs::path work = dir / "tmp";
    ::chdir(work.c_str());
    // (Under gVisor the case's variables are in the sandbox's spec: runsc itself keeps the host's $TMPDIR,
    // where its sandbox makes its chroot as an unprivileged user.)
    if (!req.runtime.gvisor())
        for (const auto& [name, value] : case_variables(work, evidence_file, isolation))
            ::setenv(name.c_str(), value.c_str(), 1);

    int in = ::open("/dev/null", O_RDONLY);
    int out = ::open((dir / "output.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
    ::dup2(in, STDIN_FILENO);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(out, STDERR_FILENO);
    rlimit core{0, RLIM_INFINITY};
    ::getrlimit(RLIMIT_CORE, &core);
    core.rlim_cur = 0;  // a case that wants a core dump raises it itself
    ::setrlimit(RLIMIT_CORE, &core);
    // Under gVisor the limit is the sandbox's (its spec): the sentry's own memory file must grow past it.
    rlimit fsize{max_output_file, max_output_file};
    if (!req.runtime.gvisor()) ::setrlimit(RLIMIT_FSIZE, &fsize);

    (void)!::write(report_fd, isolation.data(), isolation.size());
    ::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);

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

// The last line that says something: runsc's error when its sandbox failed.
std::string last_line(const std::string& text) {
    auto end = text.find_last_not_of(" \t\n");
    if (end == std::string::npos) return "";
    auto start = text.rfind('\n', end);
    return text.substr(start == std::string::npos ? 0 : start + 1,
                       end - (start == std::string::npos ? 0 : start + 1) + 1);
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

}  // namespace

int interrupted_by() { return g_interrupted_by; }

CaseResult supervise(const ExecRequest& req) {
    CaseResult r;
    ::prctl(PR_SET_CHILD_SUBREAPER, 1);
    // Signals that end the supervisor go through a signalfd, so that it can kill
    // the case's group before it leaves.
    int sigfd = ipc::block_into_signalfd({SIGINT, SIGTERM, SIGHUP}, SFD_CLOEXEC);

    // Once a process: the case directories a supervisor killed with SIGKILL left.
    static std::once_flag swept;
    std::call_once(swept, [] { ipc::remove_orphaned_temp_dirs(case_dir_prefix); });
    std::optional<ipc::TempDir> case_dir;
    try {
        case_dir.emplace(case_dir_prefix);
    } catch (const std::exception& e) {
        r.exit = std::string("cannot create a temporary directory: ") + e.what();
        return r;
    }
    const fs::path dir = case_dir->path();
    fs::create_directory(dir / "tmp");
    const bool gvisor = req.runtime.gvisor();
    const SandboxPaths sandbox(dir);
    const fs::path evidence_file = (gvisor ? sandbox.shared : dir) / "evidence.jsonl";
    std::vector<std::string> command = req.wrap;
    command.push_back(req.program);
    command.insert(command.end(), req.args.begin(), req.args.end());
    if (gvisor) {
        SandboxSpec spec;
        spec.command = std::move(command);
        spec.cwd = dir / "tmp";  // the host's, under the sandbox's overlay: what the case writes stays inside
        spec.env = sandbox_environment(case_variables(spec.cwd, evidence_file, gvisor_isolation));
        spec.max_output_bytes = max_output_file;
        command = prepare_sandbox(req.runtime, sandbox, fs::read_symlink("/proc/self/exe"), spec,
                                  "ipc-claims-" + std::to_string(::getpid()));
    }
    const IpcObjects before = host_ipc_objects();
    // Under gVisor (ptrace platform) every process of the case is a host process with a few threads, beside the
    // sandbox's own threads: the same number of the case's processes needs more host pids.
    const PidsCgroup cgroup(gvisor ? req.max_pids * 8 : req.max_pids);

    int report[2];
    ::pipe2(report, O_CLOEXEC);
    const auto start = Clock::now();
    pid_t pid = ::fork();
    if (pid == 0) become_case(req, dir, evidence_file, std::move(command), report[1], cgroup);
    ::close(report[1]);
    if (pid < 0) {
        r.exit = std::string("fork failed: ") + std::strerror(errno);
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
    bool ended = false, flooded = false;
    // runsc writes the case's output to the host's file itself, past any RLIMIT_FSIZE of the case's: the
    // runner watches the file's size and stops the sandbox as SIGXFSZ would stop a native case.
    const fs::path output_file = dir / "output.log";
    constexpr long long output_check_ms = 100;
    while (!ended) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) break;
        struct stat st {};
        if (gvisor && ::stat(output_file.c_str(), &st) == 0 && static_cast<rlim_t>(st.st_size) >= max_output_file) {
            flooded = true;
            break;
        }
        int ready = ::poll(fds, 2, static_cast<int>(gvisor ? std::min<long long>(left, output_check_ms) : left));
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
    bool runtime_failed = false, sandbox_died = false;
    if (ended && ::waitpid(pid, &status, 0) == pid) {
        if (!gvisor) {
            judge(r, status);
        } else if (SandboxOutcome o = read_sandbox_outcome(sandbox); o.known) {
            judge(r, o.wait_status);  // the case's own status, not runsc's 128+N for a signal
            r.leftover_processes = o.leftover_processes;
        } else {
            CaseResult runsc;
            judge(runsc, status);
            if (o.started) {  // e.g. its sentry met the pids limit: no verdict on the case
                sandbox_died = true;
                r.exit = "the gVisor sandbox died while the case ran (runsc " + runsc.exit + ")";
            } else {
                runtime_failed = true;
                r.exit = "the gVisor sandbox did not run the case (runsc " + runsc.exit + ")";
            }
        }
    } else if (flooded) {
        r.status = Status::Fail;
        r.exit = "killed by SIGXFSZ (the runner stopped the sandbox: its output reached " +
                 std::to_string(max_output_file >> 20) + " MiB)";
    } else if (g_interrupted_by) {
        r.exit = "interrupted by " + ipc::signal_name(g_interrupted_by);
    } else {
        r.status = Status::Timeout;
        r.exit = "timed out after " + std::to_string(req.timeout.count() / 1000.0).substr(0, 5) + " s";
    }
    r.duration_s = std::chrono::duration<double>(Clock::now() - start).count();
    cgroup.kill_all();  // first: a fork bomb cannot outrun it, and every victim ends up ours to reap
    const int left_on_host = kill_and_reap_descendants(pid);
    if (!gvisor) r.leftover_processes = left_on_host;
    else if (left_on_host && (!ended || runtime_failed || sandbox_died))  // stopped by the runner, not ended on its own
        r.evidence["runner.sandbox_processes_killed"] = left_on_host;     // runsc's gofer, sandbox, its stubs
    if (long long hits = cgroup.active() ? cgroup.times_limit_hit() : 0; hits > 0)
        r.evidence["runner.pids_limit_hit"] = hits;  // a fork bomb met the limit
    ::close(pidfd);
    ::close(sigfd);

    if (r.isolation == "none") {
        int removed = remove_new_ipc_objects(before);
        if (removed) r.evidence["runner.removed_leaked_ipc_objects"] = removed;
    }
    auto evidence = read_evidence(evidence_file);
    evidence.update(r.evidence);
    r.evidence = evidence;
    r.output = read_tail(dir / "output.log");
    if (runtime_failed || sandbox_died) {
        std::string why = last_line(r.output);
        r.evidence[runtime_failed ? "runner.runtime_error" : "runner.sandbox_died"] = why.empty() ? r.exit : why;
    }
    return r;
}

}  // namespace runner
