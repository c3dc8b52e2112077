// SIG-23 (edge; signalfd(2) "read(2) ... returns information about as many
// signals as are pending and will fit in the supplied buffer ... signalfd_
// siginfo", "the mask argument specifies the set of signals that the caller
// wishes to accept via the file descriptor", "The underlying signals are
// consumed", "it is not possible to receive SIGKILL or SIGSTOP signals via a
// signalfd file descriptor; these signals are silently ignored if specified
// in mask", ERRORS of read EINVAL for a buffer smaller than one record): a
// read of a signalfd returns the pending signals of its mask only, each as a
// 128-byte record with ssi_signo, ssi_code, ssi_pid, ssi_uid (and ssi_int for
// sigqueue, in the order queued), and takes them off the pending set; two
// signalfds with other masks each get their own; a buffer smaller than one
// record is refused with EINVAL; SIGKILL in the mask still kills.
#include <sys/signalfd.h>

#include "ipc/case.hpp"
#include "ipc/fd.hpp"
#include "ipc/signals.hpp"

namespace {

ipc::Fd signal_fd(std::initializer_list<int> sigs, int flags = SFD_CLOEXEC | SFD_NONBLOCK) {
    sigset_t mask = ipc::signal_set(sigs);
    int fd = ::signalfd(-1, &mask, flags);
    REQUIRE_WITH_ERRNO(fd >= 0, "signalfd");
    return ipc::Fd(fd);
}

std::string describe(const signalfd_siginfo& s) {
    return ipc::any_signal_name(static_cast<int>(s.ssi_signo)) + " " +
           ipc::si_code_name(static_cast<int>(s.ssi_signo), s.ssi_code) + " from pid " + std::to_string(s.ssi_pid) +
           " uid " + std::to_string(s.ssi_uid) + " int " + std::to_string(s.ssi_int);
}

}  // namespace

CLAIM("SIG-23", "a signalfd read returns its mask's pending signals as signalfd_siginfo and consumes them") {
    const int rt = SIGRTMAX;
    ipc::BlockedSignals blocked{SIGUSR1, SIGUSR2, rt};
    auto fd1 = signal_fd({SIGUSR1});
    auto fd2 = signal_fd({SIGUSR2});
    const pid_t me = ::getpid();
    REQUIRE_WITH_ERRNO(::kill(me, SIGUSR1) == 0, "kill");
    REQUIRE_WITH_ERRNO(::kill(me, SIGUSR2) == 0, "kill");

    char small[sizeof(signalfd_siginfo) - 1];
    ipc::evidence("read_of_127_bytes",
                  ipc::describe(ipc::capture([&] { return ::read(fd1.get(), small, sizeof small); })));
    CHECK_FAILS_WITH(::read(fd1.get(), small, sizeof small), EINVAL);

    signalfd_siginfo two[2]{};
    auto n2 = ipc::capture([&] { return ::read(fd2.get(), two, sizeof two); });  // the other one's signal stays
    ipc::evidence("fd2_read", ipc::describe(n2) + ": " + describe(two[0]));
    CHECK_EQ(n2.value, static_cast<long>(sizeof(signalfd_siginfo)));
    CHECK_EQ(two[0].ssi_signo, static_cast<unsigned>(SIGUSR2));
    signalfd_siginfo s{};
    auto n1 = ipc::capture([&] { return ::read(fd1.get(), &s, sizeof s); });
    ipc::evidence("fd1_read", ipc::describe(n1) + ": " + describe(s));
    CHECK_EQ(n1.value, static_cast<long>(sizeof s));
    CHECK_EQ(s.ssi_signo, static_cast<unsigned>(SIGUSR1));
    CHECK_EQ(s.ssi_code, SI_USER);
    CHECK_EQ(s.ssi_pid, static_cast<unsigned>(me));
    CHECK_EQ(s.ssi_uid, ::getuid());
    CHECK_FALSE(ipc::is_pending(SIGUSR1));  // consumed
    CHECK_FALSE(ipc::is_pending(SIGUSR2));

    // Queued real-time signals, with their values, in order.
    auto fdrt = signal_fd({rt});
    REQUIRE_WITH_ERRNO(::sigqueue(me, rt, sigval{101}) == 0, "sigqueue");
    REQUIRE_WITH_ERRNO(::sigqueue(me, rt, sigval{102}) == 0, "sigqueue");
    signalfd_siginfo q[2]{};
    auto nq = ipc::capture([&] { return ::read(fdrt.get(), q, sizeof q); });
    ipc::evidence("queued_read", ipc::describe(nq) + ": " + describe(q[0]) + "; " + describe(q[1]));
    CHECK_EQ(nq.value, static_cast<long>(sizeof q));
    CHECK_EQ(q[0].ssi_code, SI_QUEUE);
    CHECK_EQ(q[0].ssi_int, 101);
    CHECK_EQ(q[1].ssi_int, 102);
    CHECK_FAILS_WITH(::read(fdrt.get(), q, sizeof q), EAGAIN);

    // SIGKILL in the mask (and "blocked"): still kills.
    auto victim = ipc::Child::fork([] {
        sigset_t mask = ipc::signal_set({SIGKILL});
        ::sigprocmask(SIG_BLOCK, &mask, nullptr);
        int fd = ::signalfd(-1, &mask, SFD_CLOEXEC);
        if (fd < 0) return 2;
        ::raise(SIGKILL);
        signalfd_siginfo got{};
        (void)::read(fd, &got, sizeof got);
        return 3;
    });
    auto end = victim.wait();
    ipc::evidence("SIGKILL_with_signalfd", end.describe());
    CHECK(end.killed_by(SIGKILL));
}
