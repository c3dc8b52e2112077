// Blocking, observed: the kernel's account of where a task sleeps, read from
// /proc/PID/stat (state), /proc/PID/syscall (syscall number and arguments),
// /proc/PID/wchan (the kernel function it waits in) and /proc/PID/status
// (voluntary context switches). No sleep-and-hope.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <sys/types.h>
#include "ipc/process.hpp"

namespace ipc {

struct TaskSnapshot {
    char state = '?';          // R, S, D, T, Z ... from /proc/PID/stat
    long syscall = -2;         // the syscall it is in; -1 none (user space), -2 running/unknown
    std::string syscall_line;  // /proc/PID/syscall as read
    std::string wchan;         // "pipe_write", "do_msgrcv" ...; names vary by kernel
    long long voluntary_switches = -1;

    bool asleep_in(long nr) const { return (state == 'S' || state == 'D') && syscall == nr; }
    // "S in write (nr 1), wchan pipe_write"
    std::string describe() const;
};

TaskSnapshot snapshot(pid_t tid);

// Waits until tid sleeps inside syscall nr and stays there: two samples in a
// row asleep in nr with no context switch between them. nullopt when that is
// not seen before the deadline (the task never blocked, or kept running).
std::optional<TaskSnapshot> await_blocked_in(pid_t tid, long nr,
                                             std::chrono::milliseconds deadline = default_deadline);

// True if tid is still asleep in the same syscall, not woken since `seen`.
bool still_blocked(pid_t tid, const TaskSnapshot& seen);

// Records state, syscall and wchan of a blocked task as evidence under prefix
// ("writer_blocked" -> writer_blocked.syscall, writer_blocked.wchan ...).
void record_blocked(const std::string& prefix, const TaskSnapshot& seen);

// The name of syscall nr on this architecture ("write"), or "nr N".
std::string syscall_name(long nr);

}  // namespace ipc
