// SIG-09 (edge; kill(2) "If sig is 0, then no signal is sent, but existence
// and permission checks are still performed", ERRORS ESRCH, EPERM):
// kill(pid, 0) fails with ESRCH when no process has that pid, and with EPERM
// when the process belongs to another user (the caller lacking CAP_KILL).
// As root the probing child drops to nobody (65534) and probes the root case;
// otherwise it probes a process of another user found in /proc, if any.
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>

#include "ipc/case.hpp"
#include "ipc/reporting_child.hpp"

namespace {

// The real uid on the "Uid:" line of /proc/PID/status, or -1.
long real_uid_of(pid_t pid) {
    auto text = ipc::read_text("/proc/" + std::to_string(pid) + "/status");
    if (!text) return -1;
    auto at = text->find("\nUid:");
    return at == std::string::npos ? -1 : std::stol(text->substr(at + 5));
}

// A live process whose real uid is not ours (pid 1 first), or 0.
pid_t process_of_another_user() {
    if (real_uid_of(1) >= 0 && real_uid_of(1) != ::getuid()) return 1;
    DIR* proc = ::opendir("/proc");
    if (!proc) return 0;
    pid_t found = 0;
    while (auto* e = ::readdir(proc)) {
        pid_t pid = static_cast<pid_t>(std::atoi(e->d_name));
        long uid = pid > 0 ? real_uid_of(pid) : -1;
        if (uid >= 0 && uid != ::getuid()) {
            found = pid;
            break;
        }
    }
    ::closedir(proc);
    return found;
}
// What the prober, dropped to nobody, saw of kill(root_pid, 0).
struct Probe {
    long result;
    int err;
    long uid, gid;
};

// As root: a child that dropped to nobody probes the root case: EPERM.
void probe_root_as_nobody() {
    const pid_t root_pid = ::getpid();
    auto prober = ipc::ReportingChild::fork([&](Probe& r) {
        if (ipc::drop_to_nobody() != 0) return 77;
        errno = 0;
        r.result = ::kill(root_pid, 0);
        r.err = r.result < 0 ? errno : 0;
        r.uid = ::getuid();
        r.gid = ::getgid();
        return 0;
    });
    auto done = prober.finish();
    if (done.status.exited_with(77)) ipc::skip("root, but cannot drop to uid/gid 65534 (no CAP_SETUID/CAP_SETGID?)");
    REQUIRE(done.status.exited_with(0));
    auto r = done.as<Probe>();
    REQUIRE(r);
    ipc::evidence("prober_credentials", "uid " + std::to_string(r->uid) + " gid " + std::to_string(r->gid));
    ipc::evidence("target", "the case itself, pid " + std::to_string(root_pid) + " uid " + std::to_string(::getuid()));
    ipc::evidence("kill(root_process, 0)_as_nobody", std::to_string(r->result) + " (" + ipc::errno_name(r->err) + ")");
    CHECK_EQ(r->uid, static_cast<long>(ipc::nobody_uid));
    CHECK_EQ(r->result, -1);
    CHECK_EQ(ipc::errno_name(r->err), "EPERM");
}

// Not root: a process of another user found in /proc, probed: EPERM.
void probe_another_users_process() {
    const pid_t other = process_of_another_user();
    if (!other) {
        const auto overflow = ipc::read_number("/proc/sys/kernel/overflowuid").value_or(-1);
        if (overflow == ::getuid())
            ipc::skip("not root, and in this user namespace every other user's uid reads as the overflow uid " +
                      std::to_string(overflow) + ", which is our own: no process is known to be another user's");
        ipc::skip("not root and no process of another user is visible in /proc");
    }
    ipc::evidence("target", "pid " + std::to_string(other) + " uid " + std::to_string(real_uid_of(other)));
    ipc::evidence("kill(other_user_process, 0)", ipc::describe(ipc::capture([&] { return ::kill(other, 0); })));
    CHECK_FAILS_WITH(::kill(other, 0), EPERM);
}

}  // namespace

CLAIM("SIG-09", "kill(pid, 0) fails with ESRCH for no such process and EPERM for another user's") {
    // ESRCH: a child that has exited and been reaped leaves no process behind.
    auto gone = ipc::Child::fork([] { return 0; });
    const pid_t gone_pid = gone.pid();
    REQUIRE(gone.wait().exited_with(0));
    ipc::evidence("reaped_child_pid", gone_pid);
    ipc::evidence("kill(reaped_child, 0)", ipc::describe(ipc::capture([&] { return ::kill(gone_pid, 0); })));
    CHECK_FAILS_WITH(::kill(gone_pid, 0), ESRCH);
    CHECK_SUCCEEDS(::kill(::getpid(), 0));  // a process we may signal: 0

    // EPERM: a probe across users.
    const char* isolation = std::getenv("IPC_CLAIMS_ISOLATION");
    ipc::evidence("isolation", isolation ? isolation : "none (run directly)");
    ipc::evidence("uid", ::getuid());
    if (::geteuid() == 0) probe_root_as_nobody();
    else probe_another_users_process();
}
