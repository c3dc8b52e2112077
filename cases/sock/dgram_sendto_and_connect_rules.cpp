// SOCK-24 (edge; unix(7), connect(2) on datagram sockets, sendto(2),
// getpeername(2)): an unbound SOCK_DGRAM socket needs no connection to send
// to a bound one: sendto with its address delivers. connect(2) to the bound
// socket succeeds, and again, and a bound socket may even connect to itself
// (its sends then come back to it); getpeername of a connected socket
// returns the address it connected to, with its length. A zero-length
// datagram is a datagram: the send returns 0 and the receiver reads one
// message of 0 bytes (then nothing: EAGAIN). And a SOCK_SEQPACKET socket that
// is connected ignores an address given to sendto: the message goes to its
// peer.
#include <cstring>

#include "ipc/case.hpp"
#include "ipc/socket.hpp"
#include "ipc/temp_dir.hpp"
#include "sock_support.hpp"

namespace {
ipc::SyscallResult sendto_addr(int fd, const std::string& text, const ipc::UnixAddress& to) {
    return ipc::capture([&] { return ::sendto(fd, text.data(), text.size(), MSG_DONTWAIT, to.get(), to.size()); });
}
std::string read_one(int fd, const std::string& key) {
    auto r = sockcase::recv_text(fd, 64, MSG_DONTWAIT);
    std::string out = r.result.ok() ? "\"" + r.data + "\"" : ipc::describe(r.result);
    ipc::evidence(key, out);
    return out;
}
}  // namespace

CLAIM("SOCK-24", "SOCK_DGRAM sends to a bound socket without connecting, connects again and to itself; zero-length "
                 "datagrams are delivered") {
    ipc::TempDir dir;
    for (const auto& where : {ipc::UnixAddress::path(dir.file("dgram.sock")),
                              ipc::UnixAddress::abstract(ipc::unique_abstract_name("dgram"))}) {
        const std::string key = where.is_abstract() ? "abstract" : "path";
        CAPTURE(key);
        auto bound = sockcase::unix_socket(SOCK_DGRAM);
        REQUIRE_WITH_ERRNO(::bind(bound.get(), where.get(), where.size()) == 0, "bind " << where.describe());

        auto sender = sockcase::unix_socket(SOCK_DGRAM);
        auto unconnected = sendto_addr(sender.get(), "to", where);
        ipc::evidence(key + ".sendto_without_connect", ipc::describe(unconnected));
        CHECK_EQ(unconnected.value, 2);
        CHECK_EQ(read_one(bound.get(), key + ".received"), "\"to\"");

        auto first = ipc::capture([&] { return ::connect(sender.get(), where.get(), where.size()); });
        auto again = ipc::capture([&] { return ::connect(sender.get(), where.get(), where.size()); });
        ipc::evidence(key + ".connect", ipc::describe(first));
        ipc::evidence(key + ".connect_again", ipc::describe(again));
        CHECK(first.ok());
        CHECK(again.ok());
        sockaddr_un peer{};
        socklen_t len = sizeof peer;
        REQUIRE_WITH_ERRNO(::getpeername(sender.get(), reinterpret_cast<sockaddr*>(&peer), &len) == 0, "getpeername");
        ipc::evidence(key + ".getpeername_len", static_cast<long long>(len));
        CHECK_EQ(len, where.size());
        CHECK_EQ(std::memcmp(&peer, where.get(), std::min<socklen_t>(len, where.size())), 0);

        auto zero = sockcase::send_text(sender.get(), "", MSG_DONTWAIT);
        ipc::evidence(key + ".send_zero_length", ipc::describe(zero));
        CHECK_EQ(zero.value, 0);
        CHECK_EQ(read_one(bound.get(), key + ".read_zero_length_datagram"), "\"\"");
        CHECK_EQ(read_one(bound.get(), key + ".read_after"), "-1 (EAGAIN)");

        auto self = ipc::capture([&] { return ::connect(bound.get(), where.get(), where.size()); });
        ipc::evidence(key + ".connect_to_itself", ipc::describe(self));
        CHECK(self.ok());
        REQUIRE(sockcase::send_text(bound.get(), "self", MSG_DONTWAIT).value == 4);
        CHECK_EQ(read_one(bound.get(), key + ".read_own_send"), "\"self\"");
    }
    // A connected SOCK_SEQPACKET socket ignores sendto's address.
    auto pair = ipc::SocketPair::make(SOCK_SEQPACKET);
    auto ignored = sendto_addr(pair.a(), "abc", ipc::UnixAddress::abstract(ipc::unique_abstract_name("nonexistent")));
    ipc::evidence("SOCK_SEQPACKET.sendto_other_address", ipc::describe(ignored));
    CHECK_EQ(ignored.value, 3);
    CHECK_EQ(read_one(pair.b(), "SOCK_SEQPACKET.peer_received"), "\"abc\"");
}
