// MQ-13 (mq_getattr(3): "mq_curmsgs: # of messages currently in queue", and
// mq_flags, mq_maxmsg, mq_msgsize as set at mq_open): mq_getattr reports the
// attributes the queue was made with, its descriptor's O_NONBLOCK, and how
// many messages it holds, counted up by each mq_send and down by each
// mq_receive.
#include "mq_support.hpp"

namespace {
std::string attributes(const mq_attr& a) {
    return "flags=" + std::string((a.mq_flags & O_NONBLOCK) ? "O_NONBLOCK" : "0") +
           " maxmsg=" + std::to_string(a.mq_maxmsg) + " msgsize=" + std::to_string(a.mq_msgsize) +
           " curmsgs=" + std::to_string(a.mq_curmsgs);
}
}  // namespace

CLAIM("MQ-13", "mq_getattr reports mq_curmsgs as messages are sent and received") {
    mqcase::Queue q(5, 32, O_RDWR | O_NONBLOCK);
    std::string seen = attributes(q.attr());
    mqcase::send(q.fd(), "a", 1);
    seen += " | " + attributes(q.attr());
    mqcase::send(q.fd(), "b", 2);
    mqcase::send(q.fd(), "c", 3);
    seen += " | " + attributes(q.attr());
    mqcase::receive(q.fd());
    seen += " | " + attributes(q.attr());
    ipc::evidence("mq_getattr_after_0_1_3_2_messages", seen);
    CHECK_EQ(seen, "flags=O_NONBLOCK maxmsg=5 msgsize=32 curmsgs=0 | flags=O_NONBLOCK maxmsg=5 msgsize=32 curmsgs=1 | "
                   "flags=O_NONBLOCK maxmsg=5 msgsize=32 curmsgs=3 | flags=O_NONBLOCK maxmsg=5 msgsize=32 curmsgs=2");
}
