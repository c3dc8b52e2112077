#include "ipc/syscall_result.hpp"

#include "ipc/errno_name.hpp"

namespace ipc {

std::string describe(const SyscallResult& r) {
    if (r.value != -1) return std::to_string(r.value);
    return "-1 (" + errno_name(r.err) + ")";
}

std::string outcome_of(long rc) { return rc == -1 ? errno_name(errno) : "ok"; }

}  // namespace ipc
