// SOCK-23 (edge; socket(7) SO_SNDBUF, unix(7), send(2) EMSGSIZE and EAGAIN):
// a Unix socket's send buffer, as SO_SNDBUF reports it, bounds what it may
// have sent and not yet read by the peer, and for SOCK_SEQPACKET and
// SOCK_DGRAM also the size of one message: a message as large as the whole
// buffer fails with EMSGSIZE, a quarter of it goes. setsockopt(SO_SNDBUF, v)
// sets twice v (v at most net.core.wmem_max), and a larger buffer lets
// through what a smaller one refused: the message that was too large, and,
// on every type, a send that found the buffer full (EAGAIN). Lowering it
// below what is already queued makes the next send find it full. Sizes are
// the reported SO_SNDBUF and /proc/sys/net/core/wmem_max; sends are
// non-blocking, so a full buffer shows as EAGAIN, except one part: with
// SO_SNDTIMEO set, blocking sends of SOCK_SEQPACKET and SOCK_DGRAM messages
// into a full socket end in EAGAIN once the timeout passes. And a message
// nearly as large as the receiver's SO_RCVBUF (one page less) is read whole
// by a read with room for three times that.
#include <sys/time.h>
#include <unistd.h>

#include "ipc/case.hpp"
#include "ipc/socket.hpp"
#include "ipc/sysctl.hpp"
#include "sock_support.hpp"

namespace {
void set_sndbuf(int fd, int v) { ipc::must(::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &v, sizeof v), "SO_SNDBUF"); }
ipc::SyscallResult send_size(int fd, std::size_t n) {
    return sockcase::send_text(fd, std::string(n, 'x'), MSG_DONTWAIT | MSG_NOSIGNAL);
}
}  // namespace

CLAIM("SOCK-23",
      "SO_SNDBUF bounds unread sent data and the size of a datagram (EMSGSIZE); raising it lets sends through") {
    const long long wmem_max = ipc::sysctl("/proc/sys/net/core/wmem_max");
    for (int type : {SOCK_STREAM, SOCK_SEQPACKET, SOCK_DGRAM}) {
        const auto k = sockcase::kind(type);
        const bool messages = type != SOCK_STREAM;
        CAPTURE(k.name);
        auto pair = ipc::SocketPair::make(type);
        const int sndbuf = sockcase::int_option(pair.a(), SO_SNDBUF);
        ipc::evidence(k.name + ".SO_SNDBUF", sndbuf);
        REQUIRE(sndbuf > 0);
        const int chunk = sndbuf / 4;

        if (messages) {
            auto whole = send_size(pair.a(), static_cast<std::size_t>(sndbuf));
            auto quarter = send_size(pair.a(), static_cast<std::size_t>(chunk));
            ipc::evidence(k.name + ".send_of_SO_SNDBUF_bytes", ipc::describe(whole));
            ipc::evidence(k.name + ".send_of_a_quarter", ipc::describe(quarter));
            CHECK_EQ(whole, ipc::SyscallResult::failure(EMSGSIZE));
            CHECK_EQ(quarter.value, chunk);
            while (sockcase::recv_text(pair.b(), static_cast<std::size_t>(sndbuf), MSG_DONTWAIT).result.ok()) {
            }
        }
        // Fill it, then raise it.
        int sent = 0;
        ipc::SyscallResult last{0, 0};
        while ((last = send_size(pair.a(), static_cast<std::size_t>(chunk))).ok()) sent += static_cast<int>(last.value);
        ipc::evidence(k.name + ".filled_with", std::to_string(sent) + " bytes, then " + ipc::describe(last));
        CHECK_EQ(last, ipc::SyscallResult::failure(EAGAIN));
        const int raise_to = static_cast<int>(std::min<long long>(sndbuf, wmem_max));
        set_sndbuf(pair.a(), raise_to);
        const int raised = sockcase::int_option(pair.a(), SO_SNDBUF);
        ipc::evidence(k.name + ".SO_SNDBUF_after_setting_" + std::to_string(raise_to), raised);
        CHECK_EQ(raised, 2 * raise_to);
        auto after_raise = send_size(pair.a(), static_cast<std::size_t>(chunk));
        ipc::evidence(k.name + ".send_after_raise", ipc::describe(after_raise));
        CHECK(after_raise.ok());
        if (messages) {
            while (sockcase::recv_text(pair.b(), static_cast<std::size_t>(raised), MSG_DONTWAIT).result.ok()) {
            }
            auto whole = send_size(pair.a(), static_cast<std::size_t>(sndbuf));
            ipc::evidence(k.name + ".send_of_old_SO_SNDBUF_bytes_after_raise", ipc::describe(whole));
            CHECK_EQ(whole.value, sndbuf);
        }
    }
    // Lowered below what is queued: the next send finds it full.
    auto pair = ipc::SocketPair::make(SOCK_STREAM);
    const int sndbuf = sockcase::int_option(pair.a(), SO_SNDBUF);
    REQUIRE(send_size(pair.a(), static_cast<std::size_t>(sndbuf / 4)).value == sndbuf / 4);
    set_sndbuf(pair.a(), 0);
    const int lowered = sockcase::int_option(pair.a(), SO_SNDBUF);
    auto next = send_size(pair.a(), static_cast<std::size_t>(sndbuf / 4));
    ipc::evidence("SOCK_STREAM.SO_SNDBUF_lowered_to", lowered);
    ipc::evidence("SOCK_STREAM.send_after_lowering", ipc::describe(next));
    CHECK_LT(lowered, sndbuf / 4);
    CHECK_EQ(next, ipc::SyscallResult::failure(EAGAIN));

    const long page = ::sysconf(_SC_PAGESIZE);
    for (int type : {SOCK_SEQPACKET, SOCK_DGRAM}) {
        const auto k = sockcase::kind(type);
        CAPTURE(k.name);
        {  // A message of SO_RCVBUF less a page, read whole.
            auto p = ipc::SocketPair::make(type);
            const int rcvbuf = sockcase::int_option(p.b(), SO_RCVBUF);
            const std::size_t size = static_cast<std::size_t>(rcvbuf - page);
            auto sent = sockcase::send_text(p.a(), std::string(size, 'm'), MSG_DONTWAIT);
            auto got = sockcase::recv_text(p.b(), 3 * static_cast<std::size_t>(rcvbuf), MSG_DONTWAIT);
            ipc::evidence(k.name + ".SO_RCVBUF", rcvbuf);
            ipc::evidence(k.name + ".message_of_SO_RCVBUF_less_a_page", ipc::describe(sent));
            ipc::evidence(k.name + ".read_with_room_for_three_times_SO_RCVBUF", ipc::describe(got.result));
            CHECK_EQ(sent.value, static_cast<long>(size));
            CHECK_EQ(got.result.value, static_cast<long>(size));
        }
        {  // SO_SNDTIMEO: a blocking send into a full socket ends in EAGAIN.
            auto p = ipc::SocketPair::make(type);
            const timeval tiny{0, 10};
            ipc::must(::setsockopt(p.a(), SOL_SOCKET, SO_SNDTIMEO, &tiny, sizeof tiny), "SO_SNDTIMEO");
            const int limit = 4 * sockcase::int_option(p.a(), SO_SNDBUF) / static_cast<int>(page) + 64;
            ipc::SyscallResult last{0, 0};
            int sends = 0;
            while (sends < limit &&
                   (last = sockcase::send_text(p.a(), std::string(static_cast<std::size_t>(page), 't'))).ok())
                ++sends;
            ipc::evidence(k.name + ".SO_SNDTIMEO_10us.blocking_sends",
                          std::to_string(sends) + " of a page, then " + ipc::describe(last));
            CHECK_EQ(last, ipc::SyscallResult::failure(EAGAIN));
        }
    }
}
