// PIPE-05 (seed §1.4(2); pipe(7) "If a process attempts to read from an empty
// pipe, then read(2) will block until data is available"): a reader blocks in
// read() on an empty pipe while a write end is open, and resumes with the
// data when it arrives.
#include <sys/syscall.h>

#include "pipe_support.hpp"

CLAIM("PIPE-05", "a reader blocks on an empty pipe while a writer is open, and resumes when data arrives") {
    auto p = ipc::Pipe::make();
    auto got = ipc::Pipe::make(O_CLOEXEC);  // the reader's report

    auto reader = ipc::Child::fork([&] {
        p.write_end.reset();  // the parent's copy is the open write end
        auto data = ipc::read_some(p.r(), 64);
        return data && ipc::write_all(got.w(), *data) ? 0 : 1;
    });
    got.write_end.reset();

    auto blocked = ipc::await_blocked_in(reader.pid(), SYS_read);
    REQUIRE_MESSAGE(blocked, "reader never blocked in read(): " << ipc::snapshot(reader.pid()).describe());
    ipc::record_blocked("reader_blocked", *blocked);
    CHECK_MESSAGE(ipc::stays_blocked(reader.pid(), *blocked, "reader_blocked"), "the read returned (or woke) with the pipe empty");
    ipc::evidence("unread_bytes_while_blocked", support::unread_bytes(p.r()));

    REQUIRE(ipc::write_all(p.w(), "wake up"));
    auto status = reader.wait();
    auto report = support::read_all_within(got.r());
    ipc::evidence("reader_status", status.describe());
    ipc::evidence("reader_got", report.data);
    CHECK(status.exited_with(0));
    CHECK_EQ(report.data, "wake up");
}
