// MSG-14 (edge; msgop(2) ERRORS "EIDRM ... the queue was removed", msgctl(2)
// IPC_RMID "awakening all waiting reader and writer processes (with an error
// return and errno set to EIDRM)"): removing a queue wakes a receiver blocked
// waiting for a type that never came and a sender blocked on the full queue,
// both with EIDRM. Both sleepers are observed in /proc first.
#include <sys/syscall.h>

#include "ipc/case.hpp"
#include "msg_support.hpp"

CLAIM("MSG-14", "IPC_RMID wakes a blocked receiver and a blocked sender with EIDRM") {
    auto q = ipc::MsgQueue::create();
    const int id = q.id();
    msgcase::fill_to_qbytes(q, 1);
    ipc::evidence("queue_before_removal", msgcase::state(q.stat()));

    auto receiver = msgcase::ReportingChild::fork([&] { return msgcase::outcome(ipc::msg_receive(id, 2)); });
    auto sender = msgcase::ReportingChild::fork([&] { return msgcase::sent_or_errno(ipc::msg_send(id, 3, "x")); });
    msgcase::observe_blocked(receiver.pid(), SYS_msgrcv, "receiver_blocked");
    msgcase::observe_blocked(sender.pid(), SYS_msgsnd, "sender_blocked");

    q.remove();
    auto r = receiver.finish();
    auto s = sender.finish();
    ipc::evidence("receiver_status", r.status.describe());
    ipc::evidence("receiver_woke_with", r.report);
    ipc::evidence("sender_status", s.status.describe());
    ipc::evidence("sender_woke_with", s.report);
    CHECK(r.status.exited_with(0));
    CHECK(s.status.exited_with(0));
    CHECK_EQ(r.report, "EIDRM");
    CHECK_EQ(s.report, "EIDRM");
    msqid_ds ds{};
    CHECK_FAILS_WITH(::msgctl(id, IPC_STAT, &ds), EINVAL);
}
