// SIG-02 (edge; signal(7) "Queueing and delivery semantics for standard
// signals"): a standard signal sent several times while blocked is pending
// once and delivered once when unblocked, whether sent by kill(2) or by
// sigqueue(3). Run over several standard signals. Where /proc/PID/status has
// no signal lines (gVisor) only the check that the signal is pending for the
// process (ShdPnd) is skipped, with the reason (`<signal>.while_blocked.
// shared_pending.skipped`); sigpending() and the deliveries are still checked.
#include "ipc/case.hpp"
#include "ipc/procfs.hpp"
#include "ipc/signals.hpp"

CLAIM("SIG-02", "standard signals sent several times while blocked are delivered once") {
    constexpr int sends = 3;
    for (int sig : {SIGUSR1, SIGUSR2, SIGALRM}) {
        const std::string name = ipc::any_signal_name(sig);
        CAPTURE(name);
        ipc::CaughtSignal caught(sig);
        ipc::BlockedSignals blocked{sig};
        for (int i = 0; i < sends; ++i) {
            if (i % 2 == 0) CHECK_SUCCEEDS(::kill(::getpid(), sig));
            else CHECK_SUCCEEDS(::sigqueue(::getpid(), sig, sigval{i}));
        }
        auto masks = ipc::signal_masks(::getpid());
        ipc::record_signal_masks(name + ".while_blocked", masks);
        CHECK(ipc::is_pending(sig));
        CHECK(masks.pending_has(sig));
        if (masks.split_pending) CHECK(masks.shared_pending_has(sig));
        else ipc::skip_part(name + ".while_blocked.shared_pending", ipc::no_pending_split);
        CHECK_EQ(caught.count(), 0);

        blocked.unblock();  // the pending signal is delivered before sigprocmask returns
        ipc::evidence(name + ".sent", sends);
        ipc::evidence(name + ".delivered", caught.count());
        CHECK_EQ(caught.count(), 1);
        CHECK_FALSE(ipc::is_pending(sig));
    }
}
