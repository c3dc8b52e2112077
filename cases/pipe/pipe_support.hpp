// Small vocabulary shared by the pipe, FIFO and wait-status cases: a child's
// report through a pipe, reads with a deadline, FIONREAD, poll events by
// name, and privilege (who may do what, and dropping to nobody).
#pragma once
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <grp.h>
#include <optional>
#include <poll.h>
#include <sstream>
#include <string>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <type_traits>
#include <unistd.h>

#include "ipc/case.hpp"

namespace support {

// What a forked child tells its parent: one write of a plain struct (atomic,
// it is far below PIPE_BUF), read by the parent once the child has gone.
template <class T>
class Report {
    static_assert(std::is_trivially_copyable_v<T> && sizeof(T) <= 512);

public:
    // In the child.
    void send(const T& value) const { (void)!::write(pipe_.w(), &value, sizeof value); }
    // In the parent, after waiting for the child: its report, or nullopt if
    // it sent none (it died first). Never blocks.
    std::optional<T> receive() {
        pipe_.write_end.reset();
        ipc::set_nonblocking(pipe_.r(), true);
        T value{};
        return ::read(pipe_.r(), &value, sizeof value) == static_cast<ssize_t>(sizeof value) ? std::optional<T>(value)
                                                                                            : std::nullopt;
    }

private:
    ipc::Pipe pipe_ = ipc::Pipe::make(O_CLOEXEC);
};

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

// "POLLIN|POLLHUP", "none".
inline std::string events_name(short events) {
    static const std::pair<short, const char*> names[] = {{POLLIN, "POLLIN"},   {POLLOUT, "POLLOUT"},
                                                          {POLLERR, "POLLERR"}, {POLLHUP, "POLLHUP"},
                                                          {POLLNVAL, "POLLNVAL"}, {POLLPRI, "POLLPRI"}};
    std::string out;
    for (auto [bit, name] : names)
        if (events & bit) out += (out.empty() ? "" : "|") + std::string(name);
    return out.empty() ? "none" : out;
}

// ---- privilege ----------------------------------------------------------

inline constexpr uid_t nobody = 65534;

// True in the initial user namespace, where capabilities count for the
// kernel's global checks (in a user namespace, CAP_SYS_RESOURCE shown in
// CapEff is only the namespace's own).
inline bool in_initial_user_namespace() {
    std::ifstream in("/proc/self/uid_map");
    long long inside = -1, outside = -1, count = -1;
    in >> inside >> outside >> count;
    return inside == 0 && outside == 0 && count == 4294967295LL;
}

inline bool has_effective_capability(int cap) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("CapEff:", 0) == 0) {
            unsigned long long mask = std::stoull(line.substr(7), nullptr, 16);
            return (mask >> cap) & 1ULL;
        }
    return false;
}

// Whether a capability check of the kernel (capable(), against the initial
// namespace) would pass for this process.
inline bool capable(int cap) { return in_initial_user_namespace() && has_effective_capability(cap); }

// How the runner isolated the case ("user+ipc-namespace" when not root), or
// "none (run directly)".
inline std::string isolation() {
    const char* mode = std::getenv("IPC_CLAIMS_ISOLATION");
    return mode && *mode ? mode : "none (run directly)";
}

// In a child of a root process: become nobody (uid and gid 65534, no
// supplementary groups, no capabilities). The dumpable flag, which a change of
// credentials clears, is set again, as a process started by nobody has it (or
// /proc/PID/fd would be root's). Returns 0 or the errno of the failing step.
inline int drop_to_nobody() {
    if (::setgroups(0, nullptr) != 0 || ::setgid(nobody) != 0 || ::setuid(nobody) != 0) return errno;
    if (::prctl(PR_SET_DUMPABLE, 1) != 0) return errno;
    for (int cap = 0; cap < 64; ++cap)  // setuid kept some capability (securebits): not unprivileged
        if (has_effective_capability(cap)) return EPERM;
    return 0;
}

}  // namespace support
