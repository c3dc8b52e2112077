// Helpers of the signal cases: the kernel's own calls, made directly
// (syscall(2)), where the C library would check the arguments itself or
// copy them first (glibc refuses signal 0 or 65 before the kernel sees it,
// and leaves its own SIGCANCEL/SIGSETXID out of every mask it sets), so that
// the kernel's answer is the one checked.
#pragma once
#include <chrono>
#include <csignal>
#include <poll.h>
#include <set>
#include <cstdint>
#include <string>
#include <sys/syscall.h>
#include <unistd.h>

#include "ipc/io.hpp"
#include "ipc/process.hpp"

namespace sigcase {

// The two-byte notes (who, which signal) that signalled processes write to
// a pipe, gathered until `expected` of them came or the default deadline
// passed; as a set, since the order they arrive in is not the claim's.
inline std::set<std::string> collect_notes(int fd, std::size_t expected) {
    std::set<std::string> got;
    const auto until = std::chrono::steady_clock::now() + ipc::default_deadline;
    while (got.size() < expected && std::chrono::steady_clock::now() < until) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 100) != 1) continue;
        auto note = ipc::read_exactly(fd, 2);
        if (note.size() != 2) break;
        got.insert(note);
    }
    return got;
}

// The notes in order, separated by spaces ("A1 B1").
inline std::string joined(const std::set<std::string>& notes) {
    std::string out;
    for (const auto& n : notes) out += (out.empty() ? "" : " ") + n;
    return out;
}

// The kernel's sigset_t: one bit per signal, _NSIG (64) of them on Linux,
// 8 bytes; what the sigsetsize arguments of the rt_ calls must be.
inline constexpr std::size_t kernel_sigset_size = 8;

// The kernel's struct sigaction (x86_64 and most others): handler, flags,
// restorer, mask.
struct KernelSigaction {
    void* handler = nullptr;
    unsigned long flags = 0;
    void* restorer = nullptr;
    std::uint64_t mask = 0;
};

inline long rt_sigaction(int sig, const void* act, void* old, std::size_t size = kernel_sigset_size) {
    return ::syscall(SYS_rt_sigaction, sig, act, old, size);
}
inline long rt_sigprocmask(int how, const void* set, void* old, std::size_t size = kernel_sigset_size) {
    return ::syscall(SYS_rt_sigprocmask, how, set, old, size);
}
inline long rt_sigpending(void* set, std::size_t size = kernel_sigset_size) {
    return ::syscall(SYS_rt_sigpending, set, size);
}
inline long rt_sigtimedwait(const void* set, void* info, const void* timeout, std::size_t size = kernel_sigset_size) {
    return ::syscall(SYS_rt_sigtimedwait, set, info, timeout, size);
}
inline long rt_sigqueueinfo(pid_t tgid, int sig, const void* info) {
    return ::syscall(SYS_rt_sigqueueinfo, tgid, sig, info);
}
inline long rt_tgsigqueueinfo(pid_t tgid, pid_t tid, int sig, const void* info) {
    return ::syscall(SYS_rt_tgsigqueueinfo, tgid, tid, sig, info);
}
inline long tkill(pid_t tid, int sig) { return ::syscall(SYS_tkill, tid, sig); }

// An address no call may read or write (the first page is never mapped).
inline void* bad_address() { return reinterpret_cast<void*>(1); }

// The kernel's mask as a 64-bit word (bit n-1 for signal n).
inline std::uint64_t bit(int sig) { return std::uint64_t{1} << (sig - 1); }

}  // namespace sigcase
