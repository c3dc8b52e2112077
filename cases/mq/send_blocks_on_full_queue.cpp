// MQ-09 (mq_send(3) "If the message queue is already full (i.e., the number
// of messages on the queue equals the queue's mq_maxmsg attribute), then, by
// default, mq_send() blocks until sufficient space becomes available to allow
// the message to be queued"): mq_send on a queue holding mq_maxmsg messages
// sleeps (seen asleep in mq_timedsend(2) in /proc, and staying there) until a
// receiver takes one, then queues its message.
#include "ipc/reporting_child.hpp"
#include "mq_support.hpp"

CLAIM("MQ-09", "mq_send on a full queue blocks until a message is taken") {
    mqcase::Queue q(3, 16);
    const long filled = mqcase::fill(q.fd());
    ipc::evidence("filled_with_messages", static_cast<long long>(filled));
    CHECK_EQ(q.attr().mq_curmsgs, 3);

    auto sender = ipc::ReportingChild::fork([&](ipc::Report& r) {
        r["sent"] = mqcase::sent_or_errno(::mq_send(q.fd(), "late", 4, 0));
        return 0;
    });
    auto blocked = ipc::require_blocked_in(sender.pid(), SYS_mq_timedsend, "sender_blocked");
    CHECK(ipc::stays_blocked(sender.pid(), blocked, "sender_blocked"));
    CHECK_EQ(q.attr().mq_curmsgs, 3);

    const auto taken = mqcase::receive(q.fd());
    ipc::evidence("receiver_took", taken);
    const auto woke = sender.finish("sender");
    CHECK(woke.status.exited_with(0));
    CHECK_EQ(woke.get("sent"), "sent");
    const auto left = mqcase::drain(q.name());
    ipc::evidence("left_queued", left);
    CHECK_EQ(left, "0:f 0:f 0:late");
}
