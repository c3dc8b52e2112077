// MQ-11 (mq_receive(3) / mq_send(3): "abs_timeout points to a structure which
// specifies how long the call will block. This value is an absolute timeout
// in seconds and nanoseconds since the Epoch ... If no message is available,
// and the timeout has already expired by the time of the call,
// mq_timedreceive() returns immediately", ERRORS ETIMEDOUT "The call timed
// out before a message could be transferred"): mq_timedreceive on an empty
// queue and mq_timedsend on a full one wait until the CLOCK_REALTIME deadline
// and then fail with ETIMEDOUT: never before it (the clock read on return is
// past the deadline, within ipc::timer_tolerance of clock disagreement), and the
// queue is unchanged.
#include "mq_support.hpp"

namespace {
constexpr long wait_ms = 200;
}

CLAIM("MQ-11", "mq_timedreceive on empty and mq_timedsend on full fail with ETIMEDOUT at the deadline") {
    mqcase::Queue q(2, 16);

    const auto receive_deadline = mqcase::realtime_in(wait_ms);
    const auto received = mqcase::timed_receive(q.fd(), receive_deadline);
    const auto receive_past = mqcase::micros_past(receive_deadline);
    ipc::evidence("mq_timedreceive_empty", received);
    ipc::evidence("mq_timedreceive_returned_us_after_deadline", receive_past);
    CHECK_EQ(received, "ETIMEDOUT");
    CHECK(receive_past >= -std::chrono::microseconds(ipc::timer_tolerance).count());

    mqcase::fill(q.fd());
    const auto send_deadline = mqcase::realtime_in(wait_ms);
    const auto sent = mqcase::sent_or_errno(::mq_timedsend(q.fd(), "x", 1, 0, &send_deadline));
    const auto send_past = mqcase::micros_past(send_deadline);
    ipc::evidence("mq_timedsend_full", sent);
    ipc::evidence("mq_timedsend_returned_us_after_deadline", send_past);
    CHECK_EQ(sent, "ETIMEDOUT");
    CHECK(send_past >= -std::chrono::microseconds(ipc::timer_tolerance).count());
    CHECK_EQ(q.attr().mq_curmsgs, 2);
}
