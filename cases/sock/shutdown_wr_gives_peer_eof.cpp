// SOCK-04 (edge; shutdown(2), unix(7)): shutdown(SHUT_WR) on one end of a
// connected socket gives the peer end of file after the data already sent,
// while the other direction keeps working; the shut end itself can no longer
// send (EPIPE). Run over both connection-oriented kinds. SOCK_DGRAM has no
// connection to end: after a sender's SHUT_WR its own sends fail with EPIPE,
// what it sent before is still read, and then the receiver finds nothing
// (EAGAIN), not end of file; another sender to the same bound socket is not
// affected.
#include <poll.h>

#include "ipc/case.hpp"
#include "ipc/socket.hpp"
#include "sock_support.hpp"

CLAIM("SOCK-04", "shutdown(SHUT_WR) gives the peer end of file while the other direction keeps working") {
    for (int type : {SOCK_STREAM, SOCK_SEQPACKET}) {
        const auto k = sockcase::kind(type);
        CAPTURE(k.name);
        auto pair = ipc::SocketPair::make(type);
        REQUIRE(sockcase::send_text(pair.a(), "last words").value == 10);
        CHECK_SUCCEEDS(::shutdown(pair.a(), SHUT_WR));

        pollfd p{pair.b(), POLLIN | POLLRDHUP, 0};
        ::poll(&p, 1, 0);
        ipc::evidence(k.name + ".peer_poll_revents",
                      (p.revents & POLLIN ? std::string("POLLIN ") : "") + (p.revents & POLLRDHUP ? "POLLRDHUP" : ""));
        CHECK((p.revents & POLLRDHUP) != 0);

        auto data = ipc::receive(pair.b(), 64, MSG_DONTWAIT);
        REQUIRE(data);
        CHECK_EQ(data->data, "last words");
        int eofs = 0;
        for (int i = 0; i < 2; ++i) {
            auto r = ipc::receive(pair.b(), 64, MSG_DONTWAIT);
            if (r && r->result == 0) ++eofs;
            else ipc::evidence(k.name + ".unexpected_read", r ? r->data : ipc::errno_name(errno));
        }
        ipc::evidence(k.name + ".peer_reads_returning_0", eofs);
        CHECK_EQ(eofs, 2);

        // The other direction still works ...
        auto back = sockcase::send_text(pair.b(), "reply", MSG_NOSIGNAL);
        ipc::evidence(k.name + ".peer_send_back", ipc::describe(back));
        CHECK_EQ(back.value, 5);
        auto reply = ipc::receive(pair.a(), 64, MSG_DONTWAIT);
        ipc::evidence(k.name + ".reply_received", reply ? reply->data : ipc::errno_name(errno));
        CHECK_EQ(reply ? reply->data : "", "reply");
        // ... while the shut direction is closed for good.
        auto again = sockcase::send_text(pair.a(), "more", MSG_NOSIGNAL);
        ipc::evidence(k.name + ".send_after_shutdown", ipc::describe(again));
        CHECK_EQ(again, ipc::SyscallResult::failure(EPIPE));
    }

    // SOCK_DGRAM: the shut sender only.
    const auto where = ipc::UnixAddress::abstract(ipc::unique_abstract_name("shutwr-dgram"));
    auto bound = sockcase::unix_socket(SOCK_DGRAM);
    auto shut = sockcase::unix_socket(SOCK_DGRAM);
    auto other = sockcase::unix_socket(SOCK_DGRAM);
    REQUIRE(::bind(bound.get(), where.get(), where.size()) == 0);
    REQUIRE(::connect(shut.get(), where.get(), where.size()) == 0);
    REQUIRE(::connect(other.get(), where.get(), where.size()) == 0);
    REQUIRE(sockcase::send_text(shut.get(), "abc").value == 3);
    CHECK_SUCCEEDS(::shutdown(shut.get(), SHUT_WR));
    auto again = sockcase::send_text(shut.get(), "more", MSG_NOSIGNAL);
    auto from_other = sockcase::send_text(other.get(), "xyz", MSG_NOSIGNAL);
    auto r1 = sockcase::recv_text(bound.get(), 16, MSG_DONTWAIT);
    auto r2 = sockcase::recv_text(bound.get(), 16, MSG_DONTWAIT);
    auto r3 = sockcase::recv_text(bound.get(), 16, MSG_DONTWAIT);
    ipc::evidence("SOCK_DGRAM.send_after_SHUT_WR", ipc::describe(again));
    ipc::evidence("SOCK_DGRAM.other_sender_send", ipc::describe(from_other));
    ipc::evidence("SOCK_DGRAM.receiver_reads",
                  r1.data + "|" + r2.data + "|" + (r3.result.ok() ? r3.data : ipc::describe(r3.result)));
    CHECK_EQ(again, ipc::SyscallResult::failure(EPIPE));
    CHECK_EQ(from_other.value, 3);
    CHECK_EQ(r1.data, "abc");
    CHECK_EQ(r2.data, "xyz");
    CHECK_EQ(r3.result, ipc::SyscallResult::failure(EAGAIN));
}
