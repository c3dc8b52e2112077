// SIG-08 (edge; signal(7) "Signal dispositions", execve(2) "All process
// attributes are preserved during an execve(), except ...: dispositions of any
// signals that are being caught are reset to the default"): across exec a
// caught signal goes back to its default action while an ignored one stays
// ignored. So a parent that ignores SIGPIPE hands that on to every program it
// runs, whose write to a broken pipe then fails with EPIPE instead of killing
// it (PIPE-08 would break): the reason the runner resets every disposition.
// The exec'd program is a role of this binary; its dispositions are read
// from /proc/PID/status (SigIgn, SigCgt), or, where /proc has no signal lines
// (gVisor), from its own report (sigaction per signal, read after exec).
#include <fcntl.h>

#include "ipc/case.hpp"
#include "ipc/signals.hpp"

// Says it is running (after exec) with its masks as it reads them itself,
// waits to be told, then writes to a pipe with no reader: exit 0 if that
// failed with EPIPE and it lived.
IPC_ROLE("exec-child") {
    const int ready = std::stoi(args.at(0));
    const int go = std::stoi(args.at(1));
    if (!ipc::write_all(ready, "r" + ipc::serialize(ipc::own_signal_masks()))) return 98;
    (void)ipc::read_some(go, 1);
    auto broken_pipe = ipc::Pipe::make();
    broken_pipe.read_end.reset();
    ssize_t n = ::write(broken_pipe.w(), "x", 1);
    ipc::evidence("exec_child.write_to_broken_pipe", n < 0 ? ipc::errno_name(errno) : std::to_string(n));
    return n < 0 && errno == EPIPE ? 0 : 1;
}

namespace {
// The end of a pipe that an exec'd child should inherit (all else is O_CLOEXEC).
std::string inheritable(int fd) {
    ipc::must(::fcntl(fd, F_SETFD, 0), "fcntl(F_SETFD)");
    return std::to_string(fd);
}

// Execs the child role from a parent that ignores SIGPIPE and catches
// SIGUSR1 (both restored afterwards), recording the parent's masks.
ipc::Child exec_with_sigpipe_ignored_and_sigusr1_caught(const std::vector<std::string>& fds) {
    struct sigaction ignore {};
    struct sigaction previous {};
    ignore.sa_handler = SIG_IGN;
    ipc::must(::sigaction(SIGPIPE, &ignore, &previous), "sigaction(SIGPIPE, SIG_IGN)");
    std::optional<ipc::Child> child;
    {
        ipc::CaughtSignal caught(SIGUSR1);
        auto parent = ipc::signal_masks(::getpid());  // /proc, else this process's own syscalls
        ipc::record_signal_masks("parent_before_exec", parent);
        REQUIRE(parent.ignored_has(SIGPIPE));
        REQUIRE(parent.caught_has(SIGUSR1));
        child.emplace(ipc::Child::exec_role("exec-child", fds));
    }
    ::sigaction(SIGPIPE, &previous, nullptr);
    return std::move(*child);
}

// The exec'd child's masks: /proc's view first; else its own, as it reported them in `hello`.
ipc::SignalMasks masks_after_exec(const ipc::Child& child, const std::string& hello) {
    auto seen = ipc::observe_signal_masks(child.pid());
    if (!seen.masks) {
        ipc::evidence("exec_child.proc_status", seen.why_not);
        seen.masks = ipc::deserialize(hello.substr(1));
        REQUIRE_MESSAGE(seen.masks, "the exec'd child's report of its own masks is malformed: " << hello);
    }
    return *seen.masks;
}

}  // namespace

CLAIM("SIG-08", "across exec caught signals reset to default while ignored ones stay ignored") {
    auto ready = ipc::Pipe::make(O_CLOEXEC);
    auto go = ipc::Pipe::make(O_CLOEXEC);
    auto child = exec_with_sigpipe_ignored_and_sigusr1_caught({inheritable(ready.w()), inheritable(go.r())});
    ready.write_end.reset();
    go.read_end.reset();
    const std::string hello = ipc::read_exactly(ready.r(), 1 + ipc::serialized_masks_size);
    REQUIRE_MESSAGE(hello.substr(0, 1) == "r", "the exec'd child never started");

    const auto masks = masks_after_exec(child, hello);
    ipc::record_signal_masks("exec_child", masks);
    ipc::evidence("exec_child.cmdline_has_role",
                  ipc::read_text("/proc/" + std::to_string(child.pid()) + "/cmdline").value_or("").find("exec-child") !=
                      std::string::npos);
    CHECK(masks.ignored_has(SIGPIPE));        // ignored stays ignored
    CHECK_FALSE(masks.caught_has(SIGUSR1));   // caught is reset ...
    CHECK_FALSE(masks.ignored_has(SIGUSR1));  // ... to the default, not to ignored

    REQUIRE(ipc::write_all(go.w(), "g"));
    auto status = child.wait();
    ipc::evidence("exec_child_status", status.describe());
    CHECK(status.exited_with(0));  // it lived through a write to a broken pipe
}
