// SEM-11 (semop(2) ERRORS "EINTR While blocked in this system call, the
// thread caught a signal"; signal(7) "semop(2), semtimedop(2)" are never
// restarted after a handler, whatever SA_RESTART): a semop blocked on a
// decrement, one blocked on a wait for zero and a semtimedop with a long
// timeout, each seen asleep and counted by GETNCNT/GETZCNT, fail with EINTR
// when a signal is caught, even by a handler installed with SA_RESTART; the
// handler ran once, the call took nothing, and the waiter is no longer counted.
#include "ipc/case.hpp"
#include "ipc/signals.hpp"
#include "sem_support.hpp"

namespace {

struct Waiter {
    const char* name;
    sembuf op;
    bool timed;
};

// In a child catching SIGUSR1 with SA_RESTART: the waiter's call, its
// outcome and how many times the handler ran.
ipc::ReportingChild interrupted_waiter(int semid, Waiter w) {
    return ipc::ReportingChild::fork([=](ipc::Report& r) {
        ipc::CaughtSignal caught(SIGUSR1, {SA_RESTART});
        sembuf op = w.op;
        const timespec long_limit{3600, 0};
        const int rc = w.timed ? ::semtimedop(semid, &op, 1, &long_limit) : ::semop(semid, &op, 1);
        r["call"] = ipc::outcome_of(rc);
        r["handler_ran"] = std::to_string(caught.count());
        return 0;
    });
}
}  // namespace

CLAIM("SEM-11", "a signal caught during a blocked semop makes it fail with EINTR, even with SA_RESTART") {
    auto set = ipc::SemSet::create(2);
    set.set_value(1, 1);  // semaphore 0 at 0 blocks a decrement, 1 at 1 a wait for zero
    const Waiter waiters[] = {{"decrement", {0, -1, 0}, false},
                              {"wait_for_zero", {1, 0, 0}, false},
                              {"timed_decrement", {0, -1, 0}, true}};
    for (const auto& w : waiters) {
        const std::string as = w.name;
        auto child = interrupted_waiter(set.id(), w);
        semcase::require_blocked_in_semop(child.pid(), as + "_blocked");
        auto count = [&] { return w.op.sem_op ? semcase::ncnt(set.id(), w.op.sem_num) : semcase::zcnt(set.id(), 1); };
        ipc::evidence(as + ".counted_while_blocked", count());
        CHECK_EQ(count(), 1);

        child.kill(SIGUSR1);
        auto result = child.finish(as);
        CHECK(result.status.exited_with(0));
        CHECK_EQ(result.get("call"), "EINTR");
        CHECK_EQ(result.get("handler_ran"), "1");
        ipc::evidence(as + ".counted_after", count());
        CHECK_EQ(count(), 0);
    }
    semcase::record("after.sem0", set.id(), 0);
    semcase::record("after.sem1", set.id(), 1);
    CHECK_EQ(set.value(0), 0);
    CHECK_EQ(set.value(1), 1);
}
