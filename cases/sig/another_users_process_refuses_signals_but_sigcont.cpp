// SIG-16 (edge; kill(2) "For a process to have permission to send a signal,
// it must either be privileged (CAP_KILL), or the real or effective user ID
// of the sending process must equal the real or saved set-user-ID of the
// target process. In the case of SIGCONT, it suffices when the sending and
// receiving processes belong to the same session"; ERRORS EPERM; tgkill(2),
// rt_sigqueueinfo(2), pidfd_send_signal(2) EPERM): a process without CAP_KILL
// (nobody) is refused SIGKILL to another user's process by every call that
// sends one: kill, tgkill, tkill, rt_sigqueueinfo, rt_tgsigqueueinfo and
// pidfd_send_signal (EPERM), and the target lives on; but SIGCONT reaches
// it, the two being in one session, and continues it. The target is a
// stopped child of the root case; the sender a sibling that became nobody.
#include <fcntl.h>
#include <sys/wait.h>

#include "ipc/case.hpp"
#include "ipc/reporting_child.hpp"
#include "ipc/sysctl.hpp"
#include "ipc/signals.hpp"
#include "sig_support.hpp"

CLAIM("SIG-16", "another user's process refuses every signal-sending call (EPERM) but SIGCONT in the same session") {
    if (::geteuid() != 0)
        ipc::skip("needs root to make a process of another user: as uid " + std::to_string(::getuid()) +
                  " there is no process of ours that another uid owns, and signalling a foreign one for real is not "
                  "this case's to do");
    auto target = ipc::Child::fork([] {
        ::raise(SIGSTOP);
        return 0;
    });
    int status = 0;
    REQUIRE_WITH_ERRNO(::waitpid(target.pid(), &status, WUNTRACED) == target.pid(), "waitpid(WUNTRACED)");
    REQUIRE(WIFSTOPPED(status));
    const pid_t t = target.pid();
    const int pidfd = ipc::open_pidfd(t);  // -1 on kernels without pidfd_open
    ipc::evidence("target", "pid " + std::to_string(t) + " uid 0, stopped, same session");

    auto sender = ipc::ReportingChild::fork([&](ipc::Report& r) {
        if (ipc::drop_to_nobody() != 0) return 77;
        r["uid"] = std::to_string(::getuid());
        r["kill(SIGKILL)"] = ipc::outcome_of(::kill(t, SIGKILL));
        r["tgkill(SIGKILL)"] = ipc::outcome_of(::tgkill(t, t, SIGKILL));
        r["tkill(SIGKILL)"] = ipc::outcome_of(sigcase::tkill(t, SIGKILL));
        siginfo_t info{};
        info.si_signo = SIGKILL;
        info.si_code = SI_QUEUE;
        r["rt_sigqueueinfo(SIGKILL)"] = ipc::outcome_of(sigcase::rt_sigqueueinfo(t, SIGKILL, &info));
        r["rt_tgsigqueueinfo(SIGKILL)"] = ipc::outcome_of(sigcase::rt_tgsigqueueinfo(t, t, SIGKILL, &info));
        r["pidfd_send_signal(SIGKILL)"] =
            pidfd < 0 ? "no pidfd" : ipc::outcome_of(::syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, nullptr, 0));
        r["kill(SIGCONT)"] = ipc::outcome_of(::kill(t, SIGCONT));
        return 0;
    });
    auto done = sender.finish("sender_as_nobody");
    if (pidfd >= 0) ::close(pidfd);
    if (done.status.exited_with(77)) ipc::skip("root, but cannot drop to uid/gid 65534 (no CAP_SETUID/CAP_SETGID?)");
    REQUIRE(done.status.exited_with(0));
    CHECK_EQ(done.get("uid"), std::to_string(ipc::nobody_uid));
    for (const char* call : {"kill(SIGKILL)", "tgkill(SIGKILL)", "tkill(SIGKILL)", "rt_sigqueueinfo(SIGKILL)",
                             "rt_tgsigqueueinfo(SIGKILL)"}) {
        CAPTURE(call);
        CHECK_EQ(done.get(call), "EPERM");
    }
    if (done.get("pidfd_send_signal(SIGKILL)") == "ENOSYS" || pidfd < 0)
        ipc::skip_part("pidfd_send_signal", "this kernel has no pidfd_open/pidfd_send_signal");
    else CHECK_EQ(done.get("pidfd_send_signal(SIGKILL)"), "EPERM");
    CHECK_EQ(done.get("kill(SIGCONT)"), "ok");

    // The target was continued by the SIGCONT, and nothing else reached it.
    auto end = target.wait();
    ipc::evidence("target_end", end.describe());
    CHECK(end.exited_with(0));
}
