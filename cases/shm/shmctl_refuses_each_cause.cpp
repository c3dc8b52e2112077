// SHM-26 (edge; shmctl(2) ERRORS "EINVAL cmd is not a valid command. Or: for
// SHM_STAT or SHM_STAT_ANY, the index value specified in shmid referred to an
// array slot that is currently unused", "EINVAL shmid is not a valid
// identifier", "EFAULT The argument cmd has value IPC_SET or IPC_STAT but the
// address pointed to by buf isn't accessible", "EPERM IPC_SET or IPC_RMID is
// attempted, and the effective user ID of the calling process is not that of
// the creator ... or the owner ..., and the process was not privileged"):
// shmctl fails with EINVAL for an unknown command, an id never made, the id
// of a removed segment and SHM_STAT of an unused index; with EFAULT for
// IPC_STAT and IPC_SET with an unmapped buffer; with EPERM for IPC_SET by
// another user (uid 65534) without privilege.
#include <sys/mman.h>

#include "ipc/case.hpp"
#include "shm_support.hpp"

using shmcase::attempt;
using shmcase::failure;

namespace {
// shmctl(2) itself, so that the C library cannot touch the buffer first.
long raw_shmctl(int id, int cmd, void* buf) { return ::syscall(SYS_shmctl, id, cmd, buf); }

// An address no mapping covers: a page mapped and unmapped again.
void* unmapped_page() {
    const auto page = static_cast<std::size_t>(ipc::page_size());
    void* p = ::mmap(nullptr, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ipc::must(p == MAP_FAILED ? -1 : 0, "mmap");
    ::munmap(p, page);
    return p;
}
}  // namespace

CLAIM("SHM-26",
      "shmctl fails EINVAL for a bad command or id, EFAULT for a bad buffer, EPERM for IPC_SET by another user") {
    auto segment = ipc::ShmSegment::create(ipc::page_size(), IPC_PRIVATE, 0666);
    const int id = segment.id();
    shmid_ds ds{};
    CHECK_EQ(attempt("bad_command", [&] { return ::shmctl(id, 12345, &ds); }), failure(EINVAL));
    CHECK_EQ(attempt("negative_id", [&] { return ::shmctl(-1, IPC_STAT, &ds); }), failure(EINVAL));
    const int removed = ipc::ShmSegment::create(ipc::page_size()).id();  // made and removed at once
    ipc::evidence("removed_id", removed);
    CHECK_EQ(attempt("removed_id", [&] { return ::shmctl(removed, IPC_STAT, &ds); }), failure(EINVAL));
    shm_info used{};
    const int highest = ::shmctl(0, SHM_INFO, reinterpret_cast<shmid_ds*>(&used));
    ipc::evidence("shm_info.highest_index", highest);
    CHECK_EQ(attempt("shm_stat_unused_index", [&] { return ::shmctl(highest + 1, SHM_STAT, &ds); }), failure(EINVAL));

    void* nowhere = unmapped_page();
    ipc::evidence("unmapped_buffer", shmcase::address_of(nowhere));
    CHECK_EQ(attempt("ipc_stat_bad_buffer", [&] { return raw_shmctl(id, IPC_STAT, nowhere); }), failure(EFAULT));
    CHECK_EQ(attempt("ipc_set_bad_buffer", [&] { return raw_shmctl(id, IPC_SET, nowhere); }), failure(EFAULT));

    if (::geteuid() != 0) {
        ipc::skip_part("ipc_set_by_another_user",
                       "needs root to act as uid 65534; running as uid " + std::to_string(::geteuid()));
        return;
    }
    auto other = ipc::ReportingChild::fork_as_nobody([&](ipc::Report& r) {
                     shmid_ds mine{};
                     r["ipc_stat"] = ipc::outcome_of(::shmctl(id, IPC_STAT, &mine));  // 0666: readable
                     mine.shm_perm.mode = 0600;
                     r["ipc_set"] = ipc::outcome_of(::shmctl(id, IPC_SET, &mine));
                     return 0;
                 }).finish("nobody");
    if (other.status.exited_with(ipc::exit_skip)) {
        ipc::skip_part("ipc_set_by_another_user", other.get("skip"));
        return;
    }
    REQUIRE(other.status.exited_with(0));
    CHECK_EQ(other.get("ipc_stat"), "ok");
    CHECK_EQ(other.get("ipc_set"), "EPERM");
    CHECK_EQ(segment.stat().shm_perm.mode & 0777, 0666u);
}
