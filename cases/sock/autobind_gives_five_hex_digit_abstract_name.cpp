// SOCK-18 (edge; unix(7) "Autobind feature", getsockname(2)): bind(2) given
// only the address family (an addrlen of sizeof(sa_family_t)) binds the
// socket to an abstract name the kernel picks: a NUL byte and five hex
// digits. getsockname(2) then returns that name with its length exactly:
// offsetof(sockaddr_un, sun_path) + 6, no terminating NUL counted; an
// unbound socket's getsockname returns the family alone (addrlen
// sizeof(sa_family_t)), and a socket bound to a path returns the path with
// its terminating NUL. The picked name works: another socket connects to it.
#include <cctype>
#include <cstddef>

#include "ipc/case.hpp"
#include "ipc/socket.hpp"
#include "ipc/temp_dir.hpp"
#include "sock_support.hpp"

namespace {
struct Name {
    ipc::SyscallResult result;
    sockaddr_un addr{};
    socklen_t len = 0;
};
Name name_of(int fd) {
    Name n;
    n.len = sizeof n.addr;
    n.result = ipc::capture([&] { return ::getsockname(fd, reinterpret_cast<sockaddr*>(&n.addr), &n.len); });
    return n;
}
bool hex_digits(const char* p, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        if (!std::isxdigit(static_cast<unsigned char>(p[i])) || std::isupper(static_cast<unsigned char>(p[i])))
            return false;
    return true;
}
}  // namespace

CLAIM("SOCK-18", "bind with only sun_family autobinds to a NUL and five hex digits; getsockname gives exact lengths") {
    const socklen_t family_only = sizeof(sa_family_t);
    const socklen_t path_offset = offsetof(sockaddr_un, sun_path);
    for (int type : {SOCK_STREAM, SOCK_SEQPACKET, SOCK_DGRAM}) {
        const auto k = sockcase::kind(type);
        CAPTURE(k.name);
        auto s = sockcase::unix_socket(type);
        auto unbound = name_of(s.get());
        ipc::evidence(k.name + ".unbound_getsockname_len", static_cast<long long>(unbound.len));
        CHECK(unbound.result.ok());
        CHECK_EQ(unbound.len, family_only);

        sockaddr_un family{};
        family.sun_family = AF_UNIX;
        auto autobind =
            ipc::capture([&] { return ::bind(s.get(), reinterpret_cast<sockaddr*>(&family), family_only); });
        ipc::evidence(k.name + ".bind_family_only", ipc::describe(autobind));
        CHECK(autobind.ok());
        if (!autobind.ok()) continue;  // no name to look at; the other types are still checked
        auto bound = name_of(s.get());
        const std::string shown =
            bound.len > path_offset + 1 ? std::string(bound.addr.sun_path + 1, bound.len - path_offset - 1) : "";
        ipc::evidence(k.name + ".autobind_getsockname_len", static_cast<long long>(bound.len));
        ipc::evidence(k.name + ".autobind_name", "@" + shown);
        CHECK_EQ(bound.len, path_offset + 6);
        CHECK_EQ(bound.addr.sun_path[0], '\0');
        CHECK_EQ(shown.size(), 5u);
        CHECK(hex_digits(shown.c_str(), shown.size()));

        // The name is real: a socket of the same type reaches it.
        auto client = sockcase::unix_socket(type);
        if (type != SOCK_DGRAM) REQUIRE(::listen(s.get(), 1) == 0);
        auto conn =
            ipc::capture([&] { return ::connect(client.get(), reinterpret_cast<sockaddr*>(&bound.addr), bound.len); });
        ipc::evidence(k.name + ".connect_to_autobound_name", ipc::describe(conn));
        CHECK(conn.ok());
    }
    ipc::TempDir dir;
    const auto where = ipc::UnixAddress::path(dir.file("p.sock"));
    auto s = sockcase::unix_socket(SOCK_STREAM);
    REQUIRE(::bind(s.get(), where.get(), where.size()) == 0);
    auto named = name_of(s.get());
    ipc::evidence("path.getsockname_len", static_cast<long long>(named.len));
    CHECK_EQ(named.len, path_offset + where.describe().size() + 1);
    CHECK_EQ(std::string(named.addr.sun_path), where.describe());
}
