// MSG-05 (seed §3.4, the document's type-2 receiver; msgop(2)): with
// msgtyp > 0 and no message of that type, msgrcv blocks, through the arrival
// of other types, and wakes when a message of its type arrives.
#include <sys/syscall.h>

#include "ipc/case.hpp"

CLAIM("MSG-05", "msgrcv for an absent type blocks until a message of that type arrives") {
    auto q = ipc::MsgQueue::create();
    REQUIRE_EQ(ipc::msg_send(q.id(), 1, "other"), 0);
    auto got = ipc::Pipe::make();

    auto receiver = ipc::Child::fork([&] {
        auto m = ipc::msg_receive(q.id(), 2);
        std::string report = m ? std::to_string(m->type) + ":" + m->text : "error " + ipc::errno_name(errno);
        return ipc::write_all(got.w(), report) ? 0 : 1;
    });
    got.write_end.reset();

    auto blocked = ipc::await_blocked_in(receiver.pid(), SYS_msgrcv);
    REQUIRE_MESSAGE(blocked, "receiver never blocked in msgrcv: " << ipc::snapshot(receiver.pid()).describe());
    ipc::record_blocked("receiver_blocked", *blocked);

    // Another message of a different type must not wake it for good.
    REQUIRE_EQ(ipc::msg_send(q.id(), 3, "still not yours"), 0);
    auto still = ipc::await_blocked_in(receiver.pid(), SYS_msgrcv);
    CHECK_MESSAGE(still, "receiver left msgrcv on a type-3 message: " << ipc::snapshot(receiver.pid()).describe());

    REQUIRE_EQ(ipc::msg_send(q.id(), 2, "yours"), 0);
    auto status = receiver.wait();
    std::string report = ipc::read_exactly(got.r(), 64);
    ipc::evidence("receiver_status", status.describe());
    ipc::evidence("receiver_got", report);
    CHECK(status.exited_with(0));
    CHECK_EQ(report, "2:yours");

    auto left = ipc::msg_drain(q.id());
    ipc::evidence("left_in_queue", ipc::describe(left));
    CHECK_EQ(left, std::vector<ipc::Message>{{1, "other"}, {3, "still not yours"}});
}
