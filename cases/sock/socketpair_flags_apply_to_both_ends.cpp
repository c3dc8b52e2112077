// SOCK-34 (edge; socketpair(2) SOCK_CLOEXEC and SOCK_NONBLOCK, socket(2)):
// socketpair(AF_UNIX, type | SOCK_CLOEXEC) gives both ends FD_CLOEXEC, and
// type | SOCK_NONBLOCK gives both ends O_NONBLOCK (a read of an empty end
// then fails with EAGAIN instead of waiting); without the flags neither end
// has them. Every type may be made as a pair, SOCK_DGRAM included.
#include <fcntl.h>
#include <unistd.h>

#include "ipc/case.hpp"
#include "ipc/socket.hpp"
#include "sock_support.hpp"

CLAIM("SOCK-34", "socketpair's SOCK_CLOEXEC and SOCK_NONBLOCK apply to both ends, and nothing without them") {
    for (int type : {SOCK_STREAM, SOCK_SEQPACKET, SOCK_DGRAM}) {
        const auto k = sockcase::kind(type);
        CAPTURE(k.name);
        for (int flags : std::initializer_list<int>{0, SOCK_CLOEXEC, SOCK_NONBLOCK, SOCK_CLOEXEC | SOCK_NONBLOCK}) {
            int fds[2] = {-1, -1};
            auto made = ipc::capture([&] { return ::socketpair(AF_UNIX, type | flags, 0, fds); });
            const std::string key = k.name + ".flags_" + std::string(flags & SOCK_CLOEXEC ? "CLOEXEC" : "") +
                                    (flags == (SOCK_CLOEXEC | SOCK_NONBLOCK) ? "|" : "") +
                                    (flags & SOCK_NONBLOCK ? "NONBLOCK" : "") + (flags == 0 ? "0" : "");
            ipc::evidence(key + ".socketpair", ipc::describe(made));
            REQUIRE(made.ok());
            ipc::Fd a(fds[0]), b(fds[1]);
            for (int fd : {a.get(), b.get()}) {
                const bool cloexec = (::fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0;
                const bool nonblock = (::fcntl(fd, F_GETFL) & O_NONBLOCK) != 0;
                ipc::evidence(key + (fd == a.get() ? ".first" : ".second"), std::string(cloexec ? "FD_CLOEXEC " : "") +
                                                                                (nonblock ? "O_NONBLOCK" : "") +
                                                                                (!cloexec && !nonblock ? "none" : ""));
                CHECK_EQ(cloexec, (flags & SOCK_CLOEXEC) != 0);
                CHECK_EQ(nonblock, (flags & SOCK_NONBLOCK) != 0);
            }
            if (flags & SOCK_NONBLOCK) {
                char c;
                CHECK_FAILS_WITH(::read(b.get(), &c, 1), EAGAIN);
            }
        }
    }
}
