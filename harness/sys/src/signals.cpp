#include "ipc/signals.hpp"

#include <atomic>
#include <cstdio>
#include <cerrno>
#include <cstdlib>
#include <sstream>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ipc/errno_name.hpp"
#include "ipc/error.hpp"
#include "ipc/procfs.hpp"
#include "ipc/process.hpp"

namespace ipc {
namespace {

constexpr int max_deliveries = 256;
Delivery g_log[max_deliveries];
std::atomic<int> g_logged{0};
volatile sig_atomic_t g_counts[NSIG];
volatile sig_atomic_t g_notify[NSIG];

// Async-signal-safe: stores into preallocated memory and write(2)s only.
void record(int sig, siginfo_t* info, void*) {
    int saved = errno;
    int slot = g_logged.fetch_add(1);
    if (slot < max_deliveries) g_log[slot] = {sig, info->si_code, info->si_pid, info->si_uid, info->si_value.sival_int};
    g_counts[sig] = g_counts[sig] + 1;
    if (g_notify[sig] >= 0) (void)!::write(g_notify[sig], "s", 1);
    errno = saved;
}

// The hex mask after "\nfield:", or nullopt when the line is missing or
// does not start with a hex number.
std::optional<std::uint64_t> parse_mask(const std::string& status, const std::string& field) {
    auto at = status.find("\n" + field + ":");
    if (at == std::string::npos) return std::nullopt;
    const char* begin = status.c_str() + at + field.size() + 2;
    while (*begin == ' ' || *begin == '\t') ++begin;
    char* end = nullptr;
    errno = 0;
    const unsigned long long value = std::strtoull(begin, &end, 16);
    if (end == begin || errno != 0) return std::nullopt;
    return static_cast<std::uint64_t>(value);
}

std::string parse_text(const std::string& status, const std::string& field) {
    auto at = status.find("\n" + field + ":");
    if (at == std::string::npos) return "";
    auto begin = status.find_first_not_of(" \t", at + field.size() + 2);
    if (begin == std::string::npos) return "";
    return status.substr(begin, status.find('\n', begin) - begin);
}

pid_t own_tid() { return static_cast<pid_t>(::syscall(SYS_gettid)); }

}  // namespace

std::string mask_hex(std::uint64_t mask) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "0x%016llx", static_cast<unsigned long long>(mask));
    return buf;
}

std::string any_signal_name(int sig) {
    if (sig >= SIGRTMIN && sig <= SIGRTMAX)
        return sig == SIGRTMIN ? "SIGRTMIN" : "SIGRTMIN+" + std::to_string(sig - SIGRTMIN);
    return signal_name(sig);
}

std::string mask_names(std::uint64_t mask) {
    std::string out;
    for (int sig = 1; sig <= 64; ++sig)
        if (mask & signal_bit(sig)) out += (out.empty() ? "" : "|") + any_signal_name(sig);
    return out.empty() ? "none" : out;
}

bool SignalMasks::thread_pending_has(int sig) const {
    if (!split_pending)
        throw Failure(std::string("the case asked for thread-pending signals from ") + source + ": " +
                      no_pending_split);
    return pending & signal_bit(sig);
}

bool SignalMasks::shared_pending_has(int sig) const {
    if (!split_pending)
        throw Failure(std::string("the case asked for shared-pending signals from ") + source + ": " +
                      no_pending_split);
    return shared_pending & signal_bit(sig);
}

std::optional<SignalMasks> parse_status_masks(const std::string& status_text) {
    const std::string status = "\n" + status_text;
    SignalMasks m;
    const std::pair<const char*, std::uint64_t*> fields[] = {{"SigPnd", &m.pending},
                                                             {"ShdPnd", &m.shared_pending},
                                                             {"SigBlk", &m.blocked},
                                                             {"SigIgn", &m.ignored},
                                                             {"SigCgt", &m.caught}};
    for (auto [name, into] : fields) {
        auto mask = parse_mask(status, name);
        if (!mask) return std::nullopt;
        *into = *mask;
    }
    m.queued = parse_text(status, "SigQ");
    m.source = "proc-status";
    m.split_pending = true;
    return m;
}

SignalMasks own_signal_masks() {
    SignalMasks m;
    m.source = "syscalls";
    m.split_pending = false;
    m.pending = to_mask(pending_signals());
    sigset_t blocked;
    ::sigemptyset(&blocked);
    check_call(::sigprocmask(SIG_BLOCK, nullptr, &blocked), "sigprocmask(query)");
    m.blocked = to_mask(blocked);
    for (int sig = 1; sig <= 64 && sig < NSIG; ++sig) {
        struct sigaction current {};
        if (::sigaction(sig, nullptr, &current) != 0) continue;  // numbers the C library keeps for itself
        // The kernel's rule for SigIgn and SigCgt: the handler word alone
        // (sa_handler and sa_sigaction share it), whatever the flags.
        if (current.sa_handler == SIG_IGN) m.ignored |= signal_bit(sig);
        else if (current.sa_handler != SIG_DFL) m.caught |= signal_bit(sig);
    }
    return m;
}

MaskObservation observe_signal_masks(pid_t pid, pid_t tid, const std::string& proc_root) {
    const std::string path = proc_root + "/" + std::to_string(pid) + (tid ? "/task/" + std::to_string(tid) : "") +
                             "/status";
    std::string proc_said;
    if (auto text = read_text(path)) {
        if (auto masks = parse_status_masks(*text)) return {masks, ""};
        proc_said = path + " has no signal mask lines (SigPnd, ShdPnd, SigBlk, SigIgn, SigCgt)";
    } else {
        proc_said = "cannot read " + path + ": " + errno_name(errno);
    }
    // The syscalls describe the calling thread: the one asked for, or the
    // main thread when no tid is given and the caller is it.
    const bool caller = pid == ::getpid() && (tid ? tid == own_tid() : own_tid() == pid);
    if (caller) return {own_signal_masks(), ""};
    return {std::nullopt, proc_said + "; " + no_other_process_masks};
}

// "P S B I C X": five 16-digit hex masks and whether pending is split (1/0).
std::string serialize(const SignalMasks& m) {
    char buf[serialized_masks_size + 1];
    std::snprintf(buf, sizeof buf, "%016llx %016llx %016llx %016llx %016llx %c",
                  static_cast<unsigned long long>(m.pending), static_cast<unsigned long long>(m.shared_pending),
                  static_cast<unsigned long long>(m.blocked), static_cast<unsigned long long>(m.ignored),
                  static_cast<unsigned long long>(m.caught), m.split_pending ? '1' : '0');
    return std::string(buf, serialized_masks_size);
}

std::optional<SignalMasks> deserialize(const std::string& text) {
    if (text.size() != serialized_masks_size) return std::nullopt;
    SignalMasks m;
    std::uint64_t* into[] = {&m.pending, &m.shared_pending, &m.blocked, &m.ignored, &m.caught};
    for (std::size_t i = 0; i < 5; ++i) {
        const std::string digits = text.substr(i * 17, 16);
        if (digits.find_first_not_of("0123456789abcdef") != std::string::npos || text[i * 17 + 16] != ' ')
            return std::nullopt;
        *into[i] = std::strtoull(digits.c_str(), nullptr, 16);
    }
    const char split = text[5 * 17];
    if (split != '0' && split != '1') return std::nullopt;
    m.split_pending = split == '1';
    if (!m.split_pending && m.shared_pending != 0) return std::nullopt;
    m.source = "syscalls, reported by the process";
    return m;
}

sigset_t pending_signals() {
    sigset_t set;
    check_call(::sigpending(&set), "sigpending");
    return set;
}

bool is_pending(int sig) {
    sigset_t set = pending_signals();
    return ::sigismember(&set, sig) == 1;
}

std::uint64_t to_mask(const sigset_t& set) {
    std::uint64_t mask = 0;
    for (int sig = 1; sig <= 64; ++sig)
        if (::sigismember(&set, sig) == 1) mask |= signal_bit(sig);
    return mask;
}

sigset_t signal_set(std::initializer_list<int> sigs) {
    sigset_t set;
    ::sigemptyset(&set);
    for (int sig : sigs) ::sigaddset(&set, sig);
    return set;
}

int block_into_signalfd(std::initializer_list<int> sigs, int flags) {
    const sigset_t set = signal_set(sigs);
    ::sigprocmask(SIG_BLOCK, &set, nullptr);
    return ::signalfd(-1, &set, flags);
}

BlockedSignals::BlockedSignals(std::initializer_list<int> sigs) {
    sigset_t set = signal_set(sigs);
    check_call(::sigprocmask(SIG_BLOCK, &set, &previous_), "sigprocmask(SIG_BLOCK)");
}

BlockedSignals::~BlockedSignals() { unblock(); }

void BlockedSignals::unblock() {
    if (!active_) return;
    active_ = false;
    ::sigprocmask(SIG_SETMASK, &previous_, nullptr);  // a mask it gave us: cannot fail (and runs in the destructor)
}

std::string si_code_name(int signo, int code) {
    switch (code) {
        case SI_USER: return "SI_USER";
        case SI_QUEUE: return "SI_QUEUE";
        case SI_KERNEL: return "SI_KERNEL";
        case SI_TKILL: return "SI_TKILL";
        default: break;
    }
    if (signo == SIGCHLD) {
        switch (code) {
            case CLD_EXITED: return "CLD_EXITED";
            case CLD_KILLED: return "CLD_KILLED";
            case CLD_DUMPED: return "CLD_DUMPED";
            case CLD_STOPPED: return "CLD_STOPPED";
            case CLD_CONTINUED: return "CLD_CONTINUED";
            default: break;
        }
    }
    return "si_code " + std::to_string(code);
}

std::string describe(const Delivery& d) {
    std::ostringstream out;
    out << any_signal_name(d.signo);
    if (d.code == SI_QUEUE) out << " value " << d.value;
    out << " (" << si_code_name(d.signo, d.code) << " from pid " << d.pid << " uid " << d.uid << ")";
    return out.str();
}

CaughtSignal::CaughtSignal(int sig, CatchOptions options) : sig_(sig) {
    g_counts[sig] = 0;
    g_notify[sig] = options.notify_fd;
    struct sigaction action {};
    action.sa_sigaction = record;
    action.sa_flags = SA_SIGINFO | options.flags;
    ::sigemptyset(&action.sa_mask);
    for (int s : options.block_during) ::sigaddset(&action.sa_mask, s);
    check_call(::sigaction(sig, &action, &previous_), ("sigaction(" + any_signal_name(sig) + ")").c_str());
}

CaughtSignal::~CaughtSignal() {
    ::sigaction(sig_, &previous_, nullptr);
    g_notify[sig_] = -1;
}

int CaughtSignal::count() const { return g_counts[sig_]; }

std::vector<Delivery> deliveries() {
    int n = g_logged.load();
    if (n > max_deliveries) n = max_deliveries;
    return std::vector<Delivery>(g_log, g_log + n);
}

std::string disposition(int sig) {
    struct sigaction current {};
    check_call(::sigaction(sig, nullptr, &current), "sigaction(query)");
    if (!(current.sa_flags & SA_SIGINFO) && current.sa_handler == SIG_DFL) return "default";
    if (!(current.sa_flags & SA_SIGINFO) && current.sa_handler == SIG_IGN) return "ignored";
    return "caught";
}

void reset_signal_state() {
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    for (int sig = 1; sig < NSIG; ++sig) ::sigaction(sig, &dfl, nullptr);  // fails harmlessly for KILL, STOP
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
}

}  // namespace ipc
