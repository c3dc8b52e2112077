// SEM-04 (semop(2) SEM_UNDO "the operation will be automatically undone
// when the process terminates"): when a holder that took the semaphore with
// SEM_UNDO dies, even by SIGKILL, the kernel reverts its adjustment, so the
// process waiting for the semaphore gets it and no one stays blocked.
#include "ipc/case.hpp"
#include "sem_support.hpp"

CLAIM("SEM-04", "SEM_UNDO: a holder killed with SIGKILL releases the semaphore to its waiter") {
    auto set = ipc::SemSet::create(1);
    set.set_value(0, 1);

    // The holder takes it with SEM_UNDO and then sleeps, never giving it back.
    auto held = ipc::Pipe::make();
    auto never = ipc::Pipe::make();
    auto holder = ipc::Child::fork([&] {
        if (ipc::sem_apply(set.id(), {{0, -1, SEM_UNDO}}) != 0) return 2;
        if (!ipc::write_all(held.w(), "h")) return 3;
        ipc::read_exactly(never.r(), 1);
        return 0;
    });
    const pid_t holder_pid = holder.pid();
    held.write_end.reset();  // the holder's end: its death is end of file here
    REQUIRE_EQ(ipc::read_exactly(held.r(), 1), "h");
    ipc::evidence("holder_pid", holder_pid);
    semcase::record("held", set.id(), 0);
    CHECK_EQ(set.value(0), 0);

    auto waiter = ipc::ReportingChild::fork([&](ipc::Report& r) {
        r["semop"] = semcase::outcome_of(ipc::sem_apply(set.id(), {{0, -1, 0}}));
        return 0;
    });
    const pid_t waiter_pid = waiter.pid();
    semcase::observe_blocked_in_semop(waiter_pid, "waiter_blocked");
    CHECK_EQ(semcase::ncnt(set.id(), 0), 1);

    holder.kill(SIGKILL);
    auto killed = holder.wait();
    ipc::evidence("holder_status", killed.describe());
    REQUIRE(killed.killed_by(SIGKILL));
    // The undo ran as the holder exited, and handed the semaphore on: nobody
    // waits any more, and the last to operate on it is the waiter.
    semcase::record("after_kill", set.id(), 0);
    REQUIRE_EQ(semcase::ncnt(set.id(), 0), 0);
    CHECK_EQ(semcase::query(set.id(), 0, GETPID), waiter_pid);
    CHECK_EQ(set.value(0), 0);

    auto result = waiter.finish("waiter");
    CHECK(result.status.exited_with(0));
    CHECK_EQ(result.get("semop"), "ok");
}
