// SIG-19 (edge; rt_sigqueueinfo(2) "a process can't send a signal [with
// si_code] >= 0 or SI_TKILL ... to another process", ERRORS: EPERM "The
// caller does not have permission to send the signal to the target", EINVAL
// "sig ... was invalid", ESRCH "No thread group matching tgid was found";
// the same for rt_tgsigqueueinfo): to another process, rt_sigqueueinfo with
// si_code SI_USER, SI_KERNEL or SI_TKILL fails with EPERM and sends nothing;
// an invalid signal fails with EINVAL, a reaped pid with ESRCH; SI_QUEUE is
// delivered with the value given (the target takes it with sigtimedwait).
// A process may queue any si_code to itself.
#include <fcntl.h>

#include "ipc/case.hpp"
#include "ipc/reporting_child.hpp"
#include "ipc/signals.hpp"
#include "sig_support.hpp"

namespace {
siginfo_t info_with(int code, int sig = SIGUSR1, int value = 0) {
    siginfo_t info{};
    info.si_signo = sig;
    info.si_code = code;
    info.si_pid = ::getpid();
    info.si_uid = ::getuid();
    info.si_value.sival_int = value;
    return info;
}
struct Taken {
    int signo;
    int code;
    int value;
    int more;  // a second signal was pending after the first
};
}  // namespace

CLAIM("SIG-19", "rt_sigqueueinfo refuses a forged si_code to another process (EPERM) and delivers SI_QUEUE") {
    ipc::BlockedSignals blocked{SIGUSR1};  // the target inherits the mask
    auto target = ipc::ReportingChild::fork([](Taken& r) {
        sigset_t set = ipc::signal_set({SIGUSR1});
        timespec deadline{ipc::default_deadline.count() / 1000, 0};
        siginfo_t info{};
        r.signo = ::sigtimedwait(&set, &info, &deadline);
        r.code = info.si_code;
        r.value = info.si_value.sival_int;
        timespec none{0, 0};
        r.more = ::sigtimedwait(&set, &info, &none) > 0;
        return 0;
    });
    const pid_t t = target.pid();
    for (int code : {SI_USER, SI_KERNEL, SI_TKILL}) {
        const siginfo_t forged = info_with(code);
        const std::string name = ipc::si_code_name(SIGUSR1, code);
        ipc::evidence("rt_sigqueueinfo(other," + name + ")",
                      ipc::describe(ipc::capture([&] { return sigcase::rt_sigqueueinfo(t, SIGUSR1, &forged); })));
        CAPTURE(name);
        CHECK_FAILS_WITH(sigcase::rt_sigqueueinfo(t, SIGUSR1, &forged), EPERM);
        CHECK_FAILS_WITH(sigcase::rt_tgsigqueueinfo(t, t, SIGUSR1, &forged), EPERM);
    }
    const siginfo_t queued = info_with(SI_QUEUE, SIGUSR1, 7);
    for (int sig : {-1, SIGRTMAX + 1}) {
        CAPTURE(sig);
        CHECK_FAILS_WITH(sigcase::rt_sigqueueinfo(t, sig, &queued), EINVAL);
    }
    auto gone = ipc::Child::fork([] { return 0; });
    const pid_t gone_pid = gone.pid();
    REQUIRE(gone.wait().exited_with(0));
    ipc::evidence("rt_sigqueueinfo(reaped)",
                  ipc::describe(ipc::capture([&] { return sigcase::rt_sigqueueinfo(gone_pid, SIGUSR1, &queued); })));
    CHECK_FAILS_WITH(sigcase::rt_sigqueueinfo(gone_pid, SIGUSR1, &queued), ESRCH);

    REQUIRE_WITH_ERRNO(sigcase::rt_sigqueueinfo(t, SIGUSR1, &queued) == 0, "rt_sigqueueinfo(SI_QUEUE)");
    auto done = target.finish();
    auto r = done.as<Taken>();
    REQUIRE_MESSAGE(r, "the target sent no report: " << done.status.describe());
    ipc::evidence("target_took", ipc::any_signal_name(r->signo) + " " + ipc::si_code_name(r->signo, r->code) +
                                     " value " + std::to_string(r->value));
    ipc::evidence("target_found_more", r->more != 0);
    CHECK_EQ(r->signo, SIGUSR1);
    CHECK_EQ(r->code, SI_QUEUE);
    CHECK_EQ(r->value, 7);
    CHECK_FALSE(r->more);  // none of the refused ones was queued

    // To itself a process may send what it likes.
    const siginfo_t own = info_with(SI_USER);
    CHECK_SUCCEEDS(sigcase::rt_sigqueueinfo(::getpid(), SIGUSR1, &own));
    sigset_t set = ipc::signal_set({SIGUSR1});
    siginfo_t got{};
    timespec none{0, 0};
    CHECK_EQ(::sigtimedwait(&set, &got, &none), SIGUSR1);
    ipc::evidence("to_itself", ipc::si_code_name(SIGUSR1, got.si_code));
    CHECK_EQ(got.si_code, SI_USER);
}
