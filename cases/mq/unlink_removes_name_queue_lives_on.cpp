// MQ-18 (mq_unlink(3) "removes the specified message queue name. The message
// queue name is removed immediately. The queue itself is destroyed once any
// other processes that have the queue open close their descriptors referring
// to the queue"): mq_unlink of a queue still open succeeds at once: the name
// no longer opens it (ENOENT) and can name a new, different queue, while the
// open descriptor goes on sending and receiving on the old one.
#include "mq_support.hpp"

CLAIM("MQ-18", "mq_unlink removes the name at once; the queue lives on for open descriptors") {
    mqcase::Queue q(4, 16, O_RDWR | O_NONBLOCK);
    mqcase::send(q.fd(), "before", 1);
    const auto unlinked = ::mq_unlink(q.name().c_str()) == 0 ? std::string("unlinked") : ipc::errno_name(errno);
    ipc::evidence("mq_unlink_while_open", unlinked);
    REQUIRE_EQ(unlinked, "unlinked");

    const mqd_t reopened = ::mq_open(q.name().c_str(), O_RDWR);
    const auto by_name = reopened == -1 ? ipc::errno_name(errno) : "opened";
    if (reopened != -1) ::mq_close(reopened);
    ipc::evidence("mq_open_name_after_unlink", by_name);
    CHECK_EQ(by_name, "ENOENT");

    // The name is free for a new queue: not the old one (empty, its own attributes).
    mqcase::UnlinkName again(q.name());
    const mqd_t fresh = mqcase::create(q.name(), 2, 8, O_RDWR | O_NONBLOCK);
    REQUIRE_WITH_ERRNO(fresh != -1, "mq_open(O_CREAT | O_EXCL) of the unlinked name");
    mq_attr a{};
    ::mq_getattr(fresh, &a);
    ::mq_close(fresh);
    ipc::evidence("new_queue_under_name",
                  "maxmsg=" + std::to_string(a.mq_maxmsg) + " curmsgs=" + std::to_string(a.mq_curmsgs));
    CHECK_EQ(a.mq_curmsgs, 0);
    CHECK_EQ(a.mq_maxmsg, 2);

    // The unlinked queue still works through the open descriptor.
    mqcase::send(q.fd(), "after", 2);
    const auto first = mqcase::receive(q.fd()), second = mqcase::receive(q.fd());
    ipc::evidence("old_descriptor_receives", first + " " + second);
    CHECK_EQ(first, "2:after");
    CHECK_EQ(second, "1:before");
}
