// PIPE-08 (seed §1.4(4); pipe(7), signal(7)): writing to a pipe whose read
// ends are all closed kills the writer with SIGPIPE, whose default action
// terminates without a core dump. The case relies on the default disposition
// that the runner guarantees and records the one it found. FIFO-05 runs the
// same rule over a FIFO.
#include <csignal>

#include "channel.hpp"
#include "pipe_support.hpp"

namespace rules {

// "default", "ignored" or "caught": the disposition this process runs with.
// The case relies on the default one (which the runner guarantees) and does
// not reset it, so that a careless parent's SIG_IGN shows as a failure.
static std::string sigpipe_disposition() {
    struct sigaction current {};
    ::sigaction(SIGPIPE, nullptr, &current);
    return current.sa_handler == SIG_DFL ? "default" : current.sa_handler == SIG_IGN ? "ignored" : "caught";
}

// A write with every read end closed kills the writer with SIGPIPE, no core.
static void sigpipe_kills_writer(const channel::Run& run) {
    run.evidence("channel", run.kind.name);
    run.evidence("sigpipe_disposition", sigpipe_disposition());
    auto ch = run.open();
    ch.read_end.reset();

    auto writer = ipc::Child::fork([&] {
        ::write(ch.w(), "x", 1);
        return 0;  // reached only if the write did not kill
    });
    auto status = writer.wait();
    run.evidence("writer_status", status.describe());
    run.evidence("wait_status_raw", status.raw());
    CHECK(status.killed_by(SIGPIPE));
    CHECK_FALSE(status.core_dumped());
}

}  // namespace rules

PIPE_RULE_CLAIM("PIPE-08", "a writer with no reader left dies of SIGPIPE, without a core dump") {
    rules::sigpipe_kills_writer({channel::pipe, ""});
}
