// SEM-03 (semop(2) "If sem_op is zero ... the process must have read
// permission ... if semval is not zero ... the calling thread sleeps until
// semval becomes 0"): a wait-for-zero operation blocks until the value is 0,
// through decrements that leave it above zero: at 1 it stays asleep for the
// observation window, and when it returns the value it reads is 0.
#include "ipc/case.hpp"
#include "sem_support.hpp"

CLAIM("SEM-03", "a wait-for-zero operation blocks until the value is 0") {
    auto set = ipc::SemSet::create(1);
    set.set_value(0, 2);

    auto waiter = ipc::ReportingChild::fork([&](ipc::Report& r) {
        r["semop_wait_for_zero"] = semcase::outcome_of(ipc::sem_apply(set.id(), {{0, 0, 0}}));
        r["value_when_it_returned"] = std::to_string(::semctl(set.id(), 0, GETVAL));
        return 0;
    });
    auto at_2 = semcase::observe_blocked_in_semop(waiter.pid(), "waiter_blocked_at_2");
    semcase::record("at_2", set.id(), 0);
    CHECK_EQ(semcase::zcnt(set.id(), 0), 1);

    // 2 -> 1: not zero yet, the waiter sleeps on through the observation
    // window, not even woken in between.
    REQUIRE_EQ(ipc::sem_apply(set.id(), {{0, -1, 0}}), 0);
    CHECK_MESSAGE(ipc::stays_blocked(waiter.pid(), at_2, "waiter_at_1"),
                  "the wait for zero returned (or woke) while the value was 1");
    ipc::record_blocked("waiter_blocked_at_1", ipc::snapshot(waiter.pid()));
    semcase::record("at_1", set.id(), 0);
    CHECK_EQ(semcase::zcnt(set.id(), 0), 1);

    // 1 -> 0: it wakes.
    REQUIRE_EQ(ipc::sem_apply(set.id(), {{0, -1, 0}}), 0);
    auto result = waiter.finish("waiter");
    CHECK(result.status.exited_with(0));
    CHECK_EQ(result.get("semop_wait_for_zero"), "ok");
    CHECK_EQ(result.get("value_when_it_returned"), "0");
    semcase::record("at_0", set.id(), 0);
    CHECK_EQ(semcase::zcnt(set.id(), 0), 0);
}
