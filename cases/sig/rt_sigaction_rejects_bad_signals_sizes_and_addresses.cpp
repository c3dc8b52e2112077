// SIG-10 (edge; sigaction(2) ERRORS: EINVAL "An invalid signal was
// specified", EFAULT "act or oldact points to memory which is not a valid
// part of the process address space"; "C library/kernel differences": the
// raw rt_sigaction() takes sigsetsize, which must be sizeof(kernel_sigset_t)):
// the kernel's rt_sigaction() refuses, for a query as for a change, signal
// numbers 0, -1 and SIGRTMAX+1 (EINVAL), any sigsetsize but the kernel's
// (EINVAL), and unreadable or unwritable act/oldact (EFAULT); and none of
// these leaves a trace on the disposition. Made with syscall(2): glibc checks
// the signal number itself and never passes another sigsetsize.
#include <climits>

#include "ipc/case.hpp"
#include "ipc/signals.hpp"
#include "sig_support.hpp"

CLAIM("SIG-10", "rt_sigaction refuses bad signal numbers and sigset sizes (EINVAL) and bad addresses (EFAULT)") {
    using sigcase::KernelSigaction;
    ipc::evidence("SIGRTMAX", SIGRTMAX);
    ipc::evidence("kernel_sigset_size", sigcase::kernel_sigset_size);
    KernelSigaction now{};
    REQUIRE_WITH_ERRNO(sigcase::rt_sigaction(SIGUSR1, nullptr, &now) == 0, "rt_sigaction(SIGUSR1) query");
    KernelSigaction catch_it{};
    catch_it.handler = reinterpret_cast<void*>(SIG_IGN);

    for (int sig : {0, -1, SIGRTMAX + 1, INT_MAX}) {
        CAPTURE(sig);
        KernelSigaction out{};
        ipc::evidence("query_signal_" + std::to_string(sig),
                      ipc::describe(ipc::capture([&] { return sigcase::rt_sigaction(sig, nullptr, &out); })));
        CHECK_FAILS_WITH(sigcase::rt_sigaction(sig, nullptr, &out), EINVAL);
        CHECK_FAILS_WITH(sigcase::rt_sigaction(sig, &catch_it, nullptr), EINVAL);
    }
    // The last signal is a signal: the range ends there.
    KernelSigaction last{};
    CHECK_SUCCEEDS(sigcase::rt_sigaction(SIGRTMAX, nullptr, &last));

    for (std::size_t size : {std::size_t{0}, std::size_t{4}, std::size_t{16}, std::size_t{43}}) {
        CAPTURE(size);
        KernelSigaction out{};
        ipc::evidence("sigsetsize_" + std::to_string(size),
                      ipc::describe(ipc::capture([&] { return sigcase::rt_sigaction(SIGTERM, nullptr, &out, size); })));
        CHECK_FAILS_WITH(sigcase::rt_sigaction(SIGTERM, nullptr, &out, size), EINVAL);
        CHECK_FAILS_WITH(sigcase::rt_sigaction(SIGUSR1, &catch_it, nullptr, size), EINVAL);
    }

    ipc::evidence("bad_act", ipc::describe(ipc::capture(
                                 [&] { return sigcase::rt_sigaction(SIGUSR1, sigcase::bad_address(), nullptr); })));
    CHECK_FAILS_WITH(sigcase::rt_sigaction(SIGUSR1, sigcase::bad_address(), nullptr), EFAULT);
    CHECK_FAILS_WITH(sigcase::rt_sigaction(SIGUSR1, nullptr, sigcase::bad_address()), EFAULT);

    // None of the refused changes took effect.
    ipc::evidence("SIGUSR1_after", ipc::disposition(SIGUSR1));
    CHECK_EQ(ipc::disposition(SIGUSR1), "default");
    CHECK_EQ(ipc::disposition(SIGTERM), "default");
}
