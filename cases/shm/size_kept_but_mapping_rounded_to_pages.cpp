// SHM-07 (seed §2.3(2); shmget(2) "size ... rounded up to a multiple of
// PAGE_SIZE", shmop(2)): the size is kept as requested (shm_segsz) while the
// mapping is rounded up to whole pages: bytes past the requested size inside
// the last page are usable, the next page faults (SIGSEGV).
//
// The segment is attached at the start of a reserved range in which the page
// after the rounded size is left free (a hole before a PROT_NONE guard page),
// so that nothing but the attachment's own length decides where the fault
// starts. The mapping is measured in /proc/self/maps as shmat leaves it.
#include <cinttypes>
#include <sstream>
#include <sys/mman.h>

#include "ipc/case.hpp"
#include "shm_support.hpp"

namespace {
// The /proc/self/maps entry of the mapping that holds addr: its range and its
// line (empty if no mapping holds addr).
struct MapsEntry {
    std::uintptr_t from = 0, to = 0;
    std::string line;
};
MapsEntry mapping_containing(const void* addr) {
    std::istringstream maps(ipc::read_text("/proc/self/maps").value_or(""));
    const auto at = reinterpret_cast<std::uintptr_t>(addr);
    for (std::string line; std::getline(maps, line);) {
        std::uintptr_t from = 0, to = 0;
        if (std::sscanf(line.c_str(), "%" SCNxPTR "-%" SCNxPTR, &from, &to) == 2 && from <= at && at < to)
            return {from, to, line};
    }
    return {};
}

// The length of the mapping that starts at addr; -1 if none does.
long long mapping_length(const void* addr) {
    auto entry = mapping_containing(addr);
    return entry.from == reinterpret_cast<std::uintptr_t>(addr) && !entry.line.empty()
               ? static_cast<long long>(entry.to - entry.from)
               : -1;
}

std::size_t round_up_to_pages(std::size_t size) {
    const auto page = static_cast<std::size_t>(ipc::page_size());
    return (size + page - 1) / page * page;
}

// Attaches the segment at the start of a reserved range of its rounded size
// plus two pages, all freed but the last: the segment's room and a hole
// after it, then a PROT_NONE guard page. Nothing else can land in the hole,
// and no SHM_REMAP (which not every implementation honours) is needed.
char* attach_before_a_hole(int shmid, std::size_t rounded, std::size_t page) {
    auto* reserved =
        static_cast<char*>(::mmap(nullptr, rounded + 2 * page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    if (reserved == MAP_FAILED) ipc::broken("mmap of the reserved range: " + ipc::errno_name(errno));
    ipc::must(::munmap(reserved, rounded + page), "munmap of the segment's room and the page after it");
    void* base = ::shmat(shmid, reserved, 0);
    if (base == reinterpret_cast<void*>(-1)) ipc::broken("shmat at the freed range: " + ipc::errno_name(errno));
    ipc::evidence("attached_at", shmcase::address_of(base));
    return static_cast<char*>(base);
}

// /proc/self/maps shows a mapping of exactly the rounded size, and nothing
// in the page after it.
void check_mapping_covers_whole_pages(const char* base, std::size_t rounded) {
    const long long mapped = mapping_length(base);
    ipc::evidence("maps_length", mapped);
    CHECK_EQ(mapped, static_cast<long long>(rounded));
    const std::string next_page = mapping_containing(base + rounded).line;
    ipc::evidence("maps_next_page", next_page.empty() ? "(not mapped)" : next_page);
    CHECK_MESSAGE(next_page.empty(), "the page after the rounded size is mapped: " << next_page);
}

// Past the requested size, inside the last page: a child writes there and
// the parent reads it back through its own view of the segment.
void check_last_page_usable_past_the_size(char* bytes, std::size_t requested, std::size_t rounded) {
    auto inside = shmcase::touch_in_child([&] {
        bytes[requested] = 'R';
        bytes[rounded - 1] = 'T';
    });
    ipc::evidence("write_past_size.status", inside.status.describe());
    CHECK(inside.status.exited_with(0));
    CHECK_EQ(bytes[requested], 'R');
    CHECK_EQ(bytes[rounded - 1], 'T');
}

// The first byte of the next page: SIGSEGV at exactly that address.
void check_next_page_faults(char* base, std::size_t requested, std::size_t rounded) {
    auto past = shmcase::touch_in_child([&] { static_cast<volatile char*>(base)[rounded] = 'X'; });
    ipc::evidence("write_next_page.status", past.status.describe());
    CHECK(past.status.killed_by(SIGSEGV));
    REQUIRE(past.caught);
    const long long offset = static_cast<long long>(past.address - reinterpret_cast<std::uintptr_t>(base));
    ipc::evidence("write_next_page.fault_offset", offset);
    ipc::evidence("write_next_page.fault_offset_minus_requested", offset - static_cast<long long>(requested));
    ipc::evidence("write_next_page.si_code", past.code_name());
    CHECK_EQ(offset, static_cast<long long>(rounded));
}
}  // namespace

CLAIM("SHM-07", "shm_segsz keeps the requested size; the mapping covers whole pages and the next page faults") {
    const auto page = static_cast<std::size_t>(ipc::page_size());
    const std::size_t requested = page + page / 4 + 1;  // not a multiple of the page size
    const std::size_t rounded = round_up_to_pages(requested);
    ipc::evidence("page_size", static_cast<long long>(page));
    ipc::evidence("requested_size", static_cast<long long>(requested));
    ipc::evidence("rounded_to_pages", static_cast<long long>(rounded));

    auto segment = ipc::ShmSegment::create(requested);
    ipc::evidence("shmid", segment.id());
    auto ds = shmcase::record_stat("stat", segment.id());
    CHECK_EQ(ds.shm_segsz, requested);

    char* base = attach_before_a_hole(segment.id(), rounded, page);
    check_mapping_covers_whole_pages(base, rounded);
    check_last_page_usable_past_the_size(base, requested, rounded);
    check_next_page_faults(base, requested, rounded);

    ipc::must(::shmdt(base), "shmdt");
    ipc::must(::munmap(base + rounded + page, page), "munmap of the guard page");
}
