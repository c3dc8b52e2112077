// SOCK-21 (edge; unix(7) MSG_OOB (Linux 5.15+, CONFIG_AF_UNIX_OOB), send(2),
// recv(2), ioctl SIOCATMARK, socket(7) SIGURG): on a SOCK_STREAM Unix socket
// send(MSG_OOB) of "hello" makes only its last byte, 'o', urgent. The owner
// of the receiving socket (F_SETOWN) is sent SIGURG; SIOCATMARK says 0 while
// ordinary data precedes the mark; an ordinary read stops at the mark
// ("hell"), SIOCATMARK then says 1; recv(MSG_OOB) returns the one urgent
// byte; the urgent byte is not in the stream (nothing more to read), and a
// second recv(MSG_OOB) fails with EINVAL. Read in the other order, the
// urgent byte first, the ordinary read still stops at the mark ("hell").
// recv(MSG_OOB) with no urgent byte (only ordinary data sent) fails with
// EINVAL, and an ordinary read that reaches an unread urgent byte drops it
// (EAGAIN, then recv(MSG_OOB) EINVAL). A read stops at the mark even when
// the urgent byte was already taken, and one that goes past it drops the
// urgent byte; a second urgent send makes the first urgent byte ordinary
// (it is read in line, and recv(MSG_OOB) returns the newer one). Each such
// sequence is run twice, once with every receive first peeked (MSG_PEEK),
// which must see the same as the receive. SOCK_SEQPACKET and SOCK_DGRAM
// refuse MSG_OOB with EOPNOTSUPP. A kernel built without AF_UNIX OOB refuses
// it on SOCK_STREAM too: then the case SKIPs, saying so.
#include <fcntl.h>
#include <sys/ioctl.h>
#include <vector>

#include "ipc/case.hpp"
#include "ipc/signals.hpp"
#include "ipc/socket.hpp"
#include "sock_support.hpp"

namespace {
// One step of a sequence: a send of text (with flags), or a receive of at
// most room bytes (with flags) that must give `expect` ("-EINVAL": fails).
struct Step {
    bool send;
    const char* text;
    int flags;
    std::size_t room;
    const char* expect;
};

struct Sequence {
    const char* name;
    std::vector<Step> steps;
};

std::string received(const sockcase::Recv& r) { return r.result.ok() ? r.data : "-" + ipc::errno_name(r.result.err); }

// Runs a sequence on a new pair; with peek, every receive is peeked first.
void run_sequence(const Sequence& seq, bool peek) {
    auto pair = ipc::SocketPair::make(SOCK_STREAM);
    std::string seen;
    bool as_expected = true;
    for (const auto& st : seq.steps) {
        if (st.send) {
            REQUIRE(sockcase::send_text(pair.a(), st.text, st.flags).ok());
            seen += std::string(" send(") + st.text + (st.flags & MSG_OOB ? ",OOB)" : ")");
            continue;
        }
        const std::string oob = st.flags & MSG_OOB ? "OOB:" : "";
        if (peek) {
            const auto p = received(sockcase::recv_text(pair.b(), st.room, st.flags | MSG_PEEK | MSG_DONTWAIT));
            seen += " peek" + oob + p;
            as_expected = as_expected && p == st.expect;
        }
        const auto r = received(sockcase::recv_text(pair.b(), st.room, st.flags | MSG_DONTWAIT));
        seen += " recv" + oob + r;
        as_expected = as_expected && r == st.expect;
    }
    ipc::evidence(std::string(seq.name) + (peek ? ".peek" : ".no_peek"), seen.substr(1));
    CHECK_MESSAGE(as_expected, seq.name << (peek ? " (peek)" : "") << ":" << seen);
}

int at_mark(int fd) {
    int v = -1;
    return ::ioctl(fd, SIOCATMARK, &v) == 0 ? v : -1;
}
}  // namespace

CLAIM("SOCK-21", "send(MSG_OOB) on SOCK_STREAM makes only the last byte urgent: SIOCATMARK, recv(MSG_OOB), SIGURG") {
    for (int type : {SOCK_SEQPACKET, SOCK_DGRAM}) {
        auto pair = ipc::SocketPair::make(type);
        auto r = sockcase::send_text(pair.a(), "x", MSG_OOB);
        ipc::evidence(sockcase::kind(type).name + ".send_MSG_OOB", ipc::describe(r));
        CHECK_EQ(r, ipc::SyscallResult::failure(EOPNOTSUPP));
    }

    auto pair = ipc::SocketPair::make(SOCK_STREAM);
    ipc::must(::fcntl(pair.b(), F_SETOWN, ::getpid()), "F_SETOWN");
    ipc::BlockedSignals blocked{SIGURG};
    auto sent = sockcase::send_text(pair.a(), "hello", MSG_OOB);
    ipc::evidence("SOCK_STREAM.send_hello_MSG_OOB", ipc::describe(sent));
    if (sent == ipc::SyscallResult::failure(EOPNOTSUPP))
        ipc::skip("this kernel has no AF_UNIX MSG_OOB (CONFIG_AF_UNIX_OOB): send(MSG_OOB) fails with EOPNOTSUPP");
    REQUIRE_EQ(sent.value, 5);
    const bool sigurg = ipc::is_pending(SIGURG);
    ipc::evidence("SIGURG_pending_at_owner", sigurg);
    CHECK(sigurg);

    const int mark_before = at_mark(pair.b());
    auto ordinary = sockcase::recv_text(pair.b(), 16, MSG_DONTWAIT);
    const int mark_after = at_mark(pair.b());
    auto urgent = sockcase::recv_text(pair.b(), 16, MSG_OOB | MSG_DONTWAIT);
    auto rest = sockcase::recv_text(pair.b(), 16, MSG_DONTWAIT);
    auto urgent_again = sockcase::recv_text(pair.b(), 16, MSG_OOB | MSG_DONTWAIT);
    ipc::evidence("SIOCATMARK_before_read", mark_before);
    ipc::evidence("ordinary_read", ordinary.result.ok() ? ordinary.data : ipc::describe(ordinary.result));
    ipc::evidence("SIOCATMARK_after_read", mark_after);
    ipc::evidence("recv_MSG_OOB", urgent.result.ok() ? urgent.data : ipc::describe(urgent.result));
    ipc::evidence("read_after_urgent", ipc::describe(rest.result));
    ipc::evidence("recv_MSG_OOB_again", ipc::describe(urgent_again.result));
    CHECK_EQ(mark_before, 0);
    CHECK_EQ(ordinary.data, "hell");
    CHECK_EQ(mark_after, 1);
    CHECK_EQ(urgent.data, "o");
    CHECK_EQ(rest.result, ipc::SyscallResult::failure(EAGAIN));
    CHECK_EQ(urgent_again.result, ipc::SyscallResult::failure(EINVAL));

    {  // The urgent byte first, then the ordinary data: still "hell".
        auto p = ipc::SocketPair::make(SOCK_STREAM);
        REQUIRE(sockcase::send_text(p.a(), "hello", MSG_OOB).value == 5);
        auto oob = sockcase::recv_text(p.b(), 1, MSG_OOB | MSG_DONTWAIT);
        auto normal = sockcase::recv_text(p.b(), 16, MSG_DONTWAIT);
        ipc::evidence("oob_first.recv_MSG_OOB", oob.result.ok() ? oob.data : ipc::describe(oob.result));
        ipc::evidence("oob_first.ordinary_read", normal.result.ok() ? normal.data : ipc::describe(normal.result));
        CHECK_EQ(oob.data, "o");
        CHECK_EQ(normal.data, "hell");
    }
    {  // No urgent data at all: EINVAL.
        auto p = ipc::SocketPair::make(SOCK_STREAM);
        REQUIRE(sockcase::send_text(p.a(), "x").value == 1);
        auto oob = sockcase::recv_text(p.b(), 1, MSG_OOB | MSG_DONTWAIT);
        ipc::evidence("no_urgent_data.recv_MSG_OOB", ipc::describe(oob.result));
        CHECK_EQ(oob.result, ipc::SyscallResult::failure(EINVAL));
    }
    {  // An ordinary read drops an unread urgent byte it reaches.
        auto p = ipc::SocketPair::make(SOCK_STREAM);
        REQUIRE(sockcase::send_text(p.a(), "x", MSG_OOB).value == 1);
        auto normal = sockcase::recv_text(p.b(), 1, MSG_DONTWAIT);
        auto oob = sockcase::recv_text(p.b(), 1, MSG_OOB | MSG_DONTWAIT);
        ipc::evidence("urgent_only.ordinary_read", ipc::describe(normal.result));
        ipc::evidence("urgent_only.recv_MSG_OOB_after", ipc::describe(oob.result));
        CHECK_EQ(normal.result, ipc::SyscallResult::failure(EAGAIN));
        CHECK_EQ(oob.result, ipc::SyscallResult::failure(EINVAL));
    }

    const std::vector<Sequence> sequences = {
        {"mark_after_urgent_taken",
         {{true, "hello", MSG_OOB, 0, ""},
          {true, "world", 0, 0, ""},
          {false, "", MSG_OOB, 1, "o"},
          {false, "", 0, 9, "hell"},
          {false, "", 0, 5, "world"}}},
        {"read_past_mark_drops_urgent",
         {{true, "hello", MSG_OOB, 0, ""},
          {true, "world", 0, 0, ""},
          {false, "", 0, 10, "hell"},
          {false, "", 0, 10, "world"},
          {false, "", MSG_OOB, 1, "-EINVAL"}}},
        {"newer_urgent_makes_older_ordinary",
         {{true, "hello", MSG_OOB, 0, ""},
          {true, "wor", MSG_OOB, 0, ""},
          {true, "ld", 0, 0, ""},
          {false, "", 0, 10, "hellowo"},
          {false, "", MSG_OOB, 1, "r"},
          {false, "", 0, 2, "ld"}}},
        {"two_urgent_read_in_order",
         {{true, "x", MSG_OOB, 0, ""},
          {true, "y", MSG_OOB, 0, ""},
          {false, "", 0, 1, "x"},
          {false, "", MSG_OOB, 1, "y"}}},
        {"two_urgent_newer_first",
         {{true, "x", MSG_OOB, 0, ""},
          {true, "y", MSG_OOB, 0, ""},
          {false, "", MSG_OOB, 1, "y"},
          {false, "", 0, 1, "x"}}},
        {"urgent_taken_then_newer_urgent",
         {{true, "hello", MSG_OOB, 0, ""},
          {true, "wor", MSG_OOB, 0, ""},
          {false, "", MSG_OOB, 1, "r"},
          {true, "ld", MSG_OOB, 0, ""},
          {false, "", 0, 10, "hellowol"},
          {false, "", MSG_OOB, 1, "d"}}},
    };
    for (const auto& seq : sequences)
        for (bool peek : {false, true}) run_sequence(seq, peek);
}
