// SIG-28 (edge; pidfd_send_signal(2) "sends the signal sig to the target
// process referred to by pidfd", "If info is NULL, this is equivalent to
// specifying a pointer to a siginfo_t buffer whose fields match the values
// that are implicitly supplied when a signal is sent using kill(2)", ERRORS:
// EINVAL "flags is not 0", EINVAL "sig is not a valid signal", EINVAL "the
// signal number in info->si_signo does not match sig", EBADF "pidfd is not
// a valid PID file descriptor", EPERM "The calling process does not have
// permission to send the signal ... or info->si_code is invalid", ESRCH "The
// target process does not exist"): through a pidfd of a child, a signal
// arrives as kill's would (SI_USER, our pid), and with an SI_QUEUE info its
// value; flags other than 0, an invalid signal, or an info naming another
// signal fail with EINVAL; a regular file's fd with EBADF; a forged si_code
// with EPERM; and once the child is reaped, ESRCH. SKIPs where the kernel
// has no pidfd_open or pidfd_send_signal (ENOSYS, before Linux 5.3 / 5.1).
#include <fcntl.h>
#include <sys/syscall.h>

#include "ipc/case.hpp"
#include "ipc/fd.hpp"
#include "ipc/reporting_child.hpp"
#include "ipc/signals.hpp"
#include "ipc/temp_dir.hpp"

namespace {
long send(int pidfd, int sig, const siginfo_t* info, unsigned flags = 0) {
    return ::syscall(SYS_pidfd_send_signal, pidfd, sig, info, flags);
}
struct Taken {
    int signo[2];
    int code[2];
    int pid[2];
    int value[2];
    int more;
};
}  // namespace

CLAIM("SIG-28", "pidfd_send_signal signals the process of a pidfd and refuses bad flags, fds and infos") {
    ipc::BlockedSignals blocked{SIGUSR1, SIGUSR2};
    auto child = ipc::ReportingChild::fork([](Taken& r) {
        sigset_t set = ipc::signal_set({SIGUSR1, SIGUSR2});
        timespec deadline{ipc::default_deadline.count() / 1000, 0};
        for (int i = 0; i < 2; ++i) {
            siginfo_t info{};
            r.signo[i] = ::sigtimedwait(&set, &info, &deadline);
            r.code[i] = info.si_code;
            r.pid[i] = info.si_pid;
            r.value[i] = info.si_value.sival_int;
        }
        timespec none{0, 0};
        r.more = ::sigtimedwait(&set, nullptr, &none);
        return 0;
    });
    const int raw = ipc::open_pidfd(child.pid());
    REQUIRE_WITH_ERRNO(raw >= 0, "pidfd_open");
    ipc::Fd pidfd(raw);
    auto probe = ipc::capture([&] { return send(raw, 0, nullptr); });
    REQUIRE_WITH_ERRNO(probe.ok() || probe.err != ENOSYS, "pidfd_send_signal");

    siginfo_t queued{};
    queued.si_signo = SIGUSR1;
    queued.si_code = SI_QUEUE;
    queued.si_pid = ::getpid();
    queued.si_uid = ::getuid();
    queued.si_value.sival_int = 42;
    ipc::evidence("flags_99999", ipc::describe(ipc::capture([&] { return send(raw, SIGUSR1, &queued, 99999); })));
    CHECK_FAILS_WITH(send(raw, SIGUSR1, &queued, 99999), EINVAL);
    CHECK_FAILS_WITH(send(raw, SIGRTMAX + 1, nullptr), EINVAL);
    ipc::evidence("info_for_another_signal", ipc::describe(ipc::capture([&] { return send(raw, SIGUSR2, &queued); })));
    CHECK_FAILS_WITH(send(raw, SIGUSR2, &queued), EINVAL);
    siginfo_t forged = queued;
    forged.si_code = SI_USER;
    ipc::evidence("forged_SI_USER", ipc::describe(ipc::capture([&] { return send(raw, SIGUSR1, &forged); })));
    CHECK_FAILS_WITH(send(raw, SIGUSR1, &forged), EPERM);
    ipc::TempDir dir;
    ipc::Fd file(::open((dir.path() + "/plain").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
    ipc::evidence("regular_file_fd", ipc::describe(ipc::capture([&] { return send(file.get(), SIGUSR1, nullptr); })));
    CHECK_FAILS_WITH(send(file.get(), SIGUSR1, nullptr), EBADF);

    CHECK_SUCCEEDS(send(raw, SIGUSR1, nullptr));
    queued.si_signo = SIGUSR2;
    CHECK_SUCCEEDS(send(raw, SIGUSR2, &queued));
    auto done = child.finish();
    auto r = done.as<Taken>();
    REQUIRE_MESSAGE(r, "the child sent no report: " << done.status.describe());
    for (int i = 0; i < 2; ++i)
        ipc::evidence("child_took_" + std::to_string(i + 1),
                      r->signo[i] > 0
                          ? ipc::signal_name(r->signo[i]) + " " + ipc::si_code_name(r->signo[i], r->code[i]) +
                                " from pid " + std::to_string(r->pid[i]) + " value " + std::to_string(r->value[i])
                          : std::string("nothing"));
    CHECK_EQ(r->signo[0], SIGUSR1);
    CHECK_EQ(r->code[0], SI_USER);
    CHECK_EQ(r->pid[0], ::getpid());
    CHECK_EQ(r->signo[1], SIGUSR2);
    CHECK_EQ(r->code[1], SI_QUEUE);
    CHECK_EQ(r->value[1], 42);
    CHECK_LE(r->more, 0);  // nothing refused got through

    ipc::evidence("after_reaped", ipc::describe(ipc::capture([&] { return send(raw, SIGUSR1, nullptr); })));
    CHECK_FAILS_WITH(send(raw, SIGUSR1, nullptr), ESRCH);
}
