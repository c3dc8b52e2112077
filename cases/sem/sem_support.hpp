// The small vocabulary of the semaphore cases (cases/sem): a set's values and
// wait counts as the kernel reports them (GETVAL, GETNCNT, GETZCNT, GETPID),
// one semaphore of a set under test, and a task observed asleep in semop.
#pragma once
#include <linux/capability.h>
#include <optional>
#include <sstream>
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

// A claim about one semaphore of a set holds for any of them, and leaves the
// others alone: a set of `size` with semaphore `num` at `value` and every
// other at others_value, which the claim must not change.
inline constexpr int others_value = 7;
inline ipc::SemSet set_with_one_under_test(int size, int num, int value) {
    auto set = ipc::SemSet::create(size);
    for (int k = 0; k < size; ++k) set.set_value(k, k == num ? value : others_value);
    return set;
}
inline void check_others_unchanged(const ipc::SemSet& set, int size, int num) {
    for (int k = 0; k < size; ++k)
        if (k != num) CHECK_MESSAGE(set.value(k) == others_value, "semaphore " << k << " changed");
}

using ipc::outcome_of;  // "ok", or the errno name: a value for an ipc::Report

// The claim's task is seen asleep in semop (ipc::require_blocked_in),
// recorded under `as`. glibc's semop(3) enters the kernel as semop(2) or as
// semtimedop(2) without a timeout (glibc 2.31 and later on most
// architectures): the task is found asleep in whichever it is.
inline ipc::TaskSnapshot require_blocked_in_semop(pid_t pid, const std::string& as) {
    return ipc::require_blocked_in(pid, {SYS_semop, SYS_semtimedop}, as);
}

// kernel.sem, the four limits in the order the file gives them.
struct Limits {
    long long semmsl = 0, semmns = 0, semopm = 0, semmni = 0;
    std::string text() const {
        return std::to_string(semmsl) + " " + std::to_string(semmns) + " " + std::to_string(semopm) + " " +
               std::to_string(semmni);
    }
};
inline const std::string sem_sysctl = "/proc/sys/kernel/sem";
// kernel.sem as this IPC namespace has it; nullopt when it cannot be read.
inline std::optional<Limits> read_limits() {
    auto text = ipc::read_text(sem_sysctl);
    if (!text) return std::nullopt;
    std::istringstream in(*text);
    Limits l;
    if (!(in >> l.semmsl >> l.semmns >> l.semopm >> l.semmni)) return std::nullopt;
    return l;
}
// kernel.sem of the case, recorded as evidence; unreadable is a broken setup.
inline Limits limits() {
    auto l = read_limits();
    if (!l) ipc::broken("cannot read " + sem_sysctl);
    ipc::evidence(sem_sysctl, l->text());
    return *l;
}

// semctl(IPC_INFO): the limits as the kernel reports them (semvmx, semaem
// among them, which are no sysctl).
inline seminfo ipc_info() {
    seminfo info{};
    ipc::must(::semctl(0, 0, IPC_INFO, &info), "semctl(IPC_INFO)");
    return info;
}

// semctl(2) as the kernel takes it, the fourth argument passed as it is (a
// bad pointer reaches the kernel, not glibc).
inline long semctl_raw(int semid, int semnum, int cmd, const void* arg) {
    return ::syscall(SYS_semctl, semid, semnum, cmd, arg);
}

}  // namespace semcase
