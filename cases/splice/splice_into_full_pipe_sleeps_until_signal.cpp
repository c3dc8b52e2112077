// SPLICE-17 (edge; splice(2) with fd_out a pipe without room; signal(7)
// "If a blocked call to one of the following interfaces is interrupted by a
// signal handler ... the call fails with the error EINTR" when the handler
// was installed without SA_RESTART): a splice from a file into a pipe whose
// only slot is taken (F_SETPIPE_SZ of one page, holding less than a page)
// sleeps in splice, not spinning, and a caught signal ends it with EINTR.
#include <csignal>

#include "splice_support.hpp"

namespace {
volatile sig_atomic_t caught = 0;
void on_usr1(int) { caught = 1; }
}  // namespace

CLAIM("SPLICE-17", "splice into a pipe without a free slot sleeps, and a signal ends it with EINTR") {
    spl::require_calls(spl::uses_splice);
    ipc::TempDir dir("splice");
    const long page = ipc::page_size();
    auto in = spl::file_with(dir.file("in"), spl::pattern(static_cast<std::size_t>(page)), O_RDONLY);
    auto p = ipc::Pipe::make();
    ipc::must(::fcntl(p.w(), F_SETPIPE_SZ, static_cast<int>(page)), "F_SETPIPE_SZ");
    ipc::evidence("F_GETPIPE_SZ", p.capacity());
    REQUIRE(ipc::write_all(p.w(), spl::pattern(static_cast<std::size_t>(page - 128), 2)));

    struct Outcome {
        long value;
        int err;
        int caught;
    };
    auto child = ipc::ReportingChild::fork([&](Outcome& o) {
        struct sigaction sa {};
        sa.sa_handler = on_usr1;  // no SA_RESTART
        sigemptyset(&sa.sa_mask);
        if (::sigaction(SIGUSR1, &sa, nullptr) != 0) return 99;
        errno = 0;
        o.value = static_cast<long>(::splice(in.get(), nullptr, p.w(), nullptr, static_cast<std::size_t>(page), 0));
        o.err = errno;
        o.caught = caught;
        return 0;
    });
    auto blocked = ipc::require_blocked_in(child.pid(), SYS_splice, "splice_blocked");
    CHECK_MESSAGE(ipc::stays_blocked(child.pid(), blocked, "splice_blocked"),
                  "the splice returned (or ran) with no slot free in the pipe");
    child.kill(SIGUSR1);
    auto result = child.finish();
    ipc::evidence("child.status", result.status.describe());
    auto outcome = result.as<Outcome>().value_or(Outcome{-2, 0, 0});
    ipc::evidence("splice.after_signal", ipc::describe(ipc::SyscallResult{outcome.value, outcome.err}));
    ipc::evidence("handler_ran", outcome.caught != 0);
    CHECK_EQ((ipc::SyscallResult{outcome.value, outcome.err}), ipc::SyscallResult::failure(EINTR));
    CHECK(outcome.caught);
    CHECK_EQ(spl::unread(p.r(), "pipe.unread_after_signal"), page - 128);
}
