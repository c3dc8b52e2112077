// MQ-27 (mq_overview(7) "Linux implementation of message queue descriptors":
// "On Linux, a message queue descriptor is actually a file descriptor";
// "Mounting the message queue filesystem": "The contents of each file in the
// directory consist of a single line containing information about the queue:
// QSIZE:129 NOTIFY:2 SIGNO:0 NOTIFY_PID:8260"): read(2) of a queue
// descriptor, returned by mq_open, gives that line too, in the kernel's
// layout ("QSIZE:%-10lu NOTIFY:%-5d SIGNO:%-5d NOTIFY_PID:%-6d\n"): all zero
// for an empty queue with no registration; the bytes queued and the
// SIGEV_SIGNAL registration (signal, pid) once there are. Reading takes no
// message.
#include "mq_support.hpp"

namespace {
// One read(2) of the descriptor from its start (its offset moves with each
// read, as a file's does).
std::string read_line(mqd_t q) {
    char buf[256];
    if (::lseek(q, 0, SEEK_SET) != 0) return "lseek: " + ipc::errno_name(errno);
    const ssize_t n = ::read(q, buf, sizeof buf);
    return n < 0 ? "read: " + ipc::errno_name(errno) : std::string(buf, static_cast<std::size_t>(n));
}
std::string line_of(unsigned long qsize, int notify, int signo, int pid) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "QSIZE:%-10lu NOTIFY:%-5d SIGNO:%-5d NOTIFY_PID:%-6d\n", qsize, notify, signo, pid);
    return buf;
}
}  // namespace

CLAIM("MQ-27", "read(2) of a queue descriptor gives the QSIZE/NOTIFY/SIGNO/NOTIFY_PID line") {
    mqcase::require_calls(mqcase::uses_send | mqcase::uses_getattr | mqcase::uses_notify);
    mqcase::Queue q(4, 16, O_RDWR | O_NONBLOCK);
    const auto empty = read_line(q.fd());
    ipc::evidence("empty", empty);
    CHECK_EQ(empty, line_of(0, 0, 0, 0));

    mqcase::send(q.fd(), "hello", 1);
    mqcase::send(q.fd(), "abc", 2);
    REQUIRE_MESSAGE(mqcase::notify_by_signal(q.fd(), SIGUSR2, 1) == 0, "mq_notify: " << ipc::errno_name(errno));
    const auto holding = read_line(q.fd());
    ipc::evidence("holding_8_bytes_registered", holding);
    CHECK_EQ(holding, line_of(8, SIGEV_SIGNAL, SIGUSR2, ::getpid()));
    CHECK_EQ(q.attr().mq_curmsgs, 2);
}
