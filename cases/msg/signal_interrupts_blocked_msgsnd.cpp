// MSG-30 (edge; msgop(2) msgsnd ERRORS "EINTR While the process was sleeping
// to wait for free space on the message queue, the process caught a signal";
// signal(7): msgsnd is never restarted after a handler, "regardless of the use
// of SA_RESTART"): a sender blocked in msgsnd on a full queue (seen asleep in
// the kernel), with a handler for SIGUSR1 installed with SA_RESTART, returns -1
// with EINTR when the signal is caught, does not go back to sleep, and its
// message is not queued.
#include <csignal>
#include <sys/syscall.h>

#include "ipc/case.hpp"
#include "ipc/signals.hpp"
#include "msg_support.hpp"

namespace {
// A sender of one more message to the full queue, with SIGUSR1 caught by a
// handler installed with SA_RESTART that writes a byte to handled_fd. Reports
// under "woke_with" whether SA_RESTART was in force and what msgsnd gave.
ipc::ReportingChild sender_with_sa_restart_handler(int qid, int handled_fd) {
    return ipc::ReportingChild::fork([&](ipc::Report& r) {
        ipc::CaughtSignal caught(SIGUSR1, {.flags = SA_RESTART, .notify_fd = handled_fd});
        struct sigaction installed {};
        if (::sigaction(SIGUSR1, nullptr, &installed) != 0) {
            r["woke_with"] = "sigaction failed: " + ipc::errno_name(errno);
            return 0;
        }
        std::string flags = (installed.sa_flags & SA_RESTART) ? "SA_RESTART " : "no SA_RESTART ";
        r["woke_with"] = flags + msgcase::sent_or_errno(ipc::msg_send(qid, 2, "late"));
        return 0;
    });
}
}  // namespace

CLAIM("MSG-30", "a caught signal interrupts a msgsnd blocked on a full queue with EINTR, even under SA_RESTART") {
    ipc::sysctl("/proc/sys/kernel/msgmnb");
    auto q = ipc::MsgQueue::create();
    const auto filled_with = msgcase::fill_to_qbytes(q, 1);
    ipc::evidence("full", msgcase::state(q.stat()));
    auto handled = ipc::Pipe::make();
    auto sender = sender_with_sa_restart_handler(q.id(), handled.w());
    handled.write_end.reset();

    ipc::require_blocked_in(sender.pid(), SYS_msgsnd, "sender_blocked");
    sender.kill(SIGUSR1);
    REQUIRE_MESSAGE(ipc::read_exactly(handled.r(), 1).size() == 1, "the handler never ran");

    // The handler has run: the sender must not be asleep in msgsnd again.
    if (auto again = ipc::await_blocked_in(sender.pid(), SYS_msgsnd)) {
        ipc::record_blocked("sender_after_handler", *again);
        sender.kill(SIGKILL);
        FAIL_CHECK("msgsnd was restarted after the handler: " << again->describe());
    }
    auto woke = sender.finish();
    ipc::evidence("sender_status", woke.status.describe());
    ipc::evidence("sender_woke_with", woke.get("woke_with"));
    CHECK(woke.status.exited_with(0));
    CHECK_EQ(woke.get("woke_with"), "SA_RESTART EINTR");

    const auto after = q.stat();
    ipc::evidence("after", msgcase::state(after));
    CHECK_EQ(after.msg_qnum, filled_with);  // the interrupted message was not queued
}
