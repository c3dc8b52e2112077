// PIPE-03 (seed §1.2; pipe(7), fork(2) "the child inherits copies of the
// parent's open file descriptors"): after fork() parent and child share the
// pipes; with the unused ends closed on each side, data goes parent-to-child
// and child-to-parent, and each reader sees end of file when its writer closes.
#include "pipe_support.hpp"

CLAIM("PIPE-03", "after fork, with unused ends closed, parent-to-child and child-to-parent transfer work") {
    auto down = ipc::Pipe::make();  // parent -> child
    auto up = ipc::Pipe::make();    // child -> parent

    auto child = ipc::Child::fork([&] {
        down.write_end.reset();
        up.read_end.reset();
        // Reads until end of file: it comes only because every copy of
        // down's write end (the parent's and this one) is closed.
        std::string got = ipc::read_exactly(down.r(), 1 << 16);
        return ipc::write_all(up.w(), "child got [" + got + "]") ? 0 : 1;
    });
    ipc::evidence("child_pid", child.pid());
    down.read_end.reset();
    up.write_end.reset();

    REQUIRE(ipc::write_all(down.w(), "from parent"));
    down.write_end.reset();
    auto reply = support::read_all_within(up.r());
    auto status = child.wait();
    ipc::evidence("child_status", status.describe());
    ipc::evidence("reply_from_child", reply.data);
    CHECK(status.exited_with(0));
    CHECK(reply.complete);
    CHECK_EQ(reply.data, "child got [from parent]");
}
