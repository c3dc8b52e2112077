// SHM-27 (edge; shmctl(2) IPC_RMID "The segment will actually be destroyed
// only after the last process detaches it", NOTES "Linux permits a process to
// attach (shmat(2)) a shared memory segment that has already been marked for
// deletion using shmctl(IPC_RMID). This feature is not available on other
// UNIX implementations"): a segment marked for deletion while attached can
// still be attached by its id, sharing the same bytes; repeated IPC_RMID does
// not destroy it while attachments remain; once the last one is detached its
// id is gone (EINVAL).
#include <cstring>

#include "ipc/case.hpp"
#include "shm_support.hpp"

CLAIM(
    "SHM-27",
    "a segment removed while attached can still be attached by id; repeated IPC_RMID keeps it until the last detach") {
    auto segment = ipc::ShmSegment::create(ipc::page_size());
    const int id = segment.id();
    auto first = ipc::ShmAttachment::attach(id);
    std::strcpy(first.bytes(), "before removal");
    for (int i = 0; i < 3; ++i) ipc::must(::shmctl(id, IPC_RMID, nullptr), "shmctl(IPC_RMID)");
    segment.release();  // removed: nothing left for the destructor to do
    auto marked = shmcase::record_stat("after_three_rmid", id);
    CHECK((marked.shm_perm.mode & SHM_DEST) != 0);
    CHECK_EQ(marked.shm_nattch, 1u);

    void* again = ::shmat(id, nullptr, 0);
    ipc::evidence("shmat_after_rmid", again == reinterpret_cast<void*>(-1) ? "-1 (" + ipc::errno_name(errno) + ")"
                                                                           : shmcase::address_of(again));
    REQUIRE(again != reinterpret_cast<void*>(-1));
    const std::string seen(static_cast<char*>(again));
    ipc::evidence("second_attachment.read", seen);
    CHECK_EQ(seen, "before removal");
    CHECK_EQ(shmcase::record_stat("two_attached", id).shm_nattch, 2u);

    first.detach();
    CHECK_EQ(std::string(static_cast<char*>(again)), "before removal");  // still mapped, still there
    CHECK_EQ(shmcase::record_stat("one_left", id).shm_nattch, 1u);
    ::shmdt(again);
    shmid_ds ds{};
    CHECK_EQ(shmcase::attempt("ipc_stat_after_last_detach", [&] { return ::shmctl(id, IPC_STAT, &ds); }),
             shmcase::failure(EINVAL));
}
