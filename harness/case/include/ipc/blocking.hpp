// Blocking, observed: the kernel's account of where a task sleeps, read from
// /proc/PID/stat (state), /proc/PID/syscall (syscall number and arguments),
// /proc/PID/wchan (the kernel function it waits in) and /proc/PID/status
// (voluntary context switches). No sleep-and-hope.
//
// The sources degrade in order, strongest first, and the evidence says which
// one was used (blocking_source):
//   proc-syscall  the syscall the task sleeps in (and wchan, switches);
//   proc-state    state S or D only (gVisor has no /proc/PID/syscall): the
//                 task must stay asleep through the whole observation window,
//                 and the case's own checks show the call made no progress;
//   none          no /proc/PID/stat either: the case SKIPs ("cannot observe
//                 blocking here"), never FAILs.
#pragma once
#include <chrono>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <sys/types.h>
#include "ipc/process.hpp"
#include "ipc/task.hpp"

namespace ipc {

// Waits until tid sleeps inside syscall nr and stays there: two samples in a
// row asleep in nr with no context switch between them (proc-syscall), or
// asleep through the whole observation window (proc-state). nullopt when that
// is not seen before the deadline (the task never blocked, or kept running).
// SKIPs the case when this system shows no task state at all. Records the
// source of this observation as evidence (blocking_source).
std::optional<TaskSnapshot> await_blocked_in(pid_t tid, long nr, std::chrono::milliseconds deadline = default_deadline);
// The same for a call that enters the kernel as one of several syscalls
// (glibc's semop(3) is semop(2) or semtimedop(2)): asleep in any of them.
std::optional<TaskSnapshot> await_blocked_in(pid_t tid, std::initializer_list<long> any_of,
                                             std::chrono::milliseconds deadline = default_deadline);

// The step every blocking claim starts with: waits (await_blocked_in) until
// tid sleeps in nr, records the kernel's account of it under prefix
// (record_blocked) and returns it; the claim fails ("<prefix>: never blocked
// in write: <what the task was doing>") when it never does.
//   auto blocked = ipc::require_blocked_in(writer.pid(), SYS_write, "writer_blocked");
//   CHECK(ipc::stays_blocked(writer.pid(), blocked, "writer_blocked"));
TaskSnapshot require_blocked_in(pid_t tid, long nr, const std::string& prefix);
TaskSnapshot require_blocked_in(pid_t tid, std::initializer_list<long> any_of, const std::string& prefix);

// True once tid has been woken since `seen`: at once from the switch count
// (proc-syscall); with the state alone a woken task may read S until it
// runs, so then it is waited for (default deadline) to leave the sleep.
bool woke_since(pid_t tid, const TaskSnapshot& seen);

// True if tid is still asleep in the same syscall, not woken since `seen`
// (with the state alone: still asleep).
bool still_blocked(pid_t tid, const TaskSnapshot& seen);

// ---- Timeouts ----------------------------------------------------------------
// How far a call's timeout, measured by the case's own clock around the call,
// may seem to fall short without the kernel having given up early: in a TCG
// guest on a loaded host the kernel's timer and the clock user space reads
// were seen to disagree by 5 ms (SEM-10's 200 ms semtimedop returned after
// 195 ms, on Debian's 5.10 under qemu). A call that does not wait at all, the
// fault such checks are for, is far outside it.
inline constexpr std::chrono::milliseconds timer_tolerance{20};

// ---- Events that must NOT happen -------------------------------------------
// Some faults take a while to show: a read ended by an idle timer, an object
// removed by a cleanup process a few ms after its creator exits. A case
// watches for such an event for the observation window: 300 ms, or
// $IPC_CLAIMS_WINDOW_MS; recorded once as evidence (observation_window_ms).
// The late faults the suite knows strike after 100 ms (tests/faults: a
// reaper, a queue emptied after its sender exits), well inside it.
// Waiting there is observation, not synchronisation: nothing is expected to
// happen, and a case only fails if something does.
std::chrono::milliseconds observation_window();

// How a watch over the window ended: `held` for the whole window, or broke
// after `after` (the first sample that found `holds` false).
struct WindowWatch {
    bool held = false;
    std::chrono::milliseconds after{0};
    // "held for the whole window (300 ms)", "broke after 302 ms"
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
// ("writer_blocked" -> writer_blocked.syscall, writer_blocked.wchan ...), and
// the source they came from (writer_blocked.source).
void record_blocked(const std::string& prefix, const TaskSnapshot& seen);

}  // namespace ipc
