// PIPE-23 (edge; lseek(2) ERRORS "ESPIPE fd is associated with a pipe,
// socket, or FIFO", pread(2) and preadv(2) "the file descriptor must be
// capable of seeking" / ESPIPE, pipe(7)): a pipe has no file offset. lseek on
// either end fails with ESPIPE whatever the whence (SEEK_SET, SEEK_CUR,
// SEEK_END) and offset, with the pipe empty and holding data; pread, pwrite,
// preadv and pwritev fail with ESPIPE on either end, also on the end of the
// other direction; and none of them moves a byte: the data written before is
// all still there, in order.
#include <sys/uio.h>

#include "pipe_support.hpp"

namespace {

struct Seek {
    const char* name;
    off_t offset;
    int whence;
};
constexpr Seek seeks[] = {{"SEEK_SET_0", 0, SEEK_SET}, {"SEEK_SET_4", 4, SEEK_SET}, {"SEEK_CUR_0", 0, SEEK_CUR},
                          {"SEEK_CUR_4", 4, SEEK_CUR}, {"SEEK_END_0", 0, SEEK_END}, {"SEEK_END_-4", -4, SEEK_END}};

// Every lseek on fd fails with ESPIPE.
void lseek_fails(int fd, const std::string& end) {
    for (const Seek& s : seeks) {
        auto got = ipc::capture([&] { return ::lseek(fd, s.offset, s.whence); });
        ipc::evidence("lseek." + end + "." + s.name, ipc::describe(got));
        CHECK_EQ(got, ipc::SyscallResult::failure(ESPIPE));
    }
}

// The positional calls fail with ESPIPE on fd, at offset 0 and beyond.
void positional_calls_fail(int fd, const std::string& end) {
    char buf[8] = "offset";
    iovec iov{buf, sizeof buf};
    for (off_t at : {off_t{0}, off_t{4}}) {
        const std::string as = end + ".at_" + std::to_string(at);
        auto pread = ipc::capture([&] { return ::pread(fd, buf, sizeof buf, at); });
        auto pwrite = ipc::capture([&] { return ::pwrite(fd, buf, sizeof buf, at); });
        auto preadv = ipc::capture([&] { return ::preadv(fd, &iov, 1, at); });
        auto pwritev = ipc::capture([&] { return ::pwritev(fd, &iov, 1, at); });
        ipc::evidence("pread." + as, ipc::describe(pread));
        ipc::evidence("pwrite." + as, ipc::describe(pwrite));
        ipc::evidence("preadv." + as, ipc::describe(preadv));
        ipc::evidence("pwritev." + as, ipc::describe(pwritev));
        CHECK_EQ(pread, ipc::SyscallResult::failure(ESPIPE));
        CHECK_EQ(pwrite, ipc::SyscallResult::failure(ESPIPE));
        CHECK_EQ(preadv, ipc::SyscallResult::failure(ESPIPE));
        CHECK_EQ(pwritev, ipc::SyscallResult::failure(ESPIPE));
    }
}

}  // namespace

CLAIM("PIPE-23", "lseek, pread, pwrite, preadv and pwritev fail with ESPIPE on either end of a pipe") {
    auto p = ipc::Pipe::make(O_NONBLOCK);  // a call that moved bytes after all must not block
    SUBCASE("empty pipe") {
        lseek_fails(p.r(), "read_end");
        lseek_fails(p.w(), "write_end");
        positional_calls_fail(p.r(), "read_end");
        positional_calls_fail(p.w(), "write_end");
        const long unread = support::unread_bytes(p.r());
        ipc::evidence("unread_after_calls", unread);
        CHECK_EQ(unread, 0);
    }
    SUBCASE("pipe holding data") {
        const std::string data = "0123456789";
        REQUIRE(ipc::write_all(p.w(), data));
        lseek_fails(p.r(), "read_end");
        lseek_fails(p.w(), "write_end");
        positional_calls_fail(p.r(), "read_end");
        positional_calls_fail(p.w(), "write_end");
        const long unread = support::unread_bytes(p.r());
        ipc::evidence("unread_after_calls", unread);
        CHECK_EQ(unread, static_cast<long>(data.size()));
        CHECK_EQ(ipc::read_exactly(p.r(), data.size()), data);
    }
}
