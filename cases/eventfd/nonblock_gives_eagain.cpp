// EVENTFD-04 (edge; eventfd(2) "EFD_NONBLOCK Set the O_NONBLOCK file status
// flag"; "If the counter is zero ... fails with the error EAGAIN if the file
// descriptor has been made nonblocking"; "If the addition would cause the
// counter's value to exceed the maximum ... fails with the error EAGAIN if
// the file descriptor has been made nonblocking"): EFD_NONBLOCK sets
// O_NONBLOCK, and then a read of a zero counter and a write that would pass
// 0xfffffffffffffffe fail with EAGAIN, changing nothing.
#include <fcntl.h>

#include "eventfd_support.hpp"

CLAIM("EVENTFD-04", "EFD_NONBLOCK sets O_NONBLOCK: reading 0 and overflowing writes fail with EAGAIN") {
    auto blocking = efd::make(1, 0);
    const int plain_flags = static_cast<int>(ipc::must(::fcntl(blocking.get(), F_GETFL), "F_GETFL"));
    ipc::evidence("without_flag.O_NONBLOCK", (plain_flags & O_NONBLOCK) != 0);
    CHECK_EQ(plain_flags & O_NONBLOCK, 0);

    auto fd = efd::make(0, EFD_NONBLOCK);
    const int flags = static_cast<int>(ipc::must(::fcntl(fd.get(), F_GETFL), "F_GETFL"));
    ipc::evidence("EFD_NONBLOCK.O_NONBLOCK", (flags & O_NONBLOCK) != 0);
    CHECK_NE(flags & O_NONBLOCK, 0);

    CHECK_EQ(efd::take(fd.get(), "read.at_0"), "EAGAIN");
    CHECK_EQ(efd::add(fd.get(), efd::counter_max, "write.max"), "ok");
    CHECK_EQ(efd::add(fd.get(), 1, "write.1_at_max"), "EAGAIN");
    CHECK_EQ(efd::add(fd.get(), efd::counter_max, "write.max_at_max"), "EAGAIN");
    CHECK_EQ(efd::take(fd.get(), "read.after_refused_writes"), efd::word(efd::counter_max));
}
