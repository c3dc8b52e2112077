// MSG-18 (edge; signal(7) "Interruption of system calls and library functions
// by signal handlers": msgrcv and msgsnd are among the interfaces "never
// restarted after being interrupted by a signal handler, regardless of the use
// of SA_RESTART", msgop(2) EINTR): a receiver blocked in msgrcv on an empty
// queue, with a handler for SIGUSR1 installed with SA_RESTART, returns -1 with
// EINTR when the signal is caught; it does not go back to sleep.
#include <csignal>
#include <sys/syscall.h>

#include "ipc/case.hpp"
#include "ipc/signals.hpp"
#include "msg_support.hpp"

namespace {
// A receiver on the empty queue, with SIGUSR1 caught by a handler installed
// with SA_RESTART, which writes a byte to handled_fd each time it runs.
// Reports under "woke_with" whether SA_RESTART was in force and what its
// msgrcv gave: "SA_RESTART EINTR".
ipc::ReportingChild receiver_with_sa_restart_handler(int qid, int handled_fd) {
    return ipc::ReportingChild::fork([&](ipc::Report& r) {
        ipc::CaughtSignal caught(SIGUSR1, {.flags = SA_RESTART, .notify_fd = handled_fd});
        struct sigaction installed {};
        if (::sigaction(SIGUSR1, nullptr, &installed) != 0) {
            r["woke_with"] = "sigaction failed: " + ipc::errno_name(errno);
            return 0;
        }
        std::string flags = (installed.sa_flags & SA_RESTART) ? "SA_RESTART " : "no SA_RESTART ";
        r["woke_with"] = flags + msgcase::outcome(ipc::msg_receive(qid, 0));
        return 0;
    });
}
}  // namespace

CLAIM("MSG-18", "a caught signal interrupts a blocked msgrcv with EINTR even under SA_RESTART") {
    auto q = ipc::MsgQueue::create();
    auto handled = ipc::Pipe::make();
    auto receiver = receiver_with_sa_restart_handler(q.id(), handled.w());
    handled.write_end.reset();

    ipc::require_blocked_in(receiver.pid(), SYS_msgrcv, "receiver_blocked");
    receiver.kill(SIGUSR1);
    REQUIRE_MESSAGE(ipc::read_exactly(handled.r(), 1).size() == 1, "the handler never ran");

    // The handler has run: the receiver must not be asleep in msgrcv again.
    if (auto again = ipc::await_blocked_in(receiver.pid(), SYS_msgrcv)) {
        ipc::record_blocked("receiver_after_handler", *again);
        receiver.kill(SIGKILL);
        FAIL_CHECK("msgrcv was restarted after the handler: " << again->describe());
    }
    auto woke = receiver.finish();
    ipc::evidence("receiver_status", woke.status.describe());
    ipc::evidence("receiver_woke_with", woke.get("woke_with"));
    CHECK(woke.status.exited_with(0));
    CHECK_EQ(woke.get("woke_with"), "SA_RESTART EINTR");
}
