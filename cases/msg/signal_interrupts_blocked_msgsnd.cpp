// MSG-30 (edge; msgop(2) msgsnd ERRORS "EINTR While the process was sleeping
// to wait for free space on the message queue, the process caught a signal";
// signal(7): msgsnd is never restarted after a handler, "regardless of the use
// of SA_RESTART"): a sender blocked in msgsnd on a full queue (seen asleep in
// the kernel), with a handler for SIGUSR1 installed with SA_RESTART, returns -1
// with EINTR when the signal is caught, does not go back to sleep, and its
// message is not queued.
#include <sys/syscall.h>

#include "ipc/case.hpp"
#include "msg_support.hpp"

CLAIM("MSG-30", "a caught signal interrupts a msgsnd blocked on a full queue with EINTR, even under SA_RESTART") {
    ipc::sysctl("/proc/sys/kernel/msgmnb");
    auto q = ipc::MsgQueue::create();
    const auto filled_with = msgcase::fill_to_qbytes(q, 1);
    ipc::evidence("full", msgcase::state(q.stat()));
    auto handled = ipc::Pipe::make();
    const int qid = q.id();
    auto sender = msgcase::caller_with_sa_restart_handler(handled.w(), [qid] {
        return msgcase::sent_or_errno(ipc::msg_send(qid, 2, "late"));
    });
    handled.write_end.reset();
    msgcase::interrupt_and_check_eintr(sender, handled.r(), SYS_msgsnd, "sender", "msgsnd");

    const auto after = q.stat();
    ipc::evidence("after", msgcase::state(after));
    CHECK_EQ(after.msg_qnum, filled_with);  // the interrupted message was not queued
}
