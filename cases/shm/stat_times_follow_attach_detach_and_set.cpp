// SHM-23 (edge; shmctl(2) shmid_ds "shm_atime Last attach time, shm_dtime
// Last detach time, shm_ctime Creation time/time of last modification via
// shmctl()"; shmop(2) "shm_atime is set to the current time" on shmat,
// "shm_dtime is set to the current time" on shmdt): a new segment has
// shm_atime and shm_dtime 0 and shm_ctime within the window of its shmget;
// shmat sets shm_atime, shmdt shm_dtime and IPC_SET shm_ctime, each to a time
// within the window of that call, leaving the others as they were.
#include <ctime>

#include "ipc/case.hpp"
#include "shm_support.hpp"

namespace {
// The wall clock in seconds, as the kernel stamps IPC objects (its coarse
// real-time clock).
long long now() {
    timespec ts{};
    ::clock_gettime(CLOCK_REALTIME_COARSE, &ts);
    return static_cast<long long>(ts.tv_sec);
}

// The seconds before and after a call, recorded under key.
struct Window {
    long long before, after;
    bool holds(long long t) const { return before <= t && t <= after; }
};
template <class F>
Window window_of(const std::string& key, F&& call) {
    Window w{now(), 0};
    call();
    w.after = now();
    ipc::evidence(key + ".window", std::to_string(w.before) + ".." + std::to_string(w.after));
    return w;
}

shmid_ds times(const std::string& key, int shmid) {
    shmid_ds ds{};
    ipc::must(::shmctl(shmid, IPC_STAT, &ds), "shmctl(IPC_STAT)");
    ipc::evidence(key + ".atime", static_cast<long long>(ds.shm_atime));
    ipc::evidence(key + ".dtime", static_cast<long long>(ds.shm_dtime));
    ipc::evidence(key + ".ctime", static_cast<long long>(ds.shm_ctime));
    return ds;
}
}  // namespace

CLAIM("SHM-23", "shm_atime, shm_dtime and shm_ctime are set by shmat, shmdt and IPC_SET, within the call") {
    std::optional<ipc::ShmSegment> segment;
    const auto created = window_of("shmget", [&] { segment.emplace(ipc::ShmSegment::create(ipc::page_size())); });
    const int id = segment->id();
    auto fresh = times("after_shmget", id);
    CHECK_EQ(fresh.shm_atime, 0);
    CHECK_EQ(fresh.shm_dtime, 0);
    CHECK(created.holds(fresh.shm_ctime));

    std::optional<ipc::ShmAttachment> attached;
    const auto attach = window_of("shmat", [&] { attached.emplace(ipc::ShmAttachment::attach(id)); });
    auto after_attach = times("after_shmat", id);
    CHECK(attach.holds(after_attach.shm_atime));
    CHECK_EQ(after_attach.shm_dtime, 0);
    CHECK_EQ(after_attach.shm_ctime, fresh.shm_ctime);

    const auto detach = window_of("shmdt", [&] { attached->detach(); });
    auto after_detach = times("after_shmdt", id);
    CHECK(detach.holds(after_detach.shm_dtime));
    CHECK_EQ(after_detach.shm_atime, after_attach.shm_atime);
    CHECK_EQ(after_detach.shm_ctime, fresh.shm_ctime);

    shmid_ds wanted = after_detach;
    wanted.shm_perm.mode = 0640;
    const auto set = window_of("ipc_set", [&] { ipc::must(::shmctl(id, IPC_SET, &wanted), "shmctl(IPC_SET)"); });
    auto after_set = times("after_ipc_set", id);
    CHECK(set.holds(after_set.shm_ctime));
    CHECK_EQ(after_set.shm_atime, after_attach.shm_atime);
    CHECK_EQ(after_set.shm_dtime, after_detach.shm_dtime);
}
