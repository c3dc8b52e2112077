// MSG-06 (edge; msgop(2) "If msgtyp is less than 0, then the first message in
// the queue with the lowest type less than or equal to the absolute value of
// msgtyp will be read"): msgtyp -3 drains types 1, 2, 3 lowest type first,
// oldest first within a type, and leaves the types above 3 queued in order.
// Types and msgtyp are longs: the rule holds past 32 bits (-2^33 takes the
// types up to 2^33, not those above) and at -LONG_MAX.
#include <climits>

#include "ipc/case.hpp"
#include "msg_support.hpp"

CLAIM("MSG-06", "msgtyp < 0 returns the oldest message of the lowest type <= |msgtyp|") {
    auto q = ipc::MsgQueue::create();
    const msgcase::Messages sent = {{3, "a"}, {5, "b"}, {2, "c"}, {1, "d"}, {4, "e"},
                                    {2, "f"}, {1, "g"}, {3, "h"}, {5, "i"}};
    msgcase::send_all(q.id(), sent);

    const auto selected = msgcase::select_all(q.id(), -3);
    const auto left = ipc::msg_drain(q.id());
    ipc::evidence("sent", ipc::describe(sent));
    ipc::evidence("received_with_msgtyp_-3", ipc::describe(selected.received));
    ipc::evidence("then", selected.stopped_by);
    ipc::evidence("left_in_queue", ipc::describe(left));
    CHECK_EQ(selected.received, msgcase::Messages{{1, "d"}, {1, "g"}, {2, "c"}, {2, "f"}, {3, "a"}, {3, "h"}});
    CHECK_EQ(selected.stopped_by, "ENOMSG");
    CHECK_EQ(left, msgcase::Messages{{5, "b"}, {4, "e"}, {5, "i"}});
}

CLAIM("MSG-06", "msgtyp < 0 compares the full long: past 32 bits and at -LONG_MAX") {
    static_assert(sizeof(long) >= 8, "64-bit longs");
    constexpr long two_33 = 1L << 33;
    auto q = ipc::MsgQueue::create();
    const msgcase::Messages sent = {{two_33 + 1, "above"}, {two_33, "at"}, {5, "small"}, {LONG_MAX, "max"}};
    msgcase::send_all(q.id(), sent);

    const auto up_to_2_33 = msgcase::select_all(q.id(), -two_33);
    ipc::evidence("sent", ipc::describe(sent));
    ipc::evidence("received_with_msgtyp_-2^33", ipc::describe(up_to_2_33.received));
    CHECK_EQ(up_to_2_33.received, msgcase::Messages{{5, "small"}, {two_33, "at"}});
    CHECK_EQ(up_to_2_33.stopped_by, "ENOMSG");

    const auto up_to_max = msgcase::select_all(q.id(), -LONG_MAX);
    ipc::evidence("received_with_msgtyp_-LONG_MAX", ipc::describe(up_to_max.received));
    CHECK_EQ(up_to_max.received, msgcase::Messages{{two_33 + 1, "above"}, {LONG_MAX, "max"}});
    CHECK_EQ(up_to_max.stopped_by, "ENOMSG");
}
