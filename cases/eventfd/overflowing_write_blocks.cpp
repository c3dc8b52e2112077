// EVENTFD-05 (edge; eventfd(2) "The maximum value that may be stored in the
// counter is ... 0xfffffffffffffffe ... If the addition would cause the
// counter's value to exceed the maximum, then the write(2) either blocks until
// a read(2) is performed on the file descriptor"; "fails with the error
// EINVAL ... if an attempt is made to write the value 0xffffffffffffffff"):
// writing 0xffffffffffffffff fails with EINVAL at once; on a blocking eventfd
// a write that would pass 0xfffffffffffffffe sleeps in write(2) until a read
// makes room, then adds its value.
#include "eventfd_support.hpp"

CLAIM("EVENTFD-05", "writing 2^64-1 fails with EINVAL; a write past 2^64-2 blocks until a read") {
    auto fd = efd::make(0, 0);
    CHECK_EQ(efd::add(fd.get(), UINT64_MAX, "write.0xffffffffffffffff"), "EINVAL");
    CHECK_EQ(efd::readiness(fd.get(), "poll.after_refused_write"), "POLLOUT");  // still 0

    CHECK_EQ(efd::add(fd.get(), efd::counter_max, "write.max"), "ok");
    auto writer = ipc::Child::fork([&] { return efd::post(fd.get(), 1) ? 0 : 1; });
    auto blocked = ipc::require_blocked_in(writer.pid(), SYS_write, "writer_blocked");
    CHECK_MESSAGE(ipc::stays_blocked(writer.pid(), blocked, "writer_blocked"),
                  "the write past the maximum returned (or woke) with the counter full");

    CHECK_EQ(efd::take(fd.get(), "read.max"), efd::word(efd::counter_max));
    auto status = writer.wait();
    ipc::evidence("writer_after_read", status.describe());
    CHECK(status.exited_with(0));
    CHECK_EQ(efd::take(fd.get(), "read.after_writer"), "1");
}
