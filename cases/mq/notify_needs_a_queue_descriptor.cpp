// MQ-30 (mq_notify(3) ERRORS EBADF "The message queue descriptor specified in
// mqdes is invalid"): mq_notify needs a descriptor of an open queue. A
// registration, and its removal (NULL), fail with EBADF on -1, on a number
// no file is open under, on a queue descriptor already closed and on a
// descriptor of something that is not a queue (the directory "/"); on an
// open queue descriptor the same calls succeed.
#include <climits>

#include "mq_support.hpp"

namespace {
// "SIGEV_SIGNAL:EBADF NULL:EBADF SIGEV_NONE:EBADF NULL:EBADF" for descriptor fd.
std::string notify_calls_on(mqd_t fd) {
    std::string line = "SIGEV_SIGNAL:" + mqcase::registered_or_errno(mqcase::notify_by_signal(fd, SIGUSR2, 1));
    line += " NULL:" + mqcase::registered_or_errno(::mq_notify(fd, nullptr));
    line += " SIGEV_NONE:" + mqcase::registered_or_errno(mqcase::notify_none(fd));
    line += " NULL:" + mqcase::registered_or_errno(::mq_notify(fd, nullptr));
    return line;
}
}  // namespace

CLAIM("MQ-30", "mq_notify fails with EBADF on a descriptor that is not an open queue") {
    mqcase::require_calls(mqcase::uses_notify);
    const std::string all_ebadf = "SIGEV_SIGNAL:EBADF NULL:EBADF SIGEV_NONE:EBADF NULL:EBADF";
    mqcase::Queue q(1, 8);

    const auto minus_one = notify_calls_on(static_cast<mqd_t>(-1));
    ipc::evidence("fd_-1", minus_one);
    CHECK_EQ(minus_one, all_ebadf);

    const auto not_open = notify_calls_on(static_cast<mqd_t>(INT_MAX - 1));
    ipc::evidence("fd_INT_MAX-1", not_open);
    CHECK_EQ(not_open, all_ebadf);

    const mqd_t closed = static_cast<mqd_t>(ipc::must(::mq_open(q.name().c_str(), O_RDWR), "mq_open"));
    ::mq_close(closed);
    const auto after_close = notify_calls_on(closed);
    ipc::evidence("closed_queue", after_close);
    CHECK_EQ(after_close, all_ebadf);

    ipc::Fd root(static_cast<int>(ipc::must(::open("/", O_RDONLY | O_DIRECTORY), "open /")));
    const auto not_a_queue = notify_calls_on(static_cast<mqd_t>(root.get()));
    ipc::evidence("directory_fd", not_a_queue);
    CHECK_EQ(not_a_queue, all_ebadf);

    const auto open_queue = notify_calls_on(q.fd());
    ipc::evidence("open_queue", open_queue);
    CHECK_EQ(open_queue, "SIGEV_SIGNAL:registered NULL:registered SIGEV_NONE:registered NULL:registered");
}
