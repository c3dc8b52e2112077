// PIPE-07 (edge; pipe(7) "If all file descriptors referring to the write end
// of a pipe have been closed, then an attempt to read(2) from the pipe will see
// end-of-file"): end of file needs *every* write end closed. While another
// process holds one, read() blocks, and returns 0 once that one closes; a
// reader that kept its own write end open blocks for good (the classic
// forgotten close), though no one else can ever write. "Blocks" is watched
// for the observation window (ipc::stays_blocked), not for a moment only: a
// read ended by an idle timeout after a few hundred ms is caught.
#include <sys/syscall.h>

#include "pipe_support.hpp"

namespace {
struct ReadResult {
    long value;
    int err;
};
}  // namespace

CLAIM("PIPE-07", "read() returns end of file only when every write end is closed, the reader's own included") {
    SUBCASE("another process holds a write end") {
        auto p = ipc::Pipe::make();
        auto release = ipc::Pipe::make(O_CLOEXEC);
        auto holder = ipc::Child::fork([&] {  // holds p's write end until released
            p.read_end.reset();
            release.write_end.reset();
            char c;
            return ::read(release.r(), &c, 1) == 0 ? 0 : 1;
        });
        release.read_end.reset();
        support::Report<ReadResult> report;
        auto reader = ipc::Child::fork([&] {
            p.write_end.reset();
            release.write_end.reset();
            char c;
            errno = 0;
            ReadResult r{::read(p.r(), &c, 1), errno};
            report.send(r);
            return 0;
        });
        p.write_end.reset();  // only the holder's copy is left

        auto blocked = ipc::await_blocked_in(reader.pid(), SYS_read);
        REQUIRE_MESSAGE(blocked, "reader did not block while another process held a write end: "
                                     << ipc::snapshot(reader.pid()).describe());
        ipc::record_blocked("reader_blocked_while_holder_lives", *blocked);
        // Not for a moment only: it stays blocked while the holder lives.
        CHECK_MESSAGE(ipc::stays_blocked(reader.pid(), *blocked, "reader_blocked_while_holder_lives"),
                      "the reader's read returned while another process held a write end");

        release.write_end.reset();  // the holder exits, closing the last write end
        auto holder_status = holder.wait();
        auto reader_status = reader.wait();
        ipc::evidence("holder_status", holder_status.describe());
        ipc::evidence("reader_status", reader_status.describe());
        REQUIRE(reader_status.exited_with(0));
        auto r = report.receive();
        REQUIRE(r);
        ipc::SyscallResult result{r->value, r->err};
        ipc::evidence("read_after_holder_exit", ipc::describe(result));
        CHECK_EQ(result, ipc::SyscallResult{0, 0});
    }
    SUBCASE("the reader itself holds the last write end") {
        auto p = ipc::Pipe::make();
        support::Report<ReadResult> report;
        auto reader = ipc::Child::fork([&] {
            char c;  // keeps its copy of the write end: nobody else has one
            errno = 0;
            ReadResult r{::read(p.r(), &c, 1), errno};
            report.send(r);
            return 0;
        });
        p.write_end.reset();

        auto blocked = ipc::await_blocked_in(reader.pid(), SYS_read);
        REQUIRE_MESSAGE(blocked, "reader holding its own write end did not block: "
                                     << ipc::snapshot(reader.pid()).describe());
        ipc::record_blocked("reader_blocked_on_own_write_end", *blocked);
        // Nothing can wake it: it is still blocked after the whole window.
        CHECK_MESSAGE(ipc::stays_blocked(reader.pid(), *blocked, "reader_blocked_on_own_write_end"),
                      "the read of a reader holding the only write end returned");
        reader.kill(SIGKILL);
        auto status = reader.wait();
        ipc::evidence("reader_status", status.describe());
        CHECK(status.killed_by(SIGKILL));
        if (auto r = report.receive())  // only if the read returned, which it must not
            ipc::evidence("read_returned", ipc::describe(ipc::SyscallResult{r->value, r->err}));
    }
}
