// A task as the kernel accounts for it: its state, the syscall it is in,
// where it waits (wchan) and how often it gave up the CPU, from
// /proc/PID/{stat,syscall,wchan,status}. What the case layer observes
// blocking with (ipc/blocking.hpp), and the grader describes a program with.
#pragma once
#include <string>
#include <sys/types.h>

namespace ipc {

// Where the snapshot's facts came from, strongest first: /proc/PID/syscall,
// the state alone (gVisor has no /proc/PID/syscall), nothing.
enum class BlockingSource { ProcSyscall, ProcState, None };
// "proc-syscall", "proc-state", "none"
const char* source_name(BlockingSource source);

struct TaskSnapshot {
    BlockingSource source = BlockingSource::None;
    char state = '?';          // R, S, D, T, Z ... from /proc/PID/stat
    long syscall = -2;         // the syscall it is in; -1 none (user space), -2 running/unknown
    std::string syscall_line;  // /proc/PID/syscall as read
    std::string wchan;         // "pipe_write", "do_msgrcv" ...; names vary by kernel
    long long voluntary_switches = -1;

    bool asleep() const { return state == 'S' || state == 'D'; }
    // Asleep in syscall nr; with the state alone, asleep in some syscall.
    bool asleep_in(long nr) const { return asleep() && (source == BlockingSource::ProcState || syscall == nr); }
    // "S in write (nr 1), wchan pipe_write"
    std::string describe() const;
};

TaskSnapshot snapshot(pid_t tid);

// The name of syscall nr on this architecture ("write"), or "nr N".
std::string syscall_name(long nr);

}  // namespace ipc
