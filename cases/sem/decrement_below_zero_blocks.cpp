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
