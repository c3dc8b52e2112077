// Shared by the socket cases: the kinds of Unix socket a rule is run over,
// and a send(2) whose result is captured with errno.
#pragma once
#include <algorithm>
#include <poll.h>
#include <string>
#include <string_view>
#include <sys/socket.h>
#include <sys/stat.h>

#include "ipc/check.hpp"
#include "ipc/readiness.hpp"
#include "ipc/socket.hpp"

namespace sockcase {

struct Kind {
    int type;
    std::string name;
};

inline Kind kind(int type) { return {type, ipc::socket_type_name(type)}; }

inline ipc::SyscallResult send_text(int fd, std::string_view text, int flags = 0) {
    return ipc::capture([&] { return ::send(fd, text.data(), text.size(), flags); });
}

// One recv(2) of at most max bytes: its result with errno, and the bytes.
struct Recv {
    ipc::SyscallResult result;
    std::string data;
};
inline Recv recv_text(int fd, std::size_t max, int flags = 0) {
    std::string buf(max, '\0');
    auto r = ipc::capture([&] { return ::recv(fd, buf.data(), max, flags); });
    buf.resize(r.ok() ? std::min<std::size_t>(static_cast<std::size_t>(r.value), max) : 0);
    return {r, buf};
}

// An AF_UNIX socket of type (SOCK_CLOEXEC added); a failure is a broken setup.
inline ipc::Fd unix_socket(int type) {
    return ipc::Fd(static_cast<int>(ipc::must(::socket(AF_UNIX, type | SOCK_CLOEXEC, 0), "socket(AF_UNIX)")));
}

// getsockopt(SOL_SOCKET, name) of an int option; -1 with errno on failure.
inline int int_option(int fd, int name) {
    int v = -1;
    socklen_t len = sizeof v;
    return ::getsockopt(fd, SOL_SOCKET, name, &v, &len) == 0 ? v : -1;
}

// The inode of what fd refers to (a pipe, a socket), as a string.
inline std::string inode_of(int fd) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) return "fstat: " + ipc::errno_name(errno);
    return std::to_string(st.st_ino);
}

// True once every write end of the pipe whose read end is fd has been
// released: poll(2) reports POLLHUP (the pipe must hold no data), within the
// default deadline.
inline bool write_end_released(int read_end) {
    return ipc::eventually([&] {
        pollfd p{read_end, POLLIN, 0};
        return ::poll(&p, 1, 0) == 1 && (p.revents & POLLHUP) != 0;
    });
}

// Whether some write end of the pipe is still open, now (no waiting).
inline bool write_end_open(int read_end) {
    pollfd p{read_end, POLLIN, 0};
    return ::poll(&p, 1, 0) == 0 || (p.revents & POLLHUP) == 0;
}

}  // namespace sockcase
