// FIFO-06 (edge; fifo(7) "opening the FIFO blocks until the other end is
// opened also", open(2) ERRORS "EINTR While blocked waiting to complete an
// open of a slow device (e.g., a FIFO; see fifo(7)), the call was
// interrupted by a signal handler", signal(7) "Interruption of system calls
// and library functions by signal handlers"): an open of a FIFO blocked for
// want of the other side, interrupted by a signal whose handler was installed
// without SA_RESTART, fails with EINTR after the handler ran once, for
// O_RDONLY and for O_WRONLY alike. The opener is observed asleep in openat
// before the signal is sent.
#include <csignal>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "../pipe/pipe_support.hpp"

namespace {

volatile sig_atomic_t handled = 0;
void on_usr1(int) { handled = handled + 1; }

struct Opened {
    long fd;
    int err;
    int handled;
};

void open_is_interrupted(int flags, const std::string& as) {
    ipc::TempDir dir;
    const std::string node = dir.file("fifo");
    REQUIRE(::mkfifo(node.c_str(), 0600) == 0);
    auto opener = ipc::ReportingChild::fork([&](Opened& o) {
        struct sigaction sa {};
        sa.sa_handler = on_usr1;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = 0;  // no SA_RESTART
        ::sigaction(SIGUSR1, &sa, nullptr);
        errno = 0;
        const int fd = ::open(node.c_str(), flags | O_CLOEXEC);
        o = {fd, errno, static_cast<int>(handled)};
        return 0;
    });
    auto blocked = ipc::require_blocked_in(opener.pid(), SYS_openat, as + ".opener_blocked");
    (void)blocked;
    opener.kill(SIGUSR1);
    auto done = opener.finish();
    ipc::evidence(as + ".opener_status", done.status.describe());
    REQUIRE(done.status.exited_with(0));
    auto o = done.as<Opened>();
    REQUIRE(o);
    ipc::evidence(as + ".open", ipc::describe(ipc::SyscallResult{o->fd, o->err}));
    ipc::evidence(as + ".handler_ran", o->handled);
    CHECK_EQ(ipc::SyscallResult{o->fd, o->err}, ipc::SyscallResult::failure(EINTR));
    CHECK_EQ(o->handled, 1);
}

}  // namespace

CLAIM("FIFO-06", "a blocked open of a FIFO interrupted by a signal handler without SA_RESTART fails with EINTR") {
    SUBCASE("O_RDONLY, no writer") { open_is_interrupted(O_RDONLY, "O_RDONLY"); }
    SUBCASE("O_WRONLY, no reader") { open_is_interrupted(O_WRONLY, "O_WRONLY"); }
}
