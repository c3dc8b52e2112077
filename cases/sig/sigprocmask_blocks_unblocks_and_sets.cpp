// SIG-14 (edge; sigprocmask(2): SIG_BLOCK "The set of blocked signals is the
// union of the current set and the set argument", SIG_UNBLOCK "removed from
// the current set", SIG_SETMASK "set to the argument set"; "If oldset is
// non-NULL, the previous value of the signal mask is stored in oldset";
// "It is not possible to block SIGKILL or SIGSTOP. Attempts to do so are
// silently ignored"): each how changes the kernel's mask as stated and hands
// back the previous one, also when set and oldset are the same buffer (the
// old mask is read before the new one is stored); SIG_SETMASK of every
// signal blocks all but SIGKILL and SIGSTOP. With syscall(2): glibc would
// leave out its own internal signals (32, 33).
#include "ipc/case.hpp"
#include "ipc/signals.hpp"
#include "sig_support.hpp"

namespace {

std::uint64_t mask_now() {
    std::uint64_t now = 0;
    sigcase::rt_sigprocmask(SIG_BLOCK, nullptr, &now);
    return now;
}

// Restores the mask found at the start, however the case ends.
struct KeepMask {
    std::uint64_t saved = 0;
    KeepMask() { sigcase::rt_sigprocmask(SIG_BLOCK, nullptr, &saved); }
    ~KeepMask() { sigcase::rt_sigprocmask(SIG_SETMASK, &saved, nullptr); }
};

}  // namespace

CLAIM("SIG-14", "SIG_BLOCK adds, SIG_UNBLOCK removes, SIG_SETMASK replaces the mask, old mask returned") {
    KeepMask keep;
    const std::uint64_t usr1 = sigcase::bit(SIGUSR1), usr2 = sigcase::bit(SIGUSR2);
    std::uint64_t old = 0;

    REQUIRE_WITH_ERRNO(sigcase::rt_sigprocmask(SIG_SETMASK, &usr1, nullptr) == 0, "rt_sigprocmask");
    ipc::evidence("after_SETMASK_USR1", ipc::mask_names(mask_now()));
    CHECK_EQ(ipc::mask_names(mask_now()), ipc::mask_names(usr1));

    CHECK_SUCCEEDS(sigcase::rt_sigprocmask(SIG_BLOCK, &usr2, &old));
    ipc::evidence("after_BLOCK_USR2", ipc::mask_names(mask_now()));
    ipc::evidence("after_BLOCK_USR2.old", ipc::mask_names(old));
    CHECK_EQ(ipc::mask_names(old), ipc::mask_names(usr1));
    CHECK_EQ(ipc::mask_names(mask_now()), ipc::mask_names(usr1 | usr2));

    CHECK_SUCCEEDS(sigcase::rt_sigprocmask(SIG_UNBLOCK, &usr1, &old));
    ipc::evidence("after_UNBLOCK_USR1", ipc::mask_names(mask_now()));
    CHECK_EQ(ipc::mask_names(old), ipc::mask_names(usr1 | usr2));
    CHECK_EQ(ipc::mask_names(mask_now()), ipc::mask_names(usr2));

    // set and oldset the same buffer: swaps.
    std::uint64_t both = usr1;
    CHECK_SUCCEEDS(sigcase::rt_sigprocmask(SIG_SETMASK, &both, &both));
    ipc::evidence("aliased_SETMASK.old", ipc::mask_names(both));
    ipc::evidence("aliased_SETMASK.now", ipc::mask_names(mask_now()));
    CHECK_EQ(ipc::mask_names(both), ipc::mask_names(usr2));
    CHECK_EQ(ipc::mask_names(mask_now()), ipc::mask_names(usr1));

    const std::uint64_t all = ~std::uint64_t{0};
    CHECK_SUCCEEDS(sigcase::rt_sigprocmask(SIG_SETMASK, &all, nullptr));
    const std::uint64_t got = mask_now();
    ipc::evidence("after_SETMASK_all.missing", ipc::mask_names(~got));
    CHECK_EQ(ipc::mask_names(~got), ipc::mask_names(sigcase::bit(SIGKILL) | sigcase::bit(SIGSTOP)));

    const std::uint64_t none = 0;
    CHECK_SUCCEEDS(sigcase::rt_sigprocmask(SIG_SETMASK, &none, nullptr));
    CHECK_EQ(mask_now(), 0u);
}
