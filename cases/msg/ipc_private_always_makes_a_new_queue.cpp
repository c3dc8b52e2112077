// MSG-37 (edge; msgget(2) "If key has the value IPC_PRIVATE, a new message
// queue is created", svipc(7)): msgget(IPC_PRIVATE) never opens an existing
// queue: three calls, with and without IPC_CREAT, give three different queues,
// each with key IPC_PRIVATE (0) in msg_perm, and a message sent to one is not
// in the others.
#include <set>
#include <vector>

#include "ipc/case.hpp"
#include "msg_support.hpp"

CLAIM("MSG-37", "msgget(IPC_PRIVATE) always creates a new queue") {
    std::vector<msgcase::RawQueue> queues;
    for (int flags : {0600, IPC_CREAT | 0600, 0600}) {
        int id = ::msgget(IPC_PRIVATE, flags);
        REQUIRE_WITH_ERRNO(id >= 0, "msgget(IPC_PRIVATE)");
        queues.emplace_back(id);
    }
    std::set<int> ids;
    std::string seen;
    for (const auto& q : queues) {
        ids.insert(q.id);
        seen += std::to_string(q.id) + ":key=" + std::to_string(q.stat().msg_perm.__key) + " ";
    }
    ipc::evidence("queues", seen);
    CHECK_EQ(ids.size(), 3u);
    for (const auto& q : queues) CHECK_EQ(q.stat().msg_perm.__key, IPC_PRIVATE);

    msgcase::send_all(queues[0].id, {{1, "first only"}});
    ipc::evidence("qnum_of_each", std::to_string(queues[0].stat().msg_qnum) + " " +
                                      std::to_string(queues[1].stat().msg_qnum) + " " +
                                      std::to_string(queues[2].stat().msg_qnum));
    CHECK_EQ(queues[1].stat().msg_qnum, 0u);
    CHECK_EQ(queues[2].stat().msg_qnum, 0u);
}
