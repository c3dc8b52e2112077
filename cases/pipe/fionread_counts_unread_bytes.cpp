// PIPE-22 (edge; ioctl_tty(2)/pipe(7) FIONREAD): ioctl(FIONREAD) on a pipe
// reports how many bytes are waiting to be read, through writes and reads.
#include "pipe_support.hpp"

CLAIM("PIPE-22", "FIONREAD reports the number of unread bytes") {
    auto p = ipc::Pipe::make(O_NONBLOCK);
    std::string trace;
    auto step = [&](const std::string& what, long expected) {
        const long n = support::unread_bytes(p.r());
        trace += what + " -> " + std::to_string(n) + "; ";
        CHECK_MESSAGE(n == expected, what << ": FIONREAD " << n << ", expected " << expected);
    };
    step("empty", 0);
    REQUIRE(ipc::write_all(p.w(), "12345"));
    step("write 5", 5);
    REQUIRE(ipc::write_all(p.w(), std::string(static_cast<std::size_t>(ipc::page_size()), 'p')));
    step("write a page", 5 + ipc::page_size());
    REQUIRE(ipc::read_exactly(p.r(), 7).size() == 7);
    step("read 7", ipc::page_size() - 2);
    ipc::drain_nonblocking(p.r());
    step("drain", 0);
    ipc::evidence("FIONREAD_trace", trace);
}
