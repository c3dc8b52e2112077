// EVENTFD-02 (edge; eventfd(2) "If EFD_SEMAPHORE was specified and the
// eventfd counter has a nonzero value, then a read(2) returns 8 bytes
// containing the value 1, and the counter's value is decremented by 1"): with
// EFD_SEMAPHORE each read returns 1 and takes 1 from the counter, until it is
// 0 (EAGAIN without waiting).
#include "eventfd_support.hpp"

CLAIM("EVENTFD-02", "with EFD_SEMAPHORE each read returns 1 and decrements the counter by 1") {
    auto fd = efd::make(0, EFD_SEMAPHORE | EFD_NONBLOCK);
    CHECK_EQ(efd::take(fd.get(), "read.at_0"), "EAGAIN");

    CHECK_EQ(efd::add(fd.get(), 3, "write.3"), "ok");
    CHECK_EQ(efd::take(fd.get(), "read.1st"), "1");
    CHECK_EQ(efd::take(fd.get(), "read.2nd"), "1");
    CHECK_EQ(efd::add(fd.get(), 5, "write.5"), "ok");  // counter 1 + 5
    for (int i = 1; i <= 6; ++i) CHECK_EQ(efd::take(fd.get(), "read.after_5." + std::to_string(i)), "1");
    CHECK_EQ(efd::take(fd.get(), "read.when_used_up"), "EAGAIN");

    // The same values without EFD_SEMAPHORE: one read takes them all.
    auto plain = efd::make(0, EFD_NONBLOCK);
    CHECK_EQ(efd::add(plain.get(), 3, "plain.write.3"), "ok");
    CHECK_EQ(efd::take(plain.get(), "plain.read"), "3");
}
