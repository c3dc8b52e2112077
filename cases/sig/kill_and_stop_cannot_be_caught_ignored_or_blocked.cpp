// SIG-04 (edge; signal(7) "Signal dispositions", sigaction(2) EINVAL,
// sigprocmask(2) NOTES): SIGKILL and SIGSTOP cannot be caught or ignored —
// sigaction() fails with EINVAL — nor blocked: sigprocmask() silently leaves
// them out of the mask, both in the mask it reads back and in /proc's view
// (SigBlk). A child that blocks and ignores everything it can is
// still stopped by SIGSTOP and killed by SIGKILL. Where /proc/PID/status has
// no signal lines (gVisor), the child's masks as it reads them itself
// (sigprocmask, sigaction per signal), sent with its report, stand in for
// /proc's (evidence `child_blocking_everything.source`).
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>

#include "ipc/case.hpp"
#include "ipc/signals.hpp"

namespace {
void handler(int) {}

// sigaction() refuses to catch or ignore either: EINVAL, the default kept.
void sigaction_refuses_kill_and_stop() {
    for (int sig : {SIGKILL, SIGSTOP}) {
        CAPTURE(ipc::signal_name(sig));
        struct sigaction catch_it {};
        struct sigaction ignore_it {};
        catch_it.sa_handler = handler;
        ignore_it.sa_handler = SIG_IGN;
        CHECK_FAILS_WITH(::sigaction(sig, &catch_it, nullptr), EINVAL);
        CHECK_FAILS_WITH(::sigaction(sig, &ignore_it, nullptr), EINVAL);
        CHECK_EQ(ipc::disposition(sig), "default");
    }
}

// A child that blocks and ignores every signal it can, then reports on
// `ready` and pauses for good. Its report: "r", then K and S if sigprocmask
// reads SIGKILL or SIGSTOP back as blocked ('-' if not), then all its masks
// as it sees them, for a parent that cannot read them in /proc.
ipc::Child start_child_blocking_everything(const ipc::Pipe& ready) {
    return ipc::Child::fork([&]() -> int {
        sigset_t all;
        ::sigfillset(&all);
        ::sigprocmask(SIG_SETMASK, &all, nullptr);  // leaves out SIGKILL and SIGSTOP, silently
        struct sigaction ignore_it {};
        ignore_it.sa_handler = SIG_IGN;
        for (int sig = 1; sig < NSIG; ++sig) ::sigaction(sig, &ignore_it, nullptr);  // fails for KILL, STOP
        sigset_t now;
        ::sigemptyset(&now);
        ::sigprocmask(SIG_BLOCK, nullptr, &now);
        const std::string report = std::string{'r', ::sigismember(&now, SIGKILL) == 1 ? 'K' : '-',
                                               ::sigismember(&now, SIGSTOP) == 1 ? 'S' : '-'} +
                                   ipc::serialize(ipc::own_signal_masks());
        ipc::write_all(ready.w(), report);
        for (;;) ::pause();
    });
}

// The child's masks: /proc's view first; else the child's own, as it reported it.
ipc::SignalMasks masks_of(const ipc::Child& child, const std::string& reported) {
    auto seen = ipc::observe_signal_masks(child.pid());
    if (!seen.masks) {
        ipc::evidence("child_blocking_everything.proc_status", seen.why_not);
        seen.masks = ipc::deserialize(reported.substr(3));
        REQUIRE_MESSAGE(seen.masks, "the child's report of its own masks is malformed: " << reported);
    }
    return *seen.masks;
}

// SIGSTOP stops the child anyway: reported by SIGCHLD (blocked here, so it
// waits in the pending set) and then by waitpid(WUNTRACED).
void sigstop_stops_it(const ipc::Child& child) {
    ipc::BlockedSignals chld{SIGCHLD};
    CHECK_SUCCEEDS(::kill(child.pid(), SIGSTOP));
    sigset_t which = ipc::signal_set({SIGCHLD});
    timespec deadline{ipc::default_deadline.count() / 1000, 0};
    siginfo_t info{};
    int got = static_cast<int>(::sigtimedwait(&which, &info, &deadline));
    REQUIRE_WITH_ERRNO(got == SIGCHLD, "no SIGCHLD after SIGSTOP");
    ipc::evidence("sigchld_after_sigstop", ipc::si_code_name(SIGCHLD, info.si_code));
    CHECK_EQ(info.si_code, CLD_STOPPED);
    int status = 0;
    CHECK_EQ(::waitpid(child.pid(), &status, WUNTRACED | WNOHANG), child.pid());
    ipc::evidence("child_state_after_sigstop", ipc::snapshot(child.pid()).describe());
    ipc::evidence("waitpid_after_sigstop", WIFSTOPPED(status) ? "stopped by " + ipc::signal_name(WSTOPSIG(status))
                                                              : ipc::WaitStatus(status).describe());
    CHECK(WIFSTOPPED(status));
    CHECK_EQ(WSTOPSIG(status), SIGSTOP);
}

}  // namespace

CLAIM("SIG-04", "SIGKILL and SIGSTOP cannot be caught, ignored or blocked") {
    sigaction_refuses_kill_and_stop();

    auto ready = ipc::Pipe::make(O_CLOEXEC);
    auto child = start_child_blocking_everything(ready);
    ready.write_end.reset();
    const std::string reported = ipc::read_exactly(ready.r(), 3 + ipc::serialized_masks_size);
    const std::string read_back = reported.substr(0, 3);
    REQUIRE_EQ(read_back.substr(0, 1), "r");
    ipc::evidence("child_mask_read_back.has_SIGKILL", read_back.size() == 3 && read_back[1] == 'K');
    ipc::evidence("child_mask_read_back.has_SIGSTOP", read_back.size() == 3 && read_back[2] == 'S');
    CHECK_EQ(read_back, "r--");  // sigprocmask's own view: neither is blocked

    const auto masks = masks_of(child, reported);
    ipc::record_signal_masks("child_blocking_everything", masks);
    CHECK(masks.blocked_has(SIGUSR1));  // the block took effect ...
    CHECK(masks.ignored_has(SIGTERM));
    CHECK_FALSE(masks.blocked_has(SIGKILL));  // ... except for these two
    CHECK_FALSE(masks.blocked_has(SIGSTOP));
    CHECK_FALSE(masks.ignored_has(SIGKILL));
    CHECK_FALSE(masks.ignored_has(SIGSTOP));

    sigstop_stops_it(child);
    CHECK_SUCCEEDS(::kill(child.pid(), SIGKILL));
    auto end = child.wait();
    ipc::evidence("child_after_sigkill", end.describe());
    CHECK(end.killed_by(SIGKILL));
}
