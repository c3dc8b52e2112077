// How harness/sys reports a failure: it throws, it never ends the process, so
// that the runner, the bench and the grader can use the same helpers as the
// cases. The case layer turns what escapes a case into its verdict
// (ipc/outcome.hpp: SKIP for ENOSYS, BROKEN otherwise); other callers catch
// ipc::Failure, or std::exception.
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>

namespace ipc {

// A helper could not do what it was asked: the text says what and why.
class Failure : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A system call (or a step made of one) failed: which, and errno.
// what() is "<call> failed: <ERRNO>", e.g. "msgget(IPC_CREAT) failed: ENOSPC".
class SysError : public Failure {
public:
    SysError(std::string call, int err);
    const std::string& call() const { return call_; }
    int err() const { return err_; }

private:
    std::string call_;
    int err_;
};

// Returns result, unless it is -1: then throws SysError(call, errno).
long check_call(long result, std::string_view call);

}  // namespace ipc
