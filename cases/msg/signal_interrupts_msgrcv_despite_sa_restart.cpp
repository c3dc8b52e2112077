// MSG-18 (edge; signal(7) "Interruption of system calls and library functions
// by signal handlers": msgrcv and msgsnd are among the interfaces "never
// restarted after being interrupted by a signal handler, regardless of the use
// of SA_RESTART", msgop(2) EINTR): a receiver blocked in msgrcv on an empty
// queue, with a handler for SIGUSR1 installed with SA_RESTART, returns -1 with
// EINTR when the signal is caught; it does not go back to sleep.
#include <csignal>
#include <sys/syscall.h>

#include "ipc/case.hpp"
#include "msg_support.hpp"

namespace {
int handler_fd = -1;
void note_signal(int) {
    const char byte = 'h';
    (void)!::write(handler_fd, &byte, 1);  // async-signal-safe
}
}  // namespace

CLAIM("MSG-18", "a caught signal interrupts a blocked msgrcv with EINTR even under SA_RESTART") {
    auto q = ipc::MsgQueue::create();
    auto handled = ipc::Pipe::make();

    auto receiver = msgcase::ReportingChild::fork([&]() -> std::string {
        handled.read_end.reset();
        handler_fd = handled.w();
        struct sigaction sa {};
        sa.sa_handler = note_signal;
        sa.sa_flags = SA_RESTART;
        sigemptyset(&sa.sa_mask);
        struct sigaction installed {};
        if (::sigaction(SIGUSR1, &sa, nullptr) != 0 || ::sigaction(SIGUSR1, nullptr, &installed) != 0)
            return "sigaction failed: " + ipc::errno_name(errno);
        std::string flags = (installed.sa_flags & SA_RESTART) ? "SA_RESTART " : "no SA_RESTART ";
        return flags + msgcase::outcome(ipc::msg_receive(q.id(), 0));
    });
    handled.write_end.reset();

    msgcase::observe_blocked(receiver.pid(), SYS_msgrcv, "receiver_blocked");
    receiver.kill(SIGUSR1);
    REQUIRE_MESSAGE(ipc::read_exactly(handled.r(), 1) == "h", "the handler never ran");

    // The handler has run: the receiver must not be asleep in msgrcv again.
    if (auto again = ipc::await_blocked_in(receiver.pid(), SYS_msgrcv)) {
        ipc::record_blocked("receiver_after_handler", *again);
        receiver.kill(SIGKILL);
        FAIL_CHECK("msgrcv was restarted after the handler: " << again->describe());
    }
    auto woke = receiver.finish();
    ipc::evidence("receiver_status", woke.status.describe());
    ipc::evidence("receiver_woke_with", woke.report);
    CHECK(woke.status.exited_with(0));
    CHECK_EQ(woke.report, "SA_RESTART EINTR");
}
