// PIPE-34 (edge; proc(5) /proc/PID/fd and /proc/PID/fdinfo, pipe(7) "If all
// file descriptors referring to the write end of a pipe have been closed,
// then an attempt to read(2) from the pipe will see end-of-file"): looking at
// a pipe end through /proc keeps no hold on it. After lstat and stat of
// /proc/self/fd/W and of /proc/self/fdinfo/W, and a read of the fdinfo file,
// closing W (the only write end) still gives the reader end of file; the
// read end is non-blocking, so a write end kept alive shows as EAGAIN rather
// than as a hang.
#include <sys/stat.h>

#include "pipe_support.hpp"

CLAIM("PIPE-34", "lstat and stat of /proc/self/fd/N and fdinfo/N of a write end keep no reference to it") {
    auto p = ipc::Pipe::make();
    ipc::set_nonblocking(p.r(), true);
    const std::string fd_link = "/proc/self/fd/" + std::to_string(p.w());
    const std::string fdinfo = "/proc/self/fdinfo/" + std::to_string(p.w());
    struct stat st;
    if (::lstat(fd_link.c_str(), &st) != 0 || ::lstat(fdinfo.c_str(), &st) != 0)
        ipc::skip("cannot lstat /proc/self/fd or /proc/self/fdinfo here: " + ipc::errno_name(errno));
    ipc::evidence("fd_link_stat", ::stat(fd_link.c_str(), &st) == 0 && S_ISFIFO(st.st_mode) ? "a fifo" : "not a fifo");
    ipc::evidence("fdinfo_stat", ::stat(fdinfo.c_str(), &st) == 0 ? "ok" : ipc::errno_name(errno));
    {
        ipc::Fd info(::open(fdinfo.c_str(), O_RDONLY | O_CLOEXEC));
        if (info) ipc::evidence("fdinfo_first_line", ipc::read_some(info.get(), 4096).value_or("").substr(0, 16));
    }
    p.write_end.reset();
    char c;
    auto read = ipc::capture([&] { return ::read(p.r(), &c, 1); });
    ipc::evidence("read_after_closing_the_write_end", ipc::describe(read));
    CHECK_EQ(read, ipc::SyscallResult{0, 0});
}
