// SHM-19 (edge; shmget(2) ERRORS "EINVAL A new segment was to be created and
// size is less than SHMMIN or greater than SHMMAX", "ENOSPC All possible
// shared memory IDs have been taken (SHMMNI), or allocating a segment of the
// requested size would cause the system to exceed the system-wide limit on
// shared memory (SHMALL)"; proc(5) /proc/sys/kernel/shmmax, shmall, shmmni):
// in an IPC namespace of the case's own with the limits lowered there, a size
// of 0 (below SHMMIN, 1) and a size one byte past kernel.shmmax fail with
// EINVAL (shmmax itself is accepted); a segment whose pages would take the
// total past kernel.shmall fails with ENOSPC (not ENOMEM); the segment past
// kernel.shmmni fails with ENOSPC.
#include <vector>

#include "ipc/case.hpp"
#include "ipc/own_namespace.hpp"
#include "shm_support.hpp"

namespace {
// Segments made in the child's namespace, removed when it is done.
struct Made {
    std::vector<int> ids;
    std::string make(std::size_t size) {
        int id = ::shmget(IPC_PRIVATE, size, IPC_CREAT | 0600);
        if (id >= 0) ids.push_back(id);
        return ipc::outcome_of(id);
    }
    ~Made() {
        for (int id : ids) ::shmctl(id, IPC_RMID, nullptr);
    }
};

// In a forked child, in a namespace of its own: each limit lowered in turn
// and the shmget at and past it, reported as outcomes ("ok", "EINVAL").
int probe_the_limits(ipc::Report& r) {
    auto how = ipc::enter_own_ipc_namespace();
    if (!how) {
        r["skip"] = "no IPC namespace of our own: " + ipc::errno_name(errno);
        return ipc::exit_skip;
    }
    r["isolation"] = *how;
    const auto page = static_cast<std::size_t>(ipc::page_size());
    shminfo info{};
    r["ipc_info"] = ipc::outcome_of(::shmctl(0, IPC_INFO, reinterpret_cast<shmid_ds*>(&info)));
    r["shmmin"] = std::to_string(info.shmmin);
    {
        Made made;
        r["size_0"] = made.make(0);
    }
    if (!ipc::write_sysctl("/proc/sys/kernel/shmmax", 4 * static_cast<long long>(page))) {
        r["skip"] = "kernel.shmmax not writable in our namespace: " + ipc::errno_name(errno);
        return ipc::exit_skip;
    }
    r["shmmax"] = std::to_string(ipc::read_number("/proc/sys/kernel/shmmax").value_or(-1));
    {
        Made made;
        r["size_shmmax"] = made.make(4 * page);
        r["size_shmmax_plus_1"] = made.make(4 * page + 1);
    }
    ipc::write_sysctl("/proc/sys/kernel/shmmax", 1LL << 40);
    // kernel.shmall counts pages: 3 of them, a 2-page segment, then 2 more pages.
    ipc::must(ipc::write_sysctl("/proc/sys/kernel/shmall", 3) ? 0 : -1, "write kernel.shmall");
    r["shmall"] = std::to_string(ipc::read_number("/proc/sys/kernel/shmall").value_or(-1));
    {
        Made made;
        r["shmall.first_2_pages"] = made.make(2 * page);
        r["shmall.next_2_pages"] = made.make(2 * page);
        r["shmall.next_1_page"] = made.make(page);
    }
    ipc::write_sysctl("/proc/sys/kernel/shmall", 1LL << 30);
    ipc::must(ipc::write_sysctl("/proc/sys/kernel/shmmni", 2) ? 0 : -1, "write kernel.shmmni");
    r["shmmni"] = std::to_string(ipc::read_number("/proc/sys/kernel/shmmni").value_or(-1));
    {
        Made made;
        r["shmmni.first"] = made.make(page);
        r["shmmni.second"] = made.make(page);
        r["shmmni.third"] = made.make(page);
    }
    return 0;
}
}  // namespace

CLAIM("SHM-19", "shmget: size 0 or past shmmax EINVAL, past shmall or shmmni ENOSPC") {
    ipc::sysctl("/proc/sys/kernel/shmmax");
    ipc::sysctl("/proc/sys/kernel/shmall");
    ipc::sysctl("/proc/sys/kernel/shmmni");
    auto seen = ipc::ReportingChild::fork([](ipc::Report& r) { return probe_the_limits(r); }).finish("own_namespace");
    if (seen.status.exited_with(ipc::exit_skip)) ipc::skip(seen.get("skip"));
    REQUIRE(seen.status.exited_with(0));
    CHECK_EQ(seen.get("shmmin"), "1");
    CHECK_EQ(seen.get("size_0"), "EINVAL");
    CHECK_EQ(seen.get("size_shmmax"), "ok");
    CHECK_EQ(seen.get("size_shmmax_plus_1"), "EINVAL");
    CHECK_EQ(seen.get("shmall.first_2_pages"), "ok");
    CHECK_EQ(seen.get("shmall.next_2_pages"), "ENOSPC");
    CHECK_EQ(seen.get("shmall.next_1_page"), "ok");
    CHECK_EQ(seen.get("shmmni.first"), "ok");
    CHECK_EQ(seen.get("shmmni.second"), "ok");
    CHECK_EQ(seen.get("shmmni.third"), "ENOSPC");
}
