// SEM-02 (seed §2.4, P/V on a semaphore; semop(2) "If sem_op is less than
// zero ... the calling thread sleeps" and IPC_NOWAIT "fails with errno set to
// EAGAIN"): a decrement below zero blocks until another process increments;
// with IPC_NOWAIT it fails at once with EAGAIN. A decrement is all or nothing:
// -2 at value 1 takes nothing, stays blocked through the observation window,
// and completes only once the value reaches 2. The same holds for any
// semaphore of a set (here the first and the last of three, the others left
// as they were) and for every sleep of a process, not just its first.
#include "ipc/case.hpp"
#include "ipc/readiness.hpp"
#include "sem_support.hpp"

namespace {

constexpr int set_size = 3;

// A waiter making two decrements of `take`, blocking, each reported
// (first_semop, second_semop).
ipc::ReportingChild waiter_taking_twice(const ipc::SemSet& set, unsigned short sem, int take) {
    return ipc::ReportingChild::fork([&](ipc::Report& r) {
        r["first_semop"] = semcase::outcome_of(ipc::sem_apply(set.id(), {{sem, static_cast<short>(-take), 0}}));
        r["second_semop"] = semcase::outcome_of(ipc::sem_apply(set.id(), {{sem, static_cast<short>(-take), 0}}));
        return 0;
    });
}

// A decrement by `take` of semaphore `num` at `initial` (< take): with
// IPC_NOWAIT it fails and takes nothing; without, it sleeps through the
// observation window, taking nothing, until an increment makes the value
// `take`; then the value is 0. The same waiter then sleeps again at 0 and is
// woken again by an increment of `take`.
void decrement_waits_for_enough(int num, int initial, int take) {
    const std::string as = "sem" + std::to_string(num) + "_take_" + std::to_string(take) + "_at_" +
                           std::to_string(initial);
    const auto sem = static_cast<unsigned short>(num);
    auto set = semcase::set_with_one_under_test(set_size, num, initial);

    const auto nowait = ipc::capture([&] {
        return ipc::sem_apply(set.id(), {{sem, static_cast<short>(-take), IPC_NOWAIT}});
    });
    ipc::evidence(as + ".nowait", semcase::outcome_of(static_cast<int>(nowait.value)));
    CHECK_EQ(nowait, ipc::SyscallResult::failure(EAGAIN));
    CHECK_EQ(set.value(num), initial);

    auto waiter = waiter_taking_twice(set, sem, take);
    auto blocked = semcase::require_blocked_in_semop(waiter.pid(), as + ".waiter_blocked");
    CHECK_MESSAGE(ipc::stays_blocked(waiter.pid(), blocked, as + ".waiter"),
                  "a decrement of " << take << " completed (or woke) while the value was " << initial);
    semcase::record(as + ".while_blocked", set.id(), num);
    CHECK_EQ(set.value(num), initial);  // nothing taken in part
    CHECK_EQ(semcase::ncnt(set.id(), num), 1);

    REQUIRE_EQ(ipc::sem_apply(set.id(), {{sem, static_cast<short>(take - initial), 0}}), 0);  // now enough
    // The waiter took it (the value is 0 again) and sleeps a second time.
    REQUIRE_MESSAGE(ipc::eventually([&] { return set.value(num) == 0; }), "the first decrement never took the value");
    semcase::require_blocked_in_semop(waiter.pid(), as + ".waiter_blocked_again");
    CHECK_EQ(semcase::ncnt(set.id(), num), 1);
    REQUIRE_EQ(ipc::sem_apply(set.id(), {{sem, static_cast<short>(take), 0}}), 0);

    auto result = waiter.finish(as + ".waiter");
    CHECK(result.status.exited_with(0));
    CHECK_EQ(result.get("first_semop"), "ok");
    CHECK_EQ(result.get("second_semop"), "ok");
    semcase::record(as + ".after_increments", set.id(), num);
    CHECK_EQ(set.value(num), 0);  // the waiter took what was given
    CHECK_EQ(semcase::ncnt(set.id(), num), 0);
    semcase::check_others_unchanged(set, set_size, num);
}

}  // namespace

CLAIM("SEM-02", "a decrement below zero blocks until an increment; IPC_NOWAIT gives EAGAIN") {
    decrement_waits_for_enough(0, 0, 1);
}

CLAIM("SEM-02", "a decrement larger than the value takes nothing and waits for the whole amount") {
    decrement_waits_for_enough(set_size - 1, 1, 2);
}
