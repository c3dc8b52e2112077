// MQ-28 (mq_overview(7) "Polling message queue descriptors": "On Linux, a
// message queue descriptor is actually a file descriptor. This means that it
// can be monitored using select(2), poll(2), or epoll(7)"): poll(2) on a
// queue descriptor reports POLLIN|POLLRDNORM while the queue holds a message
// and POLLOUT|POLLWRNORM while it has room for one: an empty queue gives
// POLLOUT|POLLWRNORM only, a queue with some messages both, a full queue
// POLLIN|POLLRDNORM only.
#include <poll.h>

#include "ipc/readiness.hpp"
#include "mq_support.hpp"

namespace {
// The revents of one poll(2) (timeout 0) asking for all four, by name.
std::string ready(mqd_t q) {
    pollfd p{q, POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM, 0};
    if (::poll(&p, 1, 0) < 0) return "poll: " + ipc::errno_name(errno);
    return ipc::poll_events_name(p.revents);
}
}  // namespace

CLAIM("MQ-28", "poll on a queue: POLLIN while it holds a message, POLLOUT while it has room") {
    mqcase::require_calls(mqcase::uses_send | mqcase::uses_getattr);
    mqcase::Queue q(2, 8, O_RDWR | O_NONBLOCK);
    const auto empty = ready(q.fd());
    ipc::evidence("empty", empty);
    CHECK_EQ(empty, "POLLOUT|POLLWRNORM");

    mqcase::send(q.fd(), "one");
    const auto some = ready(q.fd());
    ipc::evidence("one_of_two", some);
    CHECK_EQ(some, "POLLIN|POLLRDNORM|POLLOUT|POLLWRNORM");

    mqcase::fill(q.fd());
    const auto full = ready(q.fd());
    ipc::evidence("full", full + " (" + mqcase::attributes(q.attr()) + ")");
    CHECK_EQ(full, "POLLIN|POLLRDNORM");
}
