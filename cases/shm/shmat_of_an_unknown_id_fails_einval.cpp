// SHM-30 (edge; shmop(2) ERRORS EINVAL "Invalid shmid value"; shmctl(2)
// IPC_RMID "The segment will actually be destroyed only after the last
// process detaches it"): shmat of an id that names no segment fails with
// EINVAL: -1, and the id of a segment removed while unattached (destroyed at
// once, so its id names nothing any more). A live segment's id attaches, as
// the control.
#include "ipc/case.hpp"
#include "shm_support.hpp"

namespace {
// shmat(shmid, NULL, 0): "ok" (detached again at once) or the errno's name,
// recorded under key.
std::string attach_outcome(const std::string& key, int shmid) {
    void* at = ::shmat(shmid, nullptr, 0);
    const std::string outcome = at == reinterpret_cast<void*>(-1) ? ipc::errno_name(errno) : "ok";
    if (at != reinterpret_cast<void*>(-1)) ::shmdt(at);
    ipc::evidence(key, outcome);
    return outcome;
}
}  // namespace

CLAIM("SHM-30", "shmat of an id that names no segment fails with EINVAL") {
    const auto page = static_cast<std::size_t>(ipc::page_size());
    auto live = ipc::ShmSegment::create(page);
    ipc::evidence("live.shmid", live.id());
    CHECK_EQ(attach_outcome("shmat.live", live.id()), "ok");

    auto removed = ipc::ShmSegment::create(page);
    const int removed_id = removed.id();
    ipc::evidence("removed.shmid", removed_id);
    removed.remove();  // never attached: destroyed at once
    CHECK_EQ(attach_outcome("shmat.removed", removed_id), "EINVAL");
    CHECK_EQ(attach_outcome("shmat.minus_one", -1), "EINVAL");
}
