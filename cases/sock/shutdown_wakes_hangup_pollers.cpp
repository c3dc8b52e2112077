// SOCK-28 (edge; poll(2) POLLHUP and POLLRDHUP, shutdown(2), unix(7)): a
// shutdown wakes a process blocked in poll(2) that waits for hang-ups only,
// with no data events asked for. A poller with events 0 (POLLHUP cannot be
// masked) is woken with POLLHUP by shutdown(SHUT_RDWR) of its own socket,
// and, on SOCK_STREAM, by its peer's SHUT_RDWR. A poller waiting for
// POLLRDHUP alone is woken with POLLRDHUP by SHUT_RD of its own socket and,
// on SOCK_STREAM and SOCK_SEQPACKET, by its peer's SHUT_WR; on SOCK_DGRAM the
// peer's SHUT_WR does not reach it, and it stays asleep. The poller is a
// forked child; the case waits until the kernel shows it asleep in poll
// (ipc::require_blocked_in) before the shutdown, and the child reports what
// poll returned.
#include <poll.h>
#include <sys/syscall.h>

#include "ipc/blocking.hpp"
#include "ipc/case.hpp"
#include "ipc/reporting_child.hpp"
#include "ipc/socket.hpp"
#include "sock_support.hpp"

namespace {
struct Polled {
    int ret;
    int err;
    short revents;
};

struct Scenario {
    const char* name;
    short events;
    bool shut_peer;  // shut the peer's end, not the poller's
    int how;
    bool wakes;
    short expected;
};

std::string revents_names(short r) {
    std::string out;
    for (auto [bit, name] : {std::pair<short, const char*>{POLLIN, "POLLIN"},
                             {POLLOUT, "POLLOUT"},
                             {POLLRDHUP, "POLLRDHUP"},
                             {POLLHUP, "POLLHUP"},
                             {POLLERR, "POLLERR"}})
        if (r & bit) out += (out.empty() ? "" : "|") + std::string(name);
    return out.empty() ? "0" : out;
}

void run(int type, const Scenario& s) {
    const std::string key = sockcase::kind(type).name + "." + s.name;
    CAPTURE(key);
    auto pair = ipc::SocketPair::make(type);
    const int timeout_ms = static_cast<int>(ipc::default_deadline.count());
    auto poller = ipc::ReportingChild::fork([&](Polled& r) {
        pollfd p{pair.a(), s.events, 0};
        r.ret = ::poll(&p, 1, timeout_ms);
        r.err = errno;
        r.revents = p.revents;
        return 0;
    });
    auto blocked = ipc::require_blocked_in(poller.pid(), {SYS_poll, SYS_ppoll}, key + ".poller_blocked");
    REQUIRE(::shutdown(s.shut_peer ? pair.b() : pair.a(), s.how) == 0);
    if (!s.wakes) {
        CHECK(ipc::stays_blocked(poller.pid(), blocked, key + ".poller_after_shutdown"));
        return;  // the child is killed and reaped with its handle
    }
    auto result = poller.finish();
    auto polled = result.as<Polled>();
    REQUIRE_MESSAGE(polled, "the poller reported nothing: " << result.status.describe());
    ipc::evidence(key + ".poll_returned", std::to_string(polled->ret) + ", revents " + revents_names(polled->revents));
    CHECK_EQ(polled->ret, 1);
    CHECK_EQ(polled->revents, s.expected);
}
}  // namespace

CLAIM("SOCK-28", "a shutdown wakes a poller that waits for POLLHUP or POLLRDHUP only") {
    for (int type : {SOCK_STREAM, SOCK_SEQPACKET, SOCK_DGRAM}) {
        const bool dgram = type == SOCK_DGRAM;
        run(type, {"own_SHUT_RDWR.events_0", 0, false, SHUT_RDWR, true, POLLHUP});
        run(type, {"own_SHUT_RD.events_POLLRDHUP", POLLRDHUP, false, SHUT_RD, true, POLLRDHUP});
        run(type, {"peer_SHUT_WR.events_POLLRDHUP", POLLRDHUP, true, SHUT_WR, !dgram, POLLRDHUP});
        if (type == SOCK_STREAM) run(type, {"peer_SHUT_RDWR.events_0", 0, true, SHUT_RDWR, true, POLLHUP});
    }
}
