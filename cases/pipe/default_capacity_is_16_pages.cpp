// PIPE-11 (fix §1.6; pipe(7) "Pipe capacity", fcntl(2) F_GETPIPE_SZ): the
// default capacity is 16 pages (65536 bytes only with 4 KiB pages), not "64 KiB
// by memory alignment" as the document reasons; F_GETPIPE_SZ reports it and a
// non-blocking fill with 1-byte writes accepts exactly that many bytes.
// FIFO-05 runs the same rule over a FIFO.
#include "channel.hpp"
#include "pipe_support.hpp"

namespace rules {

// pipe(7): "the pipe capacity is 16 pages" (PIPE_DEF_BUFFERS in the kernel).
static constexpr long default_pages = 16;

// Fills a fresh channel of this kind without blocking, in writes of `chunk` bytes.
static long fill_fresh(const channel::Run& run, long chunk) {
    auto ch = run.open();
    ipc::set_nonblocking(ch.w(), true);
    return static_cast<long>(ipc::fill_until_eagain(ch.w(), static_cast<std::size_t>(chunk)));
}

// F_GETPIPE_SZ reports 16 pages, and a non-blocking fill with 1-byte writes
// (which the kernel packs into pages) accepts exactly that much.
static void capacity_filled_by_bytes(const channel::Run& run) {
    auto ch = run.open();
    const long page = ipc::page_size();
    const long size = ch.capacity();
    run.evidence("channel", run.kind.name);
    run.evidence("page_size", page);
    run.evidence("F_GETPIPE_SZ", size);
    run.evidence("predicted_16_pages", default_pages * page);
    // Past this many pages in all a user's new pipes get fewer slots:
    // recorded, as it would explain a smaller default (where it cannot be
    // read, as under gVisor, the reason is recorded: no check needs it).
    ipc::sysctl_if_readable("/proc/sys/fs/pipe-user-pages-soft");
    CHECK_EQ(size, default_pages * page);

    ipc::set_nonblocking(ch.w(), true);
    const auto filled = static_cast<long>(ipc::fill_until_eagain(ch.w(), 1));
    run.evidence("filled_with_1_byte_writes", filled);
    CHECK_EQ(filled, size);
    CHECK_EQ(support::unread_bytes(ch.r()), size);

    // The other size that wastes nothing: whole pages.
    const long by_pages = fill_fresh(run, page);
    run.evidence("filled_with_page_writes", by_pages);
    CHECK_EQ(by_pages, size);
}

}  // namespace rules

PIPE_RULE_CLAIM("PIPE-11", "a pipe holds 16 pages: F_GETPIPE_SZ says so and 1-byte writes fill exactly that") {
    rules::capacity_filled_by_bytes({channel::pipe, ""});
}
