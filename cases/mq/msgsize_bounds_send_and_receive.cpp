// MQ-06 (mq_send(3) ERRORS EMSGSIZE "msg_len was greater than the mq_msgsize
// attribute of the message queue"; mq_receive(3) ERRORS EMSGSIZE "msg_len was
// less than the mq_msgsize attribute of the message queue"): mq_msgsize bounds
// both calls. mq_send of one byte more than mq_msgsize fails with EMSGSIZE and
// queues nothing; mq_receive with a buffer one byte smaller than mq_msgsize
// fails with EMSGSIZE even for a message that would fit, and leaves it queued.
#include "mq_support.hpp"

CLAIM("MQ-06", "mq_send above mq_msgsize and mq_receive with a buffer below it fail with EMSGSIZE") {
    const long msgsize = 64;
    mqcase::Queue q(4, msgsize, O_RDWR | O_NONBLOCK);
    ipc::evidence("mq_msgsize", static_cast<long long>(q.attr().mq_msgsize));

    const std::string too_long(static_cast<std::size_t>(msgsize + 1), 'x');
    const auto above = mqcase::sent_or_errno(::mq_send(q.fd(), too_long.data(), too_long.size(), 0));
    ipc::evidence("mq_send_msgsize+1_bytes", above);
    CHECK_EQ(above, "EMSGSIZE");
    CHECK_EQ(q.attr().mq_curmsgs, 0);

    const std::string at_limit(static_cast<std::size_t>(msgsize), 'm');
    const auto at = mqcase::sent_or_errno(::mq_send(q.fd(), at_limit.data(), at_limit.size(), 0));
    ipc::evidence("mq_send_msgsize_bytes", at);
    CHECK_EQ(at, "sent");

    mqcase::send(q.fd(), "tiny", 1);  // 4 bytes: would fit any buffer
    const auto small = mqcase::receive(q.fd(), static_cast<std::size_t>(msgsize - 1));
    ipc::evidence("mq_receive_buffer_msgsize-1", small);
    CHECK_EQ(small, "EMSGSIZE");
    const auto left = mqcase::drain(q.name());
    ipc::evidence("left_queued", left);
    CHECK_EQ(left, "1:tiny 0:" + at_limit);
}
