// PIPE-16 (seed §1.5(4); pipe(7) "a pipe ... has no concept of message
// boundaries: it is a byte stream"): two writes can come out of one read, and a
// short read leaves the rest for the next one.
#include "pipe_support.hpp"

CLAIM("PIPE-16", "a pipe is a byte stream: writes merge in one read, a short read leaves the rest") {
    auto p = ipc::Pipe::make(O_NONBLOCK);
    REQUIRE(ipc::write_all(p.w(), "abc"));
    REQUIRE(ipc::write_all(p.w(), "defg"));
    auto merged = ipc::read_some(p.r(), 64);
    REQUIRE(merged);
    ipc::evidence("one_read_after_writes_abc_defg", *merged);
    CHECK_EQ(*merged, "abcdefg");

    REQUIRE(ipc::write_all(p.w(), "hijklmn"));
    auto first = ipc::read_some(p.r(), 2);
    auto rest = ipc::read_some(p.r(), 64);
    REQUIRE(first);
    REQUIRE(rest);
    ipc::evidence("read_2_of_hijklmn", *first);
    ipc::evidence("next_read", *rest);
    CHECK_EQ(*first, "hi");
    CHECK_EQ(*rest, "jklmn");
}
