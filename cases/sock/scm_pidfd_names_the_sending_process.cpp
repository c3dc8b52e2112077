// SOCK-30 (edge; unix(7) SO_PASSPIDFD, SCM_PIDFD and SO_PEERPIDFD (Linux
// 6.5+), pidfd_open(2), proc(5) /proc/PID/fdinfo "Pid:"): with SO_PASSPIDFD
// set on the receiving end, each message comes with an SCM_PIDFD control
// message holding a pidfd of the process that sent it, and
// getsockopt(SO_PEERPIDFD) gives a pidfd of the peer that connected. The
// sender is a forked child, so its pid is not the case's; a pidfd's fdinfo
// names the process (Pid:). Where the kernel does not know the options
// (ENOPROTOOPT) the case SKIPs, saying so: SO_PEERPIDFD is probed first,
// on a socketpair, before anything is checked (the three came together in
// Linux 6.5; gVisor accepts setsockopt(SO_PASSPIDFD) but has no
// SO_PEERPIDFD). SOCK_STREAM and SOCK_DGRAM.
#include <cstring>
#include <unistd.h>

#include "ipc/case.hpp"
#include "ipc/procfs.hpp"
#include "ipc/socket.hpp"
#include "sock_support.hpp"

#ifndef SO_PASSPIDFD
#define SO_PASSPIDFD 76
#endif
#ifndef SO_PEERPIDFD
#define SO_PEERPIDFD 77
#endif
#ifndef SCM_PIDFD
#define SCM_PIDFD 0x04
#endif

namespace {
// The pid a pidfd refers to, from its fdinfo ("Pid:\t123"), or -2.
long pid_of_pidfd(int fd) {
    auto info = ipc::read_text("/proc/self/fdinfo/" + std::to_string(fd));
    if (!info) return -2;
    auto at = info->find("Pid:");
    return at == std::string::npos ? -2 : std::stol(info->substr(at + 4));
}

// One recvmsg: the pid named by its SCM_PIDFD (-1: none came).
long received_pidfd_pid(int sock) {
    char data[16];
    iovec iov{data, sizeof data};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int)) * 2] = {};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    if (::recvmsg(sock, &msg, MSG_CMSG_CLOEXEC) < 0) return -3;
    long pid = -1;
    for (cmsghdr* h = CMSG_FIRSTHDR(&msg); h; h = CMSG_NXTHDR(&msg, h))
        if (h->cmsg_level == SOL_SOCKET && h->cmsg_type == SCM_PIDFD) {
            int fd;
            std::memcpy(&fd, CMSG_DATA(h), sizeof fd);
            pid = pid_of_pidfd(fd);
            ::close(fd);
        }
    return pid;
}
}  // namespace

CLAIM("SOCK-30", "SO_PASSPIDFD makes each message carry an SCM_PIDFD of its sender; SO_PEERPIDFD names the peer") {
    {
        auto probe_pair = ipc::SocketPair::make(SOCK_STREAM);
        int probe_fd = -1;
        socklen_t probe_len = sizeof probe_fd;
        auto probe =
            ipc::capture([&] { return ::getsockopt(probe_pair.a(), SOL_SOCKET, SO_PEERPIDFD, &probe_fd, &probe_len); });
        ipc::evidence("probe.socketpair_SO_PEERPIDFD", ipc::describe(probe));
        if (probe.ok()) ipc::Fd owned(probe_fd);
        else if (probe.err == ENOPROTOOPT)
            ipc::skip("this kernel has no SO_PEERPIDFD (Linux 6.5+, with SO_PASSPIDFD and SCM_PIDFD): getsockopt "
                      "fails with ENOPROTOOPT");
    }
    for (int type : {SOCK_STREAM, SOCK_DGRAM}) {
        const auto k = sockcase::kind(type);
        CAPTURE(k.name);
        auto pair = ipc::SocketPair::make(type);
        const int on = 1;
        auto set = ipc::capture([&] { return ::setsockopt(pair.b(), SOL_SOCKET, SO_PASSPIDFD, &on, sizeof on); });
        ipc::evidence(k.name + ".setsockopt_SO_PASSPIDFD", ipc::describe(set));
        if (set == ipc::SyscallResult::failure(ENOPROTOOPT))
            ipc::skip("this kernel has no SO_PASSPIDFD (Linux 6.5+): setsockopt fails with ENOPROTOOPT");
        REQUIRE(set.ok());
        auto sender = ipc::Child::fork([&] { return sockcase::send_text(pair.a(), "from child").value == 10 ? 0 : 1; });
        const pid_t child = sender.pid();
        const long named = received_pidfd_pid(pair.b());
        auto status = sender.wait();
        ipc::evidence(k.name + ".sender_pid", static_cast<long long>(child));
        ipc::evidence(k.name + ".SCM_PIDFD_names_pid", named);
        CHECK(status.exited_with(0));
        CHECK_EQ(named, child);
    }
    // SO_PEERPIDFD: the peer that connected, a forked child.
    const auto where = ipc::UnixAddress::abstract(ipc::unique_abstract_name("peerpidfd"));
    ipc::Fd listener = ipc::listen_at(where);
    auto peer = ipc::Child::fork([&] {
        ipc::Fd s = ipc::connect_to(where);
        if (!s) return 2;
        char c;
        return ::read(s.get(), &c, 1) >= 0 ? 0 : 3;  // until the case closes
    });
    ipc::Fd conn = ipc::accept_within(listener.get());
    REQUIRE_WITH_ERRNO(conn, "accept");
    int pidfd = -1;
    socklen_t len = sizeof pidfd;
    auto got = ipc::capture([&] { return ::getsockopt(conn.get(), SOL_SOCKET, SO_PEERPIDFD, &pidfd, &len); });
    ipc::evidence("SO_PEERPIDFD", ipc::describe(got));
    if (got == ipc::SyscallResult::failure(ENOPROTOOPT))
        ipc::skip("this kernel has no SO_PEERPIDFD (Linux 6.5+): getsockopt fails with ENOPROTOOPT");
    REQUIRE(got.ok());
    ipc::Fd owned(pidfd);
    const long named = pid_of_pidfd(pidfd);
    ipc::evidence("SO_PEERPIDFD_names_pid", named);
    ipc::evidence("peer_pid", static_cast<long long>(peer.pid()));
    CHECK_EQ(named, peer.pid());
    conn.reset();
    CHECK(peer.wait().exited_with(0));
}
