#include "ipc/readiness.hpp"

#include <cerrno>
#include <poll.h>
#include <utility>

#include "ipc/errno_name.hpp"
#include "ipc/error.hpp"

namespace ipc {

bool readable_within(int fd, std::chrono::milliseconds deadline) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
        pollfd p{fd, POLLIN, 0};
        int r = ::poll(&p, 1, static_cast<int>(std::max<long long>(0, left.count())));
        if (r == 1) return true;
        if (r == 0) return false;
        if (errno != EINTR) throw Failure("poll: " + errno_name(errno));
    }
}

bool eventually(const std::function<bool()>& reached, std::chrono::milliseconds deadline) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (!reached()) {
        if (std::chrono::steady_clock::now() >= until) return false;
        ::poll(nullptr, 0, 1);  // poll interval between two looks
    }
    return true;
}

std::string poll_events_name(short revents) {
    static const std::pair<short, const char*> names[] = {{POLLIN, "POLLIN"},         {POLLPRI, "POLLPRI"},
                                                          {POLLRDNORM, "POLLRDNORM"}, {POLLOUT, "POLLOUT"},
                                                          {POLLWRNORM, "POLLWRNORM"}, {POLLRDHUP, "POLLRDHUP"},
                                                          {POLLERR, "POLLERR"},       {POLLHUP, "POLLHUP"},
                                                          {POLLNVAL, "POLLNVAL"}};
    std::string out;
    for (auto [bit, name] : names)
        if (revents & bit) out += (out.empty() ? "" : "|") + std::string(name);
    return out.empty() ? "none" : out;
}

}  // namespace ipc
