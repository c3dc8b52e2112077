// SOCK-13 (edge; unix(7) SCM_RIGHTS, recvmsg(2) MSG_CMSG_CLOEXEC, fcntl(2)
// FD_CLOEXEC): a descriptor received with SCM_RIGHTS is a new descriptor with
// flags of its own: without MSG_CMSG_CLOEXEC it does not have FD_CLOEXEC,
// even when the sender's descriptor had it (the flag belongs to a
// descriptor, not to the open file); recvmsg with MSG_CMSG_CLOEXEC gives it
// FD_CLOEXEC, even when the sender's did not have it.
#include <fcntl.h>

#include "ipc/case.hpp"
#include "ipc/socket.hpp"
#include "sock_support.hpp"

namespace {
std::string flags_of(int fd) {
    const int f = ::fcntl(fd, F_GETFD);
    return f < 0 ? ipc::errno_name(errno) : (f & FD_CLOEXEC) ? "FD_CLOEXEC" : "0";
}
}  // namespace

CLAIM("SOCK-13", "a received descriptor has FD_CLOEXEC only when recvmsg was given MSG_CMSG_CLOEXEC") {
    auto with_cloexec = ipc::Pipe::make(O_CLOEXEC);
    auto without_cloexec = ipc::Pipe::make(0);
    ipc::evidence("sent.with_FD_CLOEXEC", flags_of(with_cloexec.w()));
    ipc::evidence("sent.without_FD_CLOEXEC", flags_of(without_cloexec.w()));
    REQUIRE_EQ(flags_of(with_cloexec.w()), "FD_CLOEXEC");
    REQUIRE_EQ(flags_of(without_cloexec.w()), "0");

    for (int type : {SOCK_STREAM, SOCK_SEQPACKET, SOCK_DGRAM}) {
        const auto k = sockcase::kind(type);
        CAPTURE(k.name);
        auto pair = ipc::SocketPair::make(type);
        struct Case {
            const char* name;
            int sent;
            int recv_flags;
            const char* expected;
        };
        for (Case c :
             {Case{"sent_cloexec.recvmsg_0", with_cloexec.w(), 0, "0"},
              Case{"sent_plain.recvmsg_0", without_cloexec.w(), 0, "0"},
              Case{"sent_plain.recvmsg_MSG_CMSG_CLOEXEC", without_cloexec.w(), MSG_CMSG_CLOEXEC, "FD_CLOEXEC"},
              Case{"sent_cloexec.recvmsg_MSG_CMSG_CLOEXEC", with_cloexec.w(), MSG_CMSG_CLOEXEC, "FD_CLOEXEC"}}) {
            CAPTURE(c.name);
            REQUIRE_WITH_ERRNO(ipc::send_with_fds(pair.a(), "f", {c.sent}) == 1, "sendmsg(SCM_RIGHTS)");
            auto got = ipc::receive(pair.b(), 8, MSG_DONTWAIT | c.recv_flags, 1);
            REQUIRE_WITH_ERRNO(got, "recvmsg");
            REQUIRE_EQ(got->fds.size(), 1u);
            const std::string flags = flags_of(got->fds[0].get());
            ipc::evidence(k.name + "." + c.name, flags);
            CHECK_EQ(flags, c.expected);
        }
    }
}
