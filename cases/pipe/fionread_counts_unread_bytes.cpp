// PIPE-22 (edge; ioctl_tty(2)/pipe(7) FIONREAD): ioctl(FIONREAD) on a pipe
// reports how many bytes are waiting to be read, through writes and reads,
// on the read end and on the write end alike, up to a full pipe (its
// F_GETPIPE_SZ).
#include "pipe_support.hpp"

CLAIM("PIPE-22", "FIONREAD on either end reports the number of unread bytes") {
    auto p = ipc::Pipe::make(O_NONBLOCK);
    std::string trace;
    auto step = [&](const std::string& what, long expected) {
        const long n = support::unread_bytes(p.r()), on_write_end = support::unread_bytes(p.w());
        trace += what + " -> " + std::to_string(n) + " (write end " + std::to_string(on_write_end) + "); ";
        CHECK_MESSAGE(n == expected, what << ": FIONREAD " << n << ", expected " << expected);
        CHECK_MESSAGE(on_write_end == expected,
                      what << ": FIONREAD on the write end " << on_write_end << ", expected " << expected);
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
    const long filled = static_cast<long>(ipc::fill_until_eagain(p.w(), static_cast<std::size_t>(ipc::page_size())));
    ipc::evidence("F_GETPIPE_SZ", p.capacity());
    ipc::evidence("filled", filled);
    CHECK_EQ(filled, p.capacity());
    step("full", filled);
    ipc::evidence("FIONREAD_trace", trace);
}
