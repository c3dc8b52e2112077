// Assertions on system calls in doctest's vocabulary: the result and errno
// checked together and printed by name (ipc/syscall_result.hpp).
#pragma once
#include <cerrno>
#include <sstream>
#include <vector>
#include <doctest/doctest.h>
#include "ipc/errno_name.hpp"
#include "ipc/outcome.hpp"
#include "ipc/syscall_result.hpp"
#include "ipc/sysv.hpp"

template <>
struct doctest::StringMaker<ipc::SyscallResult> {
    static doctest::String convert(const ipc::SyscallResult& r) { return ipc::describe(r).c_str(); }
};
template <>
struct doctest::StringMaker<std::vector<ipc::Message>> {
    static doctest::String convert(const std::vector<ipc::Message>& m) { return ipc::describe(m).c_str(); }
};

// The call fails with -1 and errno err: `CHECK_FAILS_WITH(write(fd, "x", 1), EBADF)`.
#define CHECK_FAILS_WITH(call, err)                                                           \
    do {                                                                                      \
        INFO("call: " #call);                                                                 \
        CHECK_EQ(::ipc::capture([&] { return (call); }), ::ipc::SyscallResult::failure(err)); \
    } while (0)

// The condition holds, or the case stops with the message and errno by name
// as it was right after the condition: doctest builds a message only when the
// assertion fails, after calls of its own that may change errno. A call the
// kernel does not provide (ENOSYS) is a SKIP, as for ipc::must.
#define REQUIRE_WITH_ERRNO(cond, msg)                                                       \
    do {                                                                                    \
        const bool ipc_ok_ = static_cast<bool>(cond);                                       \
        const int ipc_errno_ = errno;                                                       \
        if (!ipc_ok_ && ipc_errno_ == ENOSYS) {                                             \
            std::ostringstream ipc_what_;                                                   \
            ipc_what_ << msg;                                                               \
            ::ipc::skip("this kernel does not provide " + ipc_what_.str() + " (ENOSYS)");   \
        }                                                                                   \
        REQUIRE_MESSAGE(ipc_ok_, msg << " (" #cond "): " << ::ipc::errno_name(ipc_errno_)); \
    } while (0)

// The call succeeds (does not return -1); its result is printed otherwise with errno.
#define CHECK_SUCCEEDS(call)                                                                 \
    do {                                                                                     \
        auto ipc_result_ = ::ipc::capture([&] { return (call); });                           \
        CHECK_MESSAGE(ipc_result_.ok(), #call " returned " << ::ipc::describe(ipc_result_)); \
    } while (0)
