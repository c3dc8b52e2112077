// PIPE-04 (seed §1.4(1); pipe(7) "I/O on pipes and FIFOs"): a writer blocks in
// write() once the pipe is full while the reader holds fd[0] open without
// reading, and resumes when the reader drains.
#include <sys/syscall.h>

#include "pipe_support.hpp"

CLAIM("PIPE-04", "a writer blocks on a full pipe and resumes when the reader drains") {
    auto p = ipc::Pipe::make();
    const long capacity = p.capacity();
    const long page = ipc::page_size();
    ipc::evidence("F_GETPIPE_SZ", capacity);
    ipc::evidence("page_size", page);

    // Page-sized blocking writes, one more page than the pipe holds.
    const long to_write = capacity + page;
    auto writer = ipc::Child::fork([&] {
        p.read_end.reset();
        std::string chunk(static_cast<std::size_t>(page), 'w');
        for (long done = 0; done < to_write; done += page)
            if (::write(p.w(), chunk.data(), chunk.size()) != page) return 1;
        return 0;
    });
    p.write_end.reset();

    auto blocked = ipc::require_blocked_in(writer.pid(), SYS_write, "writer_blocked");
    CHECK_MESSAGE(ipc::stays_blocked(writer.pid(), blocked, "writer_blocked"),
                  "the write returned (or woke) with the pipe full");

    const long queued = support::unread_bytes(p.r());
    ipc::evidence("bytes_accepted_before_blocking", queued);
    CHECK_EQ(queued, capacity);

    // Draining one page makes room for the last write: the writer must finish.
    CHECK_EQ(ipc::read_exactly(p.r(), static_cast<std::size_t>(page)).size(), static_cast<std::size_t>(page));
    auto status = writer.wait();
    ipc::evidence("writer_after_drain_of_one_page", status.describe());
    CHECK(status.exited_with(0));
    CHECK_EQ(ipc::read_exactly(p.r(), static_cast<std::size_t>(to_write)).size(), static_cast<std::size_t>(capacity));
}
