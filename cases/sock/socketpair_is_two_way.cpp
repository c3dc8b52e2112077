// SOCK-01 (edge; socketpair(2), unix(7)): the two ends of
// socketpair(AF_UNIX, SOCK_STREAM) are both readable and writable: a message
// goes one way and the answer comes back over the same descriptors, between
// two processes. A pipe, by contrast, refuses a write on its read end and a
// read on its write end (EBADF).
#include <fcntl.h>

#include "ipc/case.hpp"
#include "ipc/socket.hpp"

CLAIM("SOCK-01", "socketpair(AF_UNIX, SOCK_STREAM) carries data both ways") {
    auto pair = ipc::SocketPair::make(SOCK_STREAM);
    auto peer = ipc::Child::fork([&] {
        pair.first.reset();
        std::string got = ipc::read_exactly(pair.b(), 4);
        return ipc::write_all(pair.b(), "pong(" + got + ")") ? 0 : 1;
    });
    pair.second.reset();

    const bool sent = ipc::write_all(pair.a(), "ping");
    ipc::evidence("parent_to_child_write", sent ? "4 bytes" : ipc::errno_name(errno));
    CHECK(sent);
    std::string reply = ipc::read_exactly(pair.a(), 10);
    ipc::evidence("child_to_parent_reply", reply);
    ipc::evidence("peer_status", peer.wait().describe());
    CHECK_EQ(reply, "pong(ping)");

    // The contrast: each end of a pipe goes one way only.
    auto p = ipc::Pipe::make(O_CLOEXEC);
    char c = 0;
    ipc::evidence("pipe_write_to_read_end", ipc::describe(ipc::capture([&] { return ::write(p.r(), "x", 1); })));
    ipc::evidence("pipe_read_from_write_end", ipc::describe(ipc::capture([&] { return ::read(p.w(), &c, 1); })));
    CHECK_FAILS_WITH(::write(p.r(), "x", 1), EBADF);
    CHECK_FAILS_WITH(::read(p.w(), &c, 1), EBADF);
}
