// The small vocabulary of the semaphore cases (cases/sem): a set's values and
// wait counts as the kernel reports them (GETVAL, GETNCNT, GETZCNT, GETPID),
// and a task observed asleep in semop.
#pragma once
#include <chrono>
#include <poll.h>
#include <string>
#include <sys/syscall.h>

#include "ipc/case.hpp"
#include "ipc/reporting_child.hpp"

namespace semcase {

// One semctl query of semaphore num (GETVAL, GETNCNT, GETZCNT, GETPID).
inline int query(int semid, int num, int cmd) {
    return static_cast<int>(ipc::must(::semctl(semid, num, cmd), "semctl(GET...)"));
}
inline int ncnt(int semid, int num) { return query(semid, num, GETNCNT); }
inline int zcnt(int semid, int num) { return query(semid, num, GETZCNT); }

// Records semaphore num under prefix: prefix.semid, .semnum, .semval,
// .semncnt, .semzcnt, .sempid.
inline void record(const std::string& prefix, int semid, int num) {
    ipc::evidence(prefix + ".semid", semid);
    ipc::evidence(prefix + ".semnum", num);
    ipc::evidence(prefix + ".semval", query(semid, num, GETVAL));
    ipc::evidence(prefix + ".semncnt", query(semid, num, GETNCNT));
    ipc::evidence(prefix + ".semzcnt", query(semid, num, GETZCNT));
    ipc::evidence(prefix + ".sempid", query(semid, num, GETPID));
}

// "ok", or the errno name of a failed semop: a value for an ipc::Report.
inline std::string outcome_of(int rc) { return rc == -1 ? ipc::errno_name(errno) : "ok"; }

// Waits until pid sleeps in semop and stays there, and records the kernel's
// account of it (state, syscall, wchan) under `as`; the claim fails if it
// never does. glibc's semop(3) enters the kernel as semop(2) or as
// semtimedop(2) without a timeout (glibc 2.31 and later on most
// architectures): the task is found asleep in whichever it is.
inline ipc::TaskSnapshot observe_blocked_in_semop(pid_t pid, const std::string& as) {
    const auto until = std::chrono::steady_clock::now() + ipc::default_deadline;
    long nr = -1;
    while (nr < 0 && std::chrono::steady_clock::now() < until) {
        auto now = ipc::snapshot(pid);
        if (now.state == 'Z' || now.state == '?') break;  // gone: it will never block
        for (long candidate : {static_cast<long>(SYS_semop), static_cast<long>(SYS_semtimedop)})
            if (now.asleep_in(candidate)) nr = candidate;
        if (nr < 0) ::poll(nullptr, 0, 1);  // poll interval between two readings of /proc
    }
    auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
    auto seen = nr < 0 ? std::nullopt : ipc::await_blocked_in(pid, nr, std::max(remaining, std::chrono::milliseconds(1)));
    REQUIRE_MESSAGE(seen, as << ": never blocked in semop: " << ipc::snapshot(pid).describe());
    ipc::record_blocked(as, *seen);
    return *seen;
}

}  // namespace semcase
