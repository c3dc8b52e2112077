// SEM-03 (semop(2) "If sem_op is zero ... the process must have read
// permission ... if semval is not zero ... the calling thread sleeps until
// semval becomes 0"): a wait-for-zero operation blocks until the value is 0,
// through decrements that leave it above zero: at 1 it stays asleep for the
// observation window, a new wait entered at 1 with IPC_NOWAIT fails with
// EAGAIN, and when the sleeper returns the value it reads is 0. Checked on the
// last semaphore of a set of three; the others keep their values.
#include "ipc/case.hpp"
#include "sem_support.hpp"

namespace {
constexpr int set_size = 3, num = set_size - 1;
constexpr auto sem = static_cast<unsigned short>(num);

// A new wait for zero with IPC_NOWAIT: its result and errno.
ipc::SyscallResult wait_for_zero_nowait(const ipc::SemSet& set) {
    return ipc::capture([&] { return ipc::sem_apply(set.id(), {{sem, 0, IPC_NOWAIT}}); });
}

// A waiter for zero, which reports the value it reads when it returns.
ipc::ReportingChild waiter_for_zero(const ipc::SemSet& set) {
    return ipc::ReportingChild::fork([&](ipc::Report& r) {
        r["semop_wait_for_zero"] = semcase::outcome_of(ipc::sem_apply(set.id(), {{sem, 0, 0}}));
        r["value_when_it_returned"] = std::to_string(::semctl(set.id(), num, GETVAL));
        return 0;
    });
}
}  // namespace

CLAIM("SEM-03", "a wait-for-zero operation blocks until the value is 0") {
    auto set = semcase::set_with_one_under_test(set_size, num, 2);

    const auto nowait_at_2 = wait_for_zero_nowait(set);
    ipc::evidence("nowait_wait_for_zero_at_2", ipc::describe(nowait_at_2));
    CHECK_EQ(nowait_at_2, ipc::SyscallResult::failure(EAGAIN));

    auto waiter = waiter_for_zero(set);
    auto at_2 = semcase::require_blocked_in_semop(waiter.pid(), "waiter_blocked_at_2");
    semcase::record("at_2", set.id(), num);
    CHECK_EQ(semcase::zcnt(set.id(), num), 1);

    // 2 -> 1: not zero yet, the waiter sleeps on through the observation
    // window, not even woken in between; a new wait entered now fails.
    REQUIRE_EQ(ipc::sem_apply(set.id(), {{sem, -1, 0}}), 0);
    const auto nowait_at_1 = wait_for_zero_nowait(set);
    ipc::evidence("nowait_wait_for_zero_at_1", ipc::describe(nowait_at_1));
    CHECK_EQ(nowait_at_1, ipc::SyscallResult::failure(EAGAIN));
    CHECK_MESSAGE(ipc::stays_blocked(waiter.pid(), at_2, "waiter_at_1"),
                  "the wait for zero returned (or woke) while the value was 1");
    ipc::record_blocked("waiter_blocked_at_1", ipc::snapshot(waiter.pid()));
    semcase::record("at_1", set.id(), num);
    CHECK_EQ(semcase::zcnt(set.id(), num), 1);

    // 1 -> 0: it wakes.
    REQUIRE_EQ(ipc::sem_apply(set.id(), {{sem, -1, 0}}), 0);
    auto result = waiter.finish("waiter");
    CHECK(result.status.exited_with(0));
    CHECK_EQ(result.get("semop_wait_for_zero"), "ok");
    CHECK_EQ(result.get("value_when_it_returned"), "0");
    semcase::record("at_0", set.id(), num);
    CHECK_EQ(semcase::zcnt(set.id(), num), 0);
    semcase::check_others_unchanged(set, set_size, num);
}
