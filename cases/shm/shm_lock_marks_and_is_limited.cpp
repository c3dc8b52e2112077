// SHM-24 (edge; shmctl(2) SHM_LOCK "Prevent swapping of the shared memory
// segment ... the SHM_LOCKED flag of shm_perm.mode will be set", SHM_UNLOCK,
// "an unprivileged process can employ these operations if its effective UID
// matches the owner or creator UID of the segment, and (for SHM_LOCK) the
// amount of memory to be locked falls within the RLIMIT_MEMLOCK resource
// limit"; ERRORS EPERM "SHM_LOCK or SHM_UNLOCK is specified, but the
// caller's effective user ID does not match the owner or creator ...,
// and it does not have CAP_IPC_LOCK"; getrlimit(2) RLIMIT_MEMLOCK): the
// owner's SHM_LOCK sets SHM_LOCKED in shm_perm.mode and SHM_UNLOCK clears it;
// an unprivileged process (uid 65534) gets EPERM for another user's segment,
// EPERM for its own with RLIMIT_MEMLOCK 0, and ENOMEM for its own segment
// larger than a RLIMIT_MEMLOCK of one page.
#include <linux/capability.h>
#include <sys/resource.h>

#include "ipc/case.hpp"
#include "shm_support.hpp"

namespace {
// SHM_LOCKED in the mode of the segment, recorded under key.
bool locked(const std::string& key, int shmid) {
    return (shmcase::record_stat(key, shmid).shm_perm.mode & SHM_LOCKED) != 0;
}

// What uid 65534 gets from SHM_LOCK: on the case's segment, and on two of its
// own under RLIMIT_MEMLOCK 0 and one page.
ipc::ReportingChild lock_as_nobody(int others_id) {
    return ipc::ReportingChild::fork_as_nobody([=](ipc::Report& r) {
        const auto page = static_cast<rlim_t>(ipc::page_size());
        r["others"] = ipc::outcome_of(::shmctl(others_id, SHM_LOCK, nullptr));
        int own = ::shmget(IPC_PRIVATE, 2 * page, IPC_CREAT | 0600);
        if (own < 0) return 2;
        // Lowered only (raising it again would need CAP_SYS_RESOURCE): one page, then 0.
        rlimit one_page{page, page};
        r["setrlimit_1_page"] = ipc::outcome_of(::setrlimit(RLIMIT_MEMLOCK, &one_page));
        r["own.rlimit_1_page_segment_2_pages"] = ipc::outcome_of(::shmctl(own, SHM_LOCK, nullptr));
        rlimit none{0, 0};
        r["setrlimit_0"] = ipc::outcome_of(::setrlimit(RLIMIT_MEMLOCK, &none));
        r["own.rlimit_0"] = ipc::outcome_of(::shmctl(own, SHM_LOCK, nullptr));
        ::shmctl(own, IPC_RMID, nullptr);
        return 0;
    });
}
}  // namespace

CLAIM("SHM-24", "SHM_LOCK sets SHM_LOCKED, SHM_UNLOCK clears it; others EPERM, past RLIMIT_MEMLOCK refused") {
    const auto page = static_cast<std::size_t>(ipc::page_size());
    auto segment = ipc::ShmSegment::create(page, IPC_PRIVATE, 0666);
    rlimit memlock{};
    ::getrlimit(RLIMIT_MEMLOCK, &memlock);
    ipc::evidence("case.rlimit_memlock", std::to_string(memlock.rlim_cur));
    ipc::evidence("case.cap_ipc_lock", ipc::capable(CAP_IPC_LOCK));
    if (!ipc::capable(CAP_IPC_LOCK) && memlock.rlim_cur < page)
        ipc::skip_part("owner_lock", "RLIMIT_MEMLOCK below a page and no CAP_IPC_LOCK: the owner may not lock");
    else {
        CHECK_EQ(ipc::outcome_of(::shmctl(segment.id(), SHM_LOCK, nullptr)), "ok");
        CHECK(locked("after_shm_lock", segment.id()));
        CHECK_EQ(ipc::outcome_of(::shmctl(segment.id(), SHM_UNLOCK, nullptr)), "ok");
        CHECK_FALSE(locked("after_shm_unlock", segment.id()));
    }

    if (::geteuid() != 0) {
        ipc::skip_part("unprivileged", "needs root to act as uid 65534; running as uid " + std::to_string(::geteuid()));
        return;
    }
    auto nobody = lock_as_nobody(segment.id()).finish("nobody");
    if (nobody.status.exited_with(ipc::exit_skip)) {
        ipc::skip_part("unprivileged", nobody.get("skip"));
        return;
    }
    REQUIRE(nobody.status.exited_with(0));
    REQUIRE_EQ(nobody.get("setrlimit_1_page"), "ok");
    REQUIRE_EQ(nobody.get("setrlimit_0"), "ok");
    CHECK_EQ(nobody.get("others"), "EPERM");
    CHECK_EQ(nobody.get("own.rlimit_0"), "EPERM");
    CHECK_EQ(nobody.get("own.rlimit_1_page_segment_2_pages"), "ENOMEM");
    CHECK_FALSE(locked("after_nobody", segment.id()));
}
