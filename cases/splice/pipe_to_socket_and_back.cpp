// SPLICE-13 (edge; splice(2) "one of the file descriptors must refer to a
// pipe"; the other may be a socket): splice moves a pipe's bytes into a
// connected Unix stream socket, and from the socket's peer into another pipe,
// in order and complete.
#include <sys/socket.h>

#include "splice_support.hpp"

CLAIM("SPLICE-13", "splice moves bytes from a pipe into a socket and from a socket into a pipe") {
    spl::require_calls(spl::uses_splice);
    auto from = ipc::Pipe::make();
    auto to = ipc::Pipe::make();
    int sv[2];
    ipc::must(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), "socketpair");
    ipc::Fd near(sv[0]), far(sv[1]);
    const long capacity = from.capacity();
    ipc::evidence("F_GETPIPE_SZ", capacity);
    const std::string bytes = spl::pattern(static_cast<std::size_t>(capacity));
    REQUIRE(ipc::write_all(from.w(), bytes));

    std::string arrived;
    std::size_t sent = 0;
    int rounds = 0;
    bool failed = false;
    while (arrived.size() < bytes.size() && rounds < 10000 && !failed) {
        ++rounds;
        if (sent < bytes.size()) {
            auto r =
                ipc::capture([&] { return ::splice(from.r(), nullptr, near.get(), nullptr, bytes.size() - sent, 0); });
            if (r.value <= 0) {
                ipc::evidence("splice.pipe_to_socket.failed", ipc::describe(r));
                failed = true;
                break;
            }
            sent += static_cast<std::size_t>(r.value);
        }
        auto r = ipc::capture([&] { return ::splice(far.get(), nullptr, to.w(), nullptr, sent - arrived.size(), 0); });
        if (r.value <= 0) {
            ipc::evidence("splice.socket_to_pipe.failed", ipc::describe(r));
            failed = true;
            break;
        }
        arrived += spl::read_held(to.r(), static_cast<std::size_t>(r.value));
    }
    ipc::evidence("rounds", rounds);
    ipc::evidence("bytes.sent", static_cast<long long>(sent));
    ipc::evidence("bytes.arrived", static_cast<long long>(arrived.size()));
    CHECK_EQ(sent, bytes.size());
    CHECK_EQ(arrived.size(), bytes.size());
    CHECK(arrived == bytes);
    CHECK_EQ(spl::unread(from.r(), "source.unread"), 0);
}
