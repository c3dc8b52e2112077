// EVENTFD-06 (edge; eventfd(2) "If the eventfd counter is zero at the time
// of the call to read(2), then the call either blocks until the counter
// becomes nonzero"): a read of a zero counter on a blocking eventfd sleeps in
// read(2) until another process writes, and then returns the value written.
#include "eventfd_support.hpp"

CLAIM("EVENTFD-06", "a read of a zero counter blocks until another process writes") {
    auto fd = efd::make(0, 0);
    auto reader = ipc::ReportingChild::fork([&](ipc::Report& r) {
        std::uint64_t value = 0;
        const ssize_t n = ::read(fd.get(), &value, sizeof value);
        r["read"] = n == 8 ? efd::word(value) : n < 0 ? ipc::errno_name(errno) : "read " + std::to_string(n);
        return 0;
    });
    auto blocked = ipc::require_blocked_in(reader.pid(), SYS_read, "reader_blocked");
    CHECK_MESSAGE(ipc::stays_blocked(reader.pid(), blocked, "reader_blocked"),
                  "the read returned (or woke) with the counter at 0");

    auto writer = ipc::Child::fork([&] { return efd::post(fd.get(), 5) ? 0 : 1; });
    ipc::evidence("writer.status", writer.wait().describe());
    auto result = reader.finish("reader");
    CHECK(result.status.exited_with(0));
    CHECK_EQ(result.get("read"), "5");
}
