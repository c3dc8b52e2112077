#include "ipc/error.hpp"

#include <cerrno>

#include "ipc/errno_name.hpp"

namespace ipc {

SysError::SysError(std::string call, int err)
    : Failure(call + " failed: " + errno_name(err)), call_(std::move(call)), err_(err) {}

long check_call(long result, std::string_view call) {
    if (result == -1) throw SysError(std::string(call), errno);
    return result;
}

}  // namespace ipc
