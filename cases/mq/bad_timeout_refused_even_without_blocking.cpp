// MQ-12 (mq_receive(3), mq_send(3) ERRORS EINVAL "The call would have
// blocked, and abs_timeout was invalid, either because tv_sec was less than
// zero, or because tv_nsec was less than zero or greater than 1000
// million"; POSIX says the validity of abs_timeout need not be checked when
// the call can complete at once): Linux checks abs_timeout first, in every
// call. An invalid one (tv_nsec of 1000000000 or -1, tv_sec -1) makes
// mq_timedreceive and mq_timedsend fail with EINVAL whether or not they
// would block: on an empty queue and with a message there, on a full queue
// and with room; nothing is sent or taken.
#include "mq_support.hpp"

CLAIM("MQ-12", "an invalid abs_timeout gives EINVAL even when the timed call would not block") {
    mqcase::Queue q(2, 16);
    const struct {
        const char* what;
        timespec t;
    } bad[] = {{"tv_nsec_1e9", {0, 1000000000L}}, {"tv_nsec_-1", {0, -1}}, {"tv_sec_-1", {-1, 0}}};
    for (const auto& b : bad) {
        INFO("abs_timeout: " << b.what);
        const std::string key = std::string(".") + b.what;
        // Empty: a receive would block, a send would not.
        const auto receive_empty = mqcase::timed_receive(q.fd(), b.t);
        ipc::evidence("mq_timedreceive_empty" + key, receive_empty);
        CHECK_EQ(receive_empty, "EINVAL");
        const auto send_room = mqcase::sent_or_errno(::mq_timedsend(q.fd(), "n", 1, 2, &b.t));
        ipc::evidence("mq_timedsend_with_room" + key, send_room);
        CHECK_EQ(send_room, "EINVAL");
        // One message there: a receive would not block.
        mqcase::send(q.fd(), "m", 1);
        const auto receive_there = mqcase::timed_receive(q.fd(), b.t);
        ipc::evidence("mq_timedreceive_with_message" + key, receive_there);
        CHECK_EQ(receive_there, "EINVAL");
        // Full: a send would block.
        mqcase::send(q.fd(), "m", 1);
        const auto send_full = mqcase::sent_or_errno(::mq_timedsend(q.fd(), "n", 1, 2, &b.t));
        ipc::evidence("mq_timedsend_full" + key, send_full);
        CHECK_EQ(send_full, "EINVAL");
        const auto left = mqcase::drain(q.name());
        ipc::evidence("left_queued" + key, left);
        CHECK_EQ(left, "1:m 1:m");
    }
}
