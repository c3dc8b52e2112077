// MQ-29 (mq_send(3) ERRORS EBADF "The descriptor specified in mqdes was
// invalid or not opened for writing"; mq_receive(3) ERRORS EBADF "The
// descriptor specified in mqdes was invalid or not opened for reading"):
// mq_send and mq_timedsend need a queue descriptor opened for writing,
// mq_receive and mq_timedreceive one opened for reading. Each fails with
// EBADF on -1, on a number no file is open under, on a queue descriptor
// already closed, on a descriptor of something that is not a queue (the
// directory "/"), and on a queue opened the other way only; a write-only
// descriptor still sends and a read-only one receives, and no refused send
// queues anything.
#include <climits>

#include "mq_support.hpp"

namespace {
// "mq_send:EBADF mq_timedsend:EBADF mq_receive:EBADF mq_timedreceive:EBADF"
// for descriptor fd (the calls that succeed say "sent" or "prio:text").
std::string calls_on(mqd_t fd, std::size_t msgsize) {
    const auto deadline = mqcase::realtime_in(60000);
    std::vector<char> buf(msgsize);
    unsigned prio = 0;
    std::string line = "mq_send:" + mqcase::sent_or_errno(::mq_send(fd, "s", 1, 1));
    line += " mq_timedsend:" + mqcase::sent_or_errno(::mq_timedsend(fd, "t", 1, 2, &deadline));
    const ssize_t n = ::mq_receive(fd, buf.data(), buf.size(), &prio);
    line += " mq_receive:" + mqcase::received_or_errno(n, buf, prio);
    const ssize_t timed_n = ::mq_timedreceive(fd, buf.data(), buf.size(), &prio, &deadline);
    line += " mq_timedreceive:" + mqcase::received_or_errno(timed_n, buf, prio);
    return line;
}
}  // namespace

CLAIM("MQ-29", "mq_send and mq_receive fail with EBADF unless the descriptor is a queue open that way") {
    mqcase::require_calls(mqcase::uses_send | mqcase::uses_receive | mqcase::uses_getattr);
    const std::string all_ebadf = "mq_send:EBADF mq_timedsend:EBADF mq_receive:EBADF mq_timedreceive:EBADF";
    mqcase::Queue q(4, 8, O_RDWR | O_NONBLOCK);

    const auto minus_one = calls_on(static_cast<mqd_t>(-1), 8);
    ipc::evidence("fd_-1", minus_one);
    CHECK_EQ(minus_one, all_ebadf);

    const auto not_open = calls_on(static_cast<mqd_t>(INT_MAX - 1), 8);
    ipc::evidence("fd_INT_MAX-1", not_open);
    CHECK_EQ(not_open, all_ebadf);

    const mqd_t closed = static_cast<mqd_t>(ipc::must(::mq_open(q.name().c_str(), O_RDWR | O_NONBLOCK), "mq_open"));
    ::mq_close(closed);
    const auto after_close = calls_on(closed, 8);
    ipc::evidence("closed_queue", after_close);
    CHECK_EQ(after_close, all_ebadf);

    ipc::Fd root(static_cast<int>(ipc::must(::open("/", O_RDONLY | O_DIRECTORY), "open /")));
    const auto not_a_queue = calls_on(static_cast<mqd_t>(root.get()), 8);
    ipc::evidence("directory_fd", not_a_queue);
    CHECK_EQ(not_a_queue, all_ebadf);

    const mqd_t wronly = static_cast<mqd_t>(ipc::must(::mq_open(q.name().c_str(), O_WRONLY | O_NONBLOCK), "mq_open"));
    const auto write_only = calls_on(wronly, 8);
    ::mq_close(wronly);
    ipc::evidence("O_WRONLY", write_only);
    CHECK_EQ(write_only, "mq_send:sent mq_timedsend:sent mq_receive:EBADF mq_timedreceive:EBADF");

    const mqd_t rdonly = static_cast<mqd_t>(ipc::must(::mq_open(q.name().c_str(), O_RDONLY | O_NONBLOCK), "mq_open"));
    const auto read_only = calls_on(rdonly, 8);
    ::mq_close(rdonly);
    ipc::evidence("O_RDONLY", read_only);
    CHECK_EQ(read_only, "mq_send:EBADF mq_timedsend:EBADF mq_receive:2:t mq_timedreceive:1:s");

    const auto left = mqcase::drain(q.name());
    ipc::evidence("left_in_queue", left.empty() ? "nothing" : left);
    CHECK_EQ(left, "");
}
