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
// poll returned. Every scenario's poller is started and seen asleep before
// the first shutdown, so pollers that are never woken (their poll times out
// after the default deadline, and the case says so) cost one deadline in
// all, not one each.
#include <memory>
#include <poll.h>
#include <sys/syscall.h>
#include <vector>

#include "ipc/readiness.hpp"
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

// One poller on a pair of its own, started and seen asleep before any
// shutdown: every scenario's poller waits at the same time, so a poller a
// shutdown does not wake costs one deadline in all, not one each.
struct Watched {
    std::string key;
    Scenario s;
    ipc::SocketPair pair;
    std::optional<ipc::ReportingChild> poller;
    std::optional<ipc::TaskSnapshot> blocked;
};

std::unique_ptr<Watched> start(int type, const Scenario& s, int timeout_ms) {
    auto w = std::unique_ptr<Watched>(
        new Watched{sockcase::kind(type).name + "." + s.name, s, ipc::SocketPair::make(type), {}, {}});
    const int fd = w->pair.a();
    const short events = s.events;
    w->poller.emplace(ipc::ReportingChild::fork([&](Polled& r) {
        pollfd p{fd, events, 0};
        r.ret = ::poll(&p, 1, timeout_ms);
        r.err = errno;
        r.revents = p.revents;
        return 0;
    }));
    return w;
}

void judge(Watched& w, int timeout_ms) {
    CAPTURE(w.key);
    if (!w.s.wakes) {
        CHECK(ipc::stays_blocked(w.poller->pid(), *w.blocked, w.key + ".poller_after_shutdown"));
        return;  // the child is killed and reaped with its handle
    }
    auto result = w.poller->finish();
    auto polled = result.as<Polled>();
    REQUIRE_MESSAGE(polled, "the poller reported nothing: " << result.status.describe());
    ipc::evidence(w.key + ".poll_returned",
                  polled->ret == 0
                      ? "0: never woken, poll timed out after " + std::to_string(timeout_ms) + " ms"
                      : std::to_string(polled->ret) + ", revents " + ipc::poll_events_name(polled->revents));
    CHECK_EQ(polled->ret, 1);
    CHECK_EQ(polled->revents, w.s.expected);
}
}  // namespace

CLAIM("SOCK-28", "a shutdown wakes a poller that waits for POLLHUP or POLLRDHUP only") {
    const int timeout_ms = static_cast<int>(ipc::default_deadline.count());
    std::vector<std::unique_ptr<Watched>> all;
    for (int type : {SOCK_STREAM, SOCK_SEQPACKET, SOCK_DGRAM}) {
        const bool dgram = type == SOCK_DGRAM;
        all.push_back(start(type, {"own_SHUT_RDWR.events_0", 0, false, SHUT_RDWR, true, POLLHUP}, timeout_ms));
        all.push_back(
            start(type, {"own_SHUT_RD.events_POLLRDHUP", POLLRDHUP, false, SHUT_RD, true, POLLRDHUP}, timeout_ms));
        all.push_back(
            start(type, {"peer_SHUT_WR.events_POLLRDHUP", POLLRDHUP, true, SHUT_WR, !dgram, POLLRDHUP}, timeout_ms));
        if (type == SOCK_STREAM)
            all.push_back(start(type, {"peer_SHUT_RDWR.events_0", 0, true, SHUT_RDWR, true, POLLHUP}, timeout_ms));
    }
    for (auto& w : all)
        w->blocked = ipc::require_blocked_in(w->poller->pid(), {SYS_poll, SYS_ppoll}, w->key + ".poller_blocked");
    for (auto& w : all) REQUIRE(::shutdown(w->s.shut_peer ? w->pair.b() : w->pair.a(), w->s.how) == 0);
    // Those that must stay asleep first, while their own poll is far from its timeout.
    for (auto& w : all)
        if (!w->s.wakes) judge(*w, timeout_ms);
    for (auto& w : all)
        if (w->s.wakes) judge(*w, timeout_ms);
}
