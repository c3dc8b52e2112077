// SEM-09 (semctl(2) GETVAL, SETVAL, GETALL, SETALL, GETPID, GETNCNT,
// GETZCNT; SETVAL/SETALL "If the changes to semaphore values would permit
// blocked semop() calls in other processes to proceed, then those processes
// are woken up"): the value commands read and set what semop sees: a new set
// reads 0 everywhere, SETALL sets every value and GETALL/GETVAL read them
// back, GETPID names the last process to set or operate (the case, a
// child that SETVALs, a waiter that completes). A decrement blocked
// in semop (seen asleep, counted by GETNCNT) stays asleep through a SETVAL
// that is not enough and wakes, taking its amount, at one that is; a wait for
// zero (counted by GETZCNT) wakes when SETALL sets its semaphore to 0.
#include <vector>

#include "ipc/case.hpp"
#include "sem_support.hpp"

namespace {
constexpr int nsems = 3;

std::vector<unsigned short> get_all(int semid) {
    std::vector<unsigned short> values(nsems, 0xffff);
    ipc::must(::semctl(semid, 0, GETALL, values.data()), "semctl(GETALL)");
    return values;
}
std::string text(const std::vector<unsigned short>& values) {
    std::string s;
    for (auto v : values) s += (s.empty() ? "" : ",") + std::to_string(v);
    return s;
}

// A child blocked in one semop of `op`, reporting its outcome.
ipc::ReportingChild waiter(int semid, sembuf op) {
    return ipc::ReportingChild::fork([=](ipc::Report& r) {
        r["semop"] = semcase::outcome_of(ipc::sem_apply(semid, {op}));
        return 0;
    });
}
}  // namespace

CLAIM("SEM-09", "SETVAL and SETALL set what GETVAL, GETALL and semop see, and wake the waiters they satisfy") {
    auto set = ipc::SemSet::create(nsems);
    const auto fresh = text(get_all(set.id()));
    ipc::evidence("new_set.getall", fresh);
    CHECK_EQ(fresh, "0,0,0");

    std::vector<unsigned short> values = {0, 10, 20};
    REQUIRE_EQ(::semctl(set.id(), 0, SETALL, values.data()), 0);
    const auto after_setall = text(get_all(set.id()));
    ipc::evidence("after_setall.getall", after_setall);
    CHECK_EQ(after_setall, "0,10,20");
    CHECK_EQ(set.value(2), 20);
    ipc::evidence("after_setall.getpid", semcase::query(set.id(), 2, GETPID));
    CHECK_EQ(semcase::query(set.id(), 2, GETPID), ::getpid());

    // SETVAL by another process: GETPID names it.
    auto setter = ipc::ReportingChild::fork([&](ipc::Report& r) {
        r["setval"] = semcase::outcome_of(::semctl(set.id(), 2, SETVAL, 21));
        r["getpid_is_self"] = ::semctl(set.id(), 2, GETPID) == ::getpid() ? "yes" : "no";
        return 0;
    });
    const pid_t setter_pid = setter.pid();
    auto set_by_child = setter.finish("child_setter");
    CHECK(set_by_child.status.exited_with(0));
    CHECK_EQ(set_by_child.get("setval"), "ok");
    CHECK_EQ(set_by_child.get("getpid_is_self"), "yes");
    CHECK_EQ(semcase::query(set.id(), 2, GETPID), setter_pid);
    CHECK_EQ(set.value(2), 21);

    // A decrement of 10 waits on semaphore 0; SETVAL 9 is not enough, 10 is.
    auto decrement = waiter(set.id(), {0, -10, 0});
    const pid_t decrement_pid = decrement.pid();
    auto blocked = semcase::require_blocked_in_semop(decrement.pid(), "decrement_blocked");
    CHECK_EQ(semcase::ncnt(set.id(), 0), 1);
    REQUIRE_EQ(::semctl(set.id(), 0, SETVAL, 9), 0);
    CHECK_MESSAGE(ipc::stays_blocked(decrement.pid(), blocked, "decrement_at_9"),
                  "a decrement of 10 completed (or woke) after SETVAL 9");
    semcase::record("at_9", set.id(), 0);
    CHECK_EQ(set.value(0), 9);
    CHECK_EQ(semcase::query(set.id(), 0, GETPID), ::getpid());
    REQUIRE_EQ(::semctl(set.id(), 0, SETVAL, 10), 0);
    auto woken = decrement.finish("decrement");
    CHECK(woken.status.exited_with(0));
    CHECK_EQ(woken.get("semop"), "ok");
    semcase::record("after_setval_10", set.id(), 0);
    CHECK_EQ(set.value(0), 0);  // it took its 10
    CHECK_EQ(semcase::ncnt(set.id(), 0), 0);
    CHECK_EQ(semcase::query(set.id(), 0, GETPID), decrement_pid);

    // A wait for zero on semaphore 1 (at 10); SETALL sets it to 0.
    auto zero = waiter(set.id(), {1, 0, 0});
    semcase::require_blocked_in_semop(zero.pid(), "wait_for_zero_blocked");
    CHECK_EQ(semcase::zcnt(set.id(), 1), 1);
    values = {3, 0, 4};
    REQUIRE_EQ(::semctl(set.id(), 0, SETALL, values.data()), 0);
    auto woken_zero = zero.finish("wait_for_zero");
    CHECK(woken_zero.status.exited_with(0));
    CHECK_EQ(woken_zero.get("semop"), "ok");
    const auto after = text(get_all(set.id()));
    ipc::evidence("after_second_setall.getall", after);
    CHECK_EQ(after, "3,0,4");
    CHECK_EQ(semcase::zcnt(set.id(), 1), 0);
}
