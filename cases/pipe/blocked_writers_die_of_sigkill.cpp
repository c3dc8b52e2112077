// PIPE-38 (edge; signal(7) "SIGKILL ... cannot be caught, blocked, or
// ignored", pipe(7) "If all file descriptors referring to the write end of a
// pipe have been closed, then an attempt to read(2) from the pipe will see
// end-of-file"): processes writing into a pipe are killable while they write.
// Two children write 25-byte records into one pipe forever; the reader takes
// a few records, then lets them fill it; both are observed asleep in write,
// are sent SIGKILL, and die of it (the wait status says SIGKILL) before the
// deadline. Dead, they hold the pipe no longer: the reader drains what they
// wrote and then reads end of file.
#include <csignal>
#include <sys/syscall.h>

#include "pipe_support.hpp"

namespace {

ipc::Child start_writer(int fds[2], char c) {
    return ipc::Child::fork([fds, c] {
        ::close(fds[0]);
        const std::string record(25, c);
        for (;;)
            if (::write(fds[1], record.data(), record.size()) < 0) return 1;
    });
}

}  // namespace

CLAIM("PIPE-38", "writers blocked on a full pipe die of SIGKILL, and the reader then sees end of file") {
    int fds[2];
    ipc::must(::pipe(fds), "pipe");
    ipc::Fd r(fds[0]), w(fds[1]);
    auto a = start_writer(fds, 'a');
    auto b = start_writer(fds, 'b');
    w.reset();
    REQUIRE_EQ(ipc::read_exactly(r.get(), 100).size(), 100u);  // records are coming

    ipc::require_blocked_in(a.pid(), SYS_write, "writer_a_blocked");
    ipc::require_blocked_in(b.pid(), SYS_write, "writer_b_blocked");
    a.kill(SIGKILL);
    b.kill(SIGKILL);
    const auto a_status = a.wait_for(ipc::default_deadline), b_status = b.wait_for(ipc::default_deadline);
    ipc::evidence("writer_a_status", a_status ? a_status->describe() : "still running at the deadline");
    ipc::evidence("writer_b_status", b_status ? b_status->describe() : "still running at the deadline");
    REQUIRE(a_status);
    REQUIRE(b_status);
    CHECK(a_status->killed_by(SIGKILL));
    CHECK(b_status->killed_by(SIGKILL));

    auto rest = support::read_all_within(r.get());
    ipc::evidence("bytes_left_after_the_kill", static_cast<long>(rest.data.size()));
    ipc::evidence("end_of_file_after_them", rest.complete);
    CHECK_MESSAGE(rest.complete, "no end of file after both writers were killed: something still holds the write end");
}
