// SIG-05 (edge; signal(7) "Signal mask and pending signals", sigpending(2),
// sigprocmask(2)): a signal sent to a process that blocks it is not lost and
// not delivered: it stays pending (sigpending(), ShdPnd in /proc) until the
// process unblocks it, and is delivered then.
#include "ipc/case.hpp"
#include "ipc/signals.hpp"

CLAIM("SIG-05", "a blocked signal stays pending and is delivered when unblocked") {
    ipc::CaughtSignal caught(SIGUSR1);
    ipc::BlockedSignals blocked{SIGUSR1};
    ipc::record_signal_masks("before_send", ipc::signal_masks(::getpid()));
    CHECK_FALSE(ipc::is_pending(SIGUSR1));

    // Another process sends it and is gone before we look.
    const pid_t self = ::getpid();
    auto sender = ipc::Child::fork([&] { return ::kill(self, SIGUSR1) == 0 ? 0 : 1; });
    const pid_t sender_pid = sender.pid();
    auto sent = sender.wait();
    ipc::evidence("sender_status", sent.describe());
    REQUIRE(sent.exited_with(0));

    auto masks = ipc::signal_masks(::getpid());
    ipc::record_signal_masks("after_send", masks);
    ipc::evidence("deliveries_while_blocked", caught.count());
    CHECK(ipc::is_pending(SIGUSR1));
    CHECK(masks.shared_pending_has(SIGUSR1));
    CHECK(masks.blocked_has(SIGUSR1));
    CHECK_EQ(caught.count(), 0);

    blocked.unblock();
    ipc::evidence("deliveries_after_unblock", caught.count());
    masks = ipc::signal_masks(::getpid());
    ipc::record_signal_masks("after_unblock", masks);
    CHECK_EQ(caught.count(), 1);
    CHECK_FALSE(masks.pending_has(SIGUSR1));
    auto seen = ipc::deliveries();
    REQUIRE_EQ(seen.size(), 1u);
    ipc::evidence("delivery", ipc::describe(seen[0]));
    CHECK_EQ(seen[0].pid, sender_pid);
    CHECK_EQ(seen[0].code, SI_USER);
}
