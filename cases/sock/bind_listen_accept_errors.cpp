// SOCK-17 (edge; bind(2), listen(2), accept(2), connect(2), sendto(2),
// unix(7)): the errors of naming and listening on Unix sockets, each cause
// checked on its own:
//   bind to a path or abstract name another socket holds: EADDRINUSE;
//   bind of a socket already bound: EINVAL;
//   bind with sun_family other than AF_UNIX: EINVAL;
//   bind to a path in a directory that does not exist: ENOENT;
//   listen on a SOCK_STREAM or SOCK_SEQPACKET socket not bound: EINVAL,
//   and on one already connected: EINVAL; listen again on a listening
//   socket is allowed; listen and accept on SOCK_DGRAM: EOPNOTSUPP;
//   SO_ACCEPTCONN says 0 until listen and 1 after;
//   sendto with an address on a connected SOCK_STREAM socket: EISCONN;
//   sendto on an unconnected SOCK_STREAM socket: EOPNOTSUPP, whatever the
//   address (a bound socket's, or a path that does not exist);
//   SO_ACCEPTCONN of a socketpair end: 0; getsockopt of an option SOL_SOCKET
//   does not have (-1): ENOPROTOOPT.
// Paths are in a private temporary directory (removed however the case
// ends); abstract names are unique to this run.
#include "ipc/case.hpp"
#include "ipc/socket.hpp"
#include "ipc/temp_dir.hpp"
#include "sock_support.hpp"

namespace {
ipc::SyscallResult bind_to(int fd, const ipc::UnixAddress& where) {
    return ipc::capture([&] { return ::bind(fd, where.get(), where.size()); });
}

void expect(const std::string& key, ipc::SyscallResult r, ipc::SyscallResult expected) {
    ipc::evidence(key, ipc::describe(r));
    CHECK_MESSAGE(r == expected, key << ": " << ipc::describe(r) << ", expected " << ipc::describe(expected));
}
}  // namespace

CLAIM("SOCK-17",
      "bind, listen and accept of Unix sockets fail with EADDRINUSE, EINVAL, ENOENT, EOPNOTSUPP as documented") {
    ipc::TempDir dir;
    const auto ok = ipc::SyscallResult{0, 0};
    for (int type : {SOCK_STREAM, SOCK_SEQPACKET, SOCK_DGRAM}) {
        const auto k = sockcase::kind(type);
        CAPTURE(k.name);
        for (const auto& where : {ipc::UnixAddress::path(dir.file(k.name + ".sock")),
                                  ipc::UnixAddress::abstract(ipc::unique_abstract_name("inuse-" + k.name))}) {
            const std::string key = k.name + (where.is_abstract() ? ".abstract" : ".path");
            auto holder = sockcase::unix_socket(type);
            REQUIRE_WITH_ERRNO(bind_to(holder.get(), where).ok(), "bind " << where.describe());
            auto second = sockcase::unix_socket(type);
            expect(key + ".bind_to_held_name", bind_to(second.get(), where), ipc::SyscallResult::failure(EADDRINUSE));
            const auto other = where.is_abstract() ? ipc::UnixAddress::abstract(ipc::unique_abstract_name("again"))
                                                   : ipc::UnixAddress::path(dir.file(k.name + ".again.sock"));
            expect(key + ".bind_of_bound_socket", bind_to(holder.get(), other), ipc::SyscallResult::failure(EINVAL));
        }
        auto s = sockcase::unix_socket(type);
        sockaddr_un inet{};
        inet.sun_family = AF_INET;
        std::snprintf(inet.sun_path, sizeof inet.sun_path, "%s", dir.file("inet.sock").c_str());
        expect(k.name + ".bind_family_AF_INET",
               ipc::capture([&] { return ::bind(s.get(), reinterpret_cast<sockaddr*>(&inet), sizeof inet); }),
               ipc::SyscallResult::failure(EINVAL));
        expect(k.name + ".bind_in_missing_directory",
               bind_to(s.get(), ipc::UnixAddress::path(dir.file("missing/dir.sock"))),
               ipc::SyscallResult::failure(ENOENT));

        if (type == SOCK_DGRAM) {
            auto d = sockcase::unix_socket(type);
            REQUIRE(bind_to(d.get(), ipc::UnixAddress::abstract(ipc::unique_abstract_name("dgram"))).ok());
            expect(k.name + ".listen", ipc::capture([&] { return ::listen(d.get(), 1); }),
                   ipc::SyscallResult::failure(EOPNOTSUPP));
            expect(k.name + ".accept", ipc::capture([&] { return ::accept(d.get(), nullptr, nullptr); }),
                   ipc::SyscallResult::failure(EOPNOTSUPP));
            continue;
        }
        auto unbound = sockcase::unix_socket(type);
        expect(k.name + ".listen_unbound", ipc::capture([&] { return ::listen(unbound.get(), 1); }),
               ipc::SyscallResult::failure(EINVAL));
        const auto server_name = ipc::UnixAddress::abstract(ipc::unique_abstract_name("server-" + k.name));
        auto server = sockcase::unix_socket(type);
        REQUIRE(bind_to(server.get(), server_name).ok());
        const int before = sockcase::int_option(server.get(), SO_ACCEPTCONN);
        expect(k.name + ".listen_bound", ipc::capture([&] { return ::listen(server.get(), 1); }), ok);
        const int after = sockcase::int_option(server.get(), SO_ACCEPTCONN);
        ipc::evidence(k.name + ".SO_ACCEPTCONN_before_after_listen",
                      std::to_string(before) + " " + std::to_string(after));
        CHECK_EQ(before, 0);
        CHECK_EQ(after, 1);
        expect(k.name + ".listen_again", ipc::capture([&] { return ::listen(server.get(), 4); }), ok);
        auto client = sockcase::unix_socket(type);
        REQUIRE(bind_to(client.get(), ipc::UnixAddress::abstract(ipc::unique_abstract_name("client"))).ok());
        REQUIRE_WITH_ERRNO(::connect(client.get(), server_name.get(), server_name.size()) == 0, "connect");
        expect(k.name + ".listen_connected", ipc::capture([&] { return ::listen(client.get(), 1); }),
               ipc::SyscallResult::failure(EINVAL));
        if (type == SOCK_STREAM) {
            auto lone = sockcase::unix_socket(SOCK_STREAM);
            const auto nowhere_path = ipc::UnixAddress::path(dir.file("no/such.sock"));
            expect(k.name + ".sendto_unconnected_to_listener", ipc::capture([&] {
                       return ::sendto(lone.get(), "a", 1, MSG_NOSIGNAL, server_name.get(), server_name.size());
                   }),
                   ipc::SyscallResult::failure(EOPNOTSUPP));
            expect(k.name + ".sendto_unconnected_to_missing_path", ipc::capture([&] {
                       return ::sendto(lone.get(), "a", 1, MSG_NOSIGNAL, nowhere_path.get(), nowhere_path.size());
                   }),
                   ipc::SyscallResult::failure(EOPNOTSUPP));
            auto pair = ipc::SocketPair::make(SOCK_STREAM);
            const auto nowhere = ipc::UnixAddress::abstract(ipc::unique_abstract_name("nowhere"));
            ipc::evidence(k.name + ".socketpair_SO_ACCEPTCONN", sockcase::int_option(pair.a(), SO_ACCEPTCONN));
            CHECK_EQ(sockcase::int_option(pair.a(), SO_ACCEPTCONN), 0);
            int v = 0;
            socklen_t len = sizeof v;
            expect(k.name + ".getsockopt_unknown_option",
                   ipc::capture([&] { return ::getsockopt(pair.a(), SOL_SOCKET, -1, &v, &len); }),
                   ipc::SyscallResult::failure(ENOPROTOOPT));
            expect(k.name + ".sendto_connected_with_address", ipc::capture([&] {
                       return ::sendto(pair.a(), "abc", 3, MSG_NOSIGNAL, nowhere.get(), nowhere.size());
                   }),
                   ipc::SyscallResult::failure(EISCONN));
        }
    }
}
