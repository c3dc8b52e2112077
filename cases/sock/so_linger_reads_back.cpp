// SOCK-32 (edge; socket(7) SO_LINGER, unix(7)): SO_LINGER set on a Unix
// SOCK_STREAM socket ({l_onoff 1, l_linger 5}) reads back as it was set,
// with the length of a struct linger; and it is off ({0, 0}) before.
#include "ipc/case.hpp"
#include "ipc/socket.hpp"
#include "sock_support.hpp"

namespace {
std::string describe(const linger& l, socklen_t len) {
    return "{" + std::to_string(l.l_onoff) + ", " + std::to_string(l.l_linger) + "}, length " + std::to_string(len);
}
}  // namespace

CLAIM("SOCK-32", "SO_LINGER set on a Unix stream socket reads back as set") {
    auto pair = ipc::SocketPair::make(SOCK_STREAM);
    linger before{-1, -1};
    socklen_t len = sizeof before;
    REQUIRE_WITH_ERRNO(::getsockopt(pair.a(), SOL_SOCKET, SO_LINGER, &before, &len) == 0, "getsockopt(SO_LINGER)");
    ipc::evidence("SO_LINGER_before", describe(before, len));
    CHECK_EQ(before.l_onoff, 0);
    CHECK_EQ(before.l_linger, 0);

    const linger set{1, 5};
    CHECK_SUCCEEDS(::setsockopt(pair.a(), SOL_SOCKET, SO_LINGER, &set, sizeof set));
    linger got{-1, -1};
    len = sizeof got;
    REQUIRE_WITH_ERRNO(::getsockopt(pair.a(), SOL_SOCKET, SO_LINGER, &got, &len) == 0, "getsockopt(SO_LINGER)");
    ipc::evidence("SO_LINGER_after_setting_1_5", describe(got, len));
    CHECK_EQ(len, sizeof(linger));
    CHECK_EQ(got.l_onoff, 1);
    CHECK_EQ(got.l_linger, 5);
}
