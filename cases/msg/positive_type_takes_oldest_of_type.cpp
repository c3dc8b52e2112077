// MSG-04 (seed §3.4; msgop(2) "If msgtyp is greater than 0, then the first
// message in the queue of type msgtyp is read"): msgtyp > 0 returns the oldest
// message of exactly that type; the others stay queued in their order.
#include "ipc/case.hpp"
#include "msg_support.hpp"

CLAIM("MSG-04", "msgtyp > 0 returns the oldest message of that type and leaves the rest in order") {
    auto q = ipc::MsgQueue::create();
    // Type 2 is neither first nor lowest nor highest, and one of it stays behind.
    const msgcase::Messages sent = {{1, "a"}, {3, "b"}, {2, "c"}, {1, "d"}, {2, "e"}, {3, "f"}, {2, "g"}};
    msgcase::send_all(q.id(), sent);

    const msgcase::Messages of_type_2 = {msgcase::take(q.id(), 2), msgcase::take(q.id(), 2)};
    const auto left = ipc::msg_drain(q.id());
    ipc::evidence("sent", ipc::describe(sent));
    ipc::evidence("received_with_msgtyp_2", ipc::describe(of_type_2));
    ipc::evidence("left_in_queue", ipc::describe(left));
    CHECK_EQ(of_type_2, msgcase::Messages{{2, "c"}, {2, "e"}});
    CHECK_EQ(left, msgcase::Messages{{1, "a"}, {3, "b"}, {1, "d"}, {3, "f"}, {2, "g"}});
}
