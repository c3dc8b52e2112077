// PIPE-02 (seed §1.5; pipe(7), write(2)/read(2) EBADF "fd is not open for
// writing/reading"): a pipe is one-way: write(fd[0]) and read(fd[1]) fail with
// EBADF, and nothing enters the pipe through the wrong end.
#include "pipe_support.hpp"

CLAIM("PIPE-02", "write(fd[0]) and read(fd[1]) fail with EBADF") {
    int fd[2];
    REQUIRE(::pipe(fd) == 0);
    ipc::Fd read_end(fd[0]), write_end(fd[1]);
    char c = 'x';

    auto wrong_write = ipc::capture([&] { return ::write(fd[0], &c, 1); });
    auto wrong_read = ipc::capture([&] { return ::read(fd[1], &c, 1); });
    ipc::evidence("write_to_fd0", ipc::describe(wrong_write));
    ipc::evidence("read_from_fd1", ipc::describe(wrong_read));
    CHECK_EQ(wrong_write, ipc::SyscallResult::failure(EBADF));
    CHECK_EQ(wrong_read, ipc::SyscallResult::failure(EBADF));
    ipc::evidence("unread_bytes_after", support::unread_bytes(fd[0]));
    CHECK_EQ(support::unread_bytes(fd[0]), 0);

    // The right way round works.
    CHECK_SUCCEEDS(::write(fd[1], &c, 1));
    CHECK_EQ(support::unread_bytes(fd[0]), 1);
}
