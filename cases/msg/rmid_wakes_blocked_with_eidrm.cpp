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

    auto receiver = msgcase::receiver(id, 2);
    auto sender = msgcase::sender(id, 3, "x");
    ipc::require_blocked_in(receiver.pid(), SYS_msgrcv, "receiver_blocked");
    ipc::require_blocked_in(sender.pid(), SYS_msgsnd, "sender_blocked");

    q.remove();
    auto r = receiver.finish();
    auto s = sender.finish();
    ipc::evidence("receiver_status", r.status.describe());
    ipc::evidence("receiver_woke_with", r.get("got"));
    ipc::evidence("sender_status", s.status.describe());
    ipc::evidence("sender_woke_with", s.get("sent"));
    CHECK(r.status.exited_with(0));
    CHECK(s.status.exited_with(0));
    CHECK_EQ(r.get("got"), "EIDRM");
    CHECK_EQ(s.get("sent"), "EIDRM");
    msqid_ds ds{};
    CHECK_FAILS_WITH(::msgctl(id, IPC_STAT, &ds), EINVAL);
}
