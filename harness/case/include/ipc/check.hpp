// Assertions on system calls: the result and errno are checked together and
// printed by name ("-1 (EAGAIN)"), in doctest's vocabulary.
#pragma once
#include <cerrno>
#include <string>
#include <vector>
#include <doctest/doctest.h>
#include "ipc/errno_name.hpp"
#include "ipc/sysv.hpp"

namespace ipc {

struct SyscallResult {
    long value;
    int err;  // errno after the call; meaningful when value == -1
    static SyscallResult failure(int e) { return {-1, e}; }
    bool ok() const { return value != -1; }
    bool operator==(const SyscallResult& o) const {
        return value == o.value && (value != -1 || err == o.err);
    }
};

template <class F>
SyscallResult capture(F&& call) {
    errno = 0;
    long value = static_cast<long>(call());
    return {value, errno};
}

std::string describe(const SyscallResult& r);

}  // namespace ipc

template <>
struct doctest::StringMaker<ipc::SyscallResult> {
    static doctest::String convert(const ipc::SyscallResult& r) { return ipc::describe(r).c_str(); }
};
template <>
struct doctest::StringMaker<std::vector<ipc::Message>> {
    static doctest::String convert(const std::vector<ipc::Message>& m) { return ipc::describe(m).c_str(); }
};

// The call fails with -1 and errno err: `CHECK_FAILS_WITH(write(fd, "x", 1), EBADF)`.
#define CHECK_FAILS_WITH(call, err)                                                    \
    do {                                                                               \
        INFO("call: " #call);                                                          \
        CHECK_EQ(::ipc::capture([&] { return (call); }), ::ipc::SyscallResult::failure(err)); \
    } while (0)

// The condition holds, or the case stops with the message and errno by name
// as it was right after the condition: doctest builds a message only when the
// assertion fails, after calls of its own that may change errno.
#define REQUIRE_WITH_ERRNO(cond, msg)                                                   \
    do {                                                                                \
        const bool ipc_ok_ = static_cast<bool>(cond);                                   \
        const int ipc_errno_ = errno;                                                   \
        REQUIRE_MESSAGE(ipc_ok_, msg << " (" #cond "): " << ::ipc::errno_name(ipc_errno_)); \
    } while (0)

// The call succeeds (does not return -1); its result is printed otherwise with errno.
#define CHECK_SUCCEEDS(call)                                                           \
    do {                                                                               \
        auto ipc_result_ = ::ipc::capture([&] { return (call); });                     \
        CHECK_MESSAGE(ipc_result_.ok(), #call " returned " << ::ipc::describe(ipc_result_)); \
    } while (0)
