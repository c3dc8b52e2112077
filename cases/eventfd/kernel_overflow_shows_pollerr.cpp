// EVENTFD-11 (edge; eventfd(2) "If an overflow of the counter value was
// detected, then select(2) indicates the file descriptor as being both
// readable and writable, and poll(2) returns a POLLERR event ... the counter
// can overflow ... by kernel-side usage (e.g., AIO)"): when the kernel adds
// to a counter at 0xfffffffffffffffe (an AIO completion with IOCB_FLAG_RESFD),
// the counter reaches 0xffffffffffffffff, poll reports POLLERR, select
// reports the descriptor readable and writable, and a read returns
// 0xffffffffffffffff.
#include <ctime>
#include <fcntl.h>
#include <linux/aio_abi.h>
#include <sys/select.h>
#include <sys/syscall.h>

#include "eventfd_support.hpp"

namespace {

// An AIO context (io_setup(2)) destroyed with the object.
class AioContext {
public:
    AioContext() {
        if (::syscall(SYS_io_setup, 1, &ctx_) != 0) {
            if (errno == ENOSYS) ipc::skip("this kernel does not provide io_setup (ENOSYS)");
            if (errno == EAGAIN) ipc::skip("fs.aio-max-nr leaves no AIO context for this case (EAGAIN)");
            ipc::broken("io_setup: " + ipc::errno_name(errno));
        }
    }
    AioContext(const AioContext&) = delete;
    AioContext& operator=(const AioContext&) = delete;
    ~AioContext() { ::syscall(SYS_io_destroy, ctx_); }
    aio_context_t get() const { return ctx_; }

private:
    aio_context_t ctx_ = 0;
};

}  // namespace

CLAIM("EVENTFD-11", "a kernel-side overflow makes the counter 2^64-1 and poll report POLLERR") {
    auto fd = efd::make(0, EFD_NONBLOCK);
    CHECK_EQ(efd::add(fd.get(), efd::counter_max, "write.max"), "ok");

    AioContext aio;
    ipc::TempDir dir("eventfd-aio");
    ipc::Fd file(static_cast<int>(ipc::must(::open(dir.file("target").c_str(), O_RDWR | O_CREAT, 0600), "open")));
    static char block[1024];
    iocb request{};
    request.aio_lio_opcode = IOCB_CMD_PWRITE;
    request.aio_fildes = static_cast<std::uint32_t>(file.get());
    request.aio_buf = reinterpret_cast<std::uint64_t>(block);
    request.aio_nbytes = sizeof block;
    request.aio_flags = IOCB_FLAG_RESFD;
    request.aio_resfd = static_cast<std::uint32_t>(fd.get());
    iocb* requests[1] = {&request};
    ipc::must(::syscall(SYS_io_submit, aio.get(), 1, requests), "io_submit");
    io_event done{};
    timespec deadline{static_cast<time_t>(ipc::default_deadline.count() / 1000), 0};
    const long completed = ipc::must(::syscall(SYS_io_getevents, aio.get(), 1, 1, &done, &deadline), "io_getevents");
    ipc::evidence("aio.completed", completed);
    ipc::evidence("aio.result", static_cast<long long>(done.res));
    REQUIRE_EQ(completed, 1);

    CHECK_EQ(efd::readiness(fd.get(), "poll.after_overflow"), "POLLIN|POLLERR");
    fd_set readable, writable;
    FD_ZERO(&readable);
    FD_ZERO(&writable);
    FD_SET(fd.get(), &readable);
    FD_SET(fd.get(), &writable);
    timeval now{0, 0};
    ipc::must(::select(fd.get() + 1, &readable, &writable, nullptr, &now), "select");
    ipc::evidence("select.readable", static_cast<bool>(FD_ISSET(fd.get(), &readable)));
    ipc::evidence("select.writable", static_cast<bool>(FD_ISSET(fd.get(), &writable)));
    CHECK(FD_ISSET(fd.get(), &readable));
    CHECK(FD_ISSET(fd.get(), &writable));
    CHECK_EQ(efd::take(fd.get(), "read.after_overflow"), efd::word(UINT64_MAX));
}
