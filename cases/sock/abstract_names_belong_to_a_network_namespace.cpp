// SOCK-19 (edge; unix(7) "abstract: ... the abstract socket namespace is
// per network namespace", network_namespaces(7)): abstract names live in
// the network namespace, path names in the file system. A child that moves
// into a new network namespace (unshare(CLONE_NEWNET); with a new user
// namespace too when that alone is refused) no longer reaches an abstract
// name the case listens on in its own namespace (ECONNREFUSED, as for a name
// no one holds), while it still reaches the case's listener on a path. The
// same holds for SOCK_DGRAM sockets bound to an abstract name and a path.
// Where no new network namespace can be made the case SKIPs, saying why; so
// too where the new one cannot bind an abstract name of its own (runsc:
// EINVAL), since a refused connect then says nothing about isolation.
#include <sched.h>

#include "ipc/case.hpp"
#include "ipc/own_namespace.hpp"
#include "ipc/socket.hpp"
#include "ipc/temp_dir.hpp"
#include "sock_support.hpp"

CLAIM("SOCK-19", "an abstract name is not reachable from another network namespace; a path name is") {
    ipc::TempDir dir;
    const auto abstract = ipc::UnixAddress::abstract(ipc::unique_abstract_name("netns"));
    const auto path = ipc::UnixAddress::path(dir.file("netns.sock"));
    ipc::Fd abstract_listener = ipc::listen_at(abstract);
    ipc::Fd path_listener = ipc::listen_at(path);
    const auto dgram_abstract = ipc::UnixAddress::abstract(ipc::unique_abstract_name("netns-dgram"));
    const auto dgram_path = ipc::UnixAddress::path(dir.file("netns-dgram.sock"));
    auto dgram_a = sockcase::unix_socket(SOCK_DGRAM);
    auto dgram_p = sockcase::unix_socket(SOCK_DGRAM);
    ipc::must(::bind(dgram_a.get(), dgram_abstract.get(), dgram_abstract.size()), "bind dgram abstract");
    ipc::must(::bind(dgram_p.get(), dgram_path.get(), dgram_path.size()), "bind dgram path");
    ipc::evidence("case_network_namespace", ipc::namespace_of(::getpid(), "net"));

    auto child = ipc::Child::fork([&] {
        std::string how = "CLONE_NEWNET";
        if (::unshare(CLONE_NEWNET) != 0) {
            const int plain = errno;
            how = "CLONE_NEWUSER|CLONE_NEWNET";
            if (::unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0) {
                ipc::evidence("child.unshare", "CLONE_NEWNET: " + ipc::errno_name(plain) +
                                                   ", CLONE_NEWUSER|CLONE_NEWNET: " + ipc::errno_name(errno));
                return 77;
            }
        }
        ipc::evidence("child.unshare", how);
        ipc::evidence("child_network_namespace", ipc::namespace_of(::getpid(), "net"));
        // An abstract name of its own must work there, or nothing can be told
        // from a refused connect (runsc's new namespace has none at all).
        const auto own = ipc::UnixAddress::abstract(ipc::unique_abstract_name("netns-own"));
        auto own_socket = sockcase::unix_socket(SOCK_STREAM);
        auto own_bind = ipc::capture([&] { return ::bind(own_socket.get(), own.get(), own.size()); });
        ipc::evidence("child.own_abstract_name.bind", ipc::describe(own_bind));
        ipc::Fd by_abstract = ipc::connect_to(abstract);
        const int abstract_errno = by_abstract ? 0 : errno;
        ipc::Fd by_path = ipc::connect_to(path);
        const int path_errno = by_path ? 0 : errno;
        ipc::Fd dgram_by_abstract = ipc::connect_to(dgram_abstract, SOCK_DGRAM);
        const int dgram_abstract_errno = dgram_by_abstract ? 0 : errno;
        ipc::Fd dgram_by_path = ipc::connect_to(dgram_path, SOCK_DGRAM);
        const int dgram_path_errno = dgram_by_path ? 0 : errno;
        ipc::evidence("child.SOCK_STREAM.connect_abstract",
                      by_abstract ? "connected" : ipc::errno_name(abstract_errno));
        ipc::evidence("child.SOCK_STREAM.connect_path", by_path ? "connected" : ipc::errno_name(path_errno));
        ipc::evidence("child.SOCK_DGRAM.connect_abstract",
                      dgram_by_abstract ? "connected" : ipc::errno_name(dgram_abstract_errno));
        ipc::evidence("child.SOCK_DGRAM.connect_path", dgram_by_path ? "connected" : ipc::errno_name(dgram_path_errno));
        if (!own_bind.ok()) return 78;
        return abstract_errno == ECONNREFUSED && path_errno == 0 && dgram_abstract_errno == ECONNREFUSED &&
                       dgram_path_errno == 0
                   ? 0
                   : 1;
    });
    auto status = child.wait();
    ipc::evidence("child_status", status.describe());
    if (status.exited_with(77)) ipc::skip("no new network namespace may be made here (unshare refused)");
    if (status.exited_with(78))
        ipc::skip("the new network namespace has no abstract names at all: binding one of its own fails "
                  "(child.own_abstract_name.bind), so a refused connect would show nothing of isolation");
    CHECK(status.exited_with(0));
    // The path connection was queued at the case's listener.
    ipc::Fd accepted = ipc::accept_within(path_listener.get(), std::chrono::milliseconds(0));
    ipc::evidence("path_connection_queued", static_cast<bool>(accepted));
    CHECK(accepted);
}
