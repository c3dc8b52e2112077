// SPLICE-18 (edge; splice(2) between two pipes, pipe(7)): two processes
// splicing single bytes between two pipes in opposite directions, each
// blocking while its source is empty, both finish their thousand moves (no
// deadlock), and the two pipes then hold exactly the bytes they started with
// between them.
#include <algorithm>

#include "splice_support.hpp"

CLAIM("SPLICE-18",
      "two processes splicing bytes between two pipes in opposite directions neither stall nor lose bytes") {
    spl::require_calls(spl::uses_splice);
    constexpr int moves = 1000;
    auto first = ipc::Pipe::make();
    auto second = ipc::Pipe::make();
    // Few bytes in all: single-byte splices soon spread them one per pipe
    // buffer slot, and a pipe has 16 slots by default.
    const std::string bytes = spl::pattern(16);
    REQUIRE(ipc::write_all(first.w(), bytes.substr(0, 8)));
    REQUIRE(ipc::write_all(second.w(), bytes.substr(8)));

    auto mover = [](int from, int to) {
        return ipc::Child::fork([=] {
            for (int i = 0; i < moves; ++i)
                if (::splice(from, nullptr, to, nullptr, 1, 0) != 1) return 1;
            return 0;
        });
    };
    auto forth = mover(first.r(), second.w());
    auto back = mover(second.r(), first.w());
    const auto forth_status = forth.wait();
    const auto back_status = back.wait();
    ipc::evidence("first_to_second.status", forth_status.describe());
    ipc::evidence("second_to_first.status", back_status.describe());
    CHECK(forth_status.exited_with(0));
    CHECK(back_status.exited_with(0));

    std::string held = spl::read_held(first.r(), bytes.size()) + spl::read_held(second.r(), bytes.size());
    ipc::evidence("bytes_held_after", static_cast<long long>(held.size()));
    std::string sorted_held = held, sorted_bytes = bytes;
    std::sort(sorted_held.begin(), sorted_held.end());
    std::sort(sorted_bytes.begin(), sorted_bytes.end());
    ipc::evidence("same_bytes_after", sorted_held == sorted_bytes);
    CHECK_EQ(held.size(), bytes.size());
    CHECK(sorted_held == sorted_bytes);
}
