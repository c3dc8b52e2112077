// SIG-21 (edge; sigtimedwait(2) "If none of the signals in set is pending
// ... the call shall wait for the time interval specified in the timespec
// structure ... If both fields of this structure are specified as 0, a poll
// is performed", ERRORS: EAGAIN "No signal in set became pending within the
// timeout period", EINVAL "timeout was invalid", EINTR "The wait was
// interrupted by a signal handler", EFAULT): with nothing pending,
// rt_sigtimedwait with a zero timeout fails with EAGAIN at once, and with a
// short one fails with EAGAIN after waiting at least that long; a timeout
// with tv_nsec outside 0..999999999 or a negative tv_sec fails with EINVAL;
// an unreadable set or timeout, or an unwritable info (with a signal to take),
// fails with EFAULT; and a caught signal outside the set interrupts a wait
// without timeout with EINTR (observed blocked first); an ignored signal not
// blocked, sent during a wait for it, is discarded: the wait times out.
#include <chrono>

#include "ipc/blocking.hpp"
#include "ipc/case.hpp"
#include "ipc/signals.hpp"
#include "sig_support.hpp"

CLAIM("SIG-21",
      "sigtimedwait times out with EAGAIN, refuses a bad timeout (EINVAL) or address (EFAULT), EINTR by a handler") {
    const std::uint64_t usr1 = sigcase::bit(SIGUSR1);
    const std::uint64_t none = 0;
    siginfo_t info{};

    timespec zero{0, 0};
    ipc::evidence("zero_timeout",
                  ipc::describe(ipc::capture([&] { return sigcase::rt_sigtimedwait(&usr1, &info, &zero); })));
    CHECK_FAILS_WITH(sigcase::rt_sigtimedwait(&usr1, &info, &zero), EAGAIN);

    const timespec short_wait{0, 100'000'000};
    const auto start = std::chrono::steady_clock::now();
    auto waited = ipc::capture([&] { return sigcase::rt_sigtimedwait(&usr1, &info, &short_wait); });
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    ipc::evidence("100ms_timeout", ipc::describe(waited) + " after " + std::to_string(took.count()) + " ms");
    CHECK_EQ(waited, ipc::SyscallResult::failure(EAGAIN));
    CHECK_GE(took.count(), 100);

    for (timespec bad : {timespec{0, 1'000'000'000}, timespec{-1, 0}, timespec{0, -1}}) {
        CAPTURE(bad.tv_sec);
        CAPTURE(bad.tv_nsec);
        ipc::evidence("timeout_" + std::to_string(bad.tv_sec) + "s_" + std::to_string(bad.tv_nsec) + "ns",
                      ipc::describe(ipc::capture([&] { return sigcase::rt_sigtimedwait(&none, nullptr, &bad); })));
        CHECK_FAILS_WITH(sigcase::rt_sigtimedwait(&none, nullptr, &bad), EINVAL);
    }

    CHECK_FAILS_WITH(sigcase::rt_sigtimedwait(sigcase::bad_address(), nullptr, &zero), EFAULT);
    CHECK_FAILS_WITH(sigcase::rt_sigtimedwait(&none, nullptr, sigcase::bad_address()), EFAULT);
    {
        ipc::BlockedSignals blocked{SIGUSR1};
        ::kill(::getpid(), SIGUSR1);
        // One call: it takes the signal off the pending set before failing to copy it out.
        auto bad_info = ipc::capture([&] { return sigcase::rt_sigtimedwait(&usr1, sigcase::bad_address(), &zero); });
        ipc::evidence("bad_info_with_SIGUSR1_pending", ipc::describe(bad_info));
        CHECK_EQ(bad_info, ipc::SyscallResult::failure(EFAULT));
        timespec drain{0, 0};
        sigcase::rt_sigtimedwait(&usr1, nullptr, &drain);  // whatever is left
    }

    // Ignored and not blocked: sent during the wait it is discarded, neither
    // taken nor ending the wait with EINTR: the wait times out.
    {
        struct sigaction ignore {
        }, old{};
        ignore.sa_handler = SIG_IGN;
        ::sigaction(SIGUSR2, &ignore, &old);
        const std::uint64_t usr2 = sigcase::bit(SIGUSR2);
        const pid_t me = ::getpid();
        auto sender = ipc::Child::fork([me] {
            const bool seen = ipc::await_blocked_in(me, SYS_rt_sigtimedwait).has_value();
            ::kill(me, SIGUSR2);
            return seen ? 0 : 3;
        });
        const timespec one_second{1, 0};
        auto ignored = ipc::capture([&] { return sigcase::rt_sigtimedwait(&usr2, nullptr, &one_second); });
        auto sender_end = sender.wait();
        ::sigaction(SIGUSR2, &old, nullptr);
        ipc::evidence("ignored_unblocked_SIGUSR2_during_wait", ipc::describe(ignored));
        CHECK(sender_end.exited_with(0));
        CHECK_EQ(ignored, ipc::SyscallResult::failure(EAGAIN));
    }

    // EINTR: an empty set, no timeout; a child sees us asleep there and
    // sends SIGUSR1, which a handler catches (sent anyway at its deadline).
    ipc::CaughtSignal caught(SIGUSR1);
    const pid_t me = ::getpid();
    auto waker = ipc::Child::fork([me] {
        const bool seen = ipc::await_blocked_in(me, SYS_rt_sigtimedwait).has_value();
        ::kill(me, SIGUSR1);
        return seen ? 0 : 3;
    });
    auto interrupted = ipc::capture([&] { return sigcase::rt_sigtimedwait(&none, nullptr, nullptr); });
    auto waker_end = waker.wait();
    ipc::evidence("no_timeout_empty_set", ipc::describe(interrupted));
    ipc::evidence("waker", waker_end.describe());
    CHECK(waker_end.exited_with(0));  // it saw us blocked in rt_sigtimedwait
    CHECK_EQ(interrupted, ipc::SyscallResult::failure(EINTR));
    CHECK_EQ(caught.count(), 1);
}
