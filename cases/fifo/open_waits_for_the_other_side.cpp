// FIFO-02 (edge; fifo(7) "opening the FIFO blocks until the other end is
// opened also", open(2)): open(O_RDONLY) blocks until a writer opens, and
// open(O_WRONLY) until a reader opens; both opens then complete. Every time:
// once both sides have closed, the same node makes the next opener wait again.
#include <sys/syscall.h>

#include <sys/stat.h>

#include "../pipe/pipe_support.hpp"

namespace {

// The first process opens `first` and must block in openat; the second opens
// `second` and lets both through. Twice on the same node, each time after
// every end has been closed.
void first_open_waits_for_second(int first, int second, const std::string& key) {
    ipc::TempDir dir;
    const std::string node = dir.file("fifo");
    REQUIRE(::mkfifo(node.c_str(), 0600) == 0);
    auto opener = [&](int flags) {
        return [&node, flags] {
            int fd = ::open(node.c_str(), flags | O_CLOEXEC);
            return fd >= 0 ? 0 : 10 + (errno & 0x3f);
        };
    };
    for (int round = 1; round <= 2; ++round) {
        INFO("round " << round << " on the same node");
        const std::string as = key + "round" + std::to_string(round) + ".";
        auto waiting = ipc::Child::fork(opener(first));
        auto blocked = ipc::await_blocked_in(waiting.pid(), SYS_openat);
        REQUIRE_MESSAGE(blocked, as << ": open did not block: " << ipc::snapshot(waiting.pid()).describe());
        ipc::record_blocked(as + "blocked", *blocked);
        CHECK_MESSAGE(ipc::stays_blocked(waiting.pid(), *blocked, as + "blocked"),
                      "the open returned (or woke) with nobody on the other side");

        auto partner = ipc::Child::fork(opener(second));
        auto partner_status = partner.wait();
        auto waiting_status = waiting.wait();  // both have exited: every end is closed
        ipc::evidence(as + "partner_open", partner_status.describe());
        ipc::evidence(as + "blocked_open_after_partner", waiting_status.describe());
        CHECK(partner_status.exited_with(0));
        CHECK(waiting_status.exited_with(0));
    }
}

}  // namespace

CLAIM("FIFO-02", "opening a FIFO for reading waits for a writer, and for writing waits for a reader") {
    SUBCASE("O_RDONLY waits for a writer") { first_open_waits_for_second(O_RDONLY, O_WRONLY, "reader_first."); }
    SUBCASE("O_WRONLY waits for a reader") { first_open_waits_for_second(O_WRONLY, O_RDONLY, "writer_first."); }
}
