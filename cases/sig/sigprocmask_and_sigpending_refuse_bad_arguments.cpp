// SIG-13 (edge; sigprocmask(2) ERRORS: EFAULT "the set or oldset argument
// points outside the process's allocated address space", EINVAL "either the
// value specified in how was invalid or the kernel does not support the size
// passed in sigsetsize"; sigpending(2) ERRORS EFAULT): the kernel's
// rt_sigprocmask() refuses a how other than SIG_BLOCK, SIG_UNBLOCK,
// SIG_SETMASK, a sigsetsize other than its own (EINVAL), and unreadable set
// or unwritable oldset (EFAULT), leaving the mask as it was; with both sets
// NULL it succeeds and does nothing. rt_sigpending() refuses an unwritable
// set (EFAULT) and a sigsetsize larger than the kernel's (EINVAL). Made with
// syscall(2), so that glibc's own copying does not stand in the way.
#include "ipc/case.hpp"
#include "ipc/signals.hpp"
#include "sig_support.hpp"

namespace {
std::uint64_t current_mask() {
    std::uint64_t now = 0;
    sigcase::rt_sigprocmask(SIG_BLOCK, nullptr, &now);
    return now;
}
}  // namespace

CLAIM("SIG-13", "rt_sigprocmask and rt_sigpending refuse a bad how, sigsetsize or address") {
    std::uint64_t before = 0;
    REQUIRE_WITH_ERRNO(sigcase::rt_sigprocmask(SIG_BLOCK, nullptr, &before) == 0, "rt_sigprocmask");
    const std::uint64_t usr1 = sigcase::bit(SIGUSR1);
    ipc::evidence("mask_before", ipc::mask_names(before));

    for (int how : {-1, 3, 42}) {
        CAPTURE(how);
        ipc::evidence("how_" + std::to_string(how),
                      ipc::describe(ipc::capture([&] { return sigcase::rt_sigprocmask(how, &usr1, nullptr); })));
        CHECK_FAILS_WITH(sigcase::rt_sigprocmask(how, &usr1, nullptr), EINVAL);
    }
    for (std::size_t size : {std::size_t{0}, std::size_t{4}, std::size_t{16}, std::size_t{43}}) {
        CAPTURE(size);
        std::uint64_t old[2] = {};
        ipc::evidence("sigsetsize_" + std::to_string(size), ipc::describe(ipc::capture([&] {
                          return sigcase::rt_sigprocmask(SIG_BLOCK, &usr1, old, size);
                      })));
        CHECK_FAILS_WITH(sigcase::rt_sigprocmask(SIG_BLOCK, &usr1, old, size), EINVAL);
    }
    ipc::evidence("bad_set", ipc::describe(ipc::capture([&] {
                      return sigcase::rt_sigprocmask(SIG_SETMASK, sigcase::bad_address(), nullptr);
                  })));
    CHECK_FAILS_WITH(sigcase::rt_sigprocmask(SIG_SETMASK, sigcase::bad_address(), nullptr), EFAULT);
    CHECK_FAILS_WITH(sigcase::rt_sigprocmask(SIG_SETMASK, nullptr, sigcase::bad_address()), EFAULT);
    for (int how : {SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK})
        CHECK_SUCCEEDS(sigcase::rt_sigprocmask(how, nullptr, nullptr));

    ipc::evidence("mask_after", ipc::mask_names(current_mask()));
    CHECK_EQ(ipc::mask_names(current_mask()), ipc::mask_names(before));

    ipc::evidence("sigpending_bad_set",
                  ipc::describe(ipc::capture([&] { return sigcase::rt_sigpending(sigcase::bad_address()); })));
    CHECK_FAILS_WITH(sigcase::rt_sigpending(sigcase::bad_address()), EFAULT);
    std::uint64_t pending[2] = {};
    CHECK_FAILS_WITH(sigcase::rt_sigpending(pending, 16), EINVAL);
    CHECK_SUCCEEDS(sigcase::rt_sigpending(pending));
}
