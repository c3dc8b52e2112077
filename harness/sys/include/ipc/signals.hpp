// Signal state as the kernel reports it, and small RAII helpers to change it
// for the length of a case: block a set of signals, catch a signal with a
// handler that records every delivery (number, si_code, sender, value).
//
//   ipc::BlockedSignals blocked{SIGUSR1};
//   ipc::CaughtSignal caught(SIGUSR1);
//   ::kill(::getpid(), SIGUSR1);
//   CHECK(ipc::signal_masks(::getpid()).pending_has(SIGUSR1));
//   blocked.unblock();              // pending signals are delivered here
//   CHECK_EQ(caught.count(), 1);
#pragma once
#include <csignal>
#include <cstdint>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>
#include <sys/types.h>

namespace ipc {

// A signal's bit in a /proc/PID/status mask: signal n is bit n-1.
constexpr std::uint64_t signal_bit(int sig) { return std::uint64_t{1} << (sig - 1); }
// "0x0000000000001000"
std::string mask_hex(std::uint64_t mask);
// "SIGUSR1|SIGPIPE|SIGRTMIN+1", "none" for 0.
std::string mask_names(std::uint64_t mask);
// "SIGRTMIN+2" for real-time signals, signal_name() otherwise.
std::string any_signal_name(int sig);

// A process's signal masks, from the strongest source that answers.
//
// Sources, strongest first:
//   "proc-status"  the signal lines of /proc/PID/status (or of
//                  /proc/PID/task/TID/status): the kernel's own account, for
//                  any process, with thread and shared pending apart;
//   "syscalls"     only for the calling thread (the process's main thread
//                  when no tid is given): sigpending(2) for pending,
//                  sigprocmask(2) for blocked, sigaction(2) per signal for
//                  ignored and caught. sigpending() gives the union of the
//                  thread's and the process's pending sets, so `split_pending`
//                  is false and which of the two holds a signal is unknown.
// A process whose /proc lacks the lines (gVisor's /proc/PID/status has no
// SigPnd ... SigCgt) can still report its own masks through the syscalls:
// own_signal_masks() in it, serialize() to the parent, deserialize() there
// (the source then reads "syscalls, reported by the process").
//
// Partial observation. A case whose claim has a part that needs what the
// source in use cannot give (the thread/shared split) still makes every
// other check; that part is recorded as evidence `<part>.skipped = reason`
// (skip_part() in ipc/sysctl.hpp) and the case goes on to its verdict. The
// case ends in SKIP only when the claim's core could not be observed at all.
// FAIL stays reserved for behaviour observed to differ.
struct SignalMasks {
    std::uint64_t pending = 0;         // SigPnd: pending for the thread (the union, when !split_pending)
    std::uint64_t shared_pending = 0;  // ShdPnd: pending for the whole process (0 when !split_pending)
    std::uint64_t blocked = 0;         // SigBlk
    std::uint64_t ignored = 0;         // SigIgn
    std::uint64_t caught = 0;          // SigCgt
    std::string queued;                // SigQ: "queued/limit" for the real user id ("" when unknown)
    std::string source = "proc-status";
    bool split_pending = true;  // pending and shared_pending are known apart

    bool pending_has(int sig) const { return (pending | shared_pending) & signal_bit(sig); }
    // These two need split_pending (check it first, and skip the part
    // otherwise): asked without it they throw std::logic_error, which ends a
    // case as BROKEN, a defect of the case, never a verdict on the kernel.
    bool thread_pending_has(int sig) const;
    bool shared_pending_has(int sig) const;
    bool blocked_has(int sig) const { return blocked & signal_bit(sig); }
    bool ignored_has(int sig) const { return ignored & signal_bit(sig); }
    bool caught_has(int sig) const { return caught & signal_bit(sig); }
};

// Why thread and shared pending cannot be told apart with these masks.
inline constexpr const char* no_pending_split =
    "sigpending(2) gives the union of the thread's and the process's pending signals: "
    "no /proc/PID/status SigPnd/ShdPnd here to tell them apart";
inline constexpr const char* no_other_process_masks = "cannot observe another process's signal masks here";

// The signal lines of a /proc/PID/status text; nullopt when any of SigPnd,
// ShdPnd, SigBlk, SigIgn, SigCgt is missing or not a hex mask.
std::optional<SignalMasks> parse_status_masks(const std::string& status_text);
// The calling thread's masks from the syscalls (source "syscalls").
SignalMasks own_signal_masks();

// The masks of pid (thread tid) from the strongest source: /proc, else the
// syscalls when pid (and tid, or the main thread) is the caller. `why_not`
// says why neither answered.
struct MaskObservation {
    std::optional<SignalMasks> masks;
    std::string why_not;
};
// proc_root is "/proc" but for the harness's own tests.
MaskObservation observe_signal_masks(pid_t pid, pid_t tid = 0, const std::string& proc_root = "/proc");
// (signal_masks() and record_signal_masks(), for cases: ipc/signal_evidence.hpp)

// A process's own masks as one line of fixed length (serialized_masks_size
// bytes, no newline), for a child to send its parent; and back.
inline constexpr std::size_t serialized_masks_size = 5 * 17 + 1;
std::string serialize(const SignalMasks& masks);
std::optional<SignalMasks> deserialize(const std::string& text);

// The calling thread's pending set, from sigpending(2).
sigset_t pending_signals();
bool is_pending(int sig);
// sigset_t as a /proc-style mask (signals 1..64).
std::uint64_t to_mask(const sigset_t& set);
sigset_t signal_set(std::initializer_list<int> sigs);

// Every signal's disposition back to SIG_DFL and an empty signal mask: what
// a process is given before it execs a program under test (a case, a
// student's program). Async-signal-safe, for a child between fork and exec.
void reset_signal_state();

// Blocks sigs for the calling thread (for good) and returns a signalfd that
// reads them, with flags (SFD_CLOEXEC, SFD_NONBLOCK): for a supervisor that
// acts on a signal in its own poll loop, not in a handler. -1 (errno set) if
// the kernel refuses the signalfd.
int block_into_signalfd(std::initializer_list<int> sigs, int flags);

// Blocks sigs for the calling thread until unblock() or destruction, which
// restore the mask found before; pending signals are delivered then.
class BlockedSignals {
public:
    BlockedSignals(std::initializer_list<int> sigs);
    ~BlockedSignals();
    BlockedSignals(const BlockedSignals&) = delete;
    BlockedSignals& operator=(const BlockedSignals&) = delete;
    void unblock();

private:
    sigset_t previous_;
    bool active_ = true;
};

// One delivery seen by a CaughtSignal handler, in order of handler entry.
struct Delivery {
    int signo;
    int code;   // si_code: SI_USER, SI_QUEUE, SI_KERNEL, CLD_EXITED ...
    pid_t pid;  // si_pid
    uid_t uid;  // si_uid
    int value;  // si_value.sival_int (meaningful for SI_QUEUE)
};
std::string describe(const Delivery& d);  // "SIGRTMIN+1 value 3 (SI_QUEUE from pid 123)"
std::string si_code_name(int signo, int code);

struct CatchOptions {
    int flags = 0;                    // extra sa_flags, e.g. SA_RESTART (SA_SIGINFO is always set)
    std::vector<int> block_during{};  // signals blocked while the handler runs (sa_mask)
    int notify_fd = -1;               // the handler writes one byte here per delivery
};

// Catches sig with a recording handler until destruction, which restores the
// previous action. Works in forked children too (the log is per process).
class CaughtSignal {
public:
    explicit CaughtSignal(int sig, CatchOptions options = {});
    ~CaughtSignal();
    CaughtSignal(const CaughtSignal&) = delete;
    CaughtSignal& operator=(const CaughtSignal&) = delete;
    // Deliveries of this signal since it was installed.
    int count() const;

private:
    int sig_;
    struct sigaction previous_ {};
};

// Every delivery to any CaughtSignal handler of this process, oldest first.
std::vector<Delivery> deliveries();

// The disposition of sig in this process: "default", "ignored" or "caught".
std::string disposition(int sig);

}  // namespace ipc
