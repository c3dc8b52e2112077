// SOCK-15 (edge; unix(7) SCM_RIGHTS; the kernel's garbage collector of
// in-flight Unix sockets, net/unix/garbage.c): a Unix socket sent over
// SCM_RIGHTS into its own receive queue, and then closed by everyone, is
// referenced only by itself: a cycle no process can reach. The kernel
// collects such cycles, releasing what was in flight with them. The
// collector runs when a Unix socket is released while descriptors are in
// flight, and a run that was already under way when the last socket of a
// cycle closed may miss it; the next release catches it. So while waiting,
// the case closes a fresh socketpair every few milliseconds (as any program
// using Unix sockets would). Here the
// write end of a pipe rides along in the same queue; the case keeps nothing
// of it, so once the cycle is collected the pipe's read end reports end of
// file (POLLHUP), within the default deadline. Several shapes: sockets
// holding themselves, two pairs holding each other, triangles, cycles with
// cross edges, a socket hanging off a cycle; on SOCK_STREAM also with the
// descriptors sent as urgent data (MSG_OOB), and with listening sockets in
// flight in the queues of connections they have not yet accepted. (Two cycles sharing a socket,
// 0->1->2->1->0, are left out: the kernel this was written on, 6.18.44,
// does not collect them; see the report.)
#include <fcntl.h>
#include <poll.h>
#include <sys/un.h>
#include <vector>

#include "ipc/case.hpp"
#include "ipc/socket.hpp"
#include "ipc/sysctl.hpp"
#include "sock_support.hpp"

namespace {
// An edge (i, r): pair i's first end is sent through pair r's second end,
// so it waits in the queue of pair r's first end.
using Edge = std::pair<int, int>;

struct Shape {
    const char* name;
    int pairs;
    std::vector<Edge> edges;
};

// True once the pipe's write ends are all released, within the default
// deadline, closing a fresh socketpair at each look so that the collector
// runs again.
bool released_while_sockets_close(int read_end) {
    return ipc::eventually([&] {
        { auto nudge = ipc::SocketPair::make(SOCK_STREAM); }
        pollfd p{read_end, POLLIN, 0};
        return ::poll(&p, 1, 0) == 1 && (p.revents & POLLHUP) != 0;
    });
}

// Builds the shape, with the pipe's write end riding along the first edge,
// closes every socket, and checks that the pipe's write end is released.
// How the sockets of a shape are made and sent.
enum class Variant { pairs, pairs_msg_oob, listeners };

// A listener bound to an automatic abstract name, and a client connected to
// it: the client's sends land in the queue of the connection the listener
// has not accepted.
ipc::SocketPair listener_and_client() {
    ipc::Fd listener = sockcase::unix_socket(SOCK_STREAM);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    ipc::must(::bind(listener.get(), reinterpret_cast<sockaddr*>(&addr), sizeof(sa_family_t)), "bind (autobind)");
    ipc::must(::listen(listener.get(), 8), "listen");
    socklen_t len = sizeof addr;
    ipc::must(::getsockname(listener.get(), reinterpret_cast<sockaddr*>(&addr), &len), "getsockname");
    ipc::Fd client = sockcase::unix_socket(SOCK_STREAM);
    ipc::must(::connect(client.get(), reinterpret_cast<sockaddr*>(&addr), len), "connect");
    return ipc::SocketPair{std::move(listener), std::move(client)};
}

void shape_releases_passenger(const std::string& key, int type, const Shape& shape, Variant variant) {
    auto p = ipc::Pipe::make(O_CLOEXEC);
    std::vector<ipc::SocketPair> pairs;
    for (int i = 0; i < shape.pairs; ++i)
        pairs.push_back(variant == Variant::listeners ? listener_and_client() : ipc::SocketPair::make(type));
    const int flags = variant == Variant::pairs_msg_oob ? MSG_OOB : 0;
    bool first = true;
    for (auto [inflight, receiver] : shape.edges) {
        std::vector<int> fds{pairs[static_cast<std::size_t>(inflight)].a()};
        if (first) fds.push_back(p.w());
        first = false;
        const long sent = ipc::send_with_fds(pairs[static_cast<std::size_t>(receiver)].b(), "x", fds, flags);
        if (sent < 0 && errno == EOPNOTSUPP && flags == MSG_OOB) {
            ipc::skip_part(key, "this kernel has no AF_UNIX MSG_OOB (send fails with EOPNOTSUPP)");
            return;
        }
        REQUIRE_WITH_ERRNO(sent == 1, "sendmsg(SCM_RIGHTS)");
    }
    p.write_end.reset();
    const bool open_while_reachable = sockcase::write_end_open(p.r());
    ipc::evidence(key + ".pipe_write_end_while_sockets_open", open_while_reachable ? "open" : "released");
    pairs.clear();
    const bool released = released_while_sockets_close(p.r());
    ipc::evidence(key + ".pipe_write_end_after_close", released ? "released (POLLHUP)" : "still open at deadline");
    CHECK(open_while_reachable);
    REQUIRE_MESSAGE(released, key << ": the pipe's write end was not released");
}
}  // namespace

CLAIM("SOCK-15", "an unreachable cycle of in-flight Unix sockets is collected, releasing what it carried") {
    const std::vector<Shape> shapes = {
        {"self_reference", 2, {{0, 0}, {1, 1}}},
        {"two_pair_cycle", 2, {{0, 1}, {1, 0}}},
        {"triangle", 6, {{0, 1}, {1, 2}, {2, 0}, {3, 4}, {4, 5}, {5, 3}}},
        {"cross_edge", 8, {{0, 1}, {1, 2}, {2, 0}, {1, 3}, {3, 2}, {4, 5}, {5, 6}, {6, 4}, {5, 7}, {7, 6}}},
        {"backtrack_from_scc", 10, {{0, 1}, {0, 4}, {1, 2}, {2, 3}, {3, 1}, {5, 6}, {5, 9}, {6, 7}, {7, 8}, {8, 6}}},
    };
    for (int type : {SOCK_STREAM, SOCK_SEQPACKET, SOCK_DGRAM}) {
        const auto k = sockcase::kind(type);
        CAPTURE(k.name);
        for (const auto& shape : shapes)
            shape_releases_passenger(k.name + "." + shape.name, type, shape, Variant::pairs);
    }
    // SOCK_STREAM only: the descriptors sent as urgent data (MSG_OOB), and
    // listeners in flight in the queues of connections they have not accepted.
    for (const auto& shape : shapes) {
        shape_releases_passenger(std::string("SOCK_STREAM.MSG_OOB.") + shape.name, SOCK_STREAM, shape,
                                 Variant::pairs_msg_oob);
        shape_releases_passenger(std::string("SOCK_STREAM.listeners.") + shape.name, SOCK_STREAM, shape,
                                 Variant::listeners);
    }
}
