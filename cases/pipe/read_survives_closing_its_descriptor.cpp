// PIPE-35 (edge; close(2) "If ... a file descriptor is in use by system calls
// in other threads in the same process ... On Linux (and possibly some other
// systems), the behavior is different: the blocking I/O system call holds a
// reference to the underlying open file description, and this reference
// keeps the description open until the I/O system call completes"): a
// thread blocked in read() on a pipe whose read descriptor another thread
// then closes stays blocked, and completes with the data written afterwards.
// The reading thread is observed asleep in read first; close() of the
// descriptor succeeds; once 4 bytes are written, the read returns them.
#include <atomic>
#include <sys/syscall.h>
#include <thread>

#include "pipe_support.hpp"

CLAIM("PIPE-35", "a read blocked on a pipe survives another thread closing its descriptor and gets the data") {
    auto p = ipc::Pipe::make();
    const int rfd = p.read_end.release();
    std::atomic<pid_t> tid{0};
    long got = -2;
    int err = 0;
    char buf[8] = {};
    std::thread reader([&] {
        tid = static_cast<pid_t>(::syscall(SYS_gettid));
        errno = 0;
        got = ::read(rfd, buf, 4);
        err = errno;
    });
    // Whatever happens below, the reader is given its bytes and joined.
    struct Join {
        std::thread& t;
        int w;
        ~Join() {
            if (t.joinable()) {
                [[maybe_unused]] const ssize_t n = ::write(w, "data", 4);
                t.join();
            }
        }
    } join{reader, p.w()};
    while (tid == 0) std::this_thread::yield();
    ipc::require_blocked_in(tid, SYS_read, "reader_thread_blocked");
    auto closed = ipc::capture([&] { return ::close(rfd); });
    ipc::evidence("close_of_its_descriptor", ipc::describe(closed));
    CHECK_EQ(closed, ipc::SyscallResult{0, 0});
    REQUIRE(ipc::write_all(p.w(), "data"));
    reader.join();
    ipc::evidence("read_returned", ipc::describe(ipc::SyscallResult{got, err}));
    ipc::evidence("read_data", std::string(buf, got > 0 ? static_cast<std::size_t>(got) : 0));
    CHECK_EQ(ipc::SyscallResult{got, err}, ipc::SyscallResult{4, 0});
    CHECK_EQ(std::string(buf, 4), "data");
}
