// SEM-10 (semop(2) semtimedop "If the specified time limit has been reached,
// semtimedop() fails with errno set to EAGAIN (and none of the operations in
// sops is performed)"; ERRORS EINVAL "timeout ... invalid", EFAULT): a
// semtimedop that cannot complete sleeps for its timeout, not less, then
// fails with EAGAIN having taken nothing and left no waiter counted; a zero
// timeout fails at once; one satisfied before its timeout completes. A
// timeout with tv_nsec outside 0..999999999 or a negative tv_sec is EINVAL,
// one the caller cannot read EFAULT, before anything is waited for.
#include <chrono>
#include <ctime>

#include "ipc/case.hpp"
#include "sem_support.hpp"

namespace {
using namespace std::chrono_literals;

// semtimedop of ops with timeout: "ok" or the errno name.
std::string timed(int semid, sembuf op, const timespec* timeout) {
    return ipc::outcome_of(::semtimedop(semid, &op, 1, timeout));
}

void cause(const std::string& what, const std::string& got, const std::string& expected) {
    ipc::evidence(what, got);
    CHECK_MESSAGE(got == expected, what << ": " << got << ", expected " << expected);
}
}  // namespace

CLAIM("SEM-10", "semtimedop sleeps for its timeout, then fails with EAGAIN having taken nothing") {
    auto set = ipc::SemSet::create(2);
    set.set_value(1, 1);

    // A decrement at 0 and a wait for zero at 1, each with a 200 ms timeout.
    const auto timeout = 200ms;
    const timespec limit{0, std::chrono::nanoseconds(timeout).count()};
    ipc::evidence("timeout_ms", static_cast<long long>(timeout.count()));
    for (sembuf op : {sembuf{0, -1, 0}, sembuf{1, 0, 0}}) {
        const std::string as = op.sem_op ? "decrement_at_0" : "wait_for_zero_at_1";
        const auto start = std::chrono::steady_clock::now();
        const auto got = timed(set.id(), op, &limit);
        const auto slept =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
        ipc::evidence(as + ".semtimedop", got);
        ipc::evidence(as + ".returned_after_ms", static_cast<long long>(slept.count()));
        CHECK_EQ(got, "EAGAIN");
        CHECK_MESSAGE(slept >= timeout - ipc::timer_tolerance,
                      as << ": gave up after " << slept.count() << " ms, before its timeout");
    }
    semcase::record("after_timeouts.sem0", set.id(), 0);
    CHECK_EQ(set.value(0), 0);
    CHECK_EQ(set.value(1), 1);
    CHECK_EQ(semcase::ncnt(set.id(), 0), 0);
    CHECK_EQ(semcase::zcnt(set.id(), 1), 0);

    const timespec zero{0, 0};
    const auto start = std::chrono::steady_clock::now();
    cause("zero_timeout", timed(set.id(), {0, -1, 0}, &zero), "EAGAIN");
    ipc::evidence(
        "zero_timeout.returned_after_ms",
        static_cast<long long>(
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count()));

    // Satisfied before its (long) timeout: it completes.
    auto waiter = ipc::ReportingChild::fork([&](ipc::Report& r) {
        const timespec long_limit{3600, 0};
        r["semtimedop"] = timed(set.id(), {0, -1, 0}, &long_limit);
        return 0;
    });
    ipc::require_blocked_in(waiter.pid(), SYS_semtimedop, "timed_waiter_blocked");
    REQUIRE_EQ(ipc::sem_apply(set.id(), {{0, 1, 0}}), 0);
    auto result = waiter.finish("timed_waiter");
    CHECK(result.status.exited_with(0));
    CHECK_EQ(result.get("semtimedop"), "ok");
    CHECK_EQ(set.value(0), 0);

    // Invalid timeouts, refused before any wait (the decrement would block).
    const timespec nsec_1e9{0, 1000000000};
    const timespec nsec_negative{0, -1};
    const timespec sec_negative{-1, 0};
    cause("tv_nsec_1000000000", timed(set.id(), {0, -1, 0}, &nsec_1e9), "EINVAL");
    cause("tv_nsec_-1", timed(set.id(), {0, -1, 0}, &nsec_negative), "EINVAL");
    cause("tv_sec_-1", timed(set.id(), {0, -1, 0}, &sec_negative), "EINVAL");
    sembuf op{0, -1, 0};
    cause("timeout_unreadable",
          ipc::outcome_of(::syscall(SYS_semtimedop, set.id(), &op, 1, reinterpret_cast<const void*>(8))), "EFAULT");
    CHECK_EQ(set.value(0), 0);
    CHECK_EQ(semcase::ncnt(set.id(), 0), 0);
}
