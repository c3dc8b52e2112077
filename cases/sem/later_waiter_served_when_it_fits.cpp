// SEM-16 (semop(2): each operation is performed "only if" it can be, and a
// sleeping caller proceeds when "semval becomes greater than or equal to the
// absolute value of sem_op"; no order of service is promised): waiters are
// not served in arrival order. With a decrement of 2 asleep first and a
// decrement of 1 asleep after it, an increment of 1 wakes the later one,
// which takes it; the first sleeps on, holding nothing, until there are 2.
#include "ipc/case.hpp"
#include "sem_support.hpp"

namespace {
ipc::ReportingChild decrementer(int semid, short take) {
    return ipc::ReportingChild::fork([=](ipc::Report& r) {
        r["semop"] = semcase::outcome_of(ipc::sem_apply(semid, {{0, static_cast<short>(-take), 0}}));
        return 0;
    });
}
}  // namespace

CLAIM("SEM-16", "a later waiter whose decrement fits is served before an earlier one whose does not") {
    auto set = ipc::SemSet::create(1);

    auto first = decrementer(set.id(), 2);
    auto first_blocked = semcase::require_blocked_in_semop(first.pid(), "first_takes_2_blocked");
    auto later = decrementer(set.id(), 1);
    const pid_t later_pid = later.pid();
    semcase::require_blocked_in_semop(later.pid(), "later_takes_1_blocked");
    CHECK_EQ(semcase::ncnt(set.id(), 0), 2);

    REQUIRE_EQ(ipc::sem_apply(set.id(), {{0, 1, 0}}), 0);
    auto served = later.finish("later");
    CHECK(served.status.exited_with(0));
    CHECK_EQ(served.get("semop"), "ok");
    CHECK_MESSAGE(ipc::stays_blocked(first.pid(), first_blocked, "first_after_increment_of_1"),
                  "the decrement of 2 completed (or woke) after an increment of 1");
    semcase::record("after_increment_of_1", set.id(), 0);
    CHECK_EQ(set.value(0), 0);
    CHECK_EQ(semcase::ncnt(set.id(), 0), 1);
    CHECK_EQ(semcase::query(set.id(), 0, GETPID), later_pid);

    REQUIRE_EQ(ipc::sem_apply(set.id(), {{0, 2, 0}}), 0);
    auto result = first.finish("first");
    CHECK(result.status.exited_with(0));
    CHECK_EQ(result.get("semop"), "ok");
    CHECK_EQ(set.value(0), 0);
}
