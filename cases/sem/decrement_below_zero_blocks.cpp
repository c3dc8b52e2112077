// SEM-02 (seed §2.4, P/V on a semaphore; semop(2) "If sem_op is less than
// zero ... the calling thread sleeps" and IPC_NOWAIT "fails with errno set to
// EAGAIN"): a decrement below zero blocks until another process increments;
// with IPC_NOWAIT it fails at once with EAGAIN.
#include "ipc/case.hpp"
#include "sem_support.hpp"

CLAIM("SEM-02", "a decrement below zero blocks until an increment; IPC_NOWAIT gives EAGAIN") {
    auto set = ipc::SemSet::create(1);  // value 0

    errno = 0;
    const int nowait = ipc::sem_apply(set.id(), {{0, -1, IPC_NOWAIT}});
    ipc::evidence("nowait_decrement", semcase::outcome_of(nowait));
    CHECK_EQ(ipc::SyscallResult{nowait, errno}, ipc::SyscallResult::failure(EAGAIN));
    CHECK_EQ(set.value(0), 0);

    auto waiter = ipc::ReportingChild::fork([&](ipc::Report& r) {
        r["semop"] = semcase::outcome_of(ipc::sem_apply(set.id(), {{0, -1, 0}}));
        return 0;
    });
    auto blocked = semcase::observe_blocked_in_semop(waiter.pid(), "waiter_blocked");
    semcase::record("while_blocked", set.id(), 0);
    CHECK_EQ(semcase::ncnt(set.id(), 0), 1);
    CHECK(ipc::still_blocked(waiter.pid(), blocked));

    REQUIRE_EQ(ipc::sem_apply(set.id(), {{0, +1, 0}}), 0);
    auto result = waiter.finish("waiter");
    CHECK(result.status.exited_with(0));
    CHECK_EQ(result.get("semop"), "ok");
    semcase::record("after_increment", set.id(), 0);
    CHECK_EQ(set.value(0), 0);  // the waiter took what was given
    CHECK_EQ(semcase::ncnt(set.id(), 0), 0);
}

CLAIM("SEM-02", "a decrement larger than the value takes nothing and waits for the whole amount") {
    auto set = ipc::SemSet::create(1);
    set.set_value(0, 1);

    errno = 0;
    const int nowait = ipc::sem_apply(set.id(), {{0, -2, IPC_NOWAIT}});
    ipc::evidence("nowait_decrement_2_at_1", semcase::outcome_of(nowait));
    CHECK_EQ(ipc::SyscallResult{nowait, errno}, ipc::SyscallResult::failure(EAGAIN));
    CHECK_EQ(set.value(0), 1);

    auto waiter = ipc::ReportingChild::fork([&](ipc::Report& r) {
        r["semop"] = semcase::outcome_of(ipc::sem_apply(set.id(), {{0, -2, 0}}));
        return 0;
    });
    auto blocked = semcase::observe_blocked_in_semop(waiter.pid(), "waiter_of_2_blocked_at_1");
    CHECK_MESSAGE(ipc::stays_blocked(waiter.pid(), blocked, "waiter_of_2_at_1"),
                  "a decrement of 2 completed (or woke) while the value was 1");
    semcase::record("while_blocked_at_1", set.id(), 0);
    CHECK_EQ(set.value(0), 1);  // nothing taken in part
    CHECK_EQ(semcase::ncnt(set.id(), 0), 1);

    REQUIRE_EQ(ipc::sem_apply(set.id(), {{0, +1, 0}}), 0);  // 1 -> 2: enough
    auto result = waiter.finish("waiter_of_2");
    CHECK(result.status.exited_with(0));
    CHECK_EQ(result.get("semop"), "ok");
    semcase::record("after_increment_to_2", set.id(), 0);
    CHECK_EQ(set.value(0), 0);
}
