// EVENTFD-03 (edge; eventfd(2) "read(2) fails with the error EINVAL if the
// size of the supplied buffer is less than 8 bytes"; "write(2) fails with
// the error EINVAL if the size of the supplied buffer is less than 8
// bytes"): a read or write with fewer than 8 bytes fails with EINVAL and
// leaves the counter as it was; a read with a larger buffer fills its first 8
// bytes and returns 8. A write of more than 8 bytes either adds its first 8
// bytes and returns 8 (Linux before 6.7) or fails with EINVAL (Linux 6.7 and
// later check for exactly 8); either way the counter says which.
#include <array>

#include "eventfd_support.hpp"

CLAIM("EVENTFD-03", "reads and writes of fewer than 8 bytes fail with EINVAL; a larger read moves 8 bytes") {
    auto fd = efd::make(0, EFD_NONBLOCK);
    const std::uint32_t small = 16;
    CHECK_FAILS_WITH(::write(fd.get(), &small, sizeof small), EINVAL);
    CHECK_EQ(efd::take(fd.get(), "read.after_small_write"), "EAGAIN");

    CHECK_EQ(efd::add(fd.get(), 5, "write.5"), "ok");
    std::uint32_t small_read = 0;
    CHECK_FAILS_WITH(::read(fd.get(), &small_read, sizeof small_read), EINVAL);
    CHECK_EQ(efd::take(fd.get(), "read.after_small_read"), "5");

    // A 128-byte read returns 8 and fills only the first value.
    CHECK_EQ(efd::add(fd.get(), 16, "write.16"), "ok");
    std::array<std::uint64_t, 16> out{};
    out.fill(7777);
    const ssize_t got = ::read(fd.get(), out.data(), sizeof out);
    ipc::evidence("read.128_bytes", static_cast<long long>(got));
    ipc::evidence("read.128_bytes.value", efd::word(out[0]));
    ipc::evidence("read.128_bytes.second_value", efd::word(out[1]));
    CHECK_EQ(got, 8);
    CHECK_EQ(out[0], 16U);
    CHECK_EQ(out[1], 7777U);

    // 16 values written at once: 8 bytes added, or EINVAL and nothing added.
    std::array<std::uint64_t, 16> big{};
    big.fill(1000);
    big[0] = 16;
    auto written = ipc::capture([&] { return ::write(fd.get(), big.data(), sizeof big); });
    ipc::evidence("write.128_bytes", ipc::describe(written));
    const bool accepted = written == ipc::SyscallResult{8, 0};
    CHECK((accepted || written == ipc::SyscallResult::failure(EINVAL)));
    CHECK_EQ(efd::take(fd.get(), "read.after_128_byte_write"), accepted ? "16" : "EAGAIN");

    // The same with EFD_SEMAPHORE: the large read returns 1.
    auto sem = efd::make(0, EFD_SEMAPHORE | EFD_NONBLOCK);
    CHECK_EQ(efd::add(sem.get(), 16, "semaphore.write.16"), "ok");
    out.fill(7777);
    const ssize_t sem_got = ::read(sem.get(), out.data(), sizeof out);
    ipc::evidence("semaphore.read.128_bytes", static_cast<long long>(sem_got));
    ipc::evidence("semaphore.read.128_bytes.value", efd::word(out[0]));
    CHECK_EQ(sem_got, 8);
    CHECK_EQ(out[0], 1U);
}
