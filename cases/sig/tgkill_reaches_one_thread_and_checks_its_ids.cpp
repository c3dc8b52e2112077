// SIG-20 (edge; tgkill(2) "tgkill() sends the signal sig to the thread with
// the thread ID tid in the thread group tgid", ERRORS: EINVAL "An invalid
// thread ID, thread group ID, or signal was specified", ESRCH "No process
// with the specified thread ID exists (or it is not in the thread group
// tgid)"; tkill(2) the same without tgid): tgkill(pid, tid) delivers to that
// thread (it takes the signal; the main thread's pending set never holds
// it); tid or tgid <= 0, or a signal out of range, fails with EINVAL; a tid
// in another thread group, or of a thread that has ended, fails with ESRCH,
// for tkill too. kill(tid, 0) of a thread that is not the leader succeeds.
// A real-time signal past RLIMIT_SIGPENDING fails with EAGAIN.
#include <atomic>
#include <sys/resource.h>
#include <thread>

#include "ipc/case.hpp"
#include "ipc/signals.hpp"
#include "sig_support.hpp"

CLAIM("SIG-20", "tgkill reaches the named thread; bad ids EINVAL, a tid not in the group ESRCH") {
    ipc::BlockedSignals blocked{SIGUSR1};  // for both threads
    std::atomic<pid_t> tid{0};
    int taken = 0, code = 0;
    std::thread worker([&] {
        tid = ::gettid();
        // The kernel's call: glibc's sigtimedwait reports SI_TKILL as SI_USER.
        const std::uint64_t set = sigcase::bit(SIGUSR1);
        timespec deadline{ipc::default_deadline.count() / 1000, 0};
        siginfo_t info{};
        taken = static_cast<int>(sigcase::rt_sigtimedwait(&set, &info, &deadline));
        code = info.si_code;
    });
    while (tid == 0) std::this_thread::yield();
    const pid_t me = ::getpid();
    ipc::evidence("thread", "tid " + std::to_string(tid.load()) + " of " + std::to_string(me));
    // kill() takes a pid, the caller's group (0), or a thread's tid alike.
    ipc::evidence("kill(thread_tid,0)", ipc::describe(ipc::capture([&] { return ::kill(tid, 0); })));
    CHECK_SUCCEEDS(::kill(me, 0));
    CHECK_SUCCEEDS(::kill(0, 0));
    CHECK_SUCCEEDS(::kill(tid, 0));

    for (int bad : {0, -1}) {
        CAPTURE(bad);
        CHECK_FAILS_WITH(::tgkill(bad, tid, SIGUSR1), EINVAL);
        CHECK_FAILS_WITH(::tgkill(me, bad, SIGUSR1), EINVAL);
        CHECK_FAILS_WITH(sigcase::tkill(bad, SIGUSR1), EINVAL);
    }
    for (int sig : {-1, SIGRTMAX + 1}) {
        CAPTURE(sig);
        CHECK_FAILS_WITH(::tgkill(me, tid, sig), EINVAL);
        CHECK_FAILS_WITH(sigcase::tkill(tid, sig), EINVAL);
    }
    auto other = ipc::Child::fork([] {
        ::pause();
        return 0;
    });
    ipc::evidence("tgkill(other_group,tid)",
                  ipc::describe(ipc::capture([&] { return ::tgkill(other.pid(), tid, SIGUSR1); })));
    CHECK_FAILS_WITH(::tgkill(other.pid(), tid, SIGUSR1), ESRCH);
    other.kill(SIGKILL);
    other.wait();

    CHECK_SUCCEEDS(::tgkill(me, tid, SIGUSR1));
    CHECK_FALSE(ipc::is_pending(SIGUSR1));  // not the main thread's, nor the process's
    worker.join();
    ipc::evidence("thread_took",
                  taken > 0 ? ipc::signal_name(taken) + " " + ipc::si_code_name(taken, code) : std::string("nothing"));
    CHECK_EQ(taken, SIGUSR1);
    CHECK_EQ(code, SI_TKILL);

    const pid_t ended = tid;  // joined: the thread has ended
    ipc::evidence("tgkill(self,ended_tid)", ipc::describe(ipc::capture([&] { return ::tgkill(me, ended, SIGUSR1); })));
    CHECK_FAILS_WITH(::tgkill(me, ended, SIGUSR1), ESRCH);
    CHECK_FAILS_WITH(sigcase::tkill(ended, SIGUSR1), ESRCH);

    // A real-time signal that cannot be queued (RLIMIT_SIGPENDING 0, in a
    // child of its own): EAGAIN.
    auto limited = ipc::Child::fork([] {
        const rlimit none{0, 0};
        if (::setrlimit(RLIMIT_SIGPENDING, &none) != 0) return 2;
        sigset_t rt = ipc::signal_set({SIGRTMIN});
        ::sigprocmask(SIG_BLOCK, &rt, nullptr);
        const long r = ::tgkill(::getpid(), ::gettid(), SIGRTMIN);
        return r == -1 && errno == EAGAIN ? 0 : 3;
    });
    auto limited_end = limited.wait();
    ipc::evidence("tgkill(SIGRTMIN)_at_RLIMIT_SIGPENDING_0", limited_end.describe() + " (0: EAGAIN)");
    if (limited_end.exited_with(2))  // gVisor has no RLIMIT_SIGPENDING to lower
        return ipc::skip_part("EAGAIN_at_RLIMIT_SIGPENDING_0", "setrlimit(RLIMIT_SIGPENDING, 0) is refused here");
    CHECK(limited_end.exited_with(0));
}
