// Blocking, observed: the kernel's account of where a task sleeps, read from
// /proc/PID/stat (state), /proc/PID/syscall (syscall number and arguments),
// /proc/PID/wchan (the kernel function it waits in) and /proc/PID/status
// (voluntary context switches). No sleep-and-hope.
#pragma once
#include <chrono>
#include <functional>
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

// ---- Events that must NOT happen -------------------------------------------
// Some faults take a while to show: a read ended by an idle timer, an object
// removed by a cleanup process a few ms after its creator exits. A case
// watches for such an event for the observation window: 500 ms, or
// $IPC_CLAIMS_WINDOW_MS; recorded once as evidence (observation_window_ms).
// Waiting there is observation, not synchronisation: nothing is expected to
// happen, and a case only fails if something does.
std::chrono::milliseconds observation_window();

// How a watch over the window ended: `held` for the whole window, or broke
// after `after` (the first sample that found `holds` false).
struct WindowWatch {
    bool held = false;
    std::chrono::milliseconds after{0};
    // "held for the whole window (500 ms)", "broke after 302 ms"
    std::string describe() const;
};

// Samples `holds` every few ms over the observation window, stopping at the
// first false. When wake_fd >= 0 (a child's report pipe, a pidfd) it is
// polled between samples, so that the watch notices at once when it becomes
// readable, which counts as broken too.
WindowWatch holds_for_window(const std::function<bool()>& holds, int wake_fd = -1);

// Leaves the kernel's objects alone for the observation window: for claims
// that an object persists untouched (a cleanup process, an idle reaper, would
// strike now), checked by the case afterwards. Records <what>.left_alone_ms.
void leave_alone_for_window(const std::string& what);

// A task seen blocked (await_blocked_in) stays blocked for the whole
// observation window: its process does not end (pidfd) and it is still asleep
// in the same syscall, not woken since `seen`. Records <prefix>.window.
bool stays_blocked(pid_t tid, const TaskSnapshot& seen, const std::string& prefix);

// Records state, syscall and wchan of a blocked task as evidence under prefix
// ("writer_blocked" -> writer_blocked.syscall, writer_blocked.wchan ...).
void record_blocked(const std::string& prefix, const TaskSnapshot& seen);

// The name of syscall nr on this architecture ("write"), or "nr N".
std::string syscall_name(long nr);

}  // namespace ipc
