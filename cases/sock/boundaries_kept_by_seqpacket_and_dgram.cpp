// SOCK-02 (edge; unix(7), socket(2) SOCK_SEQPACKET/SOCK_DGRAM, recv(2)
// MSG_TRUNC): a SOCK_STREAM socket is a byte stream — two sends can come out
// of one recv, and a short recv leaves the rest for the next — while
// SOCK_SEQPACKET and SOCK_DGRAM keep message boundaries: one recv returns one
// message, and a recv shorter than the message truncates it (msg_flags has
// MSG_TRUNC, the rest is gone; with the MSG_TRUNC flag recv returns the real
// length). One body, run over the three kinds.
#include "ipc/case.hpp"
#include "ipc/socket.hpp"
#include "sock_support.hpp"

namespace {
// Every message waiting on fd, one recvmsg each, as "abc|defgh".
std::string receive_all(int fd) {
    std::string out;
    while (auto r = ipc::receive(fd, 64, MSG_DONTWAIT)) out += (out.empty() ? "" : "|") + r->data;
    return out;
}
}  // namespace

CLAIM("SOCK-02", "SOCK_STREAM merges messages; SOCK_SEQPACKET and SOCK_DGRAM keep them and truncate short reads") {
    for (int type : {SOCK_STREAM, SOCK_SEQPACKET, SOCK_DGRAM}) {
        const auto k = sockcase::kind(type);
        const bool keeps_boundaries = type != SOCK_STREAM;
        CAPTURE(k.name);
        auto pair = ipc::SocketPair::make(type);

        REQUIRE(sockcase::send_text(pair.a(), "abc").value == 3);
        REQUIRE(sockcase::send_text(pair.a(), "defgh").value == 5);
        std::string reads = receive_all(pair.b());
        ipc::evidence(k.name + ".two_sends_received_as", reads);
        CHECK_EQ(reads, keeps_boundaries ? "abc|defgh" : "abcdefgh");

        // A 3-byte read of an 8-byte message.
        REQUIRE(sockcase::send_text(pair.a(), "12345678").value == 8);
        auto part = ipc::receive(pair.b(), 3);
        REQUIRE(part);
        ipc::evidence(k.name + ".short_read", part->data + " (" + std::to_string(part->result) + " bytes, msg_flags " +
                                                  ipc::msg_flags_names(part->msg_flags) + ")");
        std::string rest = receive_all(pair.b());
        ipc::evidence(k.name + ".after_short_read", rest.empty() ? "nothing (EAGAIN)" : rest);
        CHECK_EQ(part->data, "123");
        CHECK_EQ((part->msg_flags & MSG_TRUNC) != 0, keeps_boundaries);
        CHECK_EQ(rest, keeps_boundaries ? "" : "45678");

        // recv(MSG_TRUNC) on a message socket reports the length it had.
        REQUIRE(sockcase::send_text(pair.a(), "12345678").value == 8);
        auto measured = ipc::receive(pair.b(), 3, MSG_TRUNC);
        REQUIRE(measured);
        ipc::evidence(k.name + ".recv_with_MSG_TRUNC_returns", measured->result);
        if (keeps_boundaries) CHECK_EQ(measured->result, 8);
    }
}
