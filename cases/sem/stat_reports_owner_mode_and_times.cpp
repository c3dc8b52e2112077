// SEM-13 (semctl(2) IPC_STAT, IPC_SET and "The semid_ds data structure";
// semget(2) "sem_ctime is set to the current time ... sem_otime is set to
// 0"; semop(2) "sem_otime is set to the current time"): IPC_STAT reports what
// semget set up: the key, nsems, the low nine bits of semflg as mode, the
// caller's euid/egid as owner and creator, sem_otime 0 and sem_ctime within
// the semget call. A semop sets sem_otime within its call and leaves
// sem_ctime; IPC_SET changes the mode (and nothing else given the same
// owner), sets sem_ctime within its call, and the new mode is what the kernel
// enforces (the owner without CAP_IPC_OWNER is refused an alteration of a set
// made 0444).
#include <ctime>
#include <optional>

#include "ipc/case.hpp"
#include "sem_support.hpp"

namespace {
semid_ds stat_of(int semid) {
    semid_ds ds{};
    ipc::must(::semctl(semid, 0, IPC_STAT, &ds), "semctl(IPC_STAT)");
    return ds;
}

// The call made between two readings of the clock (whole seconds, as the
// kernel keeps these times): [before, after].
struct Window {
    time_t before, after;
    bool holds(time_t t) const { return before <= t && t <= after; }
};
template <class F>
Window window_of(F&& call) {
    Window w{std::time(nullptr), 0};
    call();
    w.after = std::time(nullptr);
    return w;
}
void record(const std::string& as, const semid_ds& ds) {
    ipc::evidence(as + ".mode", static_cast<long long>(ds.sem_perm.mode & 0777));
    ipc::evidence(as + ".otime", static_cast<long long>(ds.sem_otime));
    ipc::evidence(as + ".ctime", static_cast<long long>(ds.sem_ctime));
}
}  // namespace

CLAIM("SEM-13", "IPC_STAT reports key, nsems, mode, owner and times; IPC_SET changes the mode and sem_ctime") {
    const key_t key = ipc::fresh_key();
    std::optional<ipc::SemSet> set;
    const auto created = window_of([&] { set.emplace(ipc::SemSet::create(3, key, 0640)); });
    const int semid = set->id();

    auto ds = stat_of(semid);
    record("after_semget", ds);
    CHECK_EQ(ds.sem_perm.__key, key);
    CHECK_EQ(ds.sem_nsems, 3u);
    CHECK_EQ(ds.sem_perm.mode & 0777, 0640u);
    CHECK_EQ(ds.sem_perm.uid, ::geteuid());
    CHECK_EQ(ds.sem_perm.cuid, ::geteuid());
    CHECK_EQ(ds.sem_perm.gid, ::getegid());
    CHECK_EQ(ds.sem_perm.cgid, ::getegid());
    CHECK_EQ(ds.sem_otime, 0);
    CHECK_MESSAGE(created.holds(ds.sem_ctime), "sem_ctime " << ds.sem_ctime << " outside the semget call ["
                                                            << created.before << ", " << created.after << "]");
    const time_t ctime_at_creation = ds.sem_ctime;

    const auto operated = window_of([&] { REQUIRE_EQ(ipc::sem_apply(semid, {{1, 1, 0}}), 0); });
    ds = stat_of(semid);
    record("after_semop", ds);
    CHECK_MESSAGE(operated.holds(ds.sem_otime), "sem_otime " << ds.sem_otime << " outside the semop call ["
                                                             << operated.before << ", " << operated.after << "]");
    CHECK_EQ(ds.sem_ctime, ctime_at_creation);

    semid_ds wanted = ds;
    wanted.sem_perm.mode = 0444;
    const auto changed = window_of([&] { REQUIRE_EQ(::semctl(semid, 0, IPC_SET, &wanted), 0); });
    ds = stat_of(semid);
    record("after_ipc_set", ds);
    CHECK_EQ(ds.sem_perm.mode & 0777, 0444u);
    CHECK_EQ(ds.sem_perm.uid, ::geteuid());
    CHECK_EQ(ds.sem_perm.cuid, ::geteuid());
    CHECK_EQ(ds.sem_nsems, 3u);
    CHECK_MESSAGE(changed.holds(ds.sem_ctime), "sem_ctime " << ds.sem_ctime << " outside the IPC_SET call ["
                                                            << changed.before << ", " << changed.after << "]");

    // The new mode is enforced: the owner, without capabilities, may read but not alter.
    auto child = ipc::ReportingChild::fork([&](ipc::Report& r) {
        if (int err = ipc::drop_all_capabilities(); err != 0) {
            r["result"] = "cannot: " + ipc::errno_name(err);
            return 0;
        }
        r["result"] = "GETVAL:" + ipc::outcome_of(::semctl(semid, 1, GETVAL)) +
                      " increment:" + ipc::outcome_of(ipc::sem_apply(semid, {{1, 1, IPC_NOWAIT}}));
        return 0;
    });
    const auto enforced = child.finish().get("result");
    ipc::evidence("owner_without_capabilities_of_0444_set", enforced);
    if (enforced.rfind("cannot", 0) == 0) ipc::broken(enforced);
    CHECK_EQ(enforced, "GETVAL:ok increment:EACCES");
}
