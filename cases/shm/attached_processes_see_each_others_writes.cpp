// SHM-01 (seed §2.1; shmop(2), sysvipc(7)): two processes attached to one
// segment see each other's writes: a store by one is a load by the other, in
// both directions, with no copy in between.
#include "ipc/case.hpp"
#include "shm_support.hpp"

CLAIM("SHM-01", "two processes attached to one segment see each other's writes") {
    const auto size = static_cast<std::size_t>(ipc::page_size());
    auto segment = ipc::ShmSegment::create(size);
    auto child_wrote = ipc::Pipe::make();
    auto parent_wrote = ipc::Pipe::make();
    ipc::evidence("shmid", segment.id());
    ipc::evidence("segsz", static_cast<long long>(size));

    // Each side attaches on its own (nothing inherited): the child writes at
    // the start, then reads what the parent wrote at the end of the segment.
    const std::string from_child = "from the child", from_parent = "from the parent";
    auto child = ipc::ReportingChild::fork([&](ipc::Report& r) {
        auto mine = ipc::ShmAttachment::attach(segment.id());
        r["address"] = shmcase::address_of(mine.address());
        from_child.copy(mine.bytes(), from_child.size());
        if (!ipc::write_all(child_wrote.w(), "w")) return 2;
        if (ipc::read_exactly(parent_wrote.r(), 1) != "w") return 3;
        r["read_at_end"] = std::string(mine.bytes() + size - from_parent.size(), from_parent.size());
        return 0;
    });
    child_wrote.write_end.reset();  // the child's end: its death is end of file here
    auto mine = ipc::ShmAttachment::attach(segment.id());
    REQUIRE_EQ(ipc::read_exactly(child_wrote.r(), 1), "w");

    auto both = shmcase::record_stat("while_both_attached", segment.id());
    CHECK_EQ(both.shm_nattch, 2u);
    std::string seen_by_parent(mine.bytes(), from_child.size());
    ipc::evidence("parent.read_at_start", seen_by_parent);
    CHECK_EQ(seen_by_parent, from_child);

    from_parent.copy(mine.bytes() + size - from_parent.size(), from_parent.size());
    ipc::must(ipc::write_all(parent_wrote.w(), "w") ? 0 : -1, "write to the child");
    auto result = child.finish("child");
    ipc::evidence("parent.address", shmcase::address_of(mine.address()));
    CHECK(result.status.exited_with(0));
    CHECK_EQ(result.get("read_at_end"), from_parent);
}
