// SIG-12 (edge; sigaction(2) sa_mask "a mask of signals which should be
// blocked during execution of the signal handler. In addition, the signal
// which triggered the handler will be blocked, unless the SA_NODEFER flag is
// used"; signal(7) "Execution of signal handlers"): while a handler runs, its
// signal and its sa_mask are blocked, and the mask found before is restored
// when it returns; the same signal raised inside the handler waits until the
// handler returns. With SA_NODEFER the signal is not blocked: raised inside
// the handler it runs the handler again at once, nested.
#include "ipc/case.hpp"
#include "ipc/signals.hpp"

namespace {

volatile sig_atomic_t depth = 0;
volatile sig_atomic_t deepest = 0;
volatile sig_atomic_t calls = 0;
std::uint64_t mask_in_handler = 0;

void handler(int sig) {
    calls = calls + 1;
    depth = depth + 1;
    if (depth > deepest) deepest = depth;
    if (calls == 1) {  // the first call only raises again
        sigset_t mask;
        ::sigemptyset(&mask);
        ::sigprocmask(SIG_BLOCK, nullptr, &mask);
        mask_in_handler = ipc::to_mask(mask);
        ::raise(sig);  // nested now (SA_NODEFER), or after the return
    }
    depth = depth - 1;
}

struct Run {
    int calls;
    int deepest;
    std::uint64_t mask_in_handler;
    std::uint64_t mask_after;
};

Run run_with(int flags) {
    struct sigaction act {};
    struct sigaction old {};
    act.sa_handler = handler;
    act.sa_flags = flags;
    ::sigemptyset(&act.sa_mask);
    ::sigaddset(&act.sa_mask, SIGUSR2);
    REQUIRE_WITH_ERRNO(::sigaction(SIGUSR1, &act, &old) == 0, "sigaction(SIGUSR1)");
    calls = 0;
    deepest = 0;
    mask_in_handler = 0;
    ::raise(SIGUSR1);
    sigset_t after;
    ::sigemptyset(&after);
    ::sigprocmask(SIG_BLOCK, nullptr, &after);
    ::sigaction(SIGUSR1, &old, nullptr);
    return {calls, deepest, mask_in_handler, ipc::to_mask(after)};
}

void record(const std::string& prefix, const Run& r) {
    ipc::evidence(prefix + ".handler_calls", r.calls);
    ipc::evidence(prefix + ".deepest_nesting", r.deepest);
    ipc::evidence(prefix + ".blocked_in_handler", ipc::mask_names(r.mask_in_handler));
    ipc::evidence(prefix + ".blocked_after", ipc::mask_names(r.mask_after));
}

}  // namespace

CLAIM("SIG-12", "a handler runs with its signal and sa_mask blocked, unless SA_NODEFER") {
    const Run deferred = run_with(0);
    record("without_SA_NODEFER", deferred);
    CHECK((deferred.mask_in_handler & ipc::signal_bit(SIGUSR1)) != 0);
    CHECK((deferred.mask_in_handler & ipc::signal_bit(SIGUSR2)) != 0);
    CHECK_EQ(deferred.calls, 2);    // the raise inside ran after the return ...
    CHECK_EQ(deferred.deepest, 1);  // ... not nested
    CHECK_EQ(deferred.mask_after & (ipc::signal_bit(SIGUSR1) | ipc::signal_bit(SIGUSR2)), 0u);

    const Run nodefer = run_with(SA_NODEFER);
    record("with_SA_NODEFER", nodefer);
    CHECK_EQ(nodefer.mask_in_handler & ipc::signal_bit(SIGUSR1), 0u);
    CHECK((nodefer.mask_in_handler & ipc::signal_bit(SIGUSR2)) != 0);  // sa_mask still applies
    CHECK_EQ(nodefer.calls, 2);
    CHECK_EQ(nodefer.deepest, 2);  // nested
    CHECK_EQ(nodefer.mask_after & (ipc::signal_bit(SIGUSR1) | ipc::signal_bit(SIGUSR2)), 0u);
}
