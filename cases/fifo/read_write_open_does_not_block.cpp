// FIFO-07 (edge; fifo(7) "Under Linux, opening a FIFO for read and write will
// succeed both in blocking and nonblocking mode. POSIX leaves this behavior
// undefined"): open(O_RDWR) of a FIFO nobody else has open returns at once
// (it is its own reader and writer); the descriptor carries data both ways
// (a message written through it is read back through it), and it counts as
// the other side for later opens: a blocking O_WRONLY open and a blocking
// O_RDONLY open of the node then return at once too. Each open runs in a
// child, so that an open that blocks ends as "killed at the deadline".
#include <sys/stat.h>

#include "../pipe/pipe_support.hpp"

CLAIM("FIFO-07", "open(O_RDWR) of a FIFO does not wait for another process, and its descriptor reads what it wrote") {
    ipc::TempDir dir;
    const std::string node = dir.file("fifo");
    REQUIRE(::mkfifo(node.c_str(), 0600) == 0);
    auto child = ipc::ReportingChild::fork([&](ipc::Report& r) {
        const int fd = ::open(node.c_str(), O_RDWR | O_CLOEXEC);
        r["open_O_RDWR"] = fd >= 0 ? "ok" : ipc::errno_name(errno);
        if (fd < 0) return 0;
        const std::string msg = "through one descriptor";
        r["write"] = ipc::write_all(fd, msg) ? "ok" : ipc::errno_name(errno);
        r["read_back"] = ipc::read_exactly(fd, msg.size());
        const int writer = ::open(node.c_str(), O_WRONLY | O_CLOEXEC);
        r["then_open_O_WRONLY"] = writer >= 0 ? "ok" : ipc::errno_name(errno);
        const int reader = ::open(node.c_str(), O_RDONLY | O_CLOEXEC);
        r["then_open_O_RDONLY"] = reader >= 0 ? "ok" : ipc::errno_name(errno);
        return 0;
    });
    auto done = child.finish("opener");
    REQUIRE(done.status.exited_with(0));
    CHECK_EQ(done.get("open_O_RDWR"), "ok");
    CHECK_EQ(done.get("write"), "ok");
    CHECK_EQ(done.get("read_back"), "through one descriptor");
    CHECK_EQ(done.get("then_open_O_WRONLY"), "ok");
    CHECK_EQ(done.get("then_open_O_RDONLY"), "ok");
}
