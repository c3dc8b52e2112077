// The small vocabulary of the shared-memory cases (cases/shm): segments under
// a key that roles create, children that report what they saw as key=value
// lines, roles that take their steps when the case says so, faults caught in
// a child with the faulting address, and the document's flagged text block.
#pragma once
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <sys/syscall.h>

#include "ipc/case.hpp"
#include "ipc/reporting_child.hpp"

namespace shmcase {

using ipc::parse_key;

// "0600"
inline std::string octal(unsigned mode) {
    char text[16];
    std::snprintf(text, sizeof text, "%04o", mode & 07777);
    return text;
}

// Records IPC_STAT of a segment under prefix (prefix.segsz, prefix.nattch ...)
// and returns it.
inline shmid_ds record_stat(const std::string& prefix, int shmid) {
    shmid_ds ds{};
    ipc::must(::shmctl(shmid, IPC_STAT, &ds), "shmctl(IPC_STAT)");
    ipc::evidence(prefix + ".segsz", static_cast<long long>(ds.shm_segsz));
    ipc::evidence(prefix + ".nattch", static_cast<long long>(ds.shm_nattch));
    ipc::evidence(prefix + ".mode", octal(ds.shm_perm.mode));
    ipc::evidence(prefix + ".cpid", ds.shm_cpid);
    ipc::evidence(prefix + ".lpid", ds.shm_lpid);
    return ds;
}

// Removes whatever segment the key names when the case ends, whatever the
// verdict: for segments that separately executed roles create under a key.
struct RemoveSegmentByKey {
    key_t key;
    explicit RemoveSegmentByKey(key_t k) : key(k) {}
    RemoveSegmentByKey(const RemoveSegmentByKey&) = delete;
    ~RemoveSegmentByKey() {
        int id = ::shmget(key, 0, 0);
        if (id >= 0) ::shmctl(id, IPC_RMID, nullptr);
    }
};

// "0x7f3a12345000"
inline std::string address_of(const void* p) {
    char text[32];
    std::snprintf(text, sizeof text, "%#llx", static_cast<unsigned long long>(reinterpret_cast<std::uintptr_t>(p)));
    return text;
}

// ---- The document's flagged text block (§2.4) -------------------------------

// A flag (non-zero: a text waits to be read; zero: the block may be written)
// followed by the text, as the document's writer and reader share it.
inline constexpr std::size_t text_capacity = 2048;
struct FlaggedText {
    volatile int written;
    char text[text_capacity];
};

// ---- Steps on command ---------------------------------------------------------

// For roles (separately executed peers) that must take a step only when the
// case says so: SIGUSR1 is blocked from construction on, and wait() sleeps in
// sigwaitinfo(2) until it comes. The case sees the role asleep there
// (await_go_wait) before it sends the signal (go), so no signal is ever lost.
class GoSignal {
public:
    GoSignal() {
        sigemptyset(&set_);
        sigaddset(&set_, SIGUSR1);
        ipc::must(::sigprocmask(SIG_BLOCK, &set_, nullptr), "sigprocmask(SIG_BLOCK, SIGUSR1)");
    }
    void wait() const { ipc::must(::sigwaitinfo(&set_, nullptr), "sigwaitinfo(SIGUSR1)"); }

private:
    sigset_t set_;
};

// The case's side: the role is asleep in sigwaitinfo (rt_sigtimedwait(2)),
// recorded under `as`; the claim fails if it never gets there.
inline void await_go_wait(const ipc::Child& role, const std::string& as) {
    ipc::require_blocked_in(role.pid(), SYS_rt_sigtimedwait, as);
}

inline void go(const ipc::Child& role) { ipc::must(::kill(role.pid(), SIGUSR1), "kill(SIGUSR1)"); }

// ---- Children that report ----------------------------------------------------

using ipc::outcome_of;  // "ok", or the errno name: a value for an ipc::Report

// Makes the call once, records its outcome ("3", "-1 (ENOENT)") under key and
// returns it for a check: CHECK_EQ(attempt("k", [&] { return ...; }), failure(ENOENT)).
template <class F>
ipc::SyscallResult attempt(const std::string& key, F&& call) {
    auto result = ipc::capture(std::forward<F>(call));
    ipc::evidence(key, ipc::describe(result));
    return result;
}
inline ipc::SyscallResult failure(int err) { return ipc::SyscallResult::failure(err); }

// ---- Faults, caught in a child ------------------------------------------------

// The SIGSEGV a child raised: where (the faulting address) and why (si_code),
// and the wait status it died with.
struct Fault {
    ipc::WaitStatus status;
    bool caught = false;         // the handler saw a SIGSEGV
    std::uintptr_t address = 0;  // si_addr
    int code = 0;                // si_code
    std::string code_name() const {
        return code == SEGV_MAPERR ? "SEGV_MAPERR" : code == SEGV_ACCERR ? "SEGV_ACCERR" : std::to_string(code);
    }
};

namespace detail {
inline int fault_fd = -1;
inline void note_fault(int, siginfo_t* info, void*) {
    std::uintptr_t record[2] = {reinterpret_cast<std::uintptr_t>(info->si_addr),
                                static_cast<std::uintptr_t>(info->si_code)};
    (void)!::write(fault_fd, record, sizeof record);
    // SA_RESETHAND restored the default action: returning re-executes the
    // faulting access, which now kills the child with SIGSEGV.
}
}  // namespace detail

// Runs touch() in a forked child that notes the address of a SIGSEGV and then
// dies of it. A child that does not fault exits 0.
inline Fault touch_in_child(const std::function<void()>& touch) {
    auto pipe = ipc::Pipe::make();
    auto child = ipc::Child::fork([&] {
        pipe.read_end.reset();
        detail::fault_fd = pipe.w();
        struct sigaction action {};
        action.sa_sigaction = detail::note_fault;
        action.sa_flags = SA_SIGINFO | SA_RESETHAND;
        ipc::must(::sigaction(SIGSEGV, &action, nullptr), "sigaction(SIGSEGV)");
        touch();
        return 0;
    });
    pipe.write_end.reset();
    Fault fault{child.wait()};
    std::string record = ipc::read_exactly(pipe.r(), 2 * sizeof(std::uintptr_t));
    if (record.size() == 2 * sizeof(std::uintptr_t)) {
        std::uintptr_t fields[2];
        record.copy(reinterpret_cast<char*>(fields), record.size());
        fault.caught = true;
        fault.address = fields[0];
        fault.code = static_cast<int>(fields[1]);
    }
    return fault;
}

}  // namespace shmcase
