// SOCK-26 (edge; proc(5) /proc/PID/fd: "opening ... a socket ... fails with
// ENXIO"; unix(7)): a socket has no file to open: open(2) of
// /proc/self/fd/N, where N is a Unix socket, fails with ENXIO, for reading or
// writing, for both ends of a pair and for a socket bound to a path; the
// socket itself is unaffected (it still carries data).
#include <fcntl.h>

#include "ipc/case.hpp"
#include "ipc/socket.hpp"
#include "ipc/temp_dir.hpp"
#include "sock_support.hpp"

CLAIM("SOCK-26", "open() of /proc/self/fd/N of a Unix socket fails with ENXIO") {
    ipc::TempDir dir;
    auto pair = ipc::SocketPair::make(SOCK_STREAM);
    const auto where = ipc::UnixAddress::path(dir.file("bound.sock"));
    ipc::Fd bound = ipc::listen_at(where);
    for (auto [name, fd] : {std::pair<const char*, int>{"pair_first", pair.a()},
                            {"pair_second", pair.b()},
                            {"bound_listener", bound.get()}}) {
        for (int mode : {O_RDONLY, O_WRONLY, O_RDWR}) {
            const std::string link = "/proc/self/fd/" + std::to_string(fd);
            auto r = ipc::capture([&] { return ::open(link.c_str(), mode | O_CLOEXEC); });
            if (r.ok()) ::close(static_cast<int>(r.value));
            const std::string key = std::string(name) + (mode == O_RDONLY   ? ".O_RDONLY"
                                                         : mode == O_WRONLY ? ".O_WRONLY"
                                                                            : ".O_RDWR");
            ipc::evidence(key, ipc::describe(r));
            CHECK_MESSAGE(r == ipc::SyscallResult::failure(ENXIO), key << ": " << ipc::describe(r));
        }
    }
    REQUIRE(sockcase::send_text(pair.a(), "still").value == 5);
    CHECK_EQ(sockcase::recv_text(pair.b(), 16, MSG_DONTWAIT).data, "still");
}
