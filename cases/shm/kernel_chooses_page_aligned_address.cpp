// SHM-13 (seed §2.3 shmat "usually NULL: the system chooses the address";
// shmop(2) "the system chooses a suitable (unused) page-aligned address"):
// shmat(NULL) lets the kernel choose a page-aligned address, and two
// processes may see one segment at different addresses. The child inherits
// the parent's attachment, so the kernel must place the child's own shmat
// elsewhere; a write through either address is a read through the other.
#include "ipc/case.hpp"
#include "shm_support.hpp"

CLAIM("SHM-13", "shmat(NULL) gives a page-aligned address, which may differ between processes") {
    const auto page = static_cast<std::uintptr_t>(ipc::page_size());
    auto segment = ipc::ShmSegment::create(static_cast<std::size_t>(page));
    auto mine = ipc::ShmAttachment::attach(segment.id());
    const auto parent_address = reinterpret_cast<std::uintptr_t>(mine.address());
    ipc::evidence("shmid", segment.id());
    ipc::evidence("page_size", static_cast<long long>(page));
    ipc::evidence("SHMLBA", static_cast<long long>(SHMLBA));
    ipc::evidence("parent.address", shmcase::address_of(mine.address()));
    CHECK_EQ(parent_address % page, 0u);

    const std::string text = "through the child's address";
    auto child = ipc::ReportingChild::fork([&](ipc::Report& r) {
        auto own = ipc::ShmAttachment::attach(segment.id());
        const auto address = reinterpret_cast<std::uintptr_t>(own.address());
        r["address"] = shmcase::address_of(own.address());
        r["page_aligned"] = address % page == 0 ? "yes" : "no";
        r["differs_from_parent"] = address != parent_address ? "yes" : "no";
        text.copy(own.bytes(), text.size());
        return 0;
    });
    auto result = child.finish("child");
    CHECK(result.status.exited_with(0));
    CHECK_EQ(result.get("page_aligned"), "yes");
    CHECK_EQ(result.get("differs_from_parent"), "yes");
    std::string seen(mine.bytes(), text.size());
    ipc::evidence("parent.read", seen);
    CHECK_EQ(seen, text);
}
