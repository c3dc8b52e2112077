// PIPE-06 (seed §1.4(3); pipe(7)): once every write end is closed, read()
// first returns the data still in the pipe, then 0 (end of file), at once and
// on every later call.
#include <poll.h>

#include "ipc/case.hpp"

namespace {
// poll() with a zero timeout: a read that would block is never attempted.
bool readable_now(int fd) {
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, 0) == 1;
}
}  // namespace

CLAIM("PIPE-06", "after the writers close, read() returns the rest of the data, then 0 repeatedly") {
    auto p = ipc::Pipe::make();
    REQUIRE(ipc::write_all(p.w(), "first,"));
    REQUIRE(ipc::write_all(p.w(), "second"));
    p.write_end.reset();

    std::string data;
    while (readable_now(p.r())) {
        auto part = ipc::read_some(p.r(), 4);  // short reads: the rest stays for the next
        REQUIRE(part);
        if (part->empty()) break;
        data += *part;
    }
    ipc::evidence("data_read_after_close", data);
    CHECK_EQ(data, "first,second");

    int eof_reads = 0;
    for (int i = 0; i < 3; ++i) {
        REQUIRE_MESSAGE(readable_now(p.r()), "read " << i << " after the data would block");
        auto part = ipc::read_some(p.r(), 16);
        REQUIRE(part);
        if (part->empty()) ++eof_reads;
    }
    ipc::evidence("zero_returning_reads", eof_reads);
    CHECK_EQ(eof_reads, 3);
}
