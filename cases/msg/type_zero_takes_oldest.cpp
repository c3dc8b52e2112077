// MSG-03 (seed §3.4; msgop(2) "If msgtyp is 0, then the first message in the
// queue is read"): msgrcv with msgtyp 0 returns the oldest message, whatever
// its type, so a run of them gives back the exact order of sending.
#include "ipc/case.hpp"

CLAIM("MSG-03", "msgrcv with msgtyp 0 returns the oldest message whatever its type") {
    auto q = ipc::MsgQueue::create();
    // Types out of order, so that "lowest type first" or "newest first" shows.
    const std::vector<ipc::Message> sent = {{3, "a"}, {1, "b"}, {2, "c"}, {1, "d"}, {3, "e"}, {2, "f"}};
    for (const auto& m : sent) REQUIRE_EQ(ipc::msg_send(q.id(), m.type, m.text), 0);

    std::vector<ipc::Message> received;
    for (std::size_t i = 0; i < sent.size(); ++i) {
        auto m = ipc::msg_receive(q.id(), 0, IPC_NOWAIT);
        REQUIRE_MESSAGE(m, "msgrcv " << i << " failed: " << ipc::errno_name(errno));
        received.push_back(*m);
    }
    ipc::evidence("sent", ipc::describe(sent));
    ipc::evidence("received_with_msgtyp_0", ipc::describe(received));
    CHECK_EQ(received, sent);
    CHECK_EQ(q.stat().msg_qnum, 0u);
}
