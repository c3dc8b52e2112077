#include "ipc/errno_name.hpp"

#include <cstring>

namespace ipc {

std::string errno_name(int err) {
    if (err == 0) return "0";
    if (const char* name = strerrorname_np(err)) return name;
    return "errno " + std::to_string(err);
}

}  // namespace ipc
