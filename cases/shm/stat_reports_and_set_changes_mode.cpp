// SHM-10 (seed §2.3, shmctl IPC_STAT/IPC_SET; shmctl(2)): IPC_STAT reports the
// mode, the size, the attach count, the creator's pid and the pid of the last
// shmat/shmdt; IPC_SET by the owner changes the mode (and the change time).
#include <cstring>

#include "ipc/case.hpp"
#include "shm_support.hpp"

CLAIM("SHM-10", "IPC_STAT reports mode, size, attach count and pids; IPC_SET by the owner changes the mode") {
    const std::size_t size = static_cast<std::size_t>(ipc::page_size()) + 7;
    auto segment = ipc::ShmSegment::create(size, IPC_PRIVATE, 0640);
    ipc::evidence("shmid", segment.id());
    auto fresh = shmcase::record_stat("after_create", segment.id());
    CHECK_EQ(fresh.shm_nattch, 0u);
    CHECK_EQ(fresh.shm_lpid, 0);

    // Two attachments: the parent's and a child's that stays attached.
    auto mine = ipc::ShmAttachment::attach(segment.id());
    auto attached = ipc::Pipe::make();
    auto release = ipc::Pipe::make();
    auto child = ipc::Child::fork([&] {
        mine.detach();  // the inherited one: this child counts by its own shmat
        auto own = ipc::ShmAttachment::attach(segment.id());
        // IPC_STAT by another process than the creator: shm_cpid is still
        // the creator's, sent back after the "a".
        shmid_ds seen{};
        if (::shmctl(segment.id(), IPC_STAT, &seen) != 0) return 4;
        const pid_t cpid = seen.shm_cpid;
        if (!ipc::write_all(attached.w(), "a" + std::string(reinterpret_cast<const char*>(&cpid), sizeof cpid))) return 2;
        return ipc::read_exactly(release.r(), 1) == "r" ? 0 : 3;
    });
    const pid_t child_pid = child.pid();
    attached.write_end.reset();  // the child's end: its death is end of file here
    REQUIRE_EQ(ipc::read_exactly(attached.r(), 1), "a");
    pid_t cpid_seen_by_child = 0;
    const std::string cpid_bytes = ipc::read_exactly(attached.r(), sizeof cpid_seen_by_child);
    REQUIRE_EQ(cpid_bytes.size(), sizeof cpid_seen_by_child);
    std::memcpy(&cpid_seen_by_child, cpid_bytes.data(), sizeof cpid_seen_by_child);
    ipc::evidence("shm_cpid_seen_by_the_child", cpid_seen_by_child);
    CHECK_EQ(cpid_seen_by_child, ::getpid());

    auto ds = shmcase::record_stat("while_attached", segment.id());
    ipc::evidence("parent_pid", ::getpid());
    ipc::evidence("child_pid", child_pid);
    CHECK_EQ(ds.shm_perm.mode & 0777, 0640u);
    CHECK_EQ(ds.shm_segsz, size);
    CHECK_EQ(ds.shm_nattch, 2u);
    CHECK_EQ(ds.shm_cpid, ::getpid());
    CHECK_EQ(ds.shm_lpid, child_pid);
    CHECK_EQ(ds.shm_perm.uid, ::geteuid());
    CHECK_EQ(ds.shm_perm.cuid, ::geteuid());

    // IPC_SET by the owner: only the permission bits it may change change.
    shmid_ds wanted = ds;
    wanted.shm_perm.mode = 0460;  // owner, group and other bits all change
    CHECK_SUCCEEDS(::shmctl(segment.id(), IPC_SET, &wanted));
    auto changed = shmcase::record_stat("after_ipc_set", segment.id());
    ipc::evidence("after_ipc_set.ctime_advanced", changed.shm_ctime >= ds.shm_ctime);
    CHECK_EQ(changed.shm_perm.mode & 0777, 0460u);
    CHECK_EQ(changed.shm_segsz, size);
    CHECK_EQ(changed.shm_nattch, 2u);

    ipc::must(ipc::write_all(release.w(), "r") ? 0 : -1, "release the child");
    auto status = child.wait();
    ipc::evidence("child_status", status.describe());
    CHECK(status.exited_with(0));
    auto after = shmcase::record_stat("after_child_exit", segment.id());
    CHECK_EQ(after.shm_nattch, 1u);
    CHECK_EQ(after.shm_lpid, child_pid);  // its exit detached it
}
