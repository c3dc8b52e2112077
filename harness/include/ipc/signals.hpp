// Signal state as the kernel reports it, and small RAII helpers to change it
// for the length of a case: block a set of signals, catch a signal with a
// handler that records every delivery (number, si_code, sender, value).
//
//   ipc::BlockedSignals blocked{SIGUSR1};
//   ipc::CaughtSignal caught(SIGUSR1);
//   ::kill(::getpid(), SIGUSR1);
//   CHECK(ipc::signal_masks(::getpid()).shared_pending_has(SIGUSR1));
//   blocked.unblock();              // pending signals are delivered here
//   CHECK_EQ(caught.count(), 1);
#pragma once
#include <csignal>
#include <cstdint>
#include <initializer_list>
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

// The signal lines of /proc/PID/status, parsed as hex masks.
struct SignalMasks {
    std::uint64_t pending = 0;         // SigPnd: pending for the thread
    std::uint64_t shared_pending = 0;  // ShdPnd: pending for the whole process
    std::uint64_t blocked = 0;         // SigBlk
    std::uint64_t ignored = 0;         // SigIgn
    std::uint64_t caught = 0;          // SigCgt
    std::string queued;                // SigQ: "queued/limit" for the real user id

    bool pending_has(int sig) const { return (pending | shared_pending) & signal_bit(sig); }
    bool thread_pending_has(int sig) const { return pending & signal_bit(sig); }
    bool shared_pending_has(int sig) const { return shared_pending & signal_bit(sig); }
    bool blocked_has(int sig) const { return blocked & signal_bit(sig); }
    bool ignored_has(int sig) const { return ignored & signal_bit(sig); }
    bool caught_has(int sig) const { return caught & signal_bit(sig); }
};

// Reads /proc/PID/status (or /proc/PID/task/TID/status when tid is given);
// an unreadable file is a broken setup.
SignalMasks signal_masks(pid_t pid, pid_t tid = 0);
// Records every mask under prefix ("before_unblock.SigPnd" ...), with names.
void record_signal_masks(const std::string& prefix, const SignalMasks& masks);

// The calling thread's pending set, from sigpending(2).
sigset_t pending_signals();
bool is_pending(int sig);
// sigset_t as a /proc-style mask (signals 1..64).
std::uint64_t to_mask(const sigset_t& set);
sigset_t signal_set(std::initializer_list<int> sigs);

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
    int code;    // si_code: SI_USER, SI_QUEUE, SI_KERNEL, CLD_EXITED ...
    pid_t pid;   // si_pid
    uid_t uid;   // si_uid
    int value;   // si_value.sival_int (meaningful for SI_QUEUE)
};
std::string describe(const Delivery& d);  // "SIGRTMIN+1 value 3 (SI_QUEUE from pid 123)"
std::string si_code_name(int signo, int code);

struct CatchOptions {
    int flags = 0;                     // extra sa_flags, e.g. SA_RESTART (SA_SIGINFO is always set)
    std::vector<int> block_during{};   // signals blocked while the handler runs (sa_mask)
    int notify_fd = -1;                // the handler writes one byte here per delivery
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
