// SHM-31 (edge; shmctl(2) IPC_RMID "Mark the segment to be destroyed. The
// segment will actually be destroyed only after the last process detaches
// it", SHM_INFO "shm_tot: Total number of shared memory pages; used_ids:
// number of currently existing segments"): in an IPC namespace of the case's
// own, a segment of three pages attached twice and removed (IPC_RMID) still
// counts in SHM_INFO, pages and id, after the first detach; its last detach
// destroys it: shm_tot drops by its three pages and used_ids by one.
#include "ipc/case.hpp"
#include "ipc/own_namespace.hpp"
#include "shm_support.hpp"

namespace {
// "segments=1 pages=3" from SHM_INFO, or "SHM_INFO failed: ERRNO".
std::string usage() {
    shm_info info{};
    if (::shmctl(0, SHM_INFO, reinterpret_cast<shmid_ds*>(&info)) < 0)
        return "SHM_INFO failed: " + ipc::errno_name(errno);
    return "segments=" + std::to_string(info.used_ids) + " pages=" + std::to_string(info.shm_tot);
}

// In a forked child, in a namespace of its own (so that no other segment
// comes or goes): SHM_INFO at each step of the segment's life. The segment
// and what is left of it die with the namespace.
int follow_a_removed_segment(std::size_t pages, ipc::Report& r) {
    auto how = ipc::enter_own_ipc_namespace();
    if (!how) {
        r["skip"] = "no IPC namespace of our own: " + ipc::errno_name(errno);
        return ipc::exit_skip;
    }
    r["isolation"] = *how;
    r["before"] = usage();
    const auto size = pages * static_cast<std::size_t>(ipc::page_size());
    const int id = ::shmget(IPC_PRIVATE, size, IPC_CREAT | 0600);
    if (id < 0) return 2;
    void* first = ::shmat(id, nullptr, 0);
    void* second = ::shmat(id, nullptr, 0);
    if (first == reinterpret_cast<void*>(-1) || second == reinterpret_cast<void*>(-1)) return 3;
    r["attached_twice"] = usage();
    r["ipc_rmid"] = ipc::outcome_of(::shmctl(id, IPC_RMID, nullptr));
    r["removed"] = usage();
    r["first_shmdt"] = ipc::outcome_of(::shmdt(first));
    r["one_attachment_left"] = usage();
    r["last_shmdt"] = ipc::outcome_of(::shmdt(second));
    r["after_last_detach"] = usage();
    return 0;
}

std::string counts(int segments, std::size_t pages) {
    return "segments=" + std::to_string(segments) + " pages=" + std::to_string(pages);
}
}  // namespace

CLAIM("SHM-31", "a removed segment is destroyed at its last detach: SHM_INFO's shm_tot and used_ids drop") {
    const std::size_t pages = 3;
    ipc::evidence("segment_pages", static_cast<long long>(pages));
    auto seen = ipc::ReportingChild::fork([&](ipc::Report& r) {
                    return follow_a_removed_segment(pages, r);
                }).finish("own_namespace");
    if (seen.status.exited_with(ipc::exit_skip)) ipc::skip(seen.get("skip"));
    REQUIRE(seen.status.exited_with(0));
    // A namespace of its own starts with no segment.
    REQUIRE_EQ(seen.get("before"), counts(0, 0));
    CHECK_EQ(seen.get("attached_twice"), counts(1, pages));
    CHECK_EQ(seen.get("ipc_rmid"), "ok");
    CHECK_EQ(seen.get("removed"), counts(1, pages));  // marked, not destroyed: still attached
    CHECK_EQ(seen.get("first_shmdt"), "ok");
    CHECK_EQ(seen.get("one_attachment_left"), counts(1, pages));
    CHECK_EQ(seen.get("last_shmdt"), "ok");
    CHECK_EQ(seen.get("after_last_detach"), counts(0, 0));  // destroyed: its pages and id are gone
}
