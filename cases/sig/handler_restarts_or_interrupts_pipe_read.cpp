// SIG-06 (edge; signal(7) "Interruption of system calls and library functions
// by signal handlers", sigaction(2) SA_RESTART): a handler that interrupts a
// read() blocked on an empty pipe makes it fail with EINTR, unless the
// handler was installed with SA_RESTART: then read() goes back to sleep and
// returns the data that arrives later. One body, run with and without the flag.
#include <fcntl.h>
#include <sstream>
#include <sys/syscall.h>

#include "ipc/case.hpp"
#include "ipc/readiness.hpp"
#include "ipc/signals.hpp"

namespace {
struct Variant {
    const char* name;
    int flags;
    bool restarted;  // what signal(7) says happens to the read
};
}  // namespace

CLAIM("SIG-06", "a handler restarts a blocked pipe read() under SA_RESTART and makes it fail with EINTR without") {
    for (Variant v : {Variant{"SA_RESTART", SA_RESTART, true}, Variant{"no_SA_RESTART", 0, false}}) {
        CAPTURE(v.name);
        const std::string key = v.name;
        auto data = ipc::Pipe::make(O_CLOEXEC);
        auto handled = ipc::Pipe::make(O_CLOEXEC);  // one byte per handler run
        auto report = ipc::Pipe::make(O_CLOEXEC);
        auto reader = ipc::Child::fork([&] {
            ipc::CaughtSignal caught(SIGUSR1, ipc::CatchOptions{v.flags, {}, handled.w()});
            char buf[16];
            ssize_t n = ::read(data.r(), buf, sizeof buf);
            std::string line = std::to_string(n) + " " + ipc::errno_name(n < 0 ? errno : 0) + " " +
                               std::to_string(caught.count());
            ipc::write_all(report.w(), line);
            return 0;
        });
        report.write_end.reset();

        auto blocked = ipc::await_blocked_in(reader.pid(), SYS_read);
        REQUIRE_MESSAGE(blocked, "reader never blocked in read(): " << ipc::snapshot(reader.pid()).describe());
        ipc::record_blocked(key + ".blocked_before_signal", *blocked);
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

        std::istringstream line(ipc::read_exactly(report.r(), 64));
        long n = -2;
        std::string err;
        int handler_runs = -1;
        line >> n >> err >> handler_runs;
        ipc::evidence(key + ".read_result", n);
        ipc::evidence(key + ".read_errno", err);
        ipc::evidence(key + ".handler_runs", handler_runs);
        ipc::evidence(key + ".reader_status", reader.wait().describe());
        CHECK_EQ(handler_runs, 1);
        if (v.restarted) {
            CHECK_EQ(n, 4);  // the bytes written after the handler ran
        } else {
            CHECK_EQ(n, -1);
            CHECK_EQ(err, "EINTR");
        }
    }
}
