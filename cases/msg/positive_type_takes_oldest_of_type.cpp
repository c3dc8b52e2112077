// MSG-04 (seed §3.4; msgop(2) "If msgtyp is greater than 0, then the first
// message in the queue of type msgtyp is read"): msgtyp > 0 returns the oldest
// message of exactly that type; the others stay queued in their order.
#include "ipc/case.hpp"

CLAIM("MSG-04", "msgtyp > 0 returns the oldest message of that type and leaves the rest in order") {
    auto q = ipc::MsgQueue::create();
    const std::vector<ipc::Message> sent = {{1, "a"}, {2, "b"}, {3, "c"}, {2, "d"}, {1, "e"}, {2, "f"}};
    for (const auto& m : sent) REQUIRE_EQ(ipc::msg_send(q.id(), m.type, m.text), 0);

    std::vector<ipc::Message> of_type_2;
    for (int i = 0; i < 2; ++i) {
        auto m = ipc::msg_receive(q.id(), 2, IPC_NOWAIT);
        REQUIRE_MESSAGE(m, "msgrcv(type 2) failed: " << ipc::errno_name(errno));
        of_type_2.push_back(*m);
    }
    auto left = ipc::msg_drain(q.id());
    ipc::evidence("sent", ipc::describe(sent));
    ipc::evidence("received_with_msgtyp_2", ipc::describe(of_type_2));
    ipc::evidence("left_in_queue", ipc::describe(left));
    CHECK_EQ(of_type_2, std::vector<ipc::Message>{{2, "b"}, {2, "d"}});
    CHECK_EQ(left, std::vector<ipc::Message>{{1, "a"}, {3, "c"}, {1, "e"}, {2, "f"}});
}
