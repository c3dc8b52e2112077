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

// A reader of one byte; it closes its copy of the write end first unless told to keep it.
ipc::ReportingChild start_reader(ipc::Pipe& p, bool keeps_write_end, ipc::Pipe* release = nullptr) {
    return ipc::ReportingChild::fork([&p, keeps_write_end, release](ReadResult& r) {
        if (!keeps_write_end) p.write_end.reset();
        if (release) release->write_end.reset();
        char c;
        errno = 0;
        r = {::read(p.r(), &c, 1), errno};
        return 0;
    });
}

// A process that holds p's write end until `release` is closed.
ipc::Child start_holder(ipc::Pipe& p, ipc::Pipe& release) {
    return ipc::Child::fork([&] {
        p.read_end.reset();
        release.write_end.reset();
        char c;
        return ::read(release.r(), &c, 1) == 0 ? 0 : 1;
    });
}

void another_process_holds_a_write_end() {
    auto p = ipc::Pipe::make();
    auto release = ipc::Pipe::make(O_CLOEXEC);
    auto holder = start_holder(p, release);
    release.read_end.reset();
    auto reader = start_reader(p, false, &release);
    p.write_end.reset();  // only the holder's copy is left

    auto blocked = ipc::require_blocked_in(reader.pid(), SYS_read, "reader_blocked_while_holder_lives");
    // Not for a moment only: it stays blocked while the holder lives.
    CHECK_MESSAGE(ipc::stays_blocked(reader.pid(), blocked, "reader_blocked_while_holder_lives"),
                  "the reader's read returned while another process held a write end");

    release.write_end.reset();  // the holder exits, closing the last write end
    auto holder_status = holder.wait();
    auto read = reader.finish();
    ipc::evidence("holder_status", holder_status.describe());
    ipc::evidence("reader_status", read.status.describe());
    REQUIRE(read.status.exited_with(0));
    auto r = read.as<ReadResult>();
    REQUIRE(r);
    ipc::SyscallResult result{r->value, r->err};
    ipc::evidence("read_after_holder_exit", ipc::describe(result));
    CHECK_EQ(result, ipc::SyscallResult{0, 0});
}

void the_reader_holds_the_last_write_end() {
    auto p = ipc::Pipe::make();
    auto reader = start_reader(p, true);  // nobody else has a write end
    p.write_end.reset();

    auto blocked = ipc::require_blocked_in(reader.pid(), SYS_read, "reader_blocked_on_own_write_end");
    // Nothing can wake it: it is still blocked after the whole window.
    CHECK_MESSAGE(ipc::stays_blocked(reader.pid(), blocked, "reader_blocked_on_own_write_end"),
                  "the read of a reader holding the only write end returned");
    reader.kill(SIGKILL);
    auto read = reader.finish();
    ipc::evidence("reader_status", read.status.describe());
    CHECK(read.status.killed_by(SIGKILL));
    if (auto r = read.as<ReadResult>())  // only if the read returned, which it must not
        ipc::evidence("read_returned", ipc::describe(ipc::SyscallResult{r->value, r->err}));
}

}  // namespace

CLAIM("PIPE-07", "read() returns end of file only when every write end is closed, the reader's own included") {
    SUBCASE("another process holds a write end") { another_process_holds_a_write_end(); }
    SUBCASE("the reader itself holds the last write end") { the_reader_holds_the_last_write_end(); }
}
