// SHM-10 (seed §2.3, shmctl IPC_STAT/IPC_SET; shmctl(2)): IPC_STAT reports the
// mode, the size, the attach count, the creator's pid and the pid of the last
// shmat/shmdt; IPC_SET by the owner changes the mode's low 9 bits only (SHM_DEST
// asked for is ignored) and sets shm_ctime to a time within the call, which
// the case makes a later second than the creation's so that an update shows.
#include <chrono>
#include <ctime>

#include "ipc/case.hpp"
#include "shm_support.hpp"

namespace {
// What the child's own IPC_STAT, as another process than the creator, saw.
struct SeenByTheChild {
    pid_t cpid;
};

// A child with an attachment of its own (the inherited one detached), which
// stays attached until `release` says "r"; returns once it is attached and
// has made its IPC_STAT. It reports the shm_cpid it saw.
ipc::ReportingChild attach_a_child_until_released(const ipc::ShmSegment& segment, ipc::ShmAttachment& mine,
                                                  const ipc::Pipe& release) {
    auto attached = ipc::Pipe::make();
    auto child = ipc::ReportingChild::fork([&](SeenByTheChild& seen) {
        mine.detach();  // the inherited one: this child counts by its own shmat
        auto own = ipc::ShmAttachment::attach(segment.id());
        shmid_ds ds{};
        if (::shmctl(segment.id(), IPC_STAT, &ds) != 0) return 4;
        seen.cpid = ds.shm_cpid;
        if (!ipc::write_all(attached.w(), "a")) return 2;
        return ipc::read_exactly(release.r(), 1) == "r" ? 0 : 3;
    });
    attached.write_end.reset();  // the child's end: its death is end of file here
    REQUIRE_EQ(ipc::read_exactly(attached.r(), 1), "a");
    return child;
}

// IPC_STAT while the parent and the child are attached: mode, size, two
// attachments, the creator and the last to attach, the owner.
shmid_ds check_stat_while_both_attached(int shmid, std::size_t size, pid_t child_pid) {
    auto ds = shmcase::record_stat("while_attached", shmid);
    ipc::evidence("parent_pid", ::getpid());
    ipc::evidence("child_pid", child_pid);
    CHECK_EQ(ds.shm_perm.mode & 0777, 0640u);
    CHECK_EQ(ds.shm_segsz, size);
    CHECK_EQ(ds.shm_nattch, 2u);
    CHECK_EQ(ds.shm_cpid, ::getpid());
    CHECK_EQ(ds.shm_lpid, child_pid);
    CHECK_EQ(ds.shm_perm.uid, ::geteuid());
    CHECK_EQ(ds.shm_perm.cuid, ::geteuid());
    return ds;
}

// The wall clock in seconds, as the kernel stamps shm_ctime.
long long now() {
    timespec ts{};
    ::clock_gettime(CLOCK_REALTIME_COARSE, &ts);
    return static_cast<long long>(ts.tv_sec);
}

// Until the clock the kernel stamps shm_ctime with reads a second past t:
// only then can a shm_ctime set by IPC_SET be told from the one stamped at
// creation. A deadline on CLOCK_REALTIME itself (second t+1, at most a
// second away), then the coarse clock's next tick; bounded by 2 s.
void wait_for_a_second_after(long long t) {
    const timespec next_second{static_cast<time_t>(t + 1), 0};
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (now() <= t && std::chrono::steady_clock::now() < until)
        ::clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &next_second, nullptr);
    if (now() <= t) ipc::broken("CLOCK_REALTIME_COARSE did not pass second " + std::to_string(t));
}

// IPC_SET by the owner: only the permission bits it may change change (the
// low 9 bits; SHM_DEST asked for is ignored), and shm_ctime is set to a time
// within the call, later than the creation's.
void check_ipc_set_changes_the_mode(int shmid, const shmid_ds& ds, std::size_t size) {
    wait_for_a_second_after(ds.shm_ctime);
    shmid_ds wanted = ds;
    wanted.shm_perm.mode = 0460 | SHM_DEST;  // owner, group and other bits all change
    const long long before = now();
    CHECK_SUCCEEDS(::shmctl(shmid, IPC_SET, &wanted));
    const long long after = now();
    auto changed = shmcase::record_stat("after_ipc_set", shmid);
    ipc::evidence("ipc_set.window", std::to_string(before) + ".." + std::to_string(after));
    ipc::evidence("after_ipc_set.ctime", static_cast<long long>(changed.shm_ctime));
    CHECK_EQ(changed.shm_perm.mode & 0777, 0460u);
    CHECK_EQ(changed.shm_perm.mode & ~0777u, ds.shm_perm.mode & ~0777u);  // no SHM_DEST
    ipc::evidence("created.ctime", static_cast<long long>(ds.shm_ctime));
    CHECK(changed.shm_ctime > ds.shm_ctime);  // updated, not the stamp of creation
    CHECK(before <= changed.shm_ctime);
    CHECK(changed.shm_ctime <= after);
    CHECK_EQ(changed.shm_segsz, size);
    CHECK_EQ(changed.shm_nattch, 2u);
}
}  // namespace

CLAIM("SHM-10", "IPC_STAT reports mode, size, attach count and pids; IPC_SET by the owner changes the mode") {
    const std::size_t size = static_cast<std::size_t>(ipc::page_size()) + 7;
    auto segment = ipc::ShmSegment::create(size, IPC_PRIVATE, 0640);
    ipc::evidence("shmid", segment.id());
    auto fresh = shmcase::record_stat("after_create", segment.id());
    CHECK_EQ(fresh.shm_nattch, 0u);
    CHECK_EQ(fresh.shm_lpid, 0);

    // Two attachments: the parent's and a child's that stays attached.
    auto mine = ipc::ShmAttachment::attach(segment.id());
    auto release = ipc::Pipe::make();
    auto child = attach_a_child_until_released(segment, mine, release);
    const pid_t child_pid = child.pid();
    auto ds = check_stat_while_both_attached(segment.id(), size, child_pid);
    check_ipc_set_changes_the_mode(segment.id(), ds, size);

    ipc::must(ipc::write_all(release.w(), "r") ? 0 : -1, "release the child");
    auto result = child.finish();
    ipc::evidence("child_status", result.status.describe());
    CHECK(result.status.exited_with(0));
    // Its IPC_STAT, by another process than the creator: shm_cpid is still the creator's.
    const auto seen = result.as<SeenByTheChild>();
    REQUIRE(seen);
    ipc::evidence("shm_cpid_seen_by_the_child", seen->cpid);
    CHECK_EQ(seen->cpid, ::getpid());
    auto after = shmcase::record_stat("after_child_exit", segment.id());
    CHECK_EQ(after.shm_nattch, 1u);
    CHECK_EQ(after.shm_lpid, child_pid);  // its exit detached it
}
