// MSG-05 (seed §3.4, the document's type-2 receiver; msgop(2)): with
// msgtyp > 0 and no message of that type, msgrcv blocks, through the arrival
// of other types, and wakes when a message of its type arrives. The sleeping
// receiver is observed in /proc (state, syscall, wchan) before each send.
#include <sys/syscall.h>

#include "ipc/case.hpp"
#include "msg_support.hpp"

CLAIM("MSG-05", "msgrcv for an absent type blocks until a message of that type arrives") {
    auto q = ipc::MsgQueue::create();
    msgcase::send_all(q.id(), {{1, "other"}});

    auto receiver = msgcase::receiver(q.id(), 2);
    ipc::require_blocked_in(receiver.pid(), SYS_msgrcv, "receiver_blocked");

    // A message of another type must not end the wait.
    msgcase::send_all(q.id(), {{3, "still not yours"}});
    auto still = ipc::await_blocked_in(receiver.pid(), SYS_msgrcv);
    ipc::evidence("after_type_3", still ? still->describe() : ipc::snapshot(receiver.pid()).describe());
    CHECK_MESSAGE(still, "receiver left msgrcv on a type-3 message");

    msgcase::send_all(q.id(), {{2, "yours"}});
    auto woke = receiver.finish();
    ipc::evidence("receiver_status", woke.status.describe());
    ipc::evidence("receiver_woke_with", woke.get("got"));
    CHECK(woke.status.exited_with(0));
    CHECK_EQ(woke.get("got"), "2:\"yours\"");

    auto left = ipc::msg_drain(q.id());
    ipc::evidence("left_in_queue", ipc::describe(left));
    CHECK_EQ(left, msgcase::Messages{{1, "other"}, {3, "still not yours"}});
}
