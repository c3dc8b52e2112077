// SOCK-06 (edge; unix(7) SO_PEERCRED, socket(7)): getsockopt(SO_PEERCRED)
// reports the pid, uid and gid of the process at the other end, as they were
// when it connected (or listened). When root, the peer drops to uid nobody
// (65534) with gid 65533 first, so its credentials differ from the case's in
// every field and its uid from its gid (a uid reported as the gid shows);
// otherwise the pid still tells them apart. The rendezvous is an abstract
// name, unique to this run, so the dropped peer needs no file permission.
#include <fcntl.h>
#include <grp.h>

#include "ipc/case.hpp"
#include "ipc/reporting_child.hpp"
#include "ipc/socket.hpp"

namespace {

constexpr gid_t peer_gid = 65533;  // not the peer's uid, not the case's gid

// Drops to uid nobody and gid peer_gid, no supplementary groups; errno or 0.
int drop_to_nobody_with_own_gid() {
    if (::setgroups(0, nullptr) != 0 || ::setgid(peer_gid) != 0 || ::setuid(ipc::nobody_uid) != 0) return errno;
    return 0;
}

std::string describe(const ipc::PeerCredentials& c) {
    return "pid " + std::to_string(c.pid) + " uid " + std::to_string(c.uid) + " gid " + std::to_string(c.gid);
}

// The peer: connects (after dropping to nobody if told), reports what
// SO_PEERCRED says of the case, and stays connected until the case closes.
ipc::ReportingChild start_peer(const ipc::UnixAddress& where, bool drop) {
    return ipc::ReportingChild::fork([&where, drop](ipc::PeerCredentials& seen) {
        seen = {-1, static_cast<uid_t>(-1), static_cast<gid_t>(-1)};
        if (drop && drop_to_nobody_with_own_gid() != 0) return 77;
        ipc::Fd sock = ipc::connect_to(where);
        if (!sock) return 2;
        auto creds = ipc::peer_credentials(sock.get());
        if (!creds) return 3;
        seen = *creds;
        (void)ipc::read_some(sock.get(), 1);  // stays connected until the case closes
        return 0;
    });
}

// The case's side: SO_PEERCRED names the peer's pid, uid and gid.
void case_sees_the_peer(int conn, const ipc::PeerCredentials& expected) {
    auto seen = ipc::peer_credentials(conn);
    REQUIRE_WITH_ERRNO(seen, "getsockopt(SO_PEERCRED)");
    ipc::evidence("case_credentials", describe({::getpid(), ::getuid(), ::getgid()}));
    ipc::evidence("peer_expected", describe(expected));
    ipc::evidence("SO_PEERCRED_at_case", describe(*seen));
    CHECK_EQ(seen->pid, expected.pid);
    CHECK_EQ(seen->uid, expected.uid);
    CHECK_EQ(seen->gid, expected.gid);
}

}  // namespace

CLAIM("SOCK-06", "SO_PEERCRED reports the peer's pid, uid and gid") {
    const auto where = ipc::UnixAddress::abstract(ipc::unique_abstract_name("peercred"));
    ipc::Fd listener = ipc::listen_at(where);
    const bool drop = ::geteuid() == 0;
    ipc::evidence("address", where.describe());
    ipc::evidence("peer_drops_to_uid_65534_gid_65533", drop);

    auto peer = start_peer(where, drop);
    ipc::Fd conn = ipc::accept_within(listener.get(), ipc::default_deadline);
    if (!conn) {
        auto status = peer.finish().status;
        if (status.exited_with(77))
            ipc::skip("root, but cannot drop to uid 65534, gid 65533 (no CAP_SETUID/CAP_SETGID?)");
        FAIL("the peer never connected: " << status.describe());
    }
    case_sees_the_peer(conn.get(), {peer.pid(), drop ? ipc::nobody_uid : ::getuid(), drop ? peer_gid : ::getgid()});

    // And the other way: the peer sees the case (the listener's creator).
    conn.reset();  // the peer has reported by now; it leaves at end of file
    auto peer_saw = peer.finish();
    const auto other = peer_saw.as<ipc::PeerCredentials>().value_or(
        ipc::PeerCredentials{-1, static_cast<uid_t>(-1), static_cast<gid_t>(-1)});
    ipc::evidence("SO_PEERCRED_at_peer", describe(other));
    ipc::evidence("peer_status", peer_saw.status.describe());
    CHECK_EQ(other.pid, ::getpid());
    CHECK_EQ(other.uid, ::getuid());
    CHECK_EQ(other.gid, ::getgid());
}
