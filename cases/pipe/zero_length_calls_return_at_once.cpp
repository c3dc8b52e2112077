// PIPE-28 (edge; read(2) "If count is zero, read() may detect the errors
// described below. In the absence of any errors ... returns zero and has no
// other effects", write(2) "If count is zero and fd refers to a file other
// than a regular file, the results are not specified"; Linux returns 0):
// on blocking ends, a read of 0 bytes returns 0 at once from an empty pipe
// whose writer is open (where a 1-byte read would block) and from one holding
// data, which it leaves unread; a write of 0 bytes returns 0 at once into an
// empty pipe and into a full one (where a 1-byte write would block), and adds
// nothing. Each call runs in a child, so that a call that blocks ends as
// "killed at the deadline", not as a hung case.
#include "pipe_support.hpp"

namespace {

// The result of one call made in a child, or "blocked" if the child had to be
// killed at the deadline.
std::string in_child(const std::function<long()>& call, const std::string& key) {
    struct Result {
        long value;
        int err;
    };
    auto child = ipc::ReportingChild::fork([&](Result& r) {
        errno = 0;
        const long v = call();
        r = {v, errno};
        return 0;
    });
    auto done = child.finish();
    ipc::evidence(key + ".status", done.status.describe());
    auto r = done.as<Result>();
    const std::string out = r ? ipc::describe(ipc::SyscallResult{r->value, r->err}) : "blocked (no result)";
    ipc::evidence(key, out);
    return out;
}

}  // namespace

CLAIM("PIPE-28", "zero-length read() and write() on a pipe return 0 at once and move nothing") {
    auto p = ipc::Pipe::make();
    char buf[1];
    SUBCASE("read of 0 bytes") {
        CHECK_EQ(in_child([&] { return ::read(p.r(), buf, 0); }, "read_0_from_empty_pipe"), "0");
        REQUIRE(ipc::write_all(p.w(), "data"));
        CHECK_EQ(in_child([&] { return ::read(p.r(), buf, 0); }, "read_0_from_pipe_holding_4"), "0");
        const long unread = support::unread_bytes(p.r());
        ipc::evidence("unread_after", unread);
        CHECK_EQ(unread, 4);
    }
    SUBCASE("write of 0 bytes") {
        CHECK_EQ(in_child([&] { return ::write(p.w(), "x", 0); }, "write_0_to_empty_pipe"), "0");
        CHECK_EQ(support::unread_bytes(p.r()), 0);
        ipc::set_nonblocking(p.w(), true);
        const auto filled = ipc::fill_until_eagain(p.w(), static_cast<std::size_t>(ipc::page_size()));
        ipc::set_nonblocking(p.w(), false);
        ipc::evidence("filled", static_cast<long>(filled));
        CHECK_EQ(in_child([&] { return ::write(p.w(), "x", 0); }, "write_0_to_full_pipe"), "0");
        const long unread = support::unread_bytes(p.r());
        ipc::evidence("unread_after", unread);
        CHECK_EQ(unread, static_cast<long>(filled));
    }
}
