// MQ-13 (mq_getattr(3): "mq_curmsgs: # of messages currently in queue", and
// mq_flags, mq_maxmsg, mq_msgsize as set at mq_open): mq_getattr reports the
// attributes the queue was made with, its descriptor's O_NONBLOCK, and how
// many messages it holds, counted up by each mq_send and down by each
// mq_receive.
#include "mq_support.hpp"

CLAIM("MQ-13", "mq_getattr reports mq_curmsgs as messages are sent and received") {
    mqcase::Queue q(5, 32, O_RDWR | O_NONBLOCK);
    std::string seen = mqcase::attributes(q.attr());
    mqcase::send(q.fd(), "a", 1);
    seen += " | " + mqcase::attributes(q.attr());
    mqcase::send(q.fd(), "b", 2);
    mqcase::send(q.fd(), "c", 3);
    seen += " | " + mqcase::attributes(q.attr());
    mqcase::receive(q.fd());
    seen += " | " + mqcase::attributes(q.attr());
    ipc::evidence("mq_getattr_after_0_1_3_2_messages", seen);
    CHECK_EQ(seen, "flags=O_NONBLOCK maxmsg=5 msgsize=32 curmsgs=0 | flags=O_NONBLOCK maxmsg=5 msgsize=32 curmsgs=1 | "
                   "flags=O_NONBLOCK maxmsg=5 msgsize=32 curmsgs=3 | flags=O_NONBLOCK maxmsg=5 msgsize=32 curmsgs=2");
}
