// SOCK-10 (edge; shutdown(2), unix(7)): shutdown(SHUT_RD) on one end of a
// connected SOCK_STREAM or SOCK_SEQPACKET socket closes the direction towards
// it: the peer's sends fail with EPIPE, and the shut end's own reads return 0
// at once instead of waiting (a non-blocking read would say EAGAIN if it
// waited); the other direction keeps working. And shutting down both ends
// (SHUT_RDWR) throws nothing away: data already queued is still read. A
// SOCK_SEQPACKET or SOCK_DGRAM socket shut down both ways polls as
// POLLIN|POLLOUT|POLLRDHUP|POLLHUP at once; a SOCK_DGRAM socket connected to
// a bound one and shut down both ways leaves that bound socket with nothing
// to report.
#include <poll.h>

#include "ipc/readiness.hpp"
#include "ipc/case.hpp"
#include "ipc/socket.hpp"
#include "sock_support.hpp"

namespace {
short revents_now(int fd, short events) {
    pollfd p{fd, events, 0};
    return ::poll(&p, 1, 0) < 0 ? -1 : p.revents;
}
}  // namespace

CLAIM("SOCK-10", "shutdown(SHUT_RD) makes the peer's sends fail with EPIPE and own reads return 0") {
    for (int type : {SOCK_STREAM, SOCK_SEQPACKET}) {
        const auto k = sockcase::kind(type);
        CAPTURE(k.name);
        {
            auto pair = ipc::SocketPair::make(type);
            CHECK_SUCCEEDS(::shutdown(pair.a(), SHUT_RD));
            auto peer_send = sockcase::send_text(pair.b(), "abc", MSG_NOSIGNAL);
            auto own_read = sockcase::recv_text(pair.a(), 16, MSG_DONTWAIT);
            auto own_send = sockcase::send_text(pair.a(), "xyz", MSG_NOSIGNAL);
            auto peer_read = sockcase::recv_text(pair.b(), 16, MSG_DONTWAIT);
            ipc::evidence(k.name + ".peer_send_to_shut_end", ipc::describe(peer_send));
            ipc::evidence(k.name + ".read_at_shut_end", ipc::describe(own_read.result));
            ipc::evidence(k.name + ".send_from_shut_end", ipc::describe(own_send));
            ipc::evidence(k.name + ".peer_read",
                          peer_read.result.ok() ? peer_read.data : ipc::describe(peer_read.result));
            CHECK_EQ(peer_send, ipc::SyscallResult::failure(EPIPE));
            CHECK_EQ(own_read.result.value, 0);
            CHECK_EQ(own_send.value, 3);
            CHECK_EQ(peer_read.data, "xyz");
        }
        {
            auto pair = ipc::SocketPair::make(type);
            REQUIRE(sockcase::send_text(pair.a(), "queued").value == 6);
            CHECK_SUCCEEDS(::shutdown(pair.a(), SHUT_RDWR));
            CHECK_SUCCEEDS(::shutdown(pair.b(), SHUT_RDWR));
            auto queued = sockcase::recv_text(pair.b(), 16, MSG_DONTWAIT);
            ipc::evidence(k.name + ".read_after_both_shut_down",
                          queued.result.ok() ? queued.data : ipc::describe(queued.result));
            CHECK_EQ(queued.data, "queued");
        }
    }
    const short all = POLLIN | POLLOUT | POLLRDHUP;
    for (int type : {SOCK_SEQPACKET, SOCK_DGRAM}) {
        const auto k = sockcase::kind(type);
        auto pair = ipc::SocketPair::make(type);
        REQUIRE(::shutdown(pair.a(), SHUT_RDWR) == 0);
        const short r = revents_now(pair.a(), all);
        ipc::evidence(k.name + ".poll_after_SHUT_RDWR", ipc::poll_events_name(r));
        CHECK_EQ(r, POLLIN | POLLOUT | POLLRDHUP | POLLHUP);
    }
    const auto where = ipc::UnixAddress::abstract(ipc::unique_abstract_name("shut-dgram"));
    auto bound = sockcase::unix_socket(SOCK_DGRAM);
    auto sender = sockcase::unix_socket(SOCK_DGRAM);
    REQUIRE(::bind(bound.get(), where.get(), where.size()) == 0);
    REQUIRE(::connect(sender.get(), where.get(), where.size()) == 0);
    REQUIRE(::shutdown(sender.get(), SHUT_RDWR) == 0);
    const short at_sender = revents_now(sender.get(), all);
    const short at_bound = revents_now(bound.get(), POLLIN | POLLRDHUP);
    ipc::evidence("SOCK_DGRAM.connected_sender.poll_after_SHUT_RDWR", ipc::poll_events_name(at_sender));
    ipc::evidence("SOCK_DGRAM.bound_peer.poll", ipc::poll_events_name(at_bound));
    CHECK_EQ(at_sender, POLLIN | POLLOUT | POLLRDHUP | POLLHUP);
    CHECK_EQ(at_bound, 0);
}
