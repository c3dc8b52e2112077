// PIPE-36 (edge; close(2) ERRORS "EBADF fd isn't a valid open file
// descriptor"): each end of a pipe closes once. close() of the read end and
// of the write end succeed; closing either again fails with EBADF (and
// F_GETFD of them then fails with EBADF too: nothing was reopened there).
#include "pipe_support.hpp"

CLAIM("PIPE-36", "closing a pipe end a second time fails with EBADF") {
    auto p = ipc::Pipe::make();
    const int r = p.read_end.release(), w = p.write_end.release();
    auto first_r = ipc::capture([&] { return ::close(r); });
    auto first_w = ipc::capture([&] { return ::close(w); });
    auto again_r = ipc::capture([&] { return ::close(r); });
    auto again_w = ipc::capture([&] { return ::close(w); });
    ipc::evidence("close_read_end", ipc::describe(first_r));
    ipc::evidence("close_write_end", ipc::describe(first_w));
    ipc::evidence("close_read_end_again", ipc::describe(again_r));
    ipc::evidence("close_write_end_again", ipc::describe(again_w));
    CHECK_EQ(first_r, ipc::SyscallResult{0, 0});
    CHECK_EQ(first_w, ipc::SyscallResult{0, 0});
    CHECK_EQ(again_r, ipc::SyscallResult::failure(EBADF));
    CHECK_EQ(again_w, ipc::SyscallResult::failure(EBADF));
    CHECK_FAILS_WITH(::fcntl(r, F_GETFD), EBADF);
    CHECK_FAILS_WITH(::fcntl(w, F_GETFD), EBADF);
}
