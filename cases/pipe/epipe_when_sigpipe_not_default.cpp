// PIPE-09 (edge; pipe(7), write(2) EPIPE, signal(7)): with SIGPIPE ignored,
// blocked or caught, a write with every read end closed fails with EPIPE
// instead of killing; a handler runs once per failed write, a blocked SIGPIPE
// stays pending. FIFO-05 runs the same rule over a FIFO.
#include <csignal>

#include "channel.hpp"
#include "pipe_support.hpp"

namespace rules {

enum class SigpipeIs { ignored, blocked, caught };

static volatile sig_atomic_t sigpipe_handled = 0;
static void count_sigpipe(int) { sigpipe_handled = sigpipe_handled + 1; }

// What the writer saw: two writes with no reader, its handler runs, and
// whether SIGPIPE was pending after them (blocked signals wait).
struct EpipeReport {
    long result[2];
    int err[2];
    int handler_runs;
    int pending;
};

static void set_sigpipe(SigpipeIs how) {
    if (how == SigpipeIs::ignored) ::signal(SIGPIPE, SIG_IGN);
    if (how == SigpipeIs::caught) {
        struct sigaction sa {};
        sa.sa_handler = count_sigpipe;
        ::sigaction(SIGPIPE, &sa, nullptr);
    }
    if (how == SigpipeIs::blocked) {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGPIPE);
        ::sigprocmask(SIG_BLOCK, &set, nullptr);
    }
}

// In a child with SIGPIPE `how`, two writes to a channel with no reader.
static ipc::ReportingChild write_twice_without_reader(const channel::Channel& ch, SigpipeIs how) {
    return ipc::ReportingChild::fork([&](EpipeReport& r) {
        set_sigpipe(how);
        for (int i = 0; i < 2; ++i) {
            errno = 0;
            r.result[i] = ::write(ch.w(), "x", 1);
            r.err[i] = errno;
        }
        sigset_t pending;
        ::sigpending(&pending);
        r.pending = sigismember(&pending, SIGPIPE);
        r.handler_runs = sigpipe_handled;
        return 0;
    });
}

// With SIGPIPE ignored, blocked or caught, writing with no reader fails with
// EPIPE; a handler runs once per failed write, a blocked signal stays pending.
static void epipe_when_sigpipe_not_default(const channel::Run& run) {
    static const std::pair<SigpipeIs, const char*> variants[] = {{SigpipeIs::ignored, "ignored"},
                                                                 {SigpipeIs::blocked, "blocked"},
                                                                 {SigpipeIs::caught, "caught"}};
    run.evidence("channel", run.kind.name);

    for (auto [how, name] : variants) {
        INFO("SIGPIPE " << name);
        const std::string key = std::string("sigpipe_") + name + ".";
        auto ch = run.open();
        ch.read_end.reset();
        auto writer = write_twice_without_reader(ch, how).finish();
        run.evidence(key + "writer_status", writer.status.describe());
        REQUIRE_MESSAGE(writer.status.exited_with(0),
                        "the writer did not live to report: " << writer.status.describe());
        auto r = writer.as<EpipeReport>();
        REQUIRE(r);
        for (int i = 0; i < 2; ++i) {
            ipc::SyscallResult write_result{r->result[i], r->err[i]};
            run.evidence(key + "write_" + std::to_string(i + 1), ipc::describe(write_result));
            CHECK_EQ(write_result, ipc::SyscallResult::failure(EPIPE));
        }
        run.evidence(key + "handler_runs", r->handler_runs);
        run.evidence(key + "sigpipe_pending_after", r->pending == 1);
        CHECK_EQ(r->handler_runs, how == SigpipeIs::caught ? 2 : 0);
        CHECK_EQ(r->pending, how == SigpipeIs::blocked ? 1 : 0);
    }
}

}  // namespace rules

PIPE_RULE_CLAIM("PIPE-09", "with SIGPIPE ignored, blocked or caught, writing with no reader fails with EPIPE") {
    rules::epipe_when_sigpipe_not_default({channel::pipe, ""});
}
