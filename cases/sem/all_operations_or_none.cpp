// SEM-01 (seed §2.4 "semaphore operations are atomic"; semop(2) "The set of
// operations contained in sops is performed ... atomically: the operations
// are performed at the same time, and only if they can all be performed"):
// a semop with several operations applies all of them or none. With
// IPC_NOWAIT a call that cannot complete changes nothing; a blocked call
// holds nothing while it waits, and completes every operation at once.
#include "ipc/case.hpp"
#include "sem_support.hpp"

CLAIM("SEM-01", "semop with several operations applies all of them or none") {
    auto set = ipc::SemSet::create(2);
    set.set_value(0, 1);  // could be taken alone
    set.set_value(1, 0);  // cannot: the pair cannot be taken

    const auto nowait = ipc::capture([&] {
        return ipc::sem_apply(set.id(), {{0, -1, IPC_NOWAIT}, {1, -1, IPC_NOWAIT}});
    });
    ipc::evidence("nowait_pair", semcase::outcome_of(static_cast<int>(nowait.value)));
    CHECK_EQ(nowait, ipc::SyscallResult::failure(EAGAIN));
    semcase::record("after_nowait.sem0", set.id(), 0);
    REQUIRE_EQ(set.value(0), 1);  // the first operation was not applied alone
    REQUIRE_EQ(set.value(1), 0);

    // Blocking: the waiter takes neither while it sleeps.
    auto waiter = ipc::ReportingChild::fork([&](ipc::Report& r) {
        r["semop_pair"] = semcase::outcome_of(ipc::sem_apply(set.id(), {{0, -1, 0}, {1, -1, 0}}));
        return 0;
    });
    semcase::require_blocked_in_semop(waiter.pid(), "waiter_blocked");
    semcase::record("while_blocked.sem0", set.id(), 0);
    semcase::record("while_blocked.sem1", set.id(), 1);
    CHECK_EQ(set.value(0), 1);
    CHECK_EQ(semcase::ncnt(set.id(), 1), 1);

    // Once the second can be taken, both are taken together.
    REQUIRE_EQ(ipc::sem_apply(set.id(), {{1, +1, 0}}), 0);
    auto result = waiter.finish("waiter");
    CHECK(result.status.exited_with(0));
    CHECK_EQ(result.get("semop_pair"), "ok");
    semcase::record("after_wake.sem0", set.id(), 0);
    semcase::record("after_wake.sem1", set.id(), 1);
    CHECK_EQ(set.value(0), 0);
    CHECK_EQ(set.value(1), 0);
}
