// PIPE-29 (edge; pipe(7) "If all file descriptors referring to the write end
// of a pipe have been closed, then an attempt to read(2) from the pipe will
// see end-of-file"; the kernel's fix 6551d5c56eb0 "pipe: make sure to wake up
// everybody when the last reader/writer closes"): when the last write end is
// closed, every reader blocked in read() on the empty pipe wakes with end of
// file, not only the first. Several readers (2, then 10) are each observed
// asleep in read() first; the last write end is closed; each of them returns
// 0 before the deadline.
#include <sys/syscall.h>

#include "pipe_support.hpp"

namespace {

struct ReadResult {
    long value;
    int err;
};

void every_reader_gets_eof(int readers) {
    auto p = ipc::Pipe::make();
    std::vector<ipc::ReportingChild> blocked;
    blocked.reserve(static_cast<std::size_t>(readers));
    for (int i = 0; i < readers; ++i) {
        blocked.push_back(ipc::ReportingChild::fork([&p](ReadResult& r) {
            p.write_end.reset();
            char c;
            errno = 0;
            r = {::read(p.r(), &c, 1), errno};
            return 0;
        }));
        ipc::require_blocked_in(blocked.back().pid(), SYS_read,
                                "readers_" + std::to_string(readers) + ".reader_" + std::to_string(i));
    }
    p.write_end.reset();  // the last write end
    int woke_with_eof = 0;
    std::string others;
    for (auto& reader : blocked) {
        auto done = reader.finish();
        auto r = done.as<ReadResult>();
        if (done.status.exited_with(0) && r && r->value == 0 && r->err == 0) ++woke_with_eof;
        else
            others += (others.empty() ? "" : "; ") + std::to_string(reader.pid()) + ": " + done.status.describe() +
                      (r ? ", read " + ipc::describe(ipc::SyscallResult{r->value, r->err}) : ", no result");
    }
    const std::string as = "readers_" + std::to_string(readers);
    ipc::evidence(as + ".woke_with_eof", woke_with_eof);
    ipc::evidence(as + ".others", others.empty() ? "none" : others);
    REQUIRE_EQ(woke_with_eof, readers);
}

}  // namespace

CLAIM("PIPE-29", "closing the last write end wakes every reader blocked in read(), each with end of file") {
    every_reader_gets_eof(2);
    every_reader_gets_eof(10);
}
