// SOCK-08 (edge; unix(7), recv(2) ECONNRESET, socket(7) SO_ERROR): once the
// peer of a connected SOCK_STREAM or SOCK_SEQPACKET socket has closed, a read
// returns 0 (end of file), again and again, without waiting. If the peer
// closed with data of ours still unread in its queue, the connection is
// reset instead: the next read fails with ECONNRESET, once, and reads return
// 0 after that. A shutdown(SHUT_RDWR) of the peer alone is no reset (end of
// file); its close, with our data still unread, is. SOCK_DGRAM has no
// connection: a socket whose peer closed reads nothing (EAGAIN), never 0 nor
// ECONNRESET. The reads are non-blocking, so a read that would wait shows as
// EAGAIN rather than hanging.
#include "ipc/case.hpp"
#include "ipc/socket.hpp"
#include "sock_support.hpp"

namespace {
// Two non-blocking reads of a, recorded under key.
std::pair<ipc::SyscallResult, ipc::SyscallResult> two_reads(const std::string& key, int fd) {
    auto first = sockcase::recv_text(fd, 16, MSG_DONTWAIT).result;
    auto second = sockcase::recv_text(fd, 16, MSG_DONTWAIT).result;
    ipc::evidence(key + ".first_read", ipc::describe(first));
    ipc::evidence(key + ".second_read", ipc::describe(second));
    return {first, second};
}
}  // namespace

CLAIM("SOCK-08", "after the peer closes a read returns 0; a peer closed with our data unread gives ECONNRESET once") {
    for (int type : {SOCK_STREAM, SOCK_SEQPACKET}) {
        const auto k = sockcase::kind(type);
        CAPTURE(k.name);
        {  // The peer closes, nothing unread: end of file, every time.
            auto pair = ipc::SocketPair::make(type);
            pair.second.reset();
            auto [first, second] = two_reads(k.name + ".peer_closed", pair.a());
            CHECK_EQ(first.value, 0);
            CHECK_EQ(second.value, 0);
            msghdr empty{};
            char byte = 0;
            iovec iov{&byte, 1};
            empty.msg_iov = &iov;
            empty.msg_iovlen = 1;
            auto waitall = ipc::capture([&] { return ::recvmsg(pair.a(), &empty, MSG_WAITALL | MSG_DONTWAIT); });
            ipc::evidence(k.name + ".peer_closed.recvmsg_MSG_WAITALL", ipc::describe(waitall));
            CHECK_EQ(waitall.value, 0);
        }
        {  // The peer closes with our message unread: reset, once.
            auto pair = ipc::SocketPair::make(type);
            REQUIRE(sockcase::send_text(pair.a(), "unread").value == 6);
            pair.second.reset();
            auto [first, second] = two_reads(k.name + ".peer_closed_with_unread_data", pair.a());
            CHECK_EQ(first, ipc::SyscallResult::failure(ECONNRESET));
            CHECK_EQ(second.value, 0);
        }
        {  // shutdown(SHUT_RDWR) of the peer is end of file; its close then resets.
            auto pair = ipc::SocketPair::make(type);
            REQUIRE(sockcase::send_text(pair.a(), "unread").value == 6);
            REQUIRE(::shutdown(pair.b(), SHUT_RDWR) == 0);
            auto after_shutdown = sockcase::recv_text(pair.a(), 16, MSG_DONTWAIT).result;
            ipc::evidence(k.name + ".peer_shut_down_with_unread_data.read", ipc::describe(after_shutdown));
            pair.second.reset();
            auto after_close = sockcase::recv_text(pair.a(), 16, MSG_DONTWAIT).result;
            ipc::evidence(k.name + ".peer_then_closed.read", ipc::describe(after_close));
            CHECK_EQ(after_shutdown.value, 0);
            CHECK_EQ(after_close, ipc::SyscallResult::failure(ECONNRESET));
        }
    }
    // SOCK_DGRAM: no connection, so neither end of file nor reset.
    auto pair = ipc::SocketPair::make(SOCK_DGRAM);
    REQUIRE(sockcase::send_text(pair.a(), "unread").value == 6);
    pair.second.reset();
    auto [first, second] = two_reads("SOCK_DGRAM.peer_closed_with_unread_data", pair.a());
    CHECK_EQ(first, ipc::SyscallResult::failure(EAGAIN));
    CHECK_EQ(second, ipc::SyscallResult::failure(EAGAIN));
}
