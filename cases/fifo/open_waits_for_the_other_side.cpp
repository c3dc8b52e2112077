// FIFO-02 (edge; fifo(7) "opening the FIFO blocks until the other end is
// opened also", open(2)): open(O_RDONLY) blocks until a writer opens, and
// open(O_WRONLY) until a reader opens; both opens then complete. Every time:
// once both sides have closed, the same node makes the next opener wait again.
#include <sys/stat.h>
#include <sys/syscall.h>

#include "../pipe/pipe_support.hpp"

namespace {

// A process that opens node with flags and reports how the open ended ("ok" or the errno).
ipc::ReportingChild open_in_child(const std::string& node, int flags) {
    return ipc::ReportingChild::fork([&node, flags](ipc::Report& r) {
        int fd = ::open(node.c_str(), flags | O_CLOEXEC);
        r["open"] = fd >= 0 ? "ok" : ipc::errno_name(errno);
        return 0;
    });
}

// The first process opens `first` and must block in openat; the second opens
// `second` and lets both through. Twice on the same node, each time after
// every end has been closed.
void first_open_waits_for_second(int first, int second, const std::string& key) {
    ipc::TempDir dir;
    const std::string node = dir.file("fifo");
    REQUIRE(::mkfifo(node.c_str(), 0600) == 0);
    for (int round = 1; round <= 2; ++round) {
        INFO("round " << round << " on the same node");
        const std::string as = key + "round" + std::to_string(round) + ".";
        auto waiting = open_in_child(node, first);
        auto blocked = ipc::require_blocked_in(waiting.pid(), SYS_openat, as + "blocked");
        CHECK_MESSAGE(ipc::stays_blocked(waiting.pid(), blocked, as + "blocked"),
                      "the open returned (or woke) with nobody on the other side");

        auto partner = open_in_child(node, second).finish();
        auto waited = waiting.finish();  // both have exited: every end is closed
        ipc::evidence(as + "partner_open", partner.status.describe());
        ipc::evidence(as + "blocked_open_after_partner", waited.status.describe());
        CHECK(partner.status.exited_with(0));
        CHECK(waited.status.exited_with(0));
        CHECK_EQ(partner.get("open"), "ok");
        CHECK_EQ(waited.get("open"), "ok");
    }
}

}  // namespace

CLAIM("FIFO-02", "opening a FIFO for reading waits for a writer, and for writing waits for a reader") {
    SUBCASE("O_RDONLY waits for a writer") { first_open_waits_for_second(O_RDONLY, O_WRONLY, "reader_first."); }
    SUBCASE("O_WRONLY waits for a reader") { first_open_waits_for_second(O_WRONLY, O_RDONLY, "writer_first."); }
}
