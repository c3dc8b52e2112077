// Shared by the socket cases: the kinds of Unix socket a rule is run over,
// and a send(2) whose result is captured with errno.
#pragma once
#include <string>
#include <string_view>
#include <sys/socket.h>

#include "ipc/check.hpp"
#include "ipc/socket.hpp"

namespace sockcase {

struct Kind {
    int type;
    std::string name;
};

inline Kind kind(int type) { return {type, ipc::socket_type_name(type)}; }

inline ipc::SyscallResult send_text(int fd, std::string_view text, int flags = 0) {
    return ipc::capture([&] { return ::send(fd, text.data(), text.size(), flags); });
}

}  // namespace sockcase
