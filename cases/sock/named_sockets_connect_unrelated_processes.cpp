// SOCK-07 (edge; unix(7) "Address format": pathname and abstract sockets;
// connect(2) ECONNREFUSED): a socket bound to a path (a socket file appears)
// or to an abstract name (a leading NUL byte: no file anywhere, the name is
// listed in /proc/net/unix as "@name") lets a separately executed process
// connect and talk. Connecting where no one listens — a socket file left by
// a closed socket, one bound but not listening, or an abstract name no one
// holds — fails with ECONNREFUSED; a path with no socket file at all gives
// ENOENT. The rendezvous runs over both kinds of name.
#include <filesystem>
#include <sys/stat.h>

#include "ipc/case.hpp"
#include "ipc/socket.hpp"

namespace {
namespace fs = std::filesystem;

// args: "path" or "abstract", the address, the message to send.
ipc::UnixAddress address_from(const std::string& kind, const std::string& name) {
    return kind == "path" ? ipc::UnixAddress::path(name) : ipc::UnixAddress::abstract(name);
}

std::size_t entries_in(const std::string& dir) {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), {}));
}

// The /proc/net/unix line that names this address, or "".
std::string proc_net_unix_line(const std::string& shown) {
    auto table = ipc::read_text("/proc/net/unix").value_or("");
    auto at = table.find(" " + shown + "\n");
    if (at == std::string::npos) return "";
    auto begin = table.rfind('\n', at) + 1;
    return table.substr(begin, at + shown.size() + 1 - begin);
}

ipc::SyscallResult connect_once(const ipc::UnixAddress& where) {
    ipc::Fd s(static_cast<int>(ipc::must(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0), "socket")));
    return ipc::capture([&] { return ::connect(s.get(), where.get(), where.size()); });
}
}  // namespace

// Connects, sends its message and expects "ack:<message>" back.
IPC_ROLE("client") {
    ipc::Fd sock = ipc::connect_to(address_from(args.at(0), args.at(1)));
    if (!sock) {
        ipc::evidence("client." + args.at(0) + ".connect", ipc::errno_name(errno));
        return 2;
    }
    if (!ipc::write_all(sock.get(), args.at(2))) return 3;
    return ipc::read_exactly(sock.get(), 4 + args.at(2).size()) == "ack:" + args.at(2) ? 0 : 4;
}

namespace {

// The name is where it should be: a socket file for a path, no file at all
// for an abstract name; /proc/net/unix lists both.
void name_shows_where_it_should(const std::string& kind, const std::string& name, const ipc::UnixAddress& where,
                                const ipc::TempDir& own, std::size_t cwd_before) {
    struct stat st {};
    const bool file_exists = ::stat(kind == "path" ? name.c_str() : ("./" + name).c_str(), &st) == 0;
    ipc::evidence(kind + ".address", where.describe());
    ipc::evidence(kind + ".socket_file", file_exists ? (S_ISSOCK(st.st_mode) ? "socket" : "other file") : "none");
    ipc::evidence(kind + ".files_in_own_dir", entries_in(own.path()));
    ipc::evidence(kind + ".proc_net_unix", proc_net_unix_line(where.describe()));
    CHECK_NE(proc_net_unix_line(where.describe()), "");
    if (kind == "path") {
        CHECK(file_exists);
        CHECK(S_ISSOCK(st.st_mode));
    } else {
        CHECK_FALSE(file_exists);
        CHECK_EQ(entries_in(own.path()), 0u);
        CHECK_EQ(entries_in("."), cwd_before);
    }
}

// A separately executed client connects to the name, sends, gets its ack.
void unrelated_client_talks_over(const std::string& kind) {
    ipc::TempDir own;  // empty unless the bind makes a file in it
    const std::string name = kind == "path" ? own.file("named.sock") : ipc::unique_abstract_name("named");
    const auto where = address_from(kind, name);
    const std::size_t cwd_before = entries_in(".");
    ipc::Fd listener = ipc::listen_at(where);
    name_shows_where_it_should(kind, name, where, own, cwd_before);

    const std::string message = "hello over " + kind;
    auto client = ipc::Child::exec_role("client", {kind, name, message});
    ipc::Fd conn = ipc::accept_within(listener.get());
    CHECK_MESSAGE(conn, "the client never connected");
    std::string got = conn ? ipc::read_exactly(conn.get(), message.size()) : "";
    if (conn) ipc::write_all(conn.get(), "ack:" + got);
    auto status = client.wait();
    ipc::evidence(kind + ".received", got);
    ipc::evidence(kind + ".client_status", status.describe());
    CHECK_EQ(got, message);
    CHECK(status.exited_with(0));
}

// No listener: a stale socket file, a bound socket that does not listen, an
// abstract name no one holds: ECONNREFUSED; and no file at all: ENOENT.
void no_listener_is_refused(const ipc::TempDir& dir) {
    const auto stale = ipc::UnixAddress::path(dir.file("stale.sock"));
    {
        ipc::Fd bound(static_cast<int>(ipc::must(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0), "socket")));
        ipc::must(::bind(bound.get(), stale.get(), stale.size()), "bind " + stale.describe());
        auto not_listening = connect_once(stale);
        ipc::evidence("connect.bound_not_listening", ipc::describe(not_listening));
        CHECK_EQ(not_listening, ipc::SyscallResult::failure(ECONNREFUSED));
    }
    auto stale_file = connect_once(stale);
    ipc::evidence("connect.stale_socket_file", ipc::describe(stale_file));
    CHECK_EQ(stale_file, ipc::SyscallResult::failure(ECONNREFUSED));
    auto unheld = connect_once(ipc::UnixAddress::abstract(ipc::unique_abstract_name("unheld")));
    ipc::evidence("connect.unheld_abstract_name", ipc::describe(unheld));
    CHECK_EQ(unheld, ipc::SyscallResult::failure(ECONNREFUSED));
    auto missing = connect_once(ipc::UnixAddress::path(dir.file("missing.sock")));
    ipc::evidence("connect.missing_path", ipc::describe(missing));
    CHECK_EQ(missing, ipc::SyscallResult::failure(ENOENT));
}

}  // namespace

CLAIM("SOCK-07", "path and abstract socket names connect unrelated processes; no listener means ECONNREFUSED") {
    ipc::TempDir dir;
    for (std::string kind : {"path", "abstract"}) {
        CAPTURE(kind);
        unrelated_client_talks_over(kind);
    }
    no_listener_is_refused(dir);
}
