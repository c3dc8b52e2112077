// SIG-07 (edge; signal(7), wait(2) NOTES, sigaction(2) SA_NOCLDWAIT): when a
// child exits, the parent gets SIGCHLD (si_pid, CLD_EXITED, the exit code) and
// the child waits as a zombie to be reaped; a handler runs once per child
// that exits, each time with that child's pid. With SIGCHLD set to SIG_IGN the
// kernel reaps children itself: waitpid() waits for the child to end, then
// fails with ECHILD.
#include <fcntl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>

#include "ipc/case.hpp"
#include "ipc/procfs.hpp"
#include "ipc/readiness.hpp"
#include "ipc/reporting_child.hpp"
#include "ipc/signals.hpp"

namespace {

// Default disposition: SIGCHLD is sent (pending here, SIGCHLD blocked) and
// the child waits as a zombie until reaped.
void sigchld_sent_and_child_waits_to_be_reaped() {
    ipc::evidence("default.sigchld_disposition", ipc::disposition(SIGCHLD));
    ipc::BlockedSignals blocked{SIGCHLD};
    // A signalfd becomes readable while SIGCHLD is pending, without taking it.
    sigset_t chld = ipc::signal_set({SIGCHLD});
    ipc::Fd watch(static_cast<int>(ipc::must(::signalfd(-1, &chld, SFD_CLOEXEC), "signalfd")));
    auto go = ipc::Pipe::make(O_CLOEXEC);
    auto child = ipc::Child::fork([&] {
        go.write_end.reset();
        (void)ipc::read_some(go.r(), 1);
        return 7;
    });
    const pid_t child_pid = child.pid();
    CHECK_FALSE(ipc::is_pending(SIGCHLD));
    go.write_end.reset();  // the child reads end of file and exits with 7

    REQUIRE_MESSAGE(ipc::readable_within(watch.get(), ipc::default_deadline), "no SIGCHLD after the child exited");
    auto masks = ipc::signal_masks(::getpid());
    ipc::record_signal_masks("default.after_child_exit", masks);
    ipc::evidence("default.child_state", ipc::snapshot(child_pid).describe());
    CHECK(masks.pending_has(SIGCHLD));
    if (masks.split_pending) CHECK(masks.shared_pending_has(SIGCHLD));  // sent to the process
    else ipc::skip_part("default.after_child_exit.shared_pending", ipc::no_pending_split);
    CHECK_EQ(ipc::snapshot(child_pid).state, 'Z');

    siginfo_t info{};
    timespec now{0, 0};
    REQUIRE_EQ(::sigtimedwait(&chld, &info, &now), SIGCHLD);
    ipc::evidence("default.sigchld", ipc::si_code_name(SIGCHLD, info.si_code) + " from pid " +
                                         std::to_string(info.si_pid) + ", si_status " + std::to_string(info.si_status));
    CHECK_EQ(info.si_pid, child_pid);
    CHECK_EQ(info.si_code, CLD_EXITED);
    CHECK_EQ(info.si_status, 7);
    auto status = child.wait();
    ipc::evidence("default.waitpid", status.describe());
    CHECK(status.exited_with(7));
}

// Caught: the handler runs once for each child that exits, with its pid.
void handler_runs_once_per_child() {
    auto notified = ipc::Pipe::make(O_CLOEXEC | O_NONBLOCK);
    ipc::CaughtSignal caught(SIGCHLD, {.flags = SA_RESTART, .notify_fd = notified.w()});
    for (int k = 1; k <= 2; ++k) {
        INFO("child " << k);
        const std::string as = "caught.child" + std::to_string(k);
        auto child = ipc::Child::fork([k] { return 20 + k; });
        const pid_t child_pid = child.pid();
        REQUIRE_MESSAGE(ipc::readable_within(notified.r(), ipc::default_deadline),
                        "the SIGCHLD handler did not run after child " << k << " exited");
        (void)ipc::read_some(notified.r(), 16);
        const auto seen = ipc::deliveries();
        REQUIRE_EQ(seen.size(), static_cast<std::size_t>(k));
        ipc::evidence(as + ".delivery", ipc::describe(seen.back()));
        CHECK_EQ(caught.count(), k);
        CHECK_EQ(seen.back().pid, child_pid);
        CHECK_EQ(seen.back().code, CLD_EXITED);
        auto status = child.wait();
        ipc::evidence(as + ".waitpid", status.describe());
        CHECK(status.exited_with(20 + k));
    }
}

// What a parent with SIGCHLD ignored saw of its child's end.
struct IgnoredReport {
    long waited;      // waitpid's result
    int err;          // and its errno
    int child_state;  // its pidfd afterwards: -1 no pidfd, 0 running, 1 exited
    bool sigchld_pending;
    pid_t child_pid;
    bool reaped;  // the pid soon named no process
};

// In the role of a parent with SIGCHLD ignored: forks a child (raw: the
// kernel reaps it, so no ipc::Child may own and wait for it), lets it exit
// and waits for it. Exit 98: the setup failed.
int waitpid_with_sigchld_ignored(IgnoredReport& r) {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    if (::sigaction(SIGCHLD, &ignore, nullptr) < 0) return 98;
    sigset_t chld = ipc::signal_set({SIGCHLD});
    ::sigprocmask(SIG_UNBLOCK, &chld, nullptr);
    int go[2];
    if (::pipe2(go, O_CLOEXEC) < 0) return 98;
    pid_t pid = ::fork();
    if (pid == 0) {
        char c;
        ::close(go[1]);
        (void)!::read(go[0], &c, 1);  // end of file when told, or when this parent dies
        ipc::child_exit(5);
    }
    if (pid < 0) return 98;
    ::close(go[0]);
    int pidfd = ipc::open_pidfd(pid);
    ::close(go[1]);  // the grandchild exits now
    int status = 0;
    errno = 0;
    r.waited = ::waitpid(pid, &status, 0);  // blocks until it has gone, then ECHILD
    r.err = r.waited < 0 ? errno : 0;
    r.child_state = pidfd < 0 ? -1 : ipc::readable_within(pidfd, std::chrono::milliseconds(0)) ? 1 : 0;
    r.sigchld_pending = ipc::is_pending(SIGCHLD);
    r.child_pid = pid;
    // Reaped, not left a zombie: the pid soon names no process (the kernel
    // releases the child just after waking this waiter, so the first look may
    // still find it; a zombie stays until the deadline).
    r.reaped = ipc::eventually([pid] { return ::kill(pid, 0) == -1 && errno == ESRCH; });
    return 0;
}

// SIGCHLD ignored: the kernel reaps the child and waitpid fails with ECHILD.
void kernel_reaps_when_sigchld_ignored() {
    auto done = ipc::ReportingChild::fork(waitpid_with_sigchld_ignored).finish();
    if (done.status.exited_with(98)) ipc::broken("the intermediate parent could not set up");
    const auto r = done.as<IgnoredReport>();
    const std::string child_state = !r ? "" : r->child_state < 0 ? "no-pidfd" : r->child_state ? "exited" : "running";
    const std::string sigchld = !r ? "" : r->sigchld_pending ? "pending" : "not-pending";
    const std::string reaped = !r ? "" : r->reaped ? "reaped" : "not-reaped";
    const std::string err = r ? ipc::errno_name(r->err) : "";
    const long waited = r ? r->waited : -2;
    ipc::evidence("ignored.child_pid", r ? std::to_string(r->child_pid) : "");
    ipc::evidence("ignored.waitpid_result", waited);
    ipc::evidence("ignored.waitpid_errno", err);
    ipc::evidence("ignored.child_after_waitpid", child_state);
    ipc::evidence("ignored.sigchld_in_parent", sigchld);
    ipc::evidence("ignored.child_reaped", reaped);
    ipc::evidence("ignored.parent_status", done.status.describe());
    CHECK_EQ(waited, -1);
    CHECK_EQ(err, "ECHILD");
    CHECK_NE(child_state, "running");
    CHECK_EQ(sigchld, "not-pending");
    CHECK_EQ(reaped, "reaped");
}

}  // namespace

CLAIM("SIG-07", "SIGCHLD reaches the parent of an exiting child; with SIGCHLD ignored waitpid fails with ECHILD") {
    SUBCASE("default disposition: SIGCHLD is sent and the child waits to be reaped") {
        sigchld_sent_and_child_waits_to_be_reaped();
    }
    SUBCASE("caught: the handler runs once for each child that exits, one after the other") {
        handler_runs_once_per_child();
    }
    SUBCASE("SIGCHLD ignored: the kernel reaps the child and waitpid fails with ECHILD") {
        kernel_reaps_when_sigchld_ignored();
    }
}
