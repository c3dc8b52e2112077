// SIG-25 (edge; signalfd(2) "If the fd argument is not -1, then it must
// specify a valid existing signalfd file descriptor, and mask is used to
// replace the signal set associated with that file descriptor", ERRORS:
// EBADF "The fd file descriptor is not a valid file descriptor", EINVAL "fd
// is not a valid signalfd file descriptor", EINVAL "flags is invalid; or, in
// Linux 2.6.26 or earlier, flags is nonzero"): signalfd(fd, mask) on an
// existing signalfd returns that fd and replaces its set: a signal pending
// but outside the first set becomes readable; and the new set is the one that
// counts (the old signal is no longer read). It fails with EBADF for a
// descriptor that is not open, EINVAL for a descriptor that is not a
// signalfd (a pipe), EINVAL for unknown flags, and, made with signalfd4
// directly, EINVAL for a sizemask other than the kernel's.
#include <fcntl.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>

#include "ipc/case.hpp"
#include "ipc/fd.hpp"
#include "ipc/signals.hpp"
#include "sig_support.hpp"

CLAIM("SIG-25", "signalfd(fd, mask) replaces an existing signalfd's set; EBADF, EINVAL for bad fds and flags") {
    ipc::BlockedSignals blocked{SIGUSR1, SIGUSR2};
    sigset_t empty;
    ::sigemptyset(&empty);
    const int raw = ::signalfd(-1, &empty, SFD_NONBLOCK | SFD_CLOEXEC);
    REQUIRE_WITH_ERRNO(raw >= 0, "signalfd");
    ipc::Fd fd(raw);
    ::kill(::getpid(), SIGUSR1);
    signalfd_siginfo s{};
    CHECK_FAILS_WITH(::read(raw, &s, sizeof s), EAGAIN);  // not in its set

    sigset_t usr1 = ipc::signal_set({SIGUSR1});
    ipc::evidence("signalfd(fd,{SIGUSR1})", ipc::describe(ipc::capture([&] { return ::signalfd(raw, &usr1, 0); })));
    CHECK_EQ(::signalfd(raw, &usr1, 0), raw);
    auto n = ipc::capture([&] { return ::read(raw, &s, sizeof s); });
    ipc::evidence("read_after_change", ipc::describe(n) + " " + ipc::signal_name(static_cast<int>(s.ssi_signo)));
    CHECK_EQ(n.value, static_cast<long>(sizeof s));
    CHECK_EQ(s.ssi_signo, static_cast<unsigned>(SIGUSR1));

    // Replaced, not added to: SIGUSR1 no longer read once the set is SIGUSR2's.
    sigset_t usr2 = ipc::signal_set({SIGUSR2});
    CHECK_EQ(::signalfd(raw, &usr2, 0), raw);
    ::kill(::getpid(), SIGUSR1);
    CHECK_FAILS_WITH(::read(raw, &s, sizeof s), EAGAIN);
    sigset_t both = ipc::signal_set({SIGUSR1});
    timespec zero{0, 0};
    CHECK_EQ(::sigtimedwait(&both, nullptr, &zero), SIGUSR1);  // drained

    auto not_open = ipc::Fd(::dup(raw));
    const int closed = not_open.get();
    not_open.reset();
    ipc::evidence("closed_fd", ipc::describe(ipc::capture([&] { return ::signalfd(closed, &usr1, 0); })));
    CHECK_FAILS_WITH(::signalfd(closed, &usr1, 0), EBADF);
    auto p = ipc::Pipe::make(O_CLOEXEC);
    ipc::evidence("pipe_fd", ipc::describe(ipc::capture([&] { return ::signalfd(p.r(), &usr1, 0); })));
    CHECK_FAILS_WITH(::signalfd(p.r(), &usr1, 0), EINVAL);
    ipc::evidence("flags_-1", ipc::describe(ipc::capture([&] { return ::signalfd(-1, &usr1, -1); })));
    CHECK_FAILS_WITH(::signalfd(-1, &usr1, -1), EINVAL);
    const std::uint64_t kmask = sigcase::bit(SIGUSR1);
    auto bad_size = ipc::capture([&] { return ::syscall(SYS_signalfd4, -1, &kmask, 4, 0); });
    if (bad_size.ok()) ::close(static_cast<int>(bad_size.value));
    ipc::evidence("sizemask_4", ipc::describe(bad_size));
    CHECK_EQ(bad_size, ipc::SyscallResult::failure(EINVAL));
}
