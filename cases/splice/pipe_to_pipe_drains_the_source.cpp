// SPLICE-03 (edge; splice(2) "splice() moves data between two file
// descriptors without copying between kernel address space and user address
// space"): splice from one pipe into another moves the bytes, in order,
// leaving none of them in the source pipe, a pipe's whole capacity
// (F_GETPIPE_SZ) included.
#include "splice_support.hpp"

CLAIM("SPLICE-03", "splice from pipe to pipe moves the bytes in order and drains the source") {
    spl::require_calls(spl::uses_splice);
    const long page = ipc::page_size();
    auto from = ipc::Pipe::make();
    auto to = ipc::Pipe::make();

    // One page in two halves.
    const std::string bytes = spl::pattern(static_cast<std::size_t>(page));
    REQUIRE(ipc::write_all(from.w(), bytes));
    CHECK_EQ(spl::splice("splice.first_half", from.r(), nullptr, to.w(), nullptr, page / 2), spl::moved(page / 2));
    CHECK_EQ(spl::splice("splice.second_half", from.r(), nullptr, to.w(), nullptr, page / 2), spl::moved(page / 2));
    CHECK_EQ(spl::unread(from.r(), "source.unread_after_page"), 0);
    CHECK(spl::reads_back(to.r(), bytes, "destination.page"));

    // A fresh pipe's whole capacity, spliced until all of it has moved.
    from = ipc::Pipe::make();
    to = ipc::Pipe::make();
    const long capacity = from.capacity();
    ipc::evidence("F_GETPIPE_SZ", capacity);
    const std::string full = spl::pattern(static_cast<std::size_t>(capacity), 2);
    REQUIRE(ipc::write_all(from.w(), full));
    std::string arrived;
    int calls = 0;
    while (arrived.size() < full.size() && calls < 1000) {
        ++calls;
        auto r =
            ipc::capture([&] { return ::splice(from.r(), nullptr, to.w(), nullptr, full.size() - arrived.size(), 0); });
        if (r.value <= 0) {
            ipc::evidence("splice.capacity.failed", ipc::describe(r));
            break;
        }
        arrived += spl::read_held(to.r(), static_cast<std::size_t>(r.value));
    }
    ipc::evidence("splice.capacity.calls", calls);
    ipc::evidence("splice.capacity.bytes", static_cast<long long>(arrived.size()));
    CHECK_EQ(arrived.size(), full.size());
    CHECK(arrived == full);
    CHECK_EQ(spl::unread(from.r(), "source.unread_after_capacity"), 0);
}
