// SOCK-22 (edge; unix(7) ioctls SIOCINQ and SIOCOUTQ): SIOCINQ of a Unix
// socket is 0 with nothing queued; with data queued, a SOCK_STREAM or
// SOCK_SEQPACKET socket reports every unread byte (two sends of 10 and 20
// bytes: 30), while a SOCK_DGRAM socket reports the size of the next
// datagram only (10); a read lowers it by what was read (a stream read of 4:
// 26; a message read: 20).
// SIOCOUTQ of the sending end is 0 while nothing it sent is unread, nonzero
// while something is (the kernel counts its own allocations, so only that
// much is claimed), and 0 again once the peer has read everything. A
// network-device ioctl (SIOCGIFINDEX of "lo") on a Unix socket is answered
// (the index) or refused with ENODEV, never an error about the socket.
#include <sys/ioctl.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <cstdio>

#include "ipc/case.hpp"
#include "ipc/socket.hpp"
#include "sock_support.hpp"

namespace {
long queued(int fd, unsigned long request) {
    int v = -1;
    return ::ioctl(fd, request, &v) == 0 ? v : -1;
}
}  // namespace

CLAIM("SOCK-22", "SIOCINQ counts unread bytes (stream, seqpacket) or the next datagram; SIOCOUTQ is nonzero while sent "
                 "data is unread") {
    for (int type : {SOCK_STREAM, SOCK_SEQPACKET, SOCK_DGRAM}) {
        const auto k = sockcase::kind(type);
        const bool stream = type == SOCK_STREAM;
        const bool dgram = type == SOCK_DGRAM;
        CAPTURE(k.name);
        auto pair = ipc::SocketPair::make(type);
        const long in_empty = queued(pair.b(), SIOCINQ);
        const long out_idle = queued(pair.a(), SIOCOUTQ);
        REQUIRE(sockcase::send_text(pair.a(), std::string(10, 'a')).value == 10);
        REQUIRE(sockcase::send_text(pair.a(), std::string(20, 'b')).value == 20);
        const long in_two = queued(pair.b(), SIOCINQ);
        const long out_busy = queued(pair.a(), SIOCOUTQ);
        ipc::evidence(k.name + ".SIOCINQ_empty", in_empty);
        ipc::evidence(k.name + ".SIOCOUTQ_idle", out_idle);
        ipc::evidence(k.name + ".SIOCINQ_after_10_and_20", in_two);
        ipc::evidence(k.name + ".SIOCOUTQ_while_unread", out_busy);
        CHECK_EQ(in_empty, 0);
        CHECK_EQ(out_idle, 0);
        CHECK_EQ(in_two, dgram ? 10 : 30);
        CHECK_GT(out_busy, 0);

        auto part = sockcase::recv_text(pair.b(), stream ? 4 : 64, MSG_DONTWAIT);
        const long in_after = queued(pair.b(), SIOCINQ);
        ipc::evidence(k.name + ".SIOCINQ_after_first_read", in_after);
        CHECK_EQ(in_after, stream ? 26 : 20);
        while (sockcase::recv_text(pair.b(), 64, MSG_DONTWAIT).result.ok()) {
        }
        const long out_done = queued(pair.a(), SIOCOUTQ);
        ipc::evidence(k.name + ".SIOCOUTQ_after_all_read", out_done);
        CHECK_EQ(out_done, 0);
        (void)part;
    }
    auto pair = ipc::SocketPair::make(SOCK_STREAM);
    ifreq ifr{};
    std::snprintf(ifr.ifr_name, IFNAMSIZ, "lo");
    auto r = ipc::capture([&] { return ::ioctl(pair.a(), SIOCGIFINDEX, &ifr); });
    ipc::evidence("SIOCGIFINDEX_lo", ipc::describe(r) + (r.ok() ? ", index " + std::to_string(ifr.ifr_ifindex) : ""));
    CHECK((r.ok() || r == ipc::SyscallResult::failure(ENODEV)));
}
