// MQ-08 (mq_receive(3) "If the queue is empty, then, by default, mq_receive()
// blocks until a message becomes available, or the call is interrupted by a
// signal handler"): mq_receive on an empty queue sleeps (seen asleep in
// mq_timedreceive(2) in /proc, and staying there) until a message is sent,
// then returns that message.
#include "ipc/reporting_child.hpp"
#include "mq_support.hpp"

CLAIM("MQ-08", "mq_receive on an empty queue blocks until a message arrives") {
    mqcase::require_calls(mqcase::uses_send | mqcase::uses_receive | mqcase::uses_getattr);
    mqcase::Queue q(4, 16);
    auto receiver = ipc::ReportingChild::fork([&](ipc::Report& r) {
        r["got"] = mqcase::receive(q.fd());
        return 0;
    });
    auto blocked = ipc::require_blocked_in(receiver.pid(), SYS_mq_timedreceive, "receiver_blocked");
    CHECK(ipc::stays_blocked(receiver.pid(), blocked, "receiver_blocked"));

    mqcase::send(q.fd(), "wake", 3);
    const auto woke = receiver.finish("receiver");
    CHECK(woke.status.exited_with(0));
    CHECK_EQ(woke.get("got"), "3:wake");
    CHECK_EQ(q.attr().mq_curmsgs, 0);
}
