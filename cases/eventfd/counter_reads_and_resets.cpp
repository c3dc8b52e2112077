// EVENTFD-01 (edge; eventfd(2) "read(2) ... returns an 8-byte integer ... the
// counter's value, and the counter's value is reset to zero"; "write(2) ...
// adds the 8-byte integer value supplied in its buffer to the counter"): a
// read returns the counter and resets it to 0; each write, by any process
// holding the descriptor, adds its value.
#include "eventfd_support.hpp"

CLAIM("EVENTFD-01", "read returns the counter and resets it to 0; each write adds its value") {
    auto fd = efd::make(10, EFD_NONBLOCK);
    CHECK_EQ(efd::take(fd.get(), "read.initial_10"), "10");
    CHECK_EQ(efd::take(fd.get(), "read.after_reset"), "EAGAIN");

    CHECK_EQ(efd::add(fd.get(), 3, "write.3"), "ok");
    CHECK_EQ(efd::add(fd.get(), 4, "write.4"), "ok");
    CHECK_EQ(efd::take(fd.get(), "read.after_3_and_4"), "7");
    CHECK_EQ(efd::take(fd.get(), "read.again"), "EAGAIN");

    // A write by another process holding the same descriptor adds to the
    // same counter.
    constexpr std::uint64_t from_child = 0xdeadbeef;
    auto child = ipc::Child::fork([&] { return efd::post(fd.get(), from_child) ? 0 : 1; });
    auto status = child.wait();
    ipc::evidence("child.status", status.describe());
    REQUIRE(status.exited_with(0));
    CHECK_EQ(efd::add(fd.get(), 1, "write.1_after_child"), "ok");
    CHECK_EQ(efd::take(fd.get(), "read.after_child"), efd::word(from_child + 1));
}
