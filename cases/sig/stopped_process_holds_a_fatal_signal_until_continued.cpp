// SIG-29 (edge; signal(7) "Stop: stop the process", "Cont: continue the
// process if it is currently stopped"; kill(2); a stopped process runs no
// code, so a signal other than SIGKILL or SIGCONT stays pending until it is
// continued): a child stopped by SIGSTOP and then sent SIGTERM stays stopped
// (no exit, no death) for the whole observation window, SIGTERM pending; once
// SIGCONT continues it, the SIGTERM takes effect and kills it.
#include <sys/wait.h>

#include "ipc/blocking.hpp"
#include "ipc/case.hpp"
#include "ipc/signals.hpp"

CLAIM("SIG-29", "a stopped process keeps a fatal signal pending until SIGCONT continues it") {
    auto child = ipc::Child::fork([] {
        ::raise(SIGSTOP);
        return 0;
    });
    int status = 0;
    REQUIRE_WITH_ERRNO(::waitpid(child.pid(), &status, WUNTRACED) == child.pid(), "waitpid(WUNTRACED)");
    REQUIRE(WIFSTOPPED(status));
    CHECK_SUCCEEDS(::kill(child.pid(), SIGTERM));

    const pid_t pid = child.pid();
    auto stays = ipc::holds_for_window([&] {
        int s = 0;
        return ::waitpid(pid, &s, WNOHANG) == 0;  // neither exited nor killed
    });
    ipc::evidence("stopped_after_SIGTERM", stays.describe());
    ipc::evidence("state_after_SIGTERM", ipc::snapshot(pid).describe());
    CHECK(stays.held);
    auto seen = ipc::observe_signal_masks(pid);
    if (seen.masks) {
        ipc::record_signal_masks("after_SIGTERM", *seen.masks);
        CHECK(seen.masks->pending_has(SIGTERM));
    } else {
        ipc::skip_part("SIGTERM_pending", seen.why_not);
    }

    CHECK_SUCCEEDS(::kill(pid, SIGCONT));
    auto end = child.wait();
    ipc::evidence("after_SIGCONT", end.describe());
    CHECK(end.killed_by(SIGTERM));
}
