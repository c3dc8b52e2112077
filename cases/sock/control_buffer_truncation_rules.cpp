// SOCK-27 (edge; recvmsg(2) MSG_CTRUNC and msg_controllen, cmsg(3), unix(7)
// SCM_RIGHTS and SCM_CREDENTIALS): how recvmsg fills a control buffer of a
// given size. msg_controllen comes back as what was written. Too small for
// even a header (a header and one byte, half a header, or no buffer
// at all: msg_control NULL with a length, or one byte short of a header): nothing written (0) and
// MSG_CTRUNC. A buffer of CMSG_LEN(sizeof(int)), not padded to
// CMSG_SPACE, holds one descriptor exactly (no MSG_CTRUNC) but not two
// (MSG_CTRUNC, cmsg_len CMSG_LEN(sizeof(int))). MSG_CTRUNC given as an input
// flag changes nothing, and a control buffer far larger than needed (128
// KiB) takes the descriptor with room to spare. SCM_CREDENTIALS that do not fit are cut: with room
// for the header and a pid, the control message is that long, holds the
// sender's pid, and MSG_CTRUNC is set; with room for the header only, the
// header alone (cmsg_len = CMSG_LEN(0)); with CMSG_SPACE(sizeof(struct
// ucred)), all of it and no MSG_CTRUNC. With SO_PASSCRED on, the
// credentials come first, ahead of passed descriptors. Descriptors that do
// not fit are closed: each is a pipe's only write end, so its read end
// shows POLLHUP. With room for both, credentials and descriptors arrive
// together: the sender's credentials, attached or not, or pid 0 and the
// overflow uid and gid when the message was queued before SO_PASSCRED was
// turned on.
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include "ipc/case.hpp"
#include "ipc/procfs.hpp"
#include "ipc/socket.hpp"
#include "ipc/sysctl.hpp"
#include "sock_support.hpp"

namespace {
struct Got {
    long result = -1;
    int err = 0;  // errno when result is -1
    int msg_flags = 0;
    std::size_t controllen = 0;
    std::size_t cmsg_len = 0;  // of the first control message, 0 if none
    int cmsg_type = 0;
    std::vector<char> control;
};

// recvmsg with a control buffer of `size` bytes (null: msg_control NULL
// with msg_controllen `size`).
Got receive_into(int fd, std::size_t size, bool null = false, int flags = 0) {
    Got g;
    g.control.assign(size + 64, 0);
    char data[64];
    iovec iov{data, sizeof data};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = null ? nullptr : g.control.data();
    msg.msg_controllen = size;
    g.result = ::recvmsg(fd, &msg, MSG_DONTWAIT | flags);
    g.err = g.result < 0 ? errno : 0;
    g.msg_flags = msg.msg_flags;
    g.controllen = msg.msg_controllen;
    if (!null && msg.msg_controllen >= sizeof(cmsghdr)) {
        const auto* h = reinterpret_cast<const cmsghdr*>(g.control.data());
        g.cmsg_len = h->cmsg_len;
        g.cmsg_type = h->cmsg_type;
    }
    return g;
}

std::string describe(const Got& g) {
    return "recvmsg " + std::to_string(g.result) + (g.result < 0 ? " (" + ipc::errno_name(g.err) + ")" : "") +
           ", msg_flags " + ipc::msg_flags_names(g.msg_flags) + ", msg_controllen " + std::to_string(g.controllen) +
           ", cmsg_len " + std::to_string(g.cmsg_len) +
           (g.cmsg_type == SCM_RIGHTS        ? " SCM_RIGHTS"
            : g.cmsg_type == SCM_CREDENTIALS ? " SCM_CREDENTIALS"
                                             : "");
}

// Sends "data" with the write ends of n new pipes; returns the pipes, whose
// write ends the case no longer holds.
std::vector<ipc::Pipe> send_pipe_ends(int sock, int n) {
    std::vector<ipc::Pipe> pipes;
    std::vector<int> ends;
    for (int i = 0; i < n; ++i) {
        pipes.push_back(ipc::Pipe::make(O_CLOEXEC));
        ends.push_back(pipes.back().w());
    }
    REQUIRE_WITH_ERRNO(ipc::send_with_fds(sock, "data", ends) == 4, "sendmsg(SCM_RIGHTS)");
    for (auto& p : pipes) p.write_end.reset();
    return pipes;
}

// Closes the descriptors the buffer received, so that only what the kernel
// kept open would still hold the pipes.
void close_received(const Got& g) {
    if (g.cmsg_type != SCM_RIGHTS || g.cmsg_len < CMSG_LEN(0)) return;
    const std::size_t n = (g.cmsg_len - CMSG_LEN(0)) / sizeof(int);
    for (std::size_t i = 0; i < n; ++i) {
        int fd;
        std::memcpy(&fd, CMSG_DATA(reinterpret_cast<const cmsghdr*>(g.control.data())) + i * sizeof(int), sizeof fd);
        ::close(fd);
    }
}

// sendmsg of "data" with the write end of p and, if given, credentials.
long send_fd_and_creds(int sock, int fd, const ucred* creds) {
    char data[] = "data";
    iovec iov{data, 4};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(ucred)) + CMSG_SPACE(sizeof(int))] = {};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = (creds ? CMSG_SPACE(sizeof(ucred)) : 0) + CMSG_SPACE(sizeof(int));
    cmsghdr* h = CMSG_FIRSTHDR(&msg);
    if (creds) {
        h->cmsg_level = SOL_SOCKET;
        h->cmsg_type = SCM_CREDENTIALS;
        h->cmsg_len = CMSG_LEN(sizeof(ucred));
        std::memcpy(CMSG_DATA(h), creds, sizeof(ucred));
        h = CMSG_NXTHDR(&msg, h);
    }
    h->cmsg_level = SOL_SOCKET;
    h->cmsg_type = SCM_RIGHTS;
    h->cmsg_len = CMSG_LEN(sizeof(int));
    std::memcpy(CMSG_DATA(h), &fd, sizeof fd);
    return ::sendmsg(sock, &msg, 0);
}

// One recvmsg with room for credentials and one descriptor: "pid P uid U gid G
// + N fd(s)" (the descriptors are closed again).
std::string creds_and_fds(int sock) {
    char data[16];
    iovec iov{data, sizeof data};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(ucred)) + CMSG_SPACE(sizeof(int))] = {};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    if (::recvmsg(sock, &msg, MSG_DONTWAIT) < 0) return "recvmsg: " + ipc::errno_name(errno);
    std::string creds = "no credentials";
    std::size_t fds = 0;
    for (cmsghdr* h = CMSG_FIRSTHDR(&msg); h; h = CMSG_NXTHDR(&msg, h)) {
        if (h->cmsg_type == SCM_CREDENTIALS) {
            ucred c{};
            std::memcpy(&c, CMSG_DATA(h), sizeof c);
            creds = "pid " + std::to_string(c.pid) + " uid " + std::to_string(c.uid) + " gid " + std::to_string(c.gid);
        } else if (h->cmsg_type == SCM_RIGHTS) {
            for (std::size_t i = 0; i < (h->cmsg_len - CMSG_LEN(0)) / sizeof(int); ++i, ++fds) {
                int fd;
                std::memcpy(&fd, CMSG_DATA(h) + i * sizeof(int), sizeof fd);
                ::close(fd);
            }
        }
    }
    return creds + " + " + std::to_string(fds) + " fd" + (msg.msg_flags & MSG_CTRUNC ? " (MSG_CTRUNC)" : "");
}

std::string creds_text(long pid, long uid, long gid) {
    return "pid " + std::to_string(pid) + " uid " + std::to_string(uid) + " gid " + std::to_string(gid);
}

// What a message queued before SO_PASSCRED shows: pid 0 with the overflow
// uid and gid; nullopt when either cannot be read (runsc has no
// kernel.overflowgid).
std::optional<std::string> unknown_sender() {
    const auto uid = ipc::sysctl_if_readable("/proc/sys/kernel/overflowuid");
    const auto gid = ipc::sysctl_if_readable("/proc/sys/kernel/overflowgid");
    if (!uid || !gid) return std::nullopt;
    return creds_text(0, *uid, *gid);
}

bool all_released(std::vector<ipc::Pipe>& pipes) {
    bool all = true;
    for (auto& p : pipes) all = sockcase::write_end_released(p.r()) && all;
    return all;
}
}  // namespace

CLAIM("SOCK-27",
      "recvmsg fills a short control buffer as documented: MSG_CTRUNC, cut credentials, dropped descriptors closed") {
    for (int type : {SOCK_STREAM, SOCK_SEQPACKET, SOCK_DGRAM}) {
        const auto k = sockcase::kind(type);
        CAPTURE(k.name);
        auto pair = ipc::SocketPair::make(type);
        struct Rights {
            const char* name;
            int sent;
            std::size_t size;
            bool null;
            int flags;
            bool truncated;
            std::size_t controllen;
            std::size_t cmsg_len;
        };
        for (Rights r : {Rights{"header_plus_1", 1, CMSG_SPACE(0) + 1, false, 0, true, 0, 0},
                         Rights{"null_control", 1, CMSG_SPACE(1), true, 0, true, 0, 0},
                         Rights{"half_header", 1, CMSG_LEN(0) / 2, false, 0, true, 0, 0},
                         Rights{"header_less_1", 1, sizeof(cmsghdr) - 1, false, 0, true, 0, 0},
                         Rights{"unpadded_one_of_one", 1, CMSG_LEN(sizeof(int)), false, 0, false, CMSG_LEN(sizeof(int)),
                                CMSG_LEN(sizeof(int))},
                         Rights{"unpadded_one_of_two", 2, CMSG_LEN(sizeof(int)), false, 0, true, CMSG_LEN(sizeof(int)),
                                CMSG_LEN(sizeof(int))},
                         Rights{"MSG_CTRUNC_as_input", 1, CMSG_SPACE(sizeof(int)), false, MSG_CTRUNC, false,
                                CMSG_SPACE(sizeof(int)), CMSG_LEN(sizeof(int))},
                         Rights{"control_buffer_of_128_KiB", 1, 128 * 1024, false, 0, false, CMSG_SPACE(sizeof(int)),
                                CMSG_LEN(sizeof(int))}}) {
            CAPTURE(r.name);
            auto pipes = send_pipe_ends(pair.a(), r.sent);
            auto g = receive_into(pair.b(), r.size, r.null, r.flags);
            ipc::evidence(k.name + "." + r.name, describe(g));
            CHECK_EQ(g.result, 4);
            CHECK_EQ((g.msg_flags & MSG_CTRUNC) != 0, r.truncated);
            CHECK_EQ(g.controllen, r.controllen);
            CHECK_EQ(g.cmsg_len, r.cmsg_len);
            close_received(g);
            if (g.result != 4) {  // not received: its descriptors are still queued, by rights
                ipc::evidence(k.name + "." + r.name + ".all_write_ends_released", "not received: still queued");
                continue;
            }
            const bool released = all_released(pipes);
            ipc::evidence(k.name + "." + r.name + ".all_write_ends_released", released);
            CHECK(released);
        }

        // Credentials, cut to what fits.
        int on = 1;
        ipc::must(::setsockopt(pair.b(), SOL_SOCKET, SO_PASSCRED, &on, sizeof on), "SO_PASSCRED");
        struct Creds {
            const char* name;
            std::size_t size;
            bool truncated;
            std::size_t cmsg_len;
        };
        for (Creds c :
             {Creds{"credentials_pid_only", CMSG_SPACE(0) + sizeof(pid_t), true, CMSG_SPACE(0) + sizeof(pid_t)},
              Creds{"credentials_header_only", CMSG_SPACE(0), true, CMSG_LEN(0)},
              Creds{"credentials_full", CMSG_SPACE(sizeof(ucred)), false, CMSG_LEN(sizeof(ucred))}}) {
            CAPTURE(c.name);
            REQUIRE(sockcase::send_text(pair.a(), "data").value == 4);
            auto g = receive_into(pair.b(), c.size);
            pid_t pid = 0;
            if (g.cmsg_len >= CMSG_LEN(sizeof(pid_t)))
                std::memcpy(&pid, CMSG_DATA(reinterpret_cast<const cmsghdr*>(g.control.data())), sizeof pid);
            ipc::evidence(k.name + "." + c.name, describe(g) + ", pid " + std::to_string(pid));
            CHECK_EQ((g.msg_flags & MSG_CTRUNC) != 0, c.truncated);
            CHECK_EQ(g.cmsg_type, SCM_CREDENTIALS);
            CHECK_EQ(g.cmsg_len, c.cmsg_len);
            CHECK_EQ(g.controllen, c.size);
            if (c.cmsg_len >= CMSG_LEN(sizeof(pid_t))) CHECK_EQ(pid, ::getpid());
        }
        // Room for both: both arrive.
        {
            const std::string self = creds_text(::getpid(), ::getuid(), ::getgid());
            auto p = ipc::Pipe::make(O_CLOEXEC);
            REQUIRE_WITH_ERRNO(send_fd_and_creds(pair.a(), p.w(), nullptr) == 4, "sendmsg(SCM_RIGHTS)");
            const std::string fd_only = creds_and_fds(pair.b());
            const ucred own{::getpid(), ::getuid(), ::getgid()};
            REQUIRE_WITH_ERRNO(send_fd_and_creds(pair.a(), p.w(), &own) == 4, "sendmsg(SCM_CREDENTIALS, SCM_RIGHTS)");
            const std::string both = creds_and_fds(pair.b());
            auto early = ipc::SocketPair::make(type);
            REQUIRE_WITH_ERRNO(send_fd_and_creds(early.a(), p.w(), nullptr) == 4, "sendmsg(SCM_RIGHTS)");
            ipc::must(::setsockopt(early.b(), SOL_SOCKET, SO_PASSCRED, &on, sizeof on), "SO_PASSCRED");
            const std::string before = creds_and_fds(early.b());
            ipc::evidence(k.name + ".fd_sent_after_SO_PASSCRED", fd_only);
            ipc::evidence(k.name + ".fd_and_own_credentials_sent", both);
            ipc::evidence(k.name + ".fd_sent_before_SO_PASSCRED", before);
            CHECK_EQ(fd_only, self + " + 1 fd");
            CHECK_EQ(both, self + " + 1 fd");
            const auto unknown = unknown_sender();
            if (unknown) CHECK_EQ(before, *unknown + " + 1 fd");
            else {
                ipc::skip_part(k.name + ".fd_sent_before_SO_PASSCRED.overflow_ids",
                               "cannot read /proc/sys/kernel/overflowuid and overflowgid: checked for pid 0 and the "
                               "descriptor only, not for the overflow uid and gid");
                CHECK_EQ(before.substr(0, before.find(' ', 4)), "pid 0");
                CHECK(before.ends_with(" + 1 fd"));
            }
        }
        // Credentials come first: a header's room gets theirs, the descriptor is closed.
        auto pipes = send_pipe_ends(pair.a(), 1);
        auto g = receive_into(pair.b(), CMSG_LEN(0));
        ipc::evidence(k.name + ".credentials_and_fd.header_only", describe(g));
        CHECK_EQ(g.cmsg_type, SCM_CREDENTIALS);
        CHECK_NE(g.msg_flags & MSG_CTRUNC, 0);
        CHECK(all_released(pipes));
    }
}
