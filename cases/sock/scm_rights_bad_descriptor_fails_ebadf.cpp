// SOCK-11 (edge; unix(7) SCM_RIGHTS, sendmsg(2) EBADF and EINVAL, cmsg(3)):
// sendmsg(2) with ancillary data the kernel cannot take fails as a whole and
// sends nothing, not even the data: an SCM_RIGHTS message naming a descriptor
// that is not open fails with EBADF, alone or after an open one; a control
// message whose cmsg_len is shorter than its own header fails with EINVAL, as
// does an SCM_CREDENTIALS message with no credentials in it; and a receiver
// that turned SO_PASSRIGHTS off (Linux 6.16+) makes any SCM_RIGHTS sent to it
// fail with EPERM (where the option is unknown, that part is skipped:
// setsockopt or reading it back fails ENOPROTOOPT; gVisor's setsockopt
// accepts it, its getsockopt does not). After each, the peer has nothing to
// read (EAGAIN). The closed descriptor is one this case
// opens and closes right before each send, so nothing can have it then.
// The same sendmsg to a bound SOCK_DGRAM socket by address (msg_name), from
// an unconnected one: with an open descriptor it is sent, flags the kernel
// does not know (~MSG_CMSG_COMPAT) with control data fail with EOPNOTSUPP, a
// control pointer that points nowhere with EFAULT, and a control length of 0
// sends the data alone.
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
        // Read back too: gVisor accepts setsockopt of options it does not have.
        int shown = -1;
        socklen_t shown_len = sizeof shown;
        auto get =
            ipc::capture([&] { return ::getsockopt(refusing.b(), SOL_SOCKET, SO_PASSRIGHTS, &shown, &shown_len); });
        ipc::evidence(k.name + ".SO_PASSRIGHTS_read_back", get.ok() ? std::to_string(shown) : ipc::describe(get));
        if (set == ipc::SyscallResult::failure(ENOPROTOOPT) || get == ipc::SyscallResult::failure(ENOPROTOOPT)) {
            ipc::skip_part(k.name + ".SO_PASSRIGHTS",
                           "this kernel has no SO_PASSRIGHTS (Linux 6.16+): " +
                               std::string(set.ok() ? "setsockopt accepts it but getsockopt" : "setsockopt") +
                               " fails with ENOPROTOOPT");
            continue;
        }
        REQUIRE(set.ok());
        refused_and_nothing_sent(k.name + ".SCM_RIGHTS_to_SO_PASSRIGHTS_0",
                                 send_control(refusing.a(), SCM_RIGHTS, CMSG_LEN(sizeof(int)), {open_pipe.w()}), EPERM,
                                 refusing.b());
    }

    // By address, from an unconnected SOCK_DGRAM socket.
    constexpr unsigned msg_cmsg_compat = 0x80000000u;  // the kernel's own flag, not in libc's headers
    const auto where = ipc::UnixAddress::abstract(ipc::unique_abstract_name("rights-to"));
    auto bound = sockcase::unix_socket(SOCK_DGRAM);
    auto sender = sockcase::unix_socket(SOCK_DGRAM);
    REQUIRE(::bind(bound.get(), where.get(), where.size()) == 0);
    auto send_to = [&](int flags, void* control, std::size_t controllen) {
        char data[] = "data";
        iovec iov{data, 4};
        msghdr msg{};
        msg.msg_name = const_cast<sockaddr*>(where.get());
        msg.msg_namelen = where.size();
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control;
        msg.msg_controllen = controllen;
        return ipc::capture([&] { return ::sendmsg(sender.get(), &msg, flags); });
    };
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
    auto* h = reinterpret_cast<cmsghdr*>(control);
    h->cmsg_level = SOL_SOCKET;
    h->cmsg_type = SCM_RIGHTS;
    h->cmsg_len = CMSG_LEN(sizeof(int));
    const int passed = open_pipe.w();
    std::memcpy(CMSG_DATA(h), &passed, sizeof passed);

    auto rights = send_to(0, control, sizeof control);
    auto got = ipc::receive(bound.get(), 16, MSG_DONTWAIT, 1);
    ipc::evidence("to_address.SCM_RIGHTS", ipc::describe(rights));
    ipc::evidence("to_address.received_descriptors", got ? static_cast<long long>(got->fds.size()) : -1LL);
    CHECK_EQ(rights.value, 4);
    CHECK((got && got->fds.size() == 1));
    refused_and_nothing_sent("to_address.flags_not_MSG_CMSG_COMPAT",
                             send_to(static_cast<int>(~msg_cmsg_compat), control, sizeof control), EOPNOTSUPP,
                             bound.get());
    refused_and_nothing_sent("to_address.control_pointer_-1", send_to(0, reinterpret_cast<void*>(-1), sizeof control),
                             EFAULT, bound.get());
    auto empty = send_to(0, control, 0);
    auto plain = ipc::receive(bound.get(), 16, MSG_DONTWAIT, 1);
    ipc::evidence("to_address.controllen_0", ipc::describe(empty));
    CHECK_EQ(empty.value, 4);
    CHECK((plain && plain->data == "data" && plain->fds.empty()));
}
