// Child processes: a function run in a fork, or this very binary re-executed
// in a named role (for peers that must share nothing but a kernel object).
#pragma once
#include <chrono>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>
#include <sys/types.h>

namespace ipc {

using namespace std::chrono_literals;

// How long any wait in a case may take before it counts as "never happened".
// Generous: verdicts must not depend on machine load.
inline constexpr std::chrono::milliseconds default_deadline = 10s;

// A wait(2) status that says what it means.
class WaitStatus {
public:
    explicit WaitStatus(int raw) : raw_(raw) {}
    int raw() const { return raw_; }
    bool exited() const;
    int exit_code() const;  // -1 unless exited()
    bool killed() const;
    int signal() const;  // 0 unless killed()
    bool core_dumped() const;
    bool exited_with(int code) const { return exited() && exit_code() == code; }
    bool killed_by(int sig) const { return killed() && signal() == sig; }
    // "exited with code 0", "killed by SIGPIPE", "killed by SIGSEGV (core dumped)"
    std::string describe() const;

private:
    int raw_;
};

// "SIGPIPE", or "signal 40" for one without a name.
std::string signal_name(int sig);
// pidfd_open(2), or -1 with errno ENOSYS on kernels before 5.3.
int open_pidfd(pid_t pid);

// Leaves a forked child: flushes coverage counters, then _exit(code).
[[noreturn]] void child_exit(int code);
// True in a child made by Child::fork (which must leave with child_exit).
bool in_forked_child();

// What a forked child's exit code is when its body throws (Child::fork; the
// child side of Child::exec_role when exec fails). The case layer sets one
// that keeps its exit-code contract (ipc/outcome.hpp); by default the
// exception's text goes to stderr and the child exits with 1.
using ChildFailure = int (*)(const std::exception& e);
void on_child_failure(ChildFailure handler);

class Child {
public:
    // Runs body in a forked child, whose exit code is body's return value.
    // The child never returns into the caller (nor into doctest).
    static Child fork(const std::function<int()>& body);
    // Re-executes this binary as `BINARY --role NAME ARGS...`: a separately
    // executed program that shares nothing with the case but what it is told.
    static Child exec_role(const std::string& role, const std::vector<std::string>& args = {});

    Child(Child&& other) noexcept;
    Child& operator=(Child&&) = delete;
    Child(const Child&) = delete;
    ~Child();  // a child still running is killed and reaped

    // The child's pid, also once reaped (for evidence): it then names no process
    // of ours, so a signal to it, or to -pid() as a group, may reach another one.
    pid_t pid() const { return pid_; }
    bool reaped() const { return reaped_; }
    // The status once it ends within the deadline, nullopt otherwise (still running).
    std::optional<WaitStatus> wait_for(std::chrono::milliseconds deadline);
    // The status; a child still running at the deadline is killed with
    // SIGKILL, so the status says so.
    WaitStatus wait(std::chrono::milliseconds deadline = default_deadline);
    void kill(int sig) const;  // nothing once reaped

private:
    explicit Child(pid_t pid) : pid_(pid) {}
    bool running() const { return pid_ > 0 && !reaped_; }
    pid_t pid_ = -1;
    bool reaped_ = false;
};

// A role: `IPC_ROLE("writer") { ... return 0; }` in a case file defines what
// the binary does when executed with `--role writer`; `args` holds the rest.
using RoleBody = int (*)(const std::vector<std::string>& args);
struct RoleRegistration {
    RoleRegistration(const char* name, RoleBody body);
};
// Runs the role named on the command line, if any (used by the case main).
std::optional<int> run_role_from_args(int argc, char** argv);

}  // namespace ipc

#define IPC_CAT_(a, b) a##b
#define IPC_CAT(a, b) IPC_CAT_(a, b)
#define IPC_ROLE(name)                                                                                   \
    static int IPC_CAT(ipc_role_, __LINE__)(const std::vector<std::string>& args);                       \
    static ::ipc::RoleRegistration IPC_CAT(ipc_role_reg_, __LINE__){name, IPC_CAT(ipc_role_, __LINE__)}; \
    static int IPC_CAT(ipc_role_, __LINE__)([[maybe_unused]] const std::vector<std::string>& args)
