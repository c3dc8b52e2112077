// SOCK-25 (edge; recv(2), recvmsg(2) MSG_PEEK and MSG_TRUNC, unix(7)): a
// receive with no room (zero length) is still a receive. On SOCK_STREAM,
// with data queued, it returns 0 and leaves the data (no boundary to
// consume, no MSG_TRUNC); with nothing queued a non-blocking one fails with
// EAGAIN (with or without a control buffer) (0 would mean end of file); after the peer's shutdown(SHUT_WR) it
// returns 0. On SOCK_SEQPACKET and SOCK_DGRAM, with a message queued, it
// returns 0 (with MSG_TRUNC in its flags: the message's length), sets
// MSG_TRUNC in msg_flags and consumes the message unless MSG_PEEK; with
// nothing queued it fails with EAGAIN; after the peer's SHUT_WR it returns 0
// on SOCK_SEQPACKET (end of file, no MSG_TRUNC) and still EAGAIN on
// SOCK_DGRAM. Every combination of MSG_PEEK and MSG_TRUNC is tried.
#include "ipc/case.hpp"
#include "ipc/socket.hpp"
#include "sock_support.hpp"

namespace {
struct Zero {
    ipc::SyscallResult result;
    int msg_flags;
};
Zero recv_zero(int fd, int flags, bool control_space = false) {
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))];
    msghdr msg{};
    if (control_space) {
        msg.msg_control = control;
        msg.msg_controllen = sizeof control;
    }
    auto r = ipc::capture([&] { return ::recvmsg(fd, &msg, flags | MSG_DONTWAIT); });
    return {r, msg.msg_flags};
}
std::string flag_name(int flags) {
    if (flags == 0) return "0";
    return std::string(flags & MSG_PEEK ? "MSG_PEEK" : "") + (flags == (MSG_PEEK | MSG_TRUNC) ? "|" : "") +
           (flags & MSG_TRUNC ? "MSG_TRUNC" : "");
}
}  // namespace

CLAIM("SOCK-25",
      "a zero-length receive returns 0 with data queued, EAGAIN with none, and consumes a datagram unless MSG_PEEK") {
    for (int type : {SOCK_STREAM, SOCK_SEQPACKET, SOCK_DGRAM}) {
        const auto k = sockcase::kind(type);
        const bool stream = type == SOCK_STREAM;
        CAPTURE(k.name);
        for (int flags : std::initializer_list<int>{0, MSG_PEEK, MSG_TRUNC, MSG_PEEK | MSG_TRUNC}) {
            const std::string key = k.name + "." + flag_name(flags);
            CAPTURE(key);
            auto pair = ipc::SocketPair::make(type);
            auto empty = recv_zero(pair.b(), flags);
            auto empty_cmsg = recv_zero(pair.b(), flags | MSG_CMSG_CLOEXEC, true);
            ipc::evidence(key + ".nothing_queued", ipc::describe(empty.result));
            ipc::evidence(key + ".nothing_queued_with_control_buffer", ipc::describe(empty_cmsg.result));
            CHECK_EQ(empty.result, ipc::SyscallResult::failure(EAGAIN));
            CHECK_EQ(empty_cmsg.result, ipc::SyscallResult::failure(EAGAIN));

            REQUIRE(sockcase::send_text(pair.a(), "abc").value == 3);
            auto pending = recv_zero(pair.b(), flags);
            auto left = sockcase::recv_text(pair.b(), 16, MSG_DONTWAIT);
            ipc::evidence(key + ".with_abc_queued",
                          ipc::describe(pending.result) + ", msg_flags " + ipc::msg_flags_names(pending.msg_flags));
            ipc::evidence(key + ".left_after", left.result.ok() ? left.data : ipc::describe(left.result));
            const bool consumes = !stream && !(flags & MSG_PEEK);
            CHECK_EQ(pending.result.value, !stream && (flags & MSG_TRUNC) ? 3 : 0);
            CHECK_EQ((pending.msg_flags & MSG_TRUNC) != 0, !stream);
            if (consumes) CHECK_EQ(left.result, ipc::SyscallResult::failure(EAGAIN));
            else CHECK_EQ(left.data, "abc");

            REQUIRE(::shutdown(pair.a(), SHUT_WR) == 0);
            auto shut = recv_zero(pair.b(), flags);
            ipc::evidence(key + ".after_peer_SHUT_WR",
                          ipc::describe(shut.result) + ", msg_flags " + ipc::msg_flags_names(shut.msg_flags));
            if (type == SOCK_DGRAM) CHECK_EQ(shut.result, ipc::SyscallResult::failure(EAGAIN));
            else {
                CHECK_EQ(shut.result.value, 0);
                CHECK_EQ(shut.msg_flags & MSG_TRUNC, 0);
            }
        }
    }
}
