// PIPE-18 (edge; pipe(7) "If ... O_NONBLOCK ... read(2) fails with EAGAIN",
// write(2) EAGAIN): on non-blocking ends, read() on an empty pipe with a writer
// open fails with EAGAIN and write() on a full pipe fails with EAGAIN, writing
// nothing. With no writer left, the empty read is end of file (0) instead.
#include "pipe_support.hpp"

CLAIM("PIPE-18", "non-blocking: read on an empty pipe and write on a full one fail with EAGAIN") {
    auto p = ipc::Pipe::make(O_NONBLOCK);
    char c;
    auto empty_read = ipc::capture([&] { return ::read(p.r(), &c, 1); });
    ipc::evidence("read_empty_with_writer", ipc::describe(empty_read));
    CHECK_EQ(empty_read, ipc::SyscallResult::failure(EAGAIN));

    // The write that ends the fill is the claim's: EAGAIN, not 0 nor another error.
    const ipc::Fill fill = ipc::fill_until_refused(p.w(), static_cast<std::size_t>(ipc::page_size()));
    const auto filled = static_cast<long>(fill.bytes);
    const ipc::SyscallResult ending = fill.ending;
    ipc::evidence("filled", filled);
    ipc::evidence("write_ending_the_fill", ipc::describe(ending));
    ipc::evidence("F_GETPIPE_SZ", p.capacity());
    CHECK_EQ(ending, ipc::SyscallResult::failure(EAGAIN));
    auto full_write = ipc::capture([&] { return ::write(p.w(), "x", 1); });
    ipc::evidence("write_1_byte_when_full", ipc::describe(full_write));
    CHECK_EQ(full_write, ipc::SyscallResult::failure(EAGAIN));
    CHECK_EQ(support::unread_bytes(p.r()), filled);

    ipc::drain_nonblocking(p.r());
    p.write_end.reset();
    auto eof_read = ipc::capture([&] { return ::read(p.r(), &c, 1); });
    ipc::evidence("read_empty_without_writer", ipc::describe(eof_read));
    CHECK_EQ(eof_read, ipc::SyscallResult{0, 0});
}
