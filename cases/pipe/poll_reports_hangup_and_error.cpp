// PIPE-21 (edge; poll(2) POLLHUP/POLLERR, fs/pipe.c pipe_poll): poll()
// reports POLLHUP on the read end once every writer is gone (with POLLIN while
// data remains), and POLLERR on the write end once every reader is gone;
// neither while the other side is open.
#include "ipc/readiness.hpp"
#include "pipe_support.hpp"

CLAIM("PIPE-21", "poll gives POLLHUP on the read end without writers, POLLERR on the write end without readers") {
    using ipc::poll_events_name;
    using support::events_now;
    auto p = ipc::Pipe::make();
    const short in = POLLIN, out = POLLOUT;

    const short idle = events_now(p.r(), in);
    ipc::evidence("read_end.writer_open_empty", poll_events_name(idle));
    CHECK_EQ(idle, 0);
    REQUIRE(ipc::write_all(p.w(), "x"));
    p.write_end.reset();
    const short with_data = events_now(p.r(), in);
    ipc::evidence("read_end.writers_gone_with_data", poll_events_name(with_data));
    CHECK_EQ(with_data, POLLIN | POLLHUP);
    REQUIRE(ipc::read_exactly(p.r(), 1) == "x");
    const short drained = events_now(p.r(), in);
    ipc::evidence("read_end.writers_gone_drained", poll_events_name(drained));
    CHECK_EQ(drained, POLLHUP);

    auto q = ipc::Pipe::make();
    const short writable = events_now(q.w(), out);
    ipc::evidence("write_end.reader_open", poll_events_name(writable));
    CHECK_EQ(writable, POLLOUT);
    q.read_end.reset();
    const short orphan = events_now(q.w(), out);
    ipc::evidence("write_end.readers_gone", poll_events_name(orphan));
    CHECK((orphan & POLLERR) != 0);
    CHECK((orphan & POLLHUP) == 0);
}
