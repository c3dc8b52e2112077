// A system call's result and errno, captured together and printed by name
// ("-1 (EAGAIN)"), so that they can be compared and shown as one value.
#pragma once
#include <cerrno>
#include <string>

namespace ipc {

struct SyscallResult {
    long value;
    int err;  // errno after the call; meaningful when value == -1
    static SyscallResult failure(int e) { return {-1, e}; }
    bool ok() const { return value != -1; }
    bool operator==(const SyscallResult& o) const { return value == o.value && (value != -1 || err == o.err); }
};

template <class F>
SyscallResult capture(F&& call) {
    errno = 0;
    long value = static_cast<long>(call());
    return {value, errno};
}

// "3", "-1 (EAGAIN)"
std::string describe(const SyscallResult& r);

// A call's outcome in a word, errno read right after it: "ok", or "EACCES".
std::string outcome_of(long rc);

}  // namespace ipc
