// SIG-17 (edge; kill(2) "If pid equals 0, then sig is sent to every process
// in the process group of the calling process. If pid is less than -1, then
// sig is sent to every process in the process group whose ID is -pid";
// ERRORS ESRCH; setpgid(2)): the case makes a process group of its own
// children (a leader L and members M1, M2, moved there with setpgid), and an
// outsider O left in the case's group. kill(-L, SIGUSR1) reaches L, M1 and
// M2 and not O; kill(0, SIGUSR2) by M1 reaches L, M1 itself and M2, not O;
// before L leads a group, and once its members are gone, kill(-L) fails
// with ESRCH. Every process reports each delivery on a shared pipe: one byte
// for who, one for which signal.
#include <fcntl.h>
#include <poll.h>
#include <set>

#include "ipc/blocking.hpp"
#include "ipc/case.hpp"
#include "sig_support.hpp"
#include "ipc/signals.hpp"

namespace {

char who = '?';
int notify_fd = -1;
void report(int sig) {
    const char note[2] = {who, sig == SIGUSR1 ? '1' : '2'};
    (void)::write(notify_fd, note, 2);
}

// Catches SIGUSR1 and SIGUSR2 with report() until destruction.
struct Reporting {
    struct sigaction old1 {
    }, old2{};
    Reporting() {
        struct sigaction act {};
        act.sa_handler = report;
        act.sa_flags = SA_RESTART;
        ::sigaction(SIGUSR1, &act, &old1);
        ::sigaction(SIGUSR2, &act, &old2);
    }
    ~Reporting() {
        ::sigaction(SIGUSR1, &old1, nullptr);
        ::sigaction(SIGUSR2, &old2, nullptr);
    }
};

// Write ends every child closes, so that its reads end when the case closes them.
int write_ends[2] = {-1, -1};

// A child that waits on go_fd: told "g", it sends SIGUSR2 to its own group
// (kill(0)); at end of file it returns.
ipc::Child start(char name, int go_fd) {
    who = name;
    return ipc::Child::fork([go_fd]() -> int {
        for (int fd : write_ends) ::close(fd);
        char c;
        for (;;) {
            ssize_t n = ::read(go_fd, &c, 1);
            if (n == 1 && c == 'g') ::kill(0, SIGUSR2);
            if (n == 0) return 0;
        }
    });
}

}  // namespace

CLAIM("SIG-17", "kill(0) and kill(-pgid) reach every process of the group and no other") {
    auto notes = ipc::Pipe::make(O_CLOEXEC | O_NONBLOCK);
    ::fcntl(notes.r(), F_SETFL, 0);  // reads block; writes in handlers never do
    notify_fd = notes.w();
    auto hold = ipc::Pipe::make(O_CLOEXEC);  // keeps L, M2 and O waiting
    auto go = ipc::Pipe::make(O_CLOEXEC);    // M1's
    write_ends[0] = hold.w();
    write_ends[1] = go.w();
    Reporting reporting;

    auto leader = start('L', hold.r());
    const pid_t pgid = leader.pid();
    ipc::evidence("kill(-L,0)_before_setpgid", ipc::describe(ipc::capture([&] { return ::kill(-pgid, 0); })));
    CHECK_FAILS_WITH(::kill(-pgid, 0), ESRCH);
    REQUIRE_WITH_ERRNO(::setpgid(pgid, pgid) == 0, "setpgid(L, L)");
    auto m1 = start('1', go.r());
    REQUIRE_WITH_ERRNO(::setpgid(m1.pid(), pgid) == 0, "setpgid(M1, L)");
    auto m2 = start('2', hold.r());
    REQUIRE_WITH_ERRNO(::setpgid(m2.pid(), pgid) == 0, "setpgid(M2, L)");
    auto outsider = start('O', hold.r());
    ipc::evidence("groups", "L " + std::to_string(::getpgid(pgid)) + ", M1 " + std::to_string(::getpgid(m1.pid())) +
                                ", M2 " + std::to_string(::getpgid(m2.pid())) + ", O " +
                                std::to_string(::getpgid(outsider.pid())) + " (the case's)");
    CHECK_NE(::getpgid(outsider.pid()), pgid);

    CHECK_SUCCEEDS(::kill(-pgid, SIGUSR1));
    auto first = sigcase::collect_notes(notes.r(), 3);
    ipc::evidence("after_kill(-L,SIGUSR1)", sigcase::joined(first));
    CHECK_EQ(sigcase::joined(first), "11 21 L1");

    REQUIRE(ipc::write_all(go.w(), "g"));  // M1: kill(0, SIGUSR2)
    auto second = sigcase::collect_notes(notes.r(), 3);
    ipc::evidence("after_kill(0,SIGUSR2)_by_M1", sigcase::joined(second));
    CHECK_EQ(sigcase::joined(second), "12 22 L2");

    // Nothing reaches the outsider, nor anything more: watched for the window.
    auto quiet = ipc::holds_for_window([] { return true; }, notes.r());
    ipc::evidence("outsider_quiet", quiet.describe());
    CHECK(quiet.held);

    hold.write_end.reset();  // every child returns
    go.write_end.reset();
    for (auto* c : {&leader, &m1, &m2, &outsider}) CHECK(c->wait().exited_with(0));
    ipc::evidence("kill(-L,0)_after_exit", ipc::describe(ipc::capture([&] { return ::kill(-pgid, 0); })));
    CHECK_FAILS_WITH(::kill(-pgid, 0), ESRCH);
}
