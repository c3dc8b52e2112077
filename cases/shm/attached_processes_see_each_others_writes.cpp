// SHM-01 (seed §2.1; shmop(2), sysvipc(7)): two processes attached to one
// segment see each other's writes: a store by one is a load by the other, in
// both directions, with no copy in between. Whether the child attached on its
// own or inherited the parent's attachment through fork(2) ("the child
// inherits the attached shared memory segments") makes no difference: both
// are the segment itself, not a copy of it. The segment spans several pages
// and ends inside one: every page is shared, the last to its last byte.
#include <algorithm>
#include <optional>
#include <vector>

#include "ipc/case.hpp"
#include "shm_support.hpp"

namespace {

enum class ChildAttachment { own, inherited };

// The pages of a segment of `size` bytes: where each starts, and where a
// marker of `n` bytes ends at its end (the segment's end for the last).
std::vector<std::size_t> page_starts(std::size_t size, std::size_t page) {
    std::vector<std::size_t> at;
    for (std::size_t o = 0; o < size; o += page) at.push_back(o);
    return at;
}
std::vector<std::size_t> page_ends(std::size_t size, std::size_t page, std::size_t n) {
    std::vector<std::size_t> at;
    for (std::size_t o = 0; o < size; o += page) at.push_back(std::min(o + page, size) - n);
    return at;
}

// Copies text to every position in `at`.
void write_at(char* bytes, const std::vector<std::size_t>& at, const std::string& text) {
    for (std::size_t o : at) text.copy(bytes + o, text.size());
}

// The n bytes at every position in `at`, joined by "|".
std::string read_at(const char* bytes, const std::vector<std::size_t>& at, std::size_t n) {
    std::string read;
    for (std::size_t o : at) read += (read.empty() ? "" : "|") + std::string(bytes + o, n);
    return read;
}

// What read_at gives where text was written at `count` positions.
std::string repeated(const std::string& text, std::size_t count) {
    std::string all;
    for (std::size_t i = 0; i < count; ++i) all += (all.empty() ? "" : "|") + text;
    return all;
}

const std::string from_child = "from the child", from_parent = "from the parent";

// The child, attached on its own or through the parent's attachment before
// the fork, writes at the start of every page, says so through child_wrote,
// waits for the parent's word through parent_wrote and reports what it reads
// at the end of every page (read_at_page_ends) and its address.
ipc::ReportingChild child_writing_then_reading(ChildAttachment how, const ipc::ShmSegment& segment,
                                               std::optional<ipc::ShmAttachment>& before_fork, std::size_t size,
                                               const ipc::Pipe& child_wrote, const ipc::Pipe& parent_wrote) {
    const auto page = static_cast<std::size_t>(ipc::page_size());
    return ipc::ReportingChild::fork([&](ipc::Report& r) {
        std::optional<ipc::ShmAttachment> own;
        if (how == ChildAttachment::own) own.emplace(ipc::ShmAttachment::attach(segment.id()));
        char* bytes = own ? own->bytes() : before_fork->bytes();
        r["address"] = shmcase::address_of(bytes);
        write_at(bytes, page_starts(size, page), from_child);
        if (!ipc::write_all(child_wrote.w(), "w")) return 2;
        if (ipc::read_exactly(parent_wrote.r(), 1) != "w") return 3;
        r["read_at_page_ends"] = read_at(bytes, page_ends(size, page, from_parent.size()), from_parent.size());
        return 0;
    });
}

// The child writes at the start of every page, then reads what the parent
// wrote at the end of every page; evidence under `as`.
void each_sees_the_others_writes(ChildAttachment how, const std::string& as) {
    const auto page = static_cast<std::size_t>(ipc::page_size());
    const std::size_t size = 3 * page + 123;
    auto segment = ipc::ShmSegment::create(size);
    auto child_wrote = ipc::Pipe::make();
    auto parent_wrote = ipc::Pipe::make();
    ipc::evidence(as + ".shmid", segment.id());
    ipc::evidence(as + ".segsz", static_cast<long long>(size));

    std::optional<ipc::ShmAttachment> before_fork;  // the parent's, inherited by the child
    if (how == ChildAttachment::inherited) before_fork.emplace(ipc::ShmAttachment::attach(segment.id()));
    auto child = child_writing_then_reading(how, segment, before_fork, size, child_wrote, parent_wrote);
    child_wrote.write_end.reset();                 // the child's end: its death is end of file here
    std::optional<ipc::ShmAttachment> after_fork;  // the parent's own, when nothing is inherited
    if (!before_fork) after_fork.emplace(ipc::ShmAttachment::attach(segment.id()));
    char* mine = before_fork ? before_fork->bytes() : after_fork->bytes();
    REQUIRE_EQ(ipc::read_exactly(child_wrote.r(), 1), "w");

    auto both = shmcase::record_stat(as + ".while_both_attached", segment.id());
    CHECK_EQ(both.shm_nattch, 2u);
    const auto starts = page_starts(size, page);
    const std::string seen_by_parent = read_at(mine, starts, from_child.size());
    ipc::evidence(as + ".parent.read_at_page_starts", seen_by_parent);
    CHECK_EQ(seen_by_parent, repeated(from_child, starts.size()));

    const auto ends = page_ends(size, page, from_parent.size());
    write_at(mine, ends, from_parent);
    ipc::must(ipc::write_all(parent_wrote.w(), "w") ? 0 : -1, "write to the child");
    auto result = child.finish(as + ".child");
    ipc::evidence(as + ".parent.address", shmcase::address_of(mine));
    CHECK(result.status.exited_with(0));
    CHECK_EQ(result.get("read_at_page_ends"), repeated(from_parent, ends.size()));
}

}  // namespace

CLAIM("SHM-01", "two processes attached to one segment see each other's writes") {
    SUBCASE("each attaches on its own") { each_sees_the_others_writes(ChildAttachment::own, "own_attach"); }
    SUBCASE("the child uses the attachment inherited through fork") {
        each_sees_the_others_writes(ChildAttachment::inherited, "inherited");
    }
}
