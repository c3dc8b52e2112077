// SOCK-20 (edge; recv(2) MSG_PEEK, socket(7) SO_PEEK_OFF, unix(7)): MSG_PEEK
// reads without consuming. Without SO_PEEK_OFF (its value is -1 by default)
// every peek starts at the front, so two peeks return the same bytes. With
// SO_PEEK_OFF set to 0, each peek starts where the last one ended: a peek of
// 4 of "aaaabbbb" returns "aaaa" and the next "bbbb"; over two sends the
// same. When a peek stopped inside a message and more was sent, SOCK_STREAM
// fills the buffer across the two sends ("aa" then "aabb", then "bb"), while
// SOCK_SEQPACKET and SOCK_DGRAM stop at the message's end ("aa" then "aa",
// then "bbbb"). A real read consumes from the front and the offset moves
// back by what it consumed. A peek that finds nothing at its offset waits
// for the next send and returns it; one that finds at least a byte returns
// at once, without waiting for more (a child peeks; the case sends once the
// kernel shows it asleep in recvfrom).
#include <sys/syscall.h>
#include <vector>

#include "ipc/blocking.hpp"
#include "ipc/case.hpp"
#include "ipc/readiness.hpp"
#include "ipc/reporting_child.hpp"
#include "ipc/socket.hpp"
#include "sock_support.hpp"

namespace {
std::string peek(int fd, std::size_t n, const std::string& key) {
    auto r = sockcase::recv_text(fd, n, MSG_PEEK | MSG_DONTWAIT);
    std::string out = r.result.ok() ? r.data : ipc::describe(r.result);
    ipc::evidence(key, out);
    return out;
}
void set_peek_off(int fd, int off) {
    ipc::must(::setsockopt(fd, SOL_SOCKET, SO_PEEK_OFF, &off, sizeof off), "setsockopt(SO_PEEK_OFF)");
}
// A child peeks (blocking) with each size in turn; the case sends each text
// when the child is asleep in recvfrom, before the peek numbered in its
// `sends` entry (numbered from 1, for the evidence). Returns what each peek
// returned.
ipc::Report blocking_peeks(int type, const std::vector<std::size_t>& sizes,
                           const std::vector<std::pair<std::size_t, std::string>>& sends, const std::string& key) {
    auto pair = ipc::SocketPair::make(type);
    set_peek_off(pair.b(), 0);
    auto peeker = ipc::ReportingChild::fork([&](ipc::Report& r) {
        for (std::size_t i = 0; i < sizes.size(); ++i) {
            auto got = sockcase::recv_text(pair.b(), sizes[i], MSG_PEEK);
            r["peek" + std::to_string(i + 1)] = got.result.ok() ? got.data : ipc::describe(got.result);
        }
        return 0;
    });
    std::optional<ipc::TaskSnapshot> last;
    for (const auto& [n, text] : sends) {
        if (last)  // it woke for the last send before it sleeps again
            REQUIRE_MESSAGE(ipc::eventually([&] { return ipc::woke_since(peeker.pid(), *last); }),
                            key << ": the peeker never woke");
        last = ipc::require_blocked_in(peeker.pid(), SYS_recvfrom, key + ".blocked_before_send_" + std::to_string(n));
        REQUIRE(sockcase::send_text(pair.a(), text).ok());
    }
    return peeker.finish(key).report;
}
}  // namespace

CLAIM("SOCK-20", "MSG_PEEK leaves data queued; with SO_PEEK_OFF successive peeks move on through the queue") {
    for (int type : {SOCK_STREAM, SOCK_SEQPACKET, SOCK_DGRAM}) {
        const auto k = sockcase::kind(type);
        const bool stream = type == SOCK_STREAM;
        CAPTURE(k.name);
        {
            auto pair = ipc::SocketPair::make(type);
            ipc::evidence(k.name + ".SO_PEEK_OFF_default", sockcase::int_option(pair.b(), SO_PEEK_OFF));
            CHECK_EQ(sockcase::int_option(pair.b(), SO_PEEK_OFF), -1);
            REQUIRE(sockcase::send_text(pair.a(), "aaaabbbb").value == 8);
            CHECK_EQ(peek(pair.b(), 4, k.name + ".no_offset.peek1"), "aaaa");
            CHECK_EQ(peek(pair.b(), 4, k.name + ".no_offset.peek2"), "aaaa");
        }
        {  // single_chunk
            auto pair = ipc::SocketPair::make(type);
            set_peek_off(pair.b(), 0);
            REQUIRE(sockcase::send_text(pair.a(), "aaaabbbb").value == 8);
            CHECK_EQ(peek(pair.b(), 4, k.name + ".one_send.peek1"), "aaaa");
            CHECK_EQ(peek(pair.b(), 100, k.name + ".one_send.peek2"), "bbbb");
            ipc::evidence(k.name + ".one_send.SO_PEEK_OFF_after", sockcase::int_option(pair.b(), SO_PEEK_OFF));
            CHECK_EQ(sockcase::int_option(pair.b(), SO_PEEK_OFF), 8);
        }
        {  // two_chunks, then a read moves the offset back
            auto pair = ipc::SocketPair::make(type);
            set_peek_off(pair.b(), 0);
            REQUIRE(sockcase::send_text(pair.a(), "aaaa").value == 4);
            REQUIRE(sockcase::send_text(pair.a(), "bbbb").value == 4);
            CHECK_EQ(peek(pair.b(), 4, k.name + ".two_sends.peek1"), "aaaa");
            CHECK_EQ(peek(pair.b(), 100, k.name + ".two_sends.peek2"), "bbbb");
            auto consumed = sockcase::recv_text(pair.b(), 4, MSG_DONTWAIT);
            ipc::evidence(k.name + ".two_sends.read", consumed.data);
            ipc::evidence(k.name + ".two_sends.SO_PEEK_OFF_after_read", sockcase::int_option(pair.b(), SO_PEEK_OFF));
            CHECK_EQ(consumed.data, "aaaa");
            CHECK_EQ(sockcase::int_option(pair.b(), SO_PEEK_OFF), 4);
        }
        {  // two_chunks_overlap
            auto pair = ipc::SocketPair::make(type);
            set_peek_off(pair.b(), 0);
            REQUIRE(sockcase::send_text(pair.a(), "aaaa").value == 4);
            CHECK_EQ(peek(pair.b(), 2, k.name + ".overlap.peek1"), "aa");
            REQUIRE(sockcase::send_text(pair.a(), "bbbb").value == 4);
            CHECK_EQ(peek(pair.b(), stream ? 4 : 100, k.name + ".overlap.peek2"), stream ? "aabb" : "aa");
            CHECK_EQ(peek(pair.b(), 100, k.name + ".overlap.peek3"), stream ? "bb" : "bbbb");
        }
    }
    for (int type : {SOCK_STREAM, SOCK_SEQPACKET, SOCK_DGRAM}) {
        const auto k = sockcase::kind(type);
        CAPTURE(k.name);
        auto waits = blocking_peeks(type, {4, 100}, {{1, "aaaa"}, {2, "bbbb"}}, k.name + ".peeks_wait");
        CHECK_EQ(waits["peek1"], "aaaa");
        CHECK_EQ(waits["peek2"], "bbbb");
        auto overlap =
            blocking_peeks(type, {2, 100, 100}, {{1, "aaaa"}, {3, "bbbb"}}, k.name + ".peek_with_a_byte_returns");
        CHECK_EQ(overlap["peek1"], "aa");
        CHECK_EQ(overlap["peek2"], "aa");
        CHECK_EQ(overlap["peek3"], "bbbb");
    }
}
