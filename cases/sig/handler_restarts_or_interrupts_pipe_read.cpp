// SIG-06 (edge; signal(7) "Interruption of system calls and library functions
// by signal handlers", sigaction(2) SA_RESTART): a handler that interrupts a
// read() blocked on an empty pipe makes it fail with EINTR, unless the
// handler was installed with SA_RESTART: then read() goes back to sleep and
// returns the data that arrives later. One body, run with and without the flag.
#include <fcntl.h>
#include <sys/syscall.h>

#include "ipc/case.hpp"
#include "ipc/readiness.hpp"
#include "ipc/reporting_child.hpp"
#include "ipc/signals.hpp"

namespace {
struct Variant {
    const char* name;
    int flags;
    bool restarted;  // what signal(7) says happens to the read
};

// What the reader saw: its read's result and errno, and how often its handler ran.
struct ReadReport {
    long n;
    int err;
    int handler_runs;
};

// A reader blocked in read() on the empty pipe `data`, with a SIGUSR1
// handler installed with v.flags, which writes a byte to `handled` per run.
ipc::ReportingChild start_reader(const ipc::Pipe& data, const ipc::Pipe& handled, const Variant& v) {
    return ipc::ReportingChild::fork([&](ReadReport& r) {
        ipc::CaughtSignal caught(SIGUSR1, ipc::CatchOptions{v.flags, {}, handled.w()});
        char buf[16];
        r.n = ::read(data.r(), buf, sizeof buf);
        r.err = r.n < 0 ? errno : 0;
        r.handler_runs = caught.count();
        return 0;
    });
}

void handler_interrupts_blocked_read(const Variant& v) {
    const std::string key = v.name;
    auto data = ipc::Pipe::make(O_CLOEXEC);
    auto handled = ipc::Pipe::make(O_CLOEXEC);  // one byte per handler run
    auto reader = start_reader(data, handled, v);
    ipc::require_blocked_in(reader.pid(), SYS_read, key + ".blocked_before_signal");
    ipc::evidence(key + ".disposition", "handler with sa_flags " + std::string(v.flags ? "SA_RESTART" : "0"));

    CHECK_SUCCEEDS(::kill(reader.pid(), SIGUSR1));
    REQUIRE_MESSAGE(ipc::readable_within(handled.r(), ipc::default_deadline), "the handler never ran");
    if (v.restarted) {
        auto again = ipc::await_blocked_in(reader.pid(), SYS_read);
        CHECK_MESSAGE(again, "read() did not go back to sleep: " << ipc::snapshot(reader.pid()).describe());
        if (again) ipc::record_blocked(key + ".blocked_after_handler", *again);
    }
    // Data after the handler ran: a restarted read() returns it; an
    // interrupted one had its EINTR fixed before the handler started.
    REQUIRE(ipc::write_all(data.w(), "late"));

    auto done = reader.finish();
    const auto r = done.as<ReadReport>();
    const ReadReport seen = r.value_or(ReadReport{-2, 0, -1});
    const std::string err = r ? ipc::errno_name(seen.err) : "";
    ipc::evidence(key + ".read_result", seen.n);
    ipc::evidence(key + ".read_errno", err);
    ipc::evidence(key + ".handler_runs", seen.handler_runs);
    ipc::evidence(key + ".reader_status", done.status.describe());
    CHECK_EQ(seen.handler_runs, 1);
    if (v.restarted) {
        CHECK_EQ(seen.n, 4);  // the bytes written after the handler ran
    } else {
        CHECK_EQ(seen.n, -1);
        CHECK_EQ(err, "EINTR");
    }
}

}  // namespace

CLAIM("SIG-06", "a handler restarts a blocked pipe read() under SA_RESTART and makes it fail with EINTR without") {
    for (Variant v : {Variant{"SA_RESTART", SA_RESTART, true}, Variant{"no_SA_RESTART", 0, false}}) {
        CAPTURE(v.name);
        handler_interrupts_blocked_read(v);
    }
}
