// SIG-24 (edge; signalfd(2) "If no signals in the mask are pending at the
// time of the read(2), then the read(2) either blocks until one of the
// signals in mask is generated for the thread, or fails with the error
// EAGAIN if the file descriptor has been made nonblocking", "poll(2) ...
// The file descriptor is readable ... if one or more of the signals in mask
// is pending", SFD_NONBLOCK, SFD_CLOEXEC): a signalfd made with SFD_NONBLOCK
// | SFD_CLOEXEC has O_NONBLOCK and FD_CLOEXEC, fails a read with EAGAIN and
// polls not readable while nothing is pending, polls readable once a signal
// is; a blocking one makes a child's poll and then its read wait (observed)
// until the case sends it the signal; a signal sent to the process is read
// by a read waiting in another thread; ppoll on a signalfd of SIGKILL alone
// times out.
#include <fcntl.h>
#include <atomic>
#include <thread>
#include <poll.h>
#include <sys/signalfd.h>

#include "ipc/blocking.hpp"
#include "ipc/case.hpp"
#include "ipc/fd.hpp"
#include "ipc/reporting_child.hpp"
#include "ipc/signals.hpp"

namespace {
short poll_now(int fd) {
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, 0) == 1 ? p.revents : 0;
}
struct Waited {
    int poll_result;
    short revents;
    unsigned first_signo;
    long read_result;
    unsigned second_signo;
    unsigned second_pid;
};
}  // namespace

CLAIM("SIG-24",
      "a signalfd read waits or fails with EAGAIN (SFD_NONBLOCK), and polls readable when a signal is pending") {
    ipc::BlockedSignals blocked{SIGUSR1};
    sigset_t usr1 = ipc::signal_set({SIGUSR1});
    const int raw = ::signalfd(-1, &usr1, SFD_NONBLOCK | SFD_CLOEXEC);
    REQUIRE_WITH_ERRNO(raw >= 0, "signalfd");
    ipc::Fd fd(raw);
    ipc::evidence("F_GETFL.O_NONBLOCK", (::fcntl(raw, F_GETFL) & O_NONBLOCK) != 0);
    ipc::evidence("F_GETFD.FD_CLOEXEC", (::fcntl(raw, F_GETFD) & FD_CLOEXEC) != 0);
    REQUIRE((::fcntl(raw, F_GETFL) & O_NONBLOCK) != 0);
    CHECK((::fcntl(raw, F_GETFD) & FD_CLOEXEC) != 0);

    signalfd_siginfo s{};
    ipc::evidence("read_with_nothing_pending", ipc::describe(ipc::capture([&] { return ::read(raw, &s, sizeof s); })));
    CHECK_FAILS_WITH(::read(raw, &s, sizeof s), EAGAIN);
    ipc::evidence("poll_with_nothing_pending", poll_now(raw));
    CHECK_EQ(poll_now(raw), 0);
    ::kill(::getpid(), SIGUSR1);
    ipc::evidence("poll_with_SIGUSR1_pending", poll_now(raw));
    CHECK((poll_now(raw) & POLLIN) != 0);
    CHECK_EQ(::read(raw, &s, sizeof s), static_cast<long>(sizeof s));
    CHECK_FAILS_WITH(::read(raw, &s, sizeof s), EAGAIN);
    CHECK_EQ(poll_now(raw), 0);

    // A blocking signalfd, in a child (a signalfd reads its reader's own
    // signals): its poll, then its read, wait until the case signals it.
    auto child = ipc::ReportingChild::fork([](Waited& r) {
        sigset_t mask = ipc::signal_set({SIGUSR1});
        int cfd = ::signalfd(-1, &mask, SFD_CLOEXEC);
        if (cfd < 0) return 2;
        pollfd p{cfd, POLLIN, 0};
        r.poll_result = ::poll(&p, 1, static_cast<int>(ipc::default_deadline.count()));
        r.revents = p.revents;
        signalfd_siginfo got{};
        if (::read(cfd, &got, sizeof got) == static_cast<long>(sizeof got)) r.first_signo = got.ssi_signo;
        r.read_result = ::read(cfd, &got, sizeof got);
        r.second_signo = got.ssi_signo;
        r.second_pid = got.ssi_pid;
        return 0;
    });
    auto in_poll = ipc::require_blocked_in(child.pid(), {SYS_poll, SYS_ppoll}, "child_blocked_in_poll");
    (void)in_poll;
    CHECK_SUCCEEDS(::kill(child.pid(), SIGUSR1));
    ipc::require_blocked_in(child.pid(), SYS_read, "child_blocked_in_read");
    CHECK_SUCCEEDS(::kill(child.pid(), SIGUSR1));
    auto done = child.finish();
    auto r = done.as<Waited>();
    REQUIRE_MESSAGE(r, "the child sent no report: " << done.status.describe());
    ipc::evidence("child.poll", std::to_string(r->poll_result) + " revents " + std::to_string(r->revents));
    ipc::evidence("child.read", std::to_string(r->read_result) + " " +
                                    ipc::signal_name(static_cast<int>(r->second_signo)) + " from pid " +
                                    std::to_string(r->second_pid));
    CHECK_EQ(r->poll_result, 1);
    CHECK((r->revents & POLLIN) != 0);
    CHECK_EQ(r->first_signo, static_cast<unsigned>(SIGUSR1));
    CHECK_EQ(r->read_result, static_cast<long>(sizeof(signalfd_siginfo)));
    CHECK_EQ(r->second_signo, static_cast<unsigned>(SIGUSR1));
    CHECK_EQ(r->second_pid, static_cast<unsigned>(::getpid()));

    // A signal sent to the process (not a thread) is read by a signalfd
    // read waiting in another thread, twice.
    {
        sigset_t m = ipc::signal_set({SIGUSR1});
        const int tfd = ::signalfd(-1, &m, SFD_CLOEXEC);
        REQUIRE_WITH_ERRNO(tfd >= 0, "signalfd");
        ipc::Fd thread_fd(tfd);
        std::atomic<pid_t> reader_tid{0};
        unsigned got[2] = {0, 0};
        std::thread reader([&] {
            reader_tid = ::gettid();
            for (unsigned& g : got) {
                signalfd_siginfo t{};
                if (::read(tfd, &t, sizeof t) == static_cast<long>(sizeof t)) g = t.ssi_signo;
            }
        });
        while (reader_tid == 0) std::this_thread::yield();
        auto seen = ipc::await_blocked_in(reader_tid, SYS_read);
        ::kill(::getpid(), SIGUSR1);
        auto seen2 = ipc::await_blocked_in(reader_tid, SYS_read);
        ::kill(::getpid(), SIGUSR1);
        reader.join();
        ipc::evidence("reader_thread", std::string(seen ? "seen blocked in read" : "not seen blocked") + ", read " +
                                           ipc::signal_name(static_cast<int>(got[0])) + ", " +
                                           ipc::signal_name(static_cast<int>(got[1])));
        CHECK(seen.has_value());
        CHECK_EQ(got[0], static_cast<unsigned>(SIGUSR1));
        CHECK_EQ(got[1], static_cast<unsigned>(SIGUSR1));
        (void)seen2;
    }

    // SIGKILL alone: never readable; ppoll times out.
    sigset_t kill_only = ipc::signal_set({SIGKILL});
    const int kfd = ::signalfd(-1, &kill_only, SFD_CLOEXEC);
    REQUIRE_WITH_ERRNO(kfd >= 0, "signalfd(SIGKILL)");
    ipc::Fd kill_fd(kfd);
    pollfd p{kfd, POLLIN, 0};
    const timespec brief{0, 100'000'000};
    CHECK_EQ(::ppoll(&p, 1, &brief, &kill_only), 0);
}
