// PIPE-33 (edge; proc(5) /proc/PID/fd "Opening the file ... opens the file
// it refers to", pipe(7), fifo(7)): opening /proc/self/fd/N of a pipe end
// opens that very pipe, not a new one. A read end reopened this way reads the
// data already queued, in order; and unlike the open of a FIFO node, the
// open of an empty pipe's read end whose writers are all gone returns at once
// (it does not wait for a writer), and reading it gives end of file. Each
// open runs in a child, so that one that waits ends as "killed at the
// deadline", not as a hung case.
#include "pipe_support.hpp"

namespace {

std::string proc_fd(int fd) { return "/proc/self/fd/" + std::to_string(fd); }

}  // namespace

CLAIM("PIPE-33", "open(/proc/self/fd/N) of a pipe end opens the same pipe, at once, with its queued data") {
    SUBCASE("the reopened read end reads the data queued") {
        auto p = ipc::Pipe::make();
        REQUIRE(ipc::write_all(p.w(), "queued before the reopen"));
        p.write_end.reset();
        auto child = ipc::ReportingChild::fork([&](ipc::Report& r) {
            const int fd = ::open(proc_fd(p.r()).c_str(), O_RDONLY | O_CLOEXEC);
            r["open"] = fd >= 0 ? "ok" : ipc::errno_name(errno);
            if (fd < 0) return 0;
            r["read"] = ipc::read_exactly(fd, 64);
            return 0;
        });
        auto done = child.finish("reopened_with_data");
        REQUIRE(done.status.exited_with(0));
        CHECK_EQ(done.get("open"), "ok");
        CHECK_EQ(done.get("read"), "queued before the reopen");
    }
    SUBCASE("the read end of an empty pipe without writers opens at once") {
        auto p = ipc::Pipe::make();
        p.write_end.reset();
        auto child = ipc::ReportingChild::fork([&](ipc::Report& r) {
            const int fd = ::open(proc_fd(p.r()).c_str(), O_RDONLY | O_CLOEXEC);
            r["open"] = fd >= 0 ? "ok" : ipc::errno_name(errno);
            if (fd < 0) return 0;
            char c;
            r["read"] = ipc::describe(ipc::capture([&] { return ::read(fd, &c, 1); }));
            return 0;
        });
        auto done = child.finish("reopened_empty");
        REQUIRE(done.status.exited_with(0));
        CHECK_EQ(done.get("open"), "ok");
        CHECK_EQ(done.get("read"), "0");
    }
}
