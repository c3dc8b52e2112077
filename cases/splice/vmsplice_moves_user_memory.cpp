// SPLICE-11 (edge; vmsplice(2) "If fd is opened for writing, the vmsplice()
// system call maps nr_segs ranges of user memory described by iov into a
// pipe. If fd is opened for reading, the vmsplice() system call fills nr_segs
// ranges of user memory described by iov from a pipe"): vmsplice into a
// pipe's write end puts the memory's bytes in the pipe, and from its read
// end copies the pipe's bytes into the memory, taking them out.
#include <poll.h>

#include "splice_support.hpp"

CLAIM("SPLICE-11", "vmsplice moves user memory into a pipe, and a pipe's bytes into user memory") {
    spl::require_calls(spl::uses_splice | spl::uses_vmsplice);
    ipc::TempDir dir("splice");
    auto p = ipc::Pipe::make();
    const long capacity = p.capacity();
    ipc::evidence("F_GETPIPE_SZ", capacity);

    // Twice the pipe's capacity, in as many vmsplice calls as there is room,
    // each batch spliced out into a file.
    const std::string memory = spl::pattern(static_cast<std::size_t>(2 * capacity));
    auto out = spl::file_with(dir.file("out"), "");
    std::size_t done = 0;
    int calls = 0;
    loff_t at = 0;
    while (done < memory.size() && calls < 1000) {
        ++calls;
        pollfd room{p.w(), POLLOUT, 0};
        ipc::must(::poll(&room, 1, static_cast<int>(ipc::default_deadline.count())), "poll");
        iovec part{const_cast<char*>(memory.data()) + done, memory.size() - done};
        auto r = ipc::capture([&] { return ::vmsplice(p.w(), &part, 1, 0); });
        if (r.value <= 0) {
            ipc::evidence("vmsplice.failed", ipc::describe(r));
            break;
        }
        done += static_cast<std::size_t>(r.value);
        if (::splice(p.r(), nullptr, out.get(), &at, static_cast<std::size_t>(r.value), 0) != r.value) {
            ipc::evidence("splice_out.failed", ipc::errno_name(errno));
            break;
        }
    }
    ipc::evidence("vmsplice.calls", calls);
    ipc::evidence("vmsplice.bytes", static_cast<long long>(done));
    CHECK_EQ(done, memory.size());
    CHECK(ipc::pread_all(out.get()) == memory);

    // From the read end: the pipe's bytes land in memory and leave the pipe.
    const std::string held = spl::pattern(static_cast<std::size_t>(capacity), 9);
    REQUIRE(ipc::write_all(p.w(), held));
    std::string landed(held.size(), '\0');
    iovec into{landed.data(), landed.size()};
    CHECK_EQ(spl::vmsplice("vmsplice.from_read_end", p.r(), &into, 1), spl::moved(capacity));
    ipc::evidence("memory.matches", landed == held);
    CHECK(landed == held);
    CHECK_EQ(spl::unread(p.r(), "pipe.unread_after_vmsplice_out"), 0);
}
