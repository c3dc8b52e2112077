// SIG-15 (edge; kill(2) ERRORS: EINVAL "An invalid signal was specified",
// ESRCH "The target process or process group does not exist"; NOTES: Linux
// answers kill(INT_MIN, sig) with ESRCH, -INT_MIN having no value): kill()
// with a signal number outside 0..SIGRTMAX fails with EINVAL (nothing is
// sent), kill(INT_MIN, sig) fails with ESRCH, and so does kill(-pgid, sig)
// for a process group with no member (the group of a reaped child).
#include <climits>

#include "ipc/case.hpp"
#include "ipc/signals.hpp"

CLAIM("SIG-15", "kill fails with EINVAL for an invalid signal and ESRCH for INT_MIN or an empty group") {
    ipc::BlockedSignals blocked{SIGUSR1, SIGRTMAX};
    for (int sig : {-1, SIGRTMAX + 1, 200, INT_MAX}) {
        CAPTURE(sig);
        ipc::evidence("kill(self," + std::to_string(sig) + ")",
                      ipc::describe(ipc::capture([&] { return ::kill(::getpid(), sig); })));
        CHECK_FAILS_WITH(::kill(::getpid(), sig), EINVAL);
    }
    // The last valid number is accepted (blocked here, and taken back).
    CHECK_SUCCEEDS(::kill(::getpid(), SIGRTMAX));
    sigset_t rt = ipc::signal_set({SIGRTMAX});
    timespec none{0, 0};
    CHECK_EQ(::sigtimedwait(&rt, nullptr, &none), SIGRTMAX);

    ipc::evidence("kill(INT_MIN,0)", ipc::describe(ipc::capture([&] { return ::kill(INT_MIN, 0); })));
    CHECK_FAILS_WITH(::kill(INT_MIN, 0), ESRCH);
    CHECK_FAILS_WITH(::kill(INT_MIN, SIGUSR1), ESRCH);

    auto gone = ipc::Child::fork([] { return 0; });
    const pid_t gone_pid = gone.pid();
    REQUIRE(gone.wait().exited_with(0));
    ipc::evidence("empty_group", gone_pid);
    ipc::evidence("kill(-empty_group,SIGUSR1)",
                  ipc::describe(ipc::capture([&] { return ::kill(-gone_pid, SIGUSR1); })));
    CHECK_FAILS_WITH(::kill(-gone_pid, SIGUSR1), ESRCH);
    CHECK_FAILS_WITH(::kill(-gone_pid, 0), ESRCH);
    CHECK_FALSE(ipc::is_pending(SIGUSR1));  // nothing reached us on the way
}
