// MQ-10 (mq_receive(3) EAGAIN "The queue was empty, and the O_NONBLOCK flag
// was set for the message queue description"; mq_send(3) EAGAIN "The queue
// was full, and the O_NONBLOCK flag was set"): with O_NONBLOCK (given to
// mq_open), mq_receive on an empty queue and mq_send on a full one fail at
// once with EAGAIN and change nothing. The calls are made in a child, so
// that one which sleeps instead ends at the deadline rather than hanging.
#include "ipc/reporting_child.hpp"
#include "mq_support.hpp"

CLAIM("MQ-10", "with O_NONBLOCK, mq_receive on empty and mq_send on full fail with EAGAIN") {
    mqcase::Queue q(2, 16, O_RDWR | O_NONBLOCK);
    ipc::evidence("mq_flags", static_cast<long long>(q.attr().mq_flags));
    CHECK_EQ(q.attr().mq_flags & O_NONBLOCK, O_NONBLOCK);

    auto child = ipc::ReportingChild::fork([&](ipc::Report& r) {
        r["receive_on_empty"] = mqcase::receive(q.fd());
        mqcase::fill(q.fd());
        r["send_on_full"] = mqcase::sent_or_errno(::mq_send(q.fd(), "x", 1, 7));
        return 0;
    });
    const auto result = child.finish("nonblocking");
    CHECK(result.status.exited_with(0));
    CHECK_EQ(result.get("receive_on_empty"), "EAGAIN");
    CHECK_EQ(result.get("send_on_full"), "EAGAIN");
    const auto left = mqcase::drain(q.name());
    ipc::evidence("left_queued", left);
    CHECK_EQ(left, "0:f 0:f");
}
