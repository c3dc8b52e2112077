// SOCK-11 (edge; unix(7) SCM_RIGHTS, sendmsg(2) EBADF and EINVAL, cmsg(3)):
// sendmsg(2) with ancillary data the kernel cannot take fails as a whole and
// sends nothing, not even the data: an SCM_RIGHTS message naming a descriptor
// that is not open fails with EBADF, alone or after an open one; a control
// message whose cmsg_len is shorter than its own header fails with EINVAL, as
// does an SCM_CREDENTIALS message with no credentials in it; and a receiver
// that turned SO_PASSRIGHTS off (Linux 6.16+) makes any SCM_RIGHTS sent to it
// fail with EPERM (where the option is unknown, that part is skipped). After each, the
// peer has nothing to read (EAGAIN). The closed descriptor is one this case
// opens and closes right before each send, so nothing can have it then.
#include <cstring>
#include <fcntl.h>

#include "ipc/case.hpp"
#include "ipc/socket.hpp"
#include "ipc/sysctl.hpp"
#include "sock_support.hpp"

#ifndef SO_PASSRIGHTS
#define SO_PASSRIGHTS 83
#endif

namespace {
// sendmsg of "data" with one control message of the given level, type and
// cmsg_len, whose payload is the ints given.
ipc::SyscallResult send_control(int fd, int type, std::size_t cmsg_len, const std::vector<int>& payload) {
    char data[] = "data";
    iovec iov{data, 4};
    std::vector<char> control(CMSG_SPACE(sizeof(int) * std::max<std::size_t>(payload.size(), 1)), 0);
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.data();
    msg.msg_controllen = control.size();
    cmsghdr* c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = type;
    c->cmsg_len = cmsg_len;
    if (!payload.empty()) std::memcpy(CMSG_DATA(c), payload.data(), sizeof(int) * payload.size());
    return ipc::capture([&] { return ::sendmsg(fd, &msg, MSG_NOSIGNAL); });
}

// A descriptor number that is not open now: one just opened and closed.
int not_open() {
    const int fd = static_cast<int>(ipc::must(::open("/dev/null", O_RDONLY | O_CLOEXEC), "open /dev/null"));
    ipc::must(::close(fd), "close");
    return fd;
}

void refused_and_nothing_sent(const std::string& key, ipc::SyscallResult r, int err, int peer) {
    auto after = sockcase::recv_text(peer, 16, MSG_DONTWAIT).result;
    ipc::evidence(key + ".sendmsg", ipc::describe(r));
    ipc::evidence(key + ".peer_read_after", ipc::describe(after));
    CHECK_EQ(r, ipc::SyscallResult::failure(err));
    CHECK_EQ(after, ipc::SyscallResult::failure(EAGAIN));
}
}  // namespace

CLAIM("SOCK-11", "sendmsg with SCM_RIGHTS of a descriptor not open fails with EBADF and sends nothing") {
    auto open_pipe = ipc::Pipe::make(O_CLOEXEC);

    for (int type : {SOCK_STREAM, SOCK_SEQPACKET, SOCK_DGRAM}) {
        const auto k = sockcase::kind(type);
        CAPTURE(k.name);
        auto pair = ipc::SocketPair::make(type);
        const int closed = not_open();
        ipc::evidence(k.name + ".closed_descriptor", closed);
        refused_and_nothing_sent(k.name + ".SCM_RIGHTS_closed_fd",
                                 send_control(pair.a(), SCM_RIGHTS, CMSG_LEN(sizeof(int)), {not_open()}), EBADF,
                                 pair.b());
        refused_and_nothing_sent(k.name + ".SCM_RIGHTS_open_then_closed_fd",
                                 send_control(pair.a(), SCM_RIGHTS, CMSG_LEN(2 * sizeof(int)),
                                              {open_pipe.w(), not_open()}),
                                 EBADF, pair.b());
        refused_and_nothing_sent(k.name + ".SCM_RIGHTS_negative_fd",
                                 send_control(pair.a(), SCM_RIGHTS, CMSG_LEN(sizeof(int)), {-1}), EBADF, pair.b());
        refused_and_nothing_sent(k.name + ".cmsg_len_1", send_control(pair.a(), SCM_RIGHTS, 1, {open_pipe.w()}), EINVAL,
                                 pair.b());
        refused_and_nothing_sent(k.name + ".SCM_CREDENTIALS_empty",
                                 send_control(pair.a(), SCM_CREDENTIALS, CMSG_LEN(0), {}), EINVAL, pair.b());

        // The receiver refuses descriptors.
        auto refusing = ipc::SocketPair::make(type);
        const int off = 0;
        auto set =
            ipc::capture([&] { return ::setsockopt(refusing.b(), SOL_SOCKET, SO_PASSRIGHTS, &off, sizeof off); });
        ipc::evidence(k.name + ".SO_PASSRIGHTS_0", ipc::describe(set));
        if (set == ipc::SyscallResult::failure(ENOPROTOOPT)) {
            ipc::skip_part(k.name + ".SO_PASSRIGHTS", "this kernel has no SO_PASSRIGHTS (Linux 6.16+): ENOPROTOOPT");
            continue;
        }
        REQUIRE(set.ok());
        refused_and_nothing_sent(k.name + ".SCM_RIGHTS_to_SO_PASSRIGHTS_0",
                                 send_control(refusing.a(), SCM_RIGHTS, CMSG_LEN(sizeof(int)), {open_pipe.w()}), EPERM,
                                 refusing.b());
    }
}
