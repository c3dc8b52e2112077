// SEM-05 (semop(2) ERRORS "EIDRM The semaphore set was removed", semctl(2)
// IPC_RMID "awakening all processes blocked in semop() calls on the set"):
// IPC_RMID wakes every blocked semop caller, decrementers and zero-waiters
// alike, with EIDRM.
#include <vector>

#include "ipc/case.hpp"
#include "sem_support.hpp"

CLAIM("SEM-05", "IPC_RMID wakes blocked semop callers with EIDRM") {
    auto set = ipc::SemSet::create(2);
    set.set_value(1, 1);  // semaphore 0 at 0 blocks a decrement, 1 at 1 a wait-for-zero
    const int id = set.id();

    struct Waiter {
        const char* name;
        sembuf op;
    };
    std::vector<Waiter> kinds = {{"decrementer", {0, -1, 0}}, {"zero_waiter", {1, 0, 0}}};
    std::vector<ipc::ReportingChild> waiters;
    for (const auto& kind : kinds) {
        waiters.push_back(ipc::ReportingChild::fork([&](ipc::Report& r) {
            r["semop"] = semcase::outcome_of(ipc::sem_apply(id, {kind.op}));
            return 0;
        }));
        semcase::require_blocked_in_semop(waiters.back().pid(), std::string(kind.name) + "_blocked");
    }
    semcase::record("before_rmid.sem0", id, 0);
    semcase::record("before_rmid.sem1", id, 1);
    CHECK_EQ(semcase::ncnt(id, 0), 1);
    CHECK_EQ(semcase::zcnt(id, 1), 1);

    set.remove();
    for (std::size_t i = 0; i < waiters.size(); ++i) {
        auto result = waiters[i].finish(kinds[i].name);
        CHECK(result.status.exited_with(0));
        CHECK_EQ(result.get("semop"), "EIDRM");
    }
    ipc::evidence("semctl_after_rmid", semcase::outcome_of(::semctl(id, 0, GETVAL)));
    CHECK_FAILS_WITH(::semctl(id, 0, GETVAL), EINVAL);
}
