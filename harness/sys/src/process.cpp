#include "ipc/process.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <map>
#include <poll.h>
#include <sys/syscall.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ipc/error.hpp"

#ifdef IPC_COVERAGE
extern "C" void __gcov_dump(void);
#endif

namespace ipc {
namespace {

bool g_in_forked_child = false;

int report_child_failure(const std::exception& e) {
    std::string line = std::string(e.what()) + "\n";
    (void)!::write(STDERR_FILENO, line.data(), line.size());
    return 1;
}
ChildFailure g_child_failure = report_child_failure;

// In a new child: die with the parent, so that a case that crashes or is
// killed never leaves its children running.
void follow_parent(pid_t parent) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    // The parent is gone: nobody waits for this code. (0: the parent is
    // outside the child's pid namespace, which a case may have made.)
    if (const pid_t now = ::getppid(); now != parent && now != 0) ::_exit(1);
}

std::map<std::string, RoleBody>& roles() {
    static std::map<std::string, RoleBody> table;
    return table;
}

}  // namespace

std::string signal_name(int sig) {
    const char* abbrev = sigabbrev_np(sig);
    return abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
}

int open_pidfd(pid_t pid) { return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)); }

bool WaitStatus::exited() const { return WIFEXITED(raw_); }
int WaitStatus::exit_code() const { return exited() ? WEXITSTATUS(raw_) : -1; }
bool WaitStatus::killed() const { return WIFSIGNALED(raw_); }
int WaitStatus::signal() const { return killed() ? WTERMSIG(raw_) : 0; }
bool WaitStatus::core_dumped() const { return killed() && WCOREDUMP(raw_); }

std::string WaitStatus::describe() const {
    if (exited()) return "exited with code " + std::to_string(exit_code());
    if (killed()) return "killed by " + signal_name(signal()) + (core_dumped() ? " (core dumped)" : "");
    return "raw status " + std::to_string(raw_);
}

void child_exit(int code) {
#ifdef IPC_COVERAGE
    __gcov_dump();
#endif
    ::_exit(code);
}

bool in_forked_child() { return g_in_forked_child; }

void on_child_failure(ChildFailure handler) { g_child_failure = handler; }

Child Child::fork(const std::function<int()>& body) {
    pid_t parent = ::getpid();
    std::fflush(nullptr);  // or the child would flush the parent's buffers again
    pid_t pid = static_cast<pid_t>(check_call(::fork(), "fork"));
    if (pid == 0) {
        g_in_forked_child = true;
        follow_parent(parent);
        int code;
        try {
            code = body();
        } catch (const std::exception& e) {
            code = g_child_failure(e);
        }
        child_exit(code);
    }
    return Child(pid);
}

Child Child::exec_role(const std::string& role, const std::vector<std::string>& args) {
    char self[4096];
    ssize_t n = check_call(::readlink("/proc/self/exe", self, sizeof self - 1), "readlink /proc/self/exe");
    self[n] = '\0';
    std::vector<std::string> words{self, "--role", role};
    words.insert(words.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);

    pid_t parent = ::getpid();
    std::fflush(nullptr);
    pid_t pid = static_cast<pid_t>(check_call(::fork(), "fork"));
    if (pid == 0) {
        follow_parent(parent);
        ::execv(self, argv.data());
        child_exit(g_child_failure(SysError("exec " + std::string(self), errno)));
    }
    return Child(pid);
}

Child::Child(Child&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)), reaped_(std::exchange(other.reaped_, false)) {}

Child::~Child() {
    if (!running()) return;
    ::kill(pid_, SIGKILL);
    int status;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
}

std::optional<WaitStatus> Child::wait_for(std::chrono::milliseconds deadline) {
    if (!running()) throw Failure("wait on a child already reaped");
    int pidfd = open_pidfd(pid_);
    if (pidfd >= 0) {
        pollfd p{pidfd, POLLIN, 0};
        int ready;
        do ready = ::poll(&p, 1, static_cast<int>(deadline.count()));
        while (ready < 0 && errno == EINTR);
        ::close(pidfd);
        if (ready == 0) return std::nullopt;
    }
    // Without pidfd (kernels before 5.3), waitpid with WNOHANG in a poll loop.
    auto until = std::chrono::steady_clock::now() + deadline;
    for (;;) {
        int status;
        pid_t r = ::waitpid(pid_, &status, pidfd >= 0 ? 0 : WNOHANG);
        if (r == pid_) {
            reaped_ = true;
            return WaitStatus(status);
        }
        if (r < 0 && errno != EINTR) throw SysError("waitpid", errno);
        if (r == 0) {
            if (std::chrono::steady_clock::now() >= until) return std::nullopt;
            ::poll(nullptr, 0, 1);  // poll interval while the child runs
        }
    }
}

WaitStatus Child::wait(std::chrono::milliseconds deadline) {
    if (auto status = wait_for(deadline)) return *status;
    kill(SIGKILL);
    auto status = wait_for(default_deadline);
    if (!status) throw Failure("child did not die of SIGKILL");
    return *status;
}

void Child::kill(int sig) const {
    if (running()) ::kill(pid_, sig);
}

RoleRegistration::RoleRegistration(const char* name, RoleBody body) { roles()[name] = body; }

std::optional<int> run_role_from_args(int argc, char** argv) {
    if (argc < 3 || std::strcmp(argv[1], "--role") != 0) return std::nullopt;
    auto it = roles().find(argv[2]);
    if (it == roles().end()) throw Failure(std::string("no role named ") + argv[2]);
    return it->second(std::vector<std::string>(argv + 3, argv + argc));
}

}  // namespace ipc
