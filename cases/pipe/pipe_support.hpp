// Small vocabulary shared by the pipe and FIFO cases: reads with a deadline,
// FIONREAD, poll events by name.
#pragma once
#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <poll.h>
#include <string>
#include <sys/ioctl.h>
#include <unistd.h>

#include "ipc/case.hpp"
#include "ipc/reporting_child.hpp"

namespace support {

// FIONREAD: the bytes waiting to be read.
inline long unread_bytes(int fd) {
    int n = -1;
    ipc::must(::ioctl(fd, FIONREAD, &n), "ioctl(FIONREAD)");
    return n;
}

// Reads until end of file, waiting at most `deadline` in all; `complete` is
// false if the deadline came first.
struct ReadAll {
    std::string data;
    bool complete = false;
};
inline ReadAll read_all_within(int fd, std::chrono::milliseconds deadline = ipc::default_deadline) {
    ReadAll out;
    const auto until = std::chrono::steady_clock::now() + deadline;
    std::string buf(1 << 16, '\0');
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
        if (left.count() <= 0) return out;
        pollfd p{fd, POLLIN, 0};
        int ready = ::poll(&p, 1, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) return out;
        ssize_t n = ::read(fd, buf.data(), buf.size());
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (n < 0) ipc::broken("read: " + ipc::errno_name(errno));
        if (n == 0) {
            out.complete = true;
            return out;
        }
        out.data.append(buf.data(), static_cast<std::size_t>(n));
    }
}

// poll() with a zero timeout: the events the kernel reports now.
inline short events_now(int fd, short wanted) {
    pollfd p{fd, wanted, 0};
    ipc::must(::poll(&p, 1, 0), "poll");
    return p.revents;
}

}  // namespace support
