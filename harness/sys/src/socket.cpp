#include "ipc/socket.hpp"

#include <cerrno>
#include <cstring>
#include <sys/random.h>
#include <unistd.h>

#include "ipc/errno_name.hpp"
#include "ipc/error.hpp"
#include "ipc/readiness.hpp"

namespace ipc {

std::string socket_type_name(int type) {
    switch (type) {
        case SOCK_STREAM: return "SOCK_STREAM";
        case SOCK_SEQPACKET: return "SOCK_SEQPACKET";
        case SOCK_DGRAM: return "SOCK_DGRAM";
        default: return "socket type " + std::to_string(type);
    }
}

std::string msg_flags_names(int flags) {
    std::string out;
    for (auto [bit, name] : {std::pair{MSG_TRUNC, "MSG_TRUNC"},
                             {MSG_CTRUNC, "MSG_CTRUNC"},
                             {MSG_EOR, "MSG_EOR"},
                             {MSG_OOB, "MSG_OOB"},
                             {MSG_ERRQUEUE, "MSG_ERRQUEUE"},
                             {MSG_CMSG_CLOEXEC, "MSG_CMSG_CLOEXEC"}})
        if (flags & bit) {
            out += (out.empty() ? "" : "|") + std::string(name);
            flags &= ~bit;
        }
    if (flags) out += (out.empty() ? "" : "|") + std::to_string(flags);
    return out.empty() ? "none" : out;
}

SocketPair SocketPair::make(int type, int flags) {
    int fds[2];
    check_call(::socketpair(AF_UNIX, type | flags, 0, fds), "socketpair(AF_UNIX, " + socket_type_name(type) + ")");
    return {Fd(fds[0]), Fd(fds[1])};
}

UnixAddress UnixAddress::path(const std::string& path) {
    UnixAddress a;
    a.addr_.sun_family = AF_UNIX;
    if (path.size() + 1 > sizeof a.addr_.sun_path)
        throw Failure("socket path of " + std::to_string(path.size()) + " bytes does not fit sun_path (" +
                      std::to_string(sizeof a.addr_.sun_path) + "): " + path);
    std::memcpy(a.addr_.sun_path, path.c_str(), path.size() + 1);
    a.size_ = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path.size() + 1);
    return a;
}

UnixAddress UnixAddress::abstract(const std::string& name) {
    UnixAddress a;
    a.addr_.sun_family = AF_UNIX;
    if (name.size() + 1 > sizeof a.addr_.sun_path) throw Failure("abstract socket name too long: " + name);
    a.addr_.sun_path[0] = '\0';
    std::memcpy(a.addr_.sun_path + 1, name.data(), name.size());
    a.size_ = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + name.size());
    a.abstract_ = true;
    return a;
}

std::string UnixAddress::describe() const {
    const std::size_t len = size_ - offsetof(sockaddr_un, sun_path);
    if (abstract_) return "@" + std::string(addr_.sun_path + 1, len - 1);
    return addr_.sun_path;
}

std::string unique_abstract_name(const std::string& what) {
    unsigned char random[8];
    check_call(::getrandom(random, sizeof random, 0), "getrandom");
    std::string name = "ipc-claims-" + what + "-" + std::to_string(::getpid()) + "-";
    for (unsigned char c : random) {
        name += "0123456789abcdef"[c >> 4];
        name += "0123456789abcdef"[c & 15];
    }
    return name;
}

Fd listen_at(const UnixAddress& where, int type) {
    Fd s(static_cast<int>(check_call(::socket(AF_UNIX, type | SOCK_CLOEXEC, 0), "socket(AF_UNIX)")));
    check_call(::bind(s.get(), where.get(), where.size()), "bind " + where.describe());
    if (type != SOCK_DGRAM) check_call(::listen(s.get(), 8), "listen " + where.describe());
    return s;
}

Fd connect_to(const UnixAddress& where, int type) {
    Fd s(static_cast<int>(check_call(::socket(AF_UNIX, type | SOCK_CLOEXEC, 0), "socket(AF_UNIX)")));
    int r;
    do r = ::connect(s.get(), where.get(), where.size());
    while (r < 0 && errno == EINTR);
    if (r < 0) {
        int saved = errno;
        s.reset();
        errno = saved;
    }
    return s;
}

Fd accept_within(int listener, std::chrono::milliseconds deadline) {
    if (!readable_within(listener, deadline)) {
        errno = ETIMEDOUT;
        return Fd();
    }
    return Fd(static_cast<int>(check_call(::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC), "accept4")));
}

long send_with_fds(int sock, std::string_view data, const std::vector<int>& fds, int flags) {
    iovec iov{const_cast<char*>(data.data()), data.size()};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    std::vector<char> control(CMSG_SPACE(sizeof(int) * fds.size()));
    if (!fds.empty()) {
        msg.msg_control = control.data();
        msg.msg_controllen = control.size();
        cmsghdr* c = CMSG_FIRSTHDR(&msg);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int) * fds.size());
        std::memcpy(CMSG_DATA(c), fds.data(), sizeof(int) * fds.size());
    }
    long r;
    do r = ::sendmsg(sock, &msg, flags);
    while (r < 0 && errno == EINTR);
    return r;
}

std::optional<Received> receive(int sock, std::size_t max, int flags, int max_fds) {
    Received out;
    out.data.assign(max, '\0');
    iovec iov{out.data.data(), max};
    std::vector<char> control(CMSG_SPACE(sizeof(int) * static_cast<std::size_t>(max_fds)));
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.data();
    msg.msg_controllen = control.size();
    long r;
    do r = ::recvmsg(sock, &msg, flags);
    while (r < 0 && errno == EINTR);
    if (r < 0) return std::nullopt;
    out.result = r;
    out.msg_flags = msg.msg_flags;
    // With MSG_TRUNC in flags the result is the full length; keep what fits.
    out.data.resize(std::min(static_cast<std::size_t>(r), max));
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
        std::size_t n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        for (std::size_t i = 0; i < n; ++i) {
            int fd;
            std::memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof fd);
            out.fds.emplace_back(fd);
        }
    }
    return out;
}

std::optional<PeerCredentials> peer_credentials(int sock) {
    ucred cred{};
    socklen_t len = sizeof cred;
    if (::getsockopt(sock, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0) return std::nullopt;
    return PeerCredentials{cred.pid, cred.uid, cred.gid};
}

}  // namespace ipc
