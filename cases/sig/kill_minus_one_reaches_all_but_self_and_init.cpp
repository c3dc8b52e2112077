// SIG-18 (edge; kill(2) "If pid equals -1, then sig is sent to every process
// for which the calling process has permission to send signals, except for
// process 1 (init)"; pid_namespaces(7): a process sees, and signals, only
// the processes of its pid namespace and those below): in a pid namespace of
// the case's own, so that no process outside it can be reached, init (pid 1)
// forks A and B; kill(-1, SIGUSR1) by init reaches A and B and not init
// itself; kill(-1, SIGUSR2) by A reaches B, and neither A (the caller) nor
// init. Each process reports each delivery on a pipe to the case.
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <sys/prctl.h>
#include <set>

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

// Init of the new namespace: forks A and B (each waits on `hold`), sends
// SIGUSR1 to all (kill(-1)), waits for `go`, tells A to do the same with
// SIGUSR2, and waits for the end of `go` to return (its namespace dies then).
int init_body(int hold_r, int go_r, int a_go_w, int a_go_r) {
    if (::getpid() != 1) return 4;
    who = 'A';
    auto a = ipc::Child::fork([&]() -> int {
        char c;
        for (;;) {
            ssize_t n = ::read(a_go_r, &c, 1);
            if (n == 1) ::kill(-1, SIGUSR2);
            if (n <= 0 && errno != EINTR) return 0;
        }
    });
    who = 'B';
    auto b = ipc::Child::fork([&]() -> int {
        char c;
        while (::read(hold_r, &c, 1) != 0) {
        }
        return 0;
    });
    who = 'I';
    ::kill(-1, SIGUSR1);
    char c;
    while (::read(go_r, &c, 1) < 0 && errno == EINTR) {
    }
    (void)::write(a_go_w, "g", 1);
    while (::read(go_r, &c, 1) != 0) {
    }
    return 0;
}

}  // namespace

CLAIM("SIG-18", "kill(-1) reaches every process it may signal but itself and init") {
    auto notes = ipc::Pipe::make(O_CLOEXEC | O_NONBLOCK);
    ::fcntl(notes.r(), F_SETFL, 0);
    notify_fd = notes.w();
    auto hold = ipc::Pipe::make(O_CLOEXEC);
    auto go = ipc::Pipe::make(O_CLOEXEC);
    auto a_go = ipc::Pipe::make(O_CLOEXEC);
    struct sigaction act {
    }, old1{}, old2{};
    act.sa_handler = report;
    act.sa_flags = SA_RESTART;
    ::sigaction(SIGUSR1, &act, &old1);
    ::sigaction(SIGUSR2, &act, &old2);

    // The namespace's parent: unshare(CLONE_NEWPID), with a user namespace
    // when that alone is refused; its next child is the namespace's init.
    auto parent = ipc::Child::fork([&]() -> int {
        if (::unshare(CLONE_NEWPID) != 0 && ::unshare(CLONE_NEWUSER | CLONE_NEWPID) != 0) return ipc::exit_skip;
        auto init = ipc::Child::fork([&] {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // dies with its parent, and its namespace with it
            hold.write_end.reset();
            go.write_end.reset();
            return init_body(hold.r(), go.r(), a_go.w(), a_go.r());
        });
        hold.write_end.reset();
        go.write_end.reset();
        return init.wait(std::chrono::hours(1)).exited_with(0) ? 0 : 5;
    });
    a_go.write_end.reset();  // hold's stays open here: B waits on it
    a_go.read_end.reset();

    auto first = sigcase::collect_notes(notes.r(), 2);
    if (first.empty()) {
        auto status = parent.wait_for(std::chrono::milliseconds(100));
        if (status && status->exited_with(ipc::exit_skip))
            ipc::skip("cannot make a pid namespace (unshare(CLONE_NEWPID) refused, with or without a user "
                      "namespace): kill(-1) outside one would reach processes not the case's");
    }
    ipc::evidence("after_kill(-1,SIGUSR1)_by_init", sigcase::joined(first));
    CHECK_EQ(sigcase::joined(first), "A1 B1");

    REQUIRE(ipc::write_all(go.w(), "g"));
    auto second = sigcase::collect_notes(notes.r(), 1);
    auto quiet = ipc::holds_for_window([] { return true; }, notes.r());
    ipc::evidence("after_kill(-1,SIGUSR2)_by_A", sigcase::joined(second));
    ipc::evidence("nothing_more", quiet.describe());
    CHECK_EQ(sigcase::joined(second), "B2");
    CHECK(quiet.held);

    go.write_end.reset();
    hold.write_end.reset();
    auto end = parent.wait();
    ipc::evidence("namespace_parent", end.describe());
    CHECK(end.exited_with(0));
    ::sigaction(SIGUSR1, &old1, nullptr);
    ::sigaction(SIGUSR2, &old2, nullptr);
}
