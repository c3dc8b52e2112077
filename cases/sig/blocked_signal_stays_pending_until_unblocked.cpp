// SIG-05 (edge; signal(7) "Signal mask and pending signals", sigpending(2),
// sigprocmask(2)): a signal sent to a process that blocks it is not lost and
// not delivered: it stays pending (sigpending(), ShdPnd in /proc) until the
// process unblocks it, and is delivered then, once. Every time, not only the
// first: SIGUSR1 twice, then SIGUSR2 and a real-time signal, each from a
// sender of its own. Where /proc/PID/status has no signal lines (gVisor) the
// masks come from the syscalls, which cannot say the signal is pending for
// the process rather than the thread: that part alone is skipped (evidence
// `<cycle>.after_send.shared_pending.skipped`), the rest is checked.
#include "ipc/case.hpp"
#include "ipc/procfs.hpp"
#include "ipc/signals.hpp"

namespace {

// One cycle: block sig, another process sends it, it stays pending, unblock,
// it is delivered exactly once with the sender's pid. Evidence under `as`.
// `delivered_before` is how many deliveries the process had seen before.
void pending_until_unblocked(int sig, const std::string& as, std::size_t delivered_before) {
    ipc::CaughtSignal caught(sig);
    ipc::BlockedSignals blocked{sig};
    ipc::record_signal_masks(as + ".before_send", ipc::signal_masks(::getpid()));
    CHECK_FALSE(ipc::is_pending(sig));

    // Another process sends it and is gone before we look.
    const pid_t self = ::getpid();
    auto sender = ipc::Child::fork([&] { return ::kill(self, sig) == 0 ? 0 : 1; });
    const pid_t sender_pid = sender.pid();
    auto sent = sender.wait();
    ipc::evidence(as + ".sender_status", sent.describe());
    REQUIRE(sent.exited_with(0));

    auto masks = ipc::signal_masks(::getpid());
    ipc::record_signal_masks(as + ".after_send", masks);
    ipc::evidence(as + ".deliveries_while_blocked", caught.count());
    CHECK(ipc::is_pending(sig));
    CHECK(masks.pending_has(sig));
    if (masks.split_pending) CHECK(masks.shared_pending_has(sig));  // sent to the process, not a thread
    else ipc::skip_part(as + ".after_send.shared_pending", ipc::no_pending_split);
    CHECK(masks.blocked_has(sig));
    CHECK_EQ(caught.count(), 0);

    blocked.unblock();
    ipc::evidence(as + ".deliveries_after_unblock", caught.count());
    masks = ipc::signal_masks(::getpid());
    ipc::record_signal_masks(as + ".after_unblock", masks);
    CHECK_EQ(caught.count(), 1);
    CHECK_FALSE(masks.pending_has(sig));
    auto seen = ipc::deliveries();
    REQUIRE_EQ(seen.size(), delivered_before + 1);
    ipc::evidence(as + ".delivery", ipc::describe(seen.back()));
    CHECK_EQ(seen.back().signo, sig);
    CHECK_EQ(seen.back().pid, sender_pid);
    CHECK_EQ(seen.back().code, SI_USER);
}

}  // namespace

CLAIM("SIG-05", "a blocked signal stays pending and is delivered when unblocked, every time") {
    const int signals[] = {SIGUSR1, SIGUSR1, SIGUSR2, SIGRTMIN + 1};
    std::size_t cycle = 0;
    for (int sig : signals) {
        INFO("cycle " << cycle + 1 << ": " << ipc::any_signal_name(sig));
        pending_until_unblocked(sig, "cycle" + std::to_string(cycle + 1) + "." + ipc::any_signal_name(sig), cycle);
        ++cycle;
    }
}
