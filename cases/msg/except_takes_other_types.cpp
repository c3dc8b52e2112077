// MSG-07 (edge; msgop(2) "If msgtyp is greater than 0 ... if MSG_EXCEPT is
// specified in msgflg, the first message in the queue of type not equal to
// msgtyp will be read"): MSG_EXCEPT with msgtyp 2 returns the oldest message of
// any other type, one after the other, and leaves every type-2 message queued.
#include "ipc/case.hpp"
#include "msg_support.hpp"

CLAIM("MSG-07", "MSG_EXCEPT with msgtyp > 0 returns the oldest message of any other type") {
    auto q = ipc::MsgQueue::create();
    const msgcase::Messages sent = {{2, "a"}, {2, "b"}, {3, "c"}, {1, "d"}, {2, "e"}, {3, "f"}, {2, "g"}};
    msgcase::send_all(q.id(), sent);

    const auto selected = msgcase::select_all(q.id(), 2, MSG_EXCEPT);
    const auto left = ipc::msg_drain(q.id());
    ipc::evidence("sent", ipc::describe(sent));
    ipc::evidence("received_with_msgtyp_2_MSG_EXCEPT", ipc::describe(selected.received));
    ipc::evidence("then", selected.stopped_by);
    ipc::evidence("left_in_queue", ipc::describe(left));
    CHECK_EQ(selected.received, msgcase::Messages{{3, "c"}, {1, "d"}, {3, "f"}});
    CHECK_EQ(selected.stopped_by, "ENOMSG");
    CHECK_EQ(left, msgcase::Messages{{2, "a"}, {2, "b"}, {2, "e"}, {2, "g"}});
}
