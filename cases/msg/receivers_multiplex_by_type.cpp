// MSG-19 (seed §3.5; msgop(2) msgtyp > 0): several receivers can share one
// queue, each taking only its own type: two receivers, one for type 1 and one
// for type 2, wait on the queue (observed in /proc) while a mixed sequence of
// types 1, 2 and 3 arrives, one message at a time: after each message of its
// type a receiver is seen to take it and to wait again, so every receive of
// each sleeps with other types queued. Each gets exactly its type in sending
// order; the type-3 messages, which nobody asked for, stay queued in order.
#include <sys/syscall.h>

#include "ipc/case.hpp"
#include "ipc/readiness.hpp"
#include "msg_support.hpp"

namespace {
constexpr int per_receiver = 3;

// A receiver for one type: takes per_receiver messages of it, blocking, and
// reports them under "got".
ipc::ReportingChild receiver_of(int qid, long type) {
    return ipc::ReportingChild::fork([=](ipc::Report& r) {
        msgcase::Messages got;
        for (int i = 0; i < per_receiver; ++i) {
            auto m = ipc::msg_receive(qid, type);
            if (!m) {
                r["got"] = ipc::describe(got) + " then " + ipc::errno_name(errno);
                return 0;
            }
            got.push_back(*m);
        }
        r["got"] = ipc::describe(got);
        return 0;
    });
}
}  // namespace

CLAIM("MSG-19", "receivers can multiplex one queue by type: each gets only its own type") {
    auto q = ipc::MsgQueue::create();
    auto ones = receiver_of(q.id(), 1);
    auto twos = receiver_of(q.id(), 2);
    ipc::require_blocked_in(ones.pid(), SYS_msgrcv, "type_1_receiver_blocked");
    ipc::require_blocked_in(twos.pid(), SYS_msgrcv, "type_2_receiver_blocked");

    const msgcase::Messages sent = {{2, "a"}, {3, "b"}, {1, "c"}, {1, "d"}, {2, "e"},
                                    {3, "f"}, {2, "g"}, {1, "h"}, {3, "i"}};
    std::size_t unclaimed = 0;  // type-3 messages queued so far
    int taken[3] = {0, 0, 0};   // by type 1 and 2
    for (const auto& m : sent) {
        msgcase::send_all(q.id(), {m});
        if (m.type == 3) {
            ++unclaimed;
            continue;
        }
        // Its receiver takes it (only the unclaimed ones are left) and, unless
        // that was its last, sleeps again.
        REQUIRE_MESSAGE(ipc::eventually([&] { return q.stat().msg_qnum == unclaimed; }),
                        "nobody took " << ipc::describe({m}));
        if (++taken[m.type] < per_receiver)
            ipc::require_blocked_in((m.type == 1 ? ones : twos).pid(), SYS_msgrcv,
                                    "type_" + std::to_string(m.type) + "_receiver_blocked_again_" +
                                        std::to_string(taken[m.type]));
    }
    auto got_1 = ones.finish();
    auto got_2 = twos.finish();
    const auto left = ipc::msg_drain(q.id());
    ipc::evidence("sent", ipc::describe(sent));
    ipc::evidence("type_1_receiver_got", got_1.get("got"));
    ipc::evidence("type_2_receiver_got", got_2.get("got"));
    ipc::evidence("left_in_queue", ipc::describe(left));
    CHECK(got_1.status.exited_with(0));
    CHECK(got_2.status.exited_with(0));
    CHECK_EQ(got_1.get("got"), ipc::describe({{1, "c"}, {1, "d"}, {1, "h"}}));
    CHECK_EQ(got_2.get("got"), ipc::describe({{2, "a"}, {2, "e"}, {2, "g"}}));
    CHECK_EQ(left, msgcase::Messages{{3, "b"}, {3, "f"}, {3, "i"}});
}
