// SHM-20 (edge; shmop(2) "If shmaddr isn't NULL and SHM_RND is specified in
// shmflg, the attach occurs at the address equal to shmaddr rounded down to
// the nearest multiple of SHMLBA. Otherwise, shmaddr must be a page-aligned
// address", SHM_REMAP "the mapping of the segment should replace any existing
// mapping in the range", ERRORS EINVAL "Invalid shmaddr value (not
// page-aligned and SHM_RND was not specified) or invalid shmaddr value, or
// can't attach segment at shmaddr, or SHM_REMAP was specified and shmaddr was
// NULL"): shmat attaches at an aligned address asked for; an unaligned one is
// EINVAL without SHM_RND and rounded down to SHMLBA with it; over an existing
// mapping it is EINVAL unless SHM_REMAP, which replaces that mapping;
// SHM_REMAP with a NULL address is EINVAL.
#include <cstring>
#include <sys/mman.h>

#include "ipc/case.hpp"
#include "shm_support.hpp"

namespace {
// shmat's result: the address, or "-1 (ERRNO)"; detaches what it attached.
std::string attach_at(const std::string& key, int shmid, const void* at, int flags, void** got = nullptr) {
    void* where = ::shmat(shmid, at, flags);
    std::string text = where == reinterpret_cast<void*>(-1) ? "-1 (" + ipc::errno_name(errno) + ")"
                                                            : shmcase::address_of(where);
    ipc::evidence(key, text);
    if (where != reinterpret_cast<void*>(-1)) {
        if (got) *got = where;
        else ::shmdt(where);
    }
    return text;
}

// A free, SHMLBA-aligned stretch of address space of length bytes: reserved
// and released again, so that shmat may take it.
char* free_aligned_range(std::size_t length) {
    const auto lba = static_cast<std::size_t>(SHMLBA);
    void* reserved = ::mmap(nullptr, length + lba, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ipc::must(reserved == MAP_FAILED ? -1 : 0, "mmap(reserve)");
    ::munmap(reserved, length + lba);
    auto start = reinterpret_cast<std::uintptr_t>(reserved);
    return reinterpret_cast<char*>((start + lba - 1) / lba * lba);
}
}  // namespace

CLAIM("SHM-20", "shmat honours an aligned address, rounds with SHM_RND, refuses overlap without SHM_REMAP") {
    const auto page = static_cast<std::size_t>(ipc::page_size());
    const auto lba = static_cast<std::size_t>(SHMLBA);
    ipc::evidence("page_size", static_cast<long long>(page));
    ipc::evidence("SHMLBA", static_cast<long long>(lba));
    auto segment = ipc::ShmSegment::create(page);
    char* aligned = free_aligned_range(page);
    const std::string aligned_text = shmcase::address_of(aligned);
    ipc::evidence("aligned", aligned_text);

    CHECK_EQ(attach_at("shmat.aligned", segment.id(), aligned, 0), aligned_text);
    CHECK_EQ(attach_at("shmat.unaligned", segment.id(), aligned + 1, 0), "-1 (EINVAL)");
    CHECK_EQ(attach_at("shmat.unaligned_shm_rnd", segment.id(), aligned + lba - 1, SHM_RND), aligned_text);
    CHECK_EQ(attach_at("shmat.null_shm_remap", segment.id(), nullptr, SHM_REMAP), "-1 (EINVAL)");

    // An anonymous mapping holds the range: refused without SHM_REMAP, replaced with it.
    void* occupied =
        ::mmap(aligned, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    ipc::must(occupied == aligned ? 0 : -1, "mmap(MAP_FIXED_NOREPLACE) at the free range");
    std::strcpy(aligned, "anonymous");
    CHECK_EQ(attach_at("shmat.over_mapping", segment.id(), aligned, 0), "-1 (EINVAL)");
    CHECK_EQ(std::string(aligned), "anonymous");  // untouched
    void* remapped = nullptr;
    CHECK_EQ(attach_at("shmat.over_mapping_shm_remap", segment.id(), aligned, SHM_REMAP, &remapped), aligned_text);
    if (remapped) {
        const std::string now(aligned);
        ipc::evidence("contents_after_remap", now);
        CHECK_EQ(now, "");  // the segment's zeros, not the anonymous mapping's text
        CHECK_EQ(segment.stat().shm_nattch, 1u);
        ::shmdt(remapped);
    } else {
        ::munmap(aligned, page);
    }
}
