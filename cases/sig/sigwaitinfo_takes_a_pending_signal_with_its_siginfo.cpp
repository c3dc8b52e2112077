// SIG-22 (edge; sigwaitinfo(2) "sigwaitinfo() suspends execution of the
// calling thread until one of the signals in set is pending ... it accepts
// the signal (i.e., removes it from the pending list) and returns the signal
// number ... If the info argument is not NULL, then the buffer ... is used
// to return ... siginfo_t"; "If multiple signals in set are pending ...
// lower-numbered real-time signals first"; "sigwaitinfo() and sigtimedwait()
// ... ignore the handlers"; signal(7) a blocked signal is pending even when
// ignored): a blocked signal sent by a child is returned with si_signo,
// si_code SI_USER, si_pid and si_uid of the sender and leaves the pending
// set; a wait with nothing pending blocks (observed) until a child sends the
// signal; SIGCHLD of an exited child comes with CLD_EXITED and its pid; a
// blocked signal that is ignored is still taken; real-time signals come
// lowest first; info may be NULL; a handler for the signal is not called;
// the mask is the same after the waits. Also: a caught SIGCHLD handler,
// blocked, is not called; a timer's SIGALRM is taken; a signal not blocked
// but caught, sent during the wait, is taken too (Linux); SIGKILL in the set
// is never taken, it kills the waiter.
#include <sys/syscall.h>
#include <sys/time.h>

#include "ipc/blocking.hpp"
#include "ipc/case.hpp"
#include "ipc/signals.hpp"

namespace {
timespec deadline() { return {ipc::default_deadline.count() / 1000, 0}; }
std::string describe(int got, const siginfo_t& i) {
    if (got <= 0) return "nothing (" + ipc::errno_name(errno) + ")";
    return ipc::any_signal_name(got) + " " + ipc::si_code_name(got, i.si_code) + " from pid " +
           std::to_string(i.si_pid) + " uid " + std::to_string(i.si_uid);
}
}  // namespace

CLAIM("SIG-22", "sigwaitinfo and sigtimedwait take a pending signal with its siginfo") {
    const int rt1 = SIGRTMIN + 1, rt2 = SIGRTMIN + 2;
    ipc::BlockedSignals blocked{SIGUSR1, SIGUSR2, SIGCHLD, rt1, rt2};
    ipc::CaughtSignal caught(SIGUSR1);
    const pid_t me = ::getpid();
    sigset_t mask_before;
    ::sigprocmask(SIG_BLOCK, nullptr, &mask_before);

    // Already pending, sent by a child.
    auto sender = ipc::Child::fork([me] { return ::kill(me, SIGUSR1) == 0 ? 0 : 1; });
    const pid_t sender_pid = sender.pid();
    REQUIRE(sender.wait().exited_with(0));
    sigset_t usr1 = ipc::signal_set({SIGUSR1});
    siginfo_t info{};
    int got = ::sigwaitinfo(&usr1, &info);
    ipc::evidence("pending_SIGUSR1", describe(got, info));
    CHECK_EQ(got, SIGUSR1);
    CHECK_EQ(info.si_signo, SIGUSR1);
    CHECK_EQ(info.si_code, SI_USER);
    CHECK_EQ(info.si_pid, sender_pid);
    CHECK_EQ(info.si_uid, ::getuid());
    CHECK_FALSE(ipc::is_pending(SIGUSR1));

    // Nothing pending: it waits, observed, until a child sends SIGUSR1.
    auto waker = ipc::Child::fork([me] {
        const bool seen = ipc::await_blocked_in(me, SYS_rt_sigtimedwait).has_value();
        ::kill(me, SIGUSR1);
        return seen ? 0 : 3;
    });
    const pid_t waker_pid = waker.pid();
    const timespec wait_for = deadline();
    info = {};
    got = ::sigtimedwait(&usr1, &info, &wait_for);
    auto waker_end = waker.wait();
    ipc::evidence("waited_SIGUSR1", describe(got, info));
    CHECK(waker_end.exited_with(0));  // it saw us blocked in rt_sigtimedwait
    CHECK_EQ(got, SIGUSR1);
    CHECK_EQ(info.si_pid, waker_pid);

    // SIGCHLD of a child's exit (those of the children before taken first),
    // and one sent with kill().
    sigset_t chld = ipc::signal_set({SIGCHLD});
    const timespec zero{0, 0};
    while (::sigtimedwait(&chld, nullptr, &zero) > 0) {
    }
    CHECK_SUCCEEDS(::kill(me, SIGCHLD));
    info = {};
    got = ::sigtimedwait(&chld, &info, &zero);
    ipc::evidence("SIGCHLD_by_kill", describe(got, info));
    CHECK_EQ(got, SIGCHLD);
    CHECK_EQ(info.si_code, SI_USER);
    ipc::CaughtSignal chld_handler(SIGCHLD);  // installed, but blocked: not called
    auto exiting = ipc::Child::fork([] { return 0; });
    info = {};
    got = ::sigtimedwait(&chld, &info, &wait_for);
    ipc::evidence("SIGCHLD", describe(got, info));
    CHECK_EQ(got, SIGCHLD);
    CHECK_EQ(info.si_code, CLD_EXITED);
    CHECK_EQ(info.si_pid, exiting.pid());
    exiting.wait();

    // Blocked and ignored: still pending, still taken.
    struct sigaction ignore {
    }, old{};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGUSR2, &ignore, &old);
    ::kill(me, SIGUSR2);
    sigset_t usr2 = ipc::signal_set({SIGUSR2});
    got = ::sigtimedwait(&usr2, nullptr, &zero);  // info NULL
    ::sigaction(SIGUSR2, &old, nullptr);
    ipc::evidence("ignored_but_blocked_SIGUSR2", got > 0 ? ipc::signal_name(got) : ipc::errno_name(errno));
    CHECK_EQ(got, SIGUSR2);

    // Real-time signals: lowest first, whatever the order sent.
    ::kill(me, rt2);
    ::kill(me, rt1);
    sigset_t rts = ipc::signal_set({rt1, rt2});
    const int first = ::sigwaitinfo(&rts, nullptr);
    const int second = ::sigwaitinfo(&rts, nullptr);
    ipc::evidence("realtime_order", ipc::any_signal_name(first) + ", " + ipc::any_signal_name(second));
    CHECK_EQ(first, rt1);
    CHECK_EQ(second, rt2);

    CHECK_EQ(chld_handler.count(), 0);

    // A timer's SIGALRM, blocked, is taken the same way.
    {
        ipc::BlockedSignals alrm_blocked{SIGALRM};
        itimerval once{};
        once.it_value.tv_usec = 10'000;
        REQUIRE_WITH_ERRNO(::setitimer(ITIMER_REAL, &once, nullptr) == 0, "setitimer");
        sigset_t alrm = ipc::signal_set({SIGALRM});
        info = {};
        got = ::sigtimedwait(&alrm, &info, &wait_for);
        ipc::evidence("SIGALRM_of_ITIMER_REAL", describe(got, info));
        CHECK_EQ(got, SIGALRM);
        CHECK_EQ(info.si_signo, SIGALRM);
    }

    // Not blocked but caught: a wait for it takes it all the same (Linux),
    // the handler not called; with info and without.
    ipc::CaughtSignal usr2_handler(SIGUSR2);
    ::sigprocmask(SIG_UNBLOCK, &usr2, nullptr);
    for (bool with_info : {true, false}) {
        auto sender2 = ipc::Child::fork([me] {
            const bool seen = ipc::await_blocked_in(me, SYS_rt_sigtimedwait).has_value();
            ::kill(me, SIGUSR2);
            return seen ? 0 : 3;
        });
        const pid_t sender2_pid = sender2.pid();
        info = {};
        got = ::sigtimedwait(&usr2, with_info ? &info : nullptr, &wait_for);
        auto sender2_end = sender2.wait();
        ipc::evidence(std::string("unblocked_caught_SIGUSR2") + (with_info ? "" : ".no_info"), describe(got, info));
        CHECK(sender2_end.exited_with(0));
        CHECK_EQ(got, SIGUSR2);
        if (with_info) CHECK_EQ(info.si_pid, sender2_pid);
    }
    CHECK_EQ(usr2_handler.count(), 0);
    ::sigprocmask(SIG_BLOCK, &usr2, nullptr);

    // SIGKILL in the set is never taken: it kills the waiter.
    auto waiter = ipc::Child::fork([] {
        sigset_t kill_set = ipc::signal_set({SIGKILL});
        ::sigwaitinfo(&kill_set, nullptr);
        return 3;
    });
    ipc::require_blocked_in(waiter.pid(), SYS_rt_sigtimedwait, "SIGKILL_waiter_blocked");
    CHECK_SUCCEEDS(::syscall(SYS_tkill, waiter.pid(), SIGKILL));
    auto waiter_end = waiter.wait();
    ipc::evidence("SIGKILL_waiter", waiter_end.describe());
    CHECK(waiter_end.killed_by(SIGKILL));

    sigset_t mask_after;
    ::sigprocmask(SIG_BLOCK, nullptr, &mask_after);
    CHECK_EQ(ipc::mask_names(ipc::to_mask(mask_after)), ipc::mask_names(ipc::to_mask(mask_before)));
    blocked.unblock();
    ipc::evidence("handler_calls", caught.count());
    CHECK_EQ(caught.count(), 0);  // taken by the waits, never handled
}
