// PIPE-15 (edge; pipe(7) "PIPE_BUF" table of O_NONBLOCK x size): a blocking
// write larger than the capacity returns the whole count once the reader has
// drained enough; a non-blocking write of more than the capacity into an empty
// pipe writes exactly the capacity; one of more than PIPE_BUF into a partly
// full pipe is partial (it writes what fits); one of at most PIPE_BUF with too
// little room fails with EAGAIN and writes nothing.
#include <sys/syscall.h>

#include "pipe_support.hpp"

namespace {
struct WriteResult {
    long value;
    int err;
};

void blocking_write_larger_than_capacity_completes() {
    auto p = ipc::Pipe::make();
    const long size = 2 * p.capacity() + 123;
    ipc::evidence("F_GETPIPE_SZ", p.capacity());
    ipc::evidence("blocking_write_size", size);
    auto writer = ipc::ReportingChild::fork([&](WriteResult& r) {
        p.read_end.reset();
        std::string data(static_cast<std::size_t>(size), 'b');
        errno = 0;
        r = {::write(p.w(), data.data(), data.size()), errno};
        return 0;
    });
    p.write_end.reset();
    ipc::require_blocked_in(writer.pid(), SYS_write, "writer_blocked");

    auto drained = support::read_all_within(p.r());  // to end of file: the writer has exited
    auto done = writer.finish();
    ipc::evidence("writer_status", done.status.describe());
    ipc::evidence("bytes_read", static_cast<long>(drained.data.size()));
    REQUIRE(done.status.exited_with(0));
    auto r = done.as<WriteResult>();
    REQUIRE(r);
    ipc::SyscallResult result{r->value, r->err};
    ipc::evidence("blocking_write_returned", ipc::describe(result));
    CHECK_EQ(result, ipc::SyscallResult{size, 0});
    CHECK_EQ(static_cast<long>(drained.data.size()), size);
}

// Empty pipe: a write of the capacity and a page more fills it exactly.
void nonblocking_oversized_write_fills_an_empty_pipe(const ipc::Pipe& p, long page, long capacity) {
    const std::string oversized(static_cast<std::size_t>(capacity + page), 'o');
    auto filled = ipc::capture([&] { return ::write(p.w(), oversized.data(), oversized.size()); });
    ipc::evidence("nonblocking_write_of_capacity_plus_a_page_into_empty_pipe", ipc::describe(filled));
    CHECK_EQ(filled, ipc::SyscallResult{capacity, 0});
    CHECK_EQ(support::unread_bytes(p.r()), capacity);
    ipc::drain_nonblocking(p.r());
}

// One page held: a write of the whole capacity (> PIPE_BUF) takes what fits.
void nonblocking_big_write_is_partial(const ipc::Pipe& p, long page, long capacity) {
    REQUIRE(ipc::write_all(p.w(), std::string(static_cast<std::size_t>(page), 'a')));
    const std::string big(static_cast<std::size_t>(capacity), 'b');
    auto partial = ipc::capture([&] { return ::write(p.w(), big.data(), big.size()); });
    ipc::evidence("nonblocking_write_of_capacity_with_a_page_held", ipc::describe(partial));
    CHECK_GT(partial.value, 0);
    CHECK_LT(partial.value, capacity);
    CHECK_EQ(support::unread_bytes(p.r()), page + partial.value);
}

// Room for 10 bytes: writes of 11 and of PIPE_BUF bytes fail whole.
void nonblocking_atomic_write_without_room_is_eagain(const ipc::Pipe& p, long capacity, long pipe_buf) {
    ipc::drain_nonblocking(p.r());
    REQUIRE(ipc::write_all(p.w(), std::string(static_cast<std::size_t>(capacity - 10), 'c')));
    const long held = support::unread_bytes(p.r());
    ipc::evidence("held_before_atomic_writes", held);
    for (long n : {11L, pipe_buf}) {
        const std::string chunk(static_cast<std::size_t>(n), 'd');
        auto atomic = ipc::capture([&] { return ::write(p.w(), chunk.data(), chunk.size()); });
        ipc::evidence("nonblocking_write_of_" + std::to_string(n) + "_with_10_free", ipc::describe(atomic));
        CHECK_EQ(atomic, ipc::SyscallResult::failure(EAGAIN));
        CHECK_EQ(support::unread_bytes(p.r()), held);
    }
    // What fits still goes in: the room was real.
    CHECK_EQ(ipc::capture([&] { return ::write(p.w(), "0123456789", 10); }), ipc::SyscallResult{10, 0});
}

}  // namespace

CLAIM("PIPE-15", "big blocking writes complete in full; non-blocking ones are partial, or EAGAIN when atomic") {
    const long page = ipc::page_size();
    ipc::evidence("page_size", page);

    SUBCASE("a blocking write larger than the capacity completes in full") {
        blocking_write_larger_than_capacity_completes();
    }
    SUBCASE("non-blocking: partial above PIPE_BUF, EAGAIN at or below it") {
        auto p = ipc::Pipe::make(O_NONBLOCK);
        const long capacity = p.capacity();
        const long pipe_buf = ipc::must(::fpathconf(p.w(), _PC_PIPE_BUF), "fpathconf(_PC_PIPE_BUF)");
        ipc::evidence("F_GETPIPE_SZ", capacity);
        ipc::evidence("PIPE_BUF", pipe_buf);
        nonblocking_oversized_write_fills_an_empty_pipe(p, page, capacity);
        nonblocking_big_write_is_partial(p, page, capacity);
        nonblocking_atomic_write_without_room_is_eagain(p, capacity, pipe_buf);
    }
}
