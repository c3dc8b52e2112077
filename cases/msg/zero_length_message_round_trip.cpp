// MSG-24 (edge; msgop(2) "The mtext field is an array (or other structure)
// whose size is specified by msgsz, a nonnegative integer value. Messages of
// zero length (i.e., no mtext field) are permitted"): a message of zero bytes
// is a message like any other: msgsnd with msgsz 0 queues it (msg_qnum counts
// it, msg_cbytes does not grow), and msgrcv returns 0 bytes with its type, in
// its place in the queue, even into a buffer of zero bytes.
#include "ipc/case.hpp"
#include "msg_support.hpp"

CLAIM("MSG-24", "a zero-length message is sent, counted and received as 0 bytes with its type") {
    auto q = ipc::MsgQueue::create();
    const auto sent = msgcase::sent_or_errno(ipc::msg_send(q.id(), 5, "", IPC_NOWAIT));
    ipc::evidence("msgsnd_0_bytes", sent);
    CHECK_EQ(sent, "sent");
    msgcase::send_all(q.id(), {{6, "after"}});
    const auto queued = q.stat();
    ipc::evidence("queued", msgcase::state(queued));
    CHECK_EQ(queued.msg_qnum, 2u);
    CHECK_EQ(queued.msg_cbytes, 5u);

    const auto empty = msgcase::take(q.id(), 0, 0, 0);  // a receive buffer of 0 bytes
    ipc::evidence("msgrcv_msgsz_0", ipc::describe({empty}));
    CHECK_EQ(empty, ipc::Message{5, ""});
    CHECK_EQ(msgcase::take(q.id(), 0), ipc::Message{6, "after"});
}
