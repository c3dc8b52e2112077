#include "ipc/signals.hpp"

#include <atomic>
#include <cstdio>
#include <sstream>
#include <unistd.h>

#include "ipc/errno_name.hpp"
#include "ipc/evidence.hpp"
#include "ipc/outcome.hpp"
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
    if (slot < max_deliveries)
        g_log[slot] = {sig, info->si_code, info->si_pid, info->si_uid, info->si_value.sival_int};
    g_counts[sig] = g_counts[sig] + 1;
    if (g_notify[sig] >= 0) (void)!::write(g_notify[sig], "s", 1);
    errno = saved;
}

std::uint64_t parse_mask(const std::string& status, const std::string& field) {
    auto at = status.find("\n" + field + ":");
    if (at == std::string::npos) broken("no " + field + " in /proc status");
    return std::stoull(status.substr(at + field.size() + 2), nullptr, 16);
}

std::string parse_text(const std::string& status, const std::string& field) {
    auto at = status.find("\n" + field + ":");
    if (at == std::string::npos) return "";
    auto begin = status.find_first_not_of(" \t", at + field.size() + 2);
    return status.substr(begin, status.find('\n', begin) - begin);
}

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

SignalMasks signal_masks(pid_t pid, pid_t tid) {
    std::string path = "/proc/" + std::to_string(pid) + (tid ? "/task/" + std::to_string(tid) : "") + "/status";
    auto text = read_text(path);
    if (!text) broken("cannot read " + path + ": " + errno_name(errno));
    std::string status = "\n" + *text;
    return {parse_mask(status, "SigPnd"), parse_mask(status, "ShdPnd"), parse_mask(status, "SigBlk"),
            parse_mask(status, "SigIgn"), parse_mask(status, "SigCgt"), parse_text(status, "SigQ")};
}

void record_signal_masks(const std::string& prefix, const SignalMasks& m) {
    auto put = [&](const char* field, std::uint64_t mask) {
        evidence(prefix + "." + field, mask_hex(mask) + " (" + mask_names(mask) + ")");
    };
    put("SigPnd", m.pending);
    put("ShdPnd", m.shared_pending);
    put("SigBlk", m.blocked);
    put("SigIgn", m.ignored);
    put("SigCgt", m.caught);
    evidence(prefix + ".SigQ", m.queued);
}

sigset_t pending_signals() {
    sigset_t set;
    must(::sigpending(&set), "sigpending");
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

BlockedSignals::BlockedSignals(std::initializer_list<int> sigs) {
    sigset_t set = signal_set(sigs);
    must(::sigprocmask(SIG_BLOCK, &set, &previous_), "sigprocmask(SIG_BLOCK)");
}

BlockedSignals::~BlockedSignals() { unblock(); }

void BlockedSignals::unblock() {
    if (!active_) return;
    active_ = false;
    must(::sigprocmask(SIG_SETMASK, &previous_, nullptr), "sigprocmask(SIG_SETMASK)");
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
    must(::sigaction(sig, &action, &previous_), ("sigaction(" + any_signal_name(sig) + ")").c_str());
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
    must(::sigaction(sig, nullptr, &current), "sigaction(query)");
    if (!(current.sa_flags & SA_SIGINFO) && current.sa_handler == SIG_DFL) return "default";
    if (!(current.sa_flags & SA_SIGINFO) && current.sa_handler == SIG_IGN) return "ignored";
    return "caught";
}

}  // namespace ipc
