// SEM-02 (seed §2.4, P/V on a semaphore; semop(2) "If sem_op is less than
// zero ... the calling thread sleeps" and IPC_NOWAIT "fails with errno set to
// EAGAIN"): a decrement below zero blocks until another process increments;
// with IPC_NOWAIT it fails at once with EAGAIN. A decrement is all or nothing:
// -2 at value 1 takes nothing, stays blocked through the observation window,
// and completes only once the value reaches 2.
#include "ipc/case.hpp"
#include "sem_support.hpp"

namespace {

// A decrement by `take` from `initial` (< take): with IPC_NOWAIT it fails and
// takes nothing; without, it sleeps through the observation window, taking
// nothing, until an increment makes the value `take`; then the value is 0.
void decrement_waits_for_enough(int initial, int take) {
    const std::string as = "take_" + std::to_string(take) + "_at_" + std::to_string(initial);
    auto set = ipc::SemSet::create(1);
    set.set_value(0, initial);

    errno = 0;
    const int nowait = ipc::sem_apply(set.id(), {{0, static_cast<short>(-take), IPC_NOWAIT}});
    ipc::evidence(as + ".nowait", semcase::outcome_of(nowait));
    CHECK_EQ(ipc::SyscallResult{nowait, errno}, ipc::SyscallResult::failure(EAGAIN));
    CHECK_EQ(set.value(0), initial);

    auto waiter = ipc::ReportingChild::fork([&](ipc::Report& r) {
        r["semop"] = semcase::outcome_of(ipc::sem_apply(set.id(), {{0, static_cast<short>(-take), 0}}));
        return 0;
    });
    auto blocked = semcase::observe_blocked_in_semop(waiter.pid(), as + ".waiter_blocked");
    CHECK_MESSAGE(ipc::stays_blocked(waiter.pid(), blocked, as + ".waiter"),
                  "a decrement of " << take << " completed (or woke) while the value was " << initial);
    semcase::record(as + ".while_blocked", set.id(), 0);
    CHECK_EQ(set.value(0), initial);  // nothing taken in part
    CHECK_EQ(semcase::ncnt(set.id(), 0), 1);

    REQUIRE_EQ(ipc::sem_apply(set.id(), {{0, static_cast<short>(take - initial), 0}}), 0);  // now enough
    auto result = waiter.finish(as + ".waiter");
    CHECK(result.status.exited_with(0));
    CHECK_EQ(result.get("semop"), "ok");
    semcase::record(as + ".after_increment", set.id(), 0);
    CHECK_EQ(set.value(0), 0);  // the waiter took what was given
    CHECK_EQ(semcase::ncnt(set.id(), 0), 0);
}

}  // namespace

CLAIM("SEM-02", "a decrement below zero blocks until an increment; IPC_NOWAIT gives EAGAIN") {
    decrement_waits_for_enough(0, 1);
}

CLAIM("SEM-02", "a decrement larger than the value takes nothing and waits for the whole amount") {
    decrement_waits_for_enough(1, 2);
}
