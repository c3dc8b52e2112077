// SEM-04 (semop(2) SEM_UNDO "the operation will be automatically undone
// when the process terminates"): when a holder that took semaphores with
// SEM_UNDO dies, even by SIGKILL, the kernel reverts every adjustment it made
// (here on three semaphores, by two semop calls, one of them of two
// operations), so the process waiting for all of them gets them and no one
// stays blocked.
#include "ipc/case.hpp"
#include "sem_support.hpp"

namespace {
constexpr int set_size = 3;

// A holder that takes semaphores 1 and 2 in one call and 0 in another, each
// with SEM_UNDO, then sleeps, never giving them back. Returns once it holds
// all three.
ipc::Child holder_of_all_with_undo(const ipc::SemSet& set) {
    auto held = ipc::Pipe::make();
    auto never = ipc::Pipe::make();
    auto holder = ipc::Child::fork([&] {
        if (ipc::sem_apply(set.id(), {{1, -1, SEM_UNDO}, {2, -1, SEM_UNDO}}) != 0) return 2;
        if (ipc::sem_apply(set.id(), {{0, -1, SEM_UNDO}}) != 0) return 2;
        if (!ipc::write_all(held.w(), "h")) return 3;
        ipc::read_exactly(never.r(), 1);  // its own copy of the write end keeps this read asleep
        return 0;
    });
    held.write_end.reset();  // the holder's end: its death is end of file here
    REQUIRE_EQ(ipc::read_exactly(held.r(), 1), "h");
    return holder;
}

// The undo ran as the holder exited, and handed the semaphores on: nobody
// waits any more, and the last to operate on each is the waiter.
void check_handed_on_to(const ipc::SemSet& set, pid_t waiter_pid) {
    for (int k = 0; k < set_size; ++k) {
        INFO("semaphore " << k);
        semcase::record("after_kill.sem" + std::to_string(k), set.id(), k);
        CHECK_EQ(semcase::ncnt(set.id(), k), 0);
        CHECK_EQ(semcase::query(set.id(), k, GETPID), waiter_pid);
        CHECK_EQ(set.value(k), 0);
    }
}
}  // namespace

CLAIM("SEM-04", "SEM_UNDO: a holder killed with SIGKILL releases the semaphores to its waiter") {
    auto set = ipc::SemSet::create(set_size);
    for (int k = 0; k < set_size; ++k) set.set_value(k, 1);
    auto holder = holder_of_all_with_undo(set);
    ipc::evidence("holder_pid", holder.pid());
    for (int k = 0; k < set_size; ++k) {
        semcase::record("held.sem" + std::to_string(k), set.id(), k);
        CHECK_EQ(set.value(k), 0);
    }

    // The waiter needs all three at once.
    auto waiter = ipc::ReportingChild::fork([&](ipc::Report& r) {
        r["semop"] = semcase::outcome_of(ipc::sem_apply(set.id(), {{0, -1, 0}, {1, -1, 0}, {2, -1, 0}}));
        return 0;
    });
    semcase::require_blocked_in_semop(waiter.pid(), "waiter_blocked");
    CHECK_EQ(semcase::ncnt(set.id(), 0) + semcase::ncnt(set.id(), 1) + semcase::ncnt(set.id(), 2), 1);

    holder.kill(SIGKILL);
    auto killed = holder.wait();
    ipc::evidence("holder_status", killed.describe());
    REQUIRE(killed.killed_by(SIGKILL));
    check_handed_on_to(set, waiter.pid());

    auto result = waiter.finish("waiter");
    CHECK(result.status.exited_with(0));
    CHECK_EQ(result.get("semop"), "ok");
}
