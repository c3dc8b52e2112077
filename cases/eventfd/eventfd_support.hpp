// The small vocabulary of the eventfd cases (cases/eventfd): an eventfd made
// with its flags, and the counter written and read in 8-byte values, each
// outcome a word ("7", "EAGAIN") that a check compares and evidence records.
#pragma once
#include <cstdint>
#include <poll.h>
#include <string>
#include <sys/eventfd.h>
#include <unistd.h>

#include "ipc/readiness.hpp"
#include "ipc/case.hpp"
#include "ipc/reporting_child.hpp"

namespace efd {

// The largest value the counter holds after a write: 0xfffffffffffffffe
// (eventfd(2)); 0xffffffffffffffff is never written.
inline constexpr std::uint64_t counter_max = UINT64_MAX - 1;

// eventfd(initval, flags) through the C library: the descriptor, or a broken
// setup (a kernel without eventfd2, ENOSYS, is a skip).
inline ipc::Fd make(unsigned initval, int flags) {
    return ipc::Fd(static_cast<int>(ipc::must(::eventfd(initval, flags), "eventfd")));
}

// write(2) of value as 8 bytes: "ok" or the errno name, recorded under key.
inline std::string add(int fd, std::uint64_t value, const std::string& key) {
    const ssize_t n = ::write(fd, &value, sizeof value);
    const std::string outcome = n == static_cast<ssize_t>(sizeof value) ? "ok"
                                : n < 0                                 ? ipc::errno_name(errno)
                                                                        : "wrote " + std::to_string(n);
    ipc::evidence(key, outcome);
    return outcome;
}

// read(2) of 8 bytes: the value read in decimal ("10"), or the errno name,
// recorded under key.
inline std::string take(int fd, const std::string& key) {
    std::uint64_t value = 0;
    const ssize_t n = ::read(fd, &value, sizeof value);
    const std::string outcome = n == static_cast<ssize_t>(sizeof value) ? std::to_string(value)
                                : n < 0                                 ? ipc::errno_name(errno)
                                                                        : "read " + std::to_string(n);
    ipc::evidence(key, outcome);
    return outcome;
}

// For a forked child, which records no evidence: write(2) of value as 8
// bytes; true when all 8 were written.
inline bool post(int fd, std::uint64_t value) {
    return ::write(fd, &value, sizeof value) == static_cast<ssize_t>(sizeof value);
}

// A value as take() words it.
inline std::string word(std::uint64_t value) { return std::to_string(value); }

// What poll(2) reports at once for fd ("POLLIN|POLLOUT", "none"), asking for
// POLLIN and POLLOUT, recorded under key.
inline std::string readiness(int fd, const std::string& key) {
    pollfd p{fd, POLLIN | POLLOUT, 0};
    ipc::must(::poll(&p, 1, 0), "poll");
    const std::string text = ipc::poll_events_name(p.revents);
    ipc::evidence(key, text);
    return text;
}

}  // namespace efd
