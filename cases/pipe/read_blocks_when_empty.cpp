// PIPE-05 (seed §1.4(2); pipe(7) "If a process attempts to read from an empty
// pipe, then read(2) will block until data is available"): a reader blocks in
// read() on an empty pipe while a write end is open, and resumes with the
// data when it arrives.
#include <sys/syscall.h>

#include "pipe_support.hpp"

CLAIM("PIPE-05", "a reader blocks on an empty pipe while a writer is open, and resumes when data arrives") {
    auto p = ipc::Pipe::make();
    auto reader = ipc::ReportingChild::fork([&](ipc::Report& r) {
        p.write_end.reset();  // the parent's copy is the open write end
        auto data = ipc::read_some(p.r(), 64);
        r["got"] = data.value_or("");
        return data ? 0 : 1;
    });

    auto blocked = ipc::require_blocked_in(reader.pid(), SYS_read, "reader_blocked");
    CHECK_MESSAGE(ipc::stays_blocked(reader.pid(), blocked, "reader_blocked"),
                  "the read returned (or woke) with the pipe empty");
    ipc::evidence("unread_bytes_while_blocked", support::unread_bytes(p.r()));

    REQUIRE(ipc::write_all(p.w(), "wake up"));
    auto read = reader.finish();
    ipc::evidence("reader_status", read.status.describe());
    ipc::evidence("reader_got", read.get("got"));
    CHECK(read.status.exited_with(0));
    CHECK_EQ(read.get("got"), "wake up");
}
