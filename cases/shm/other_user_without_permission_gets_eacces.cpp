// SHM-16 (shmget(2), shmop(2), shmctl(2) ERRORS; sysvipc(7) "ipc_perm"): the
// permission bits hold against another user. A 0600 segment of the case's
// user refuses uid/gid 65534 (nobody) with EACCES for shmat (read-write and
// read-only), for IPC_STAT and for a shmget that asks for access; IPC_RMID by
// a non-owner is EPERM. Granting others read (0604) lets the same process
// attach read-only, still not read-write. Needs root to become another user.
#include "ipc/case.hpp"
#include "shm_support.hpp"

namespace {
// What uid 65534 gets from each operation on the segment.
ipc::ReportingChild try_as_nobody(key_t key, int shmid) {
    return ipc::ReportingChild::fork_as_nobody([=](ipc::Report& r) {
        r["euid"] = std::to_string(::geteuid());
        shmid_ds ds{};
        auto outcome_of_shmat = [&](int flags) {
            void* at = ::shmat(shmid, nullptr, flags);
            if (at == reinterpret_cast<void*>(-1)) return ipc::errno_name(errno);
            ::shmdt(at);
            return std::string("ok");
        };
        r["shmat_rw"] = outcome_of_shmat(0);
        r["shmat_rdonly"] = outcome_of_shmat(SHM_RDONLY);
        r["ipc_stat"] = shmcase::outcome_of(::shmctl(shmid, IPC_STAT, &ds));
        r["shmget_asking_rw"] = shmcase::outcome_of(::shmget(key, 0, 0600));
        r["shmget_asking_nothing"] = shmcase::outcome_of(::shmget(key, 0, 0));
        r["ipc_rmid"] = shmcase::outcome_of(::shmctl(shmid, IPC_RMID, nullptr));
        return 0;
    });
}
}  // namespace

CLAIM("SHM-16", "another user without permission gets EACCES") {
    if (::geteuid() != 0)
        ipc::skip("needs root to act as another user (uid 65534); running as uid " + std::to_string(::geteuid()) +
                  " (isolation " + ipc::isolation() + ")");
    const key_t key = ipc::fresh_key();
    auto segment = ipc::ShmSegment::create(static_cast<std::size_t>(ipc::page_size()), key, 0600);
    ipc::evidence("shmid", segment.id());
    auto owner = shmcase::record_stat("segment", segment.id());
    CHECK_EQ(owner.shm_perm.mode & 0777, 0600u);

    auto refused = try_as_nobody(key, segment.id()).finish("nobody_on_0600");
    if (refused.status.exited_with(ipc::exit_skip)) ipc::skip(refused.get("skip"));
    REQUIRE(refused.status.exited_with(0));
    CHECK_EQ(refused.get("euid"), "65534");
    CHECK_EQ(refused.get("shmat_rw"), "EACCES");
    CHECK_EQ(refused.get("shmat_rdonly"), "EACCES");
    CHECK_EQ(refused.get("ipc_stat"), "EACCES");
    CHECK_EQ(refused.get("shmget_asking_rw"), "EACCES");
    CHECK_EQ(refused.get("shmget_asking_nothing"), "ok");  // the id is no secret, its contents are
    CHECK_EQ(refused.get("ipc_rmid"), "EPERM");
    CHECK_EQ(::shmget(key, 0, 0), segment.id());  // still there

    // Others may read: read-only attach works, read-write still does not.
    shmid_ds wanted = owner;
    wanted.shm_perm.mode = 0604;
    ipc::must(::shmctl(segment.id(), IPC_SET, &wanted), "shmctl(IPC_SET 0604)");
    ipc::evidence("segment.mode_then", shmcase::octal(segment.stat().shm_perm.mode));
    auto readable = try_as_nobody(key, segment.id()).finish("nobody_on_0604");
    REQUIRE(readable.status.exited_with(0));
    CHECK_EQ(readable.get("shmat_rdonly"), "ok");
    CHECK_EQ(readable.get("ipc_stat"), "ok");
    CHECK_EQ(readable.get("shmat_rw"), "EACCES");
}
