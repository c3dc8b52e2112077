// MSG-03 (seed §3.4; msgop(2) "If msgtyp is 0, then the first message in the
// queue is read"): msgrcv with msgtyp 0 returns the oldest message, whatever
// its type. Types are sent out of order and the queue is refilled half-way,
// so "lowest type first", "newest first" or "first ever sent" all show.
#include "ipc/case.hpp"
#include "msg_support.hpp"

CLAIM("MSG-03", "msgrcv with msgtyp 0 returns the oldest message whatever its type") {
    auto q = ipc::MsgQueue::create();
    const msgcase::Messages first = {{3, "a"}, {1, "b"}, {2, "c"}, {1, "d"}};
    const msgcase::Messages later = {{2, "e"}, {1, "f"}, {3, "g"}};
    msgcase::send_all(q.id(), first);

    msgcase::Messages received = {msgcase::take(q.id(), 0), msgcase::take(q.id(), 0)};
    msgcase::send_all(q.id(), later);
    auto rest = msgcase::select_all(q.id(), 0);
    received.insert(received.end(), rest.received.begin(), rest.received.end());

    ipc::evidence("sent_first", ipc::describe(first));
    ipc::evidence("sent_after_two_receives", ipc::describe(later));
    ipc::evidence("received_with_msgtyp_0", ipc::describe(received));
    ipc::evidence("stopped_by", rest.stopped_by);
    CHECK_EQ(received, msgcase::Messages{{3, "a"}, {1, "b"}, {2, "c"}, {1, "d"}, {2, "e"}, {1, "f"}, {3, "g"}});
    CHECK_EQ(rest.stopped_by, "ENOMSG");
    CHECK_EQ(q.stat().msg_qnum, 0u);
}
