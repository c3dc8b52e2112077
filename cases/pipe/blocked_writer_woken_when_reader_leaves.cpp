// PIPE-10 (edge; pipe(7), write(2) EPIPE, fs/pipe.c pipe_release wakes both
// sides): a writer blocked on a full pipe whose last reader then closes is
// woken at once. With SIGPIPE at its default it dies of SIGPIPE; with SIGPIPE
// ignored the write returns the count of bytes already written, and the next
// write fails with EPIPE. A 1-byte write blocked on an exactly full pipe
// (nothing of it written) fails with EPIPE when the reader leaves, and a
// SIGPIPE handler runs once. It never stays blocked.
#include <csignal>
#include <sys/syscall.h>

#include "pipe_support.hpp"

namespace {
struct WriterReport {
    long first, second;
    int first_err, second_err;
};

// A writer (the parent keeps the read end) making one write of more than the
// pipe holds, then a 1-byte one; SIGPIPE ignored or at its default.
ipc::ReportingChild start_oversized_writer(ipc::Pipe& p, long to_write, bool ignore_sigpipe) {
    return ipc::ReportingChild::fork([&](WriterReport& r) {
        p.read_end.reset();
        if (ignore_sigpipe) ::signal(SIGPIPE, SIG_IGN);
        std::string data(static_cast<std::size_t>(to_write), 'w');
        errno = 0;
        r.first = ::write(p.w(), data.data(), data.size());
        r.first_err = errno;
        errno = 0;
        r.second = ::write(p.w(), "x", 1);
        r.second_err = errno;
        return 0;
    });
}

// With SIGPIPE ignored: the blocked write returned what it had written, the next one EPIPE.
void check_writes_after_wake(const std::string& key, const ipc::ReportingChild::Result& writer, long accepted) {
    REQUIRE(writer.status.exited_with(0));
    auto r = writer.as<WriterReport>();
    REQUIRE(r);
    ipc::SyscallResult first{r->first, r->first_err}, second{r->second, r->second_err};
    ipc::evidence(key + "blocked_write_returned", ipc::describe(first));
    ipc::evidence(key + "next_write", ipc::describe(second));
    CHECK_EQ(first, ipc::SyscallResult{accepted, 0});
    CHECK_EQ(second, ipc::SyscallResult::failure(EPIPE));
}

void writer_woken_when_reader_leaves(bool ignore_sigpipe) {
    const std::string key = ignore_sigpipe ? "ignored." : "default.";
    auto p = ipc::Pipe::make();
    const long capacity = p.capacity();
    const long to_write = capacity + ipc::page_size();  // one write, more than fits
    ipc::evidence(key + "F_GETPIPE_SZ", capacity);
    ipc::evidence(key + "write_size", to_write);
    auto writer = start_oversized_writer(p, to_write, ignore_sigpipe);
    p.write_end.reset();

    auto blocked = ipc::require_blocked_in(writer.pid(), SYS_write, key + "writer_blocked");
    const long accepted = support::unread_bytes(p.r());
    ipc::evidence(key + "bytes_accepted_before_blocking", accepted);

    p.read_end.reset();  // the last reader leaves; close() returns after the wake-up
    const bool still = !ipc::woke_since(writer.pid(), blocked);
    ipc::evidence(key + "still_blocked_after_close", still);
    REQUIRE_FALSE_MESSAGE(still, "writer still asleep after the last reader closed: "
                                     << ipc::snapshot(writer.pid()).describe());

    auto done = writer.finish();
    ipc::evidence(key + "writer_status", done.status.describe());
    if (ignore_sigpipe) check_writes_after_wake(key, done, accepted);
    else CHECK(done.status.killed_by(SIGPIPE));
}

volatile sig_atomic_t sigpipes = 0;
void count_sigpipe(int) { sigpipes = sigpipes + 1; }

struct OneByte {
    long value;
    int err;
    int handled;
};

// The pipe exactly full, a 1-byte write blocks; SIGPIPE caught by a handler.
void one_byte_writer_gets_epipe() {
    auto p = ipc::Pipe::make();
    ipc::set_nonblocking(p.w(), true);
    const auto filled = static_cast<long>(ipc::fill_until_eagain(p.w(), static_cast<std::size_t>(ipc::page_size())));
    ipc::set_nonblocking(p.w(), false);
    ipc::evidence("caught.filled", filled);
    auto writer = ipc::ReportingChild::fork([&p](OneByte& r) {
        p.read_end.reset();
        struct sigaction sa {};
        sa.sa_handler = count_sigpipe;
        sigemptyset(&sa.sa_mask);
        ::sigaction(SIGPIPE, &sa, nullptr);
        errno = 0;
        r.value = ::write(p.w(), "x", 1);
        r.err = errno;
        r.handled = sigpipes;
        return 0;
    });
    p.write_end.reset();
    ipc::require_blocked_in(writer.pid(), SYS_write, "caught.writer_blocked");
    p.read_end.reset();
    auto done = writer.finish();
    ipc::evidence("caught.writer_status", done.status.describe());
    REQUIRE(done.status.exited_with(0));
    auto r = done.as<OneByte>();
    REQUIRE(r);
    ipc::evidence("caught.blocked_write_returned", ipc::describe(ipc::SyscallResult{r->value, r->err}));
    ipc::evidence("caught.handler_ran", r->handled);
    CHECK_EQ(ipc::SyscallResult{r->value, r->err}, ipc::SyscallResult::failure(EPIPE));
    CHECK_EQ(r->handled, 1);
}

}  // namespace

CLAIM("PIPE-10", "a writer blocked on a full pipe is woken when the last reader closes") {
    SUBCASE("SIGPIPE at its default: the writer dies of it") { writer_woken_when_reader_leaves(false); }
    SUBCASE("SIGPIPE ignored: the write returns the bytes written, then EPIPE") {
        writer_woken_when_reader_leaves(true);
    }
    SUBCASE("SIGPIPE caught: a 1-byte write on an exactly full pipe fails with EPIPE, the handler runs once") {
        one_byte_writer_gets_epipe();
    }
}
