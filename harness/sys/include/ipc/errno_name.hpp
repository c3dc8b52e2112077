// errno values by name, so that every message says EAGAIN rather than 11.
#pragma once
#include <string>

namespace ipc {

// "EAGAIN"; "0" for no error; "errno 1234" for a value libc does not name.
std::string errno_name(int err);

}  // namespace ipc
