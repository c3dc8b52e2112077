#include "ipc/own_namespace.hpp"

#include <cerrno>
#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include "ipc/procfs.hpp"

namespace ipc {

std::optional<std::string> enter_own_ipc_namespace(UserNamespace user) {
    if (user == UserNamespace::when_needed && ::unshare(CLONE_NEWIPC) == 0) return "ipc-namespace";
    const uid_t uid = ::geteuid();
    const gid_t gid = ::getegid();
    if (::unshare(CLONE_NEWUSER | CLONE_NEWIPC) != 0) return std::nullopt;
    // setgroups must be denied before an unprivileged gid_map is accepted;
    // where there is no such control (gVisor, Linux < 3.19) there is nothing to deny.
    const bool setgroups_denied = write_text("/proc/self/setgroups", "deny") || errno == ENOENT;
    if (!setgroups_denied || !write_text("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1\n") ||
        !write_text("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1\n"))
        return std::nullopt;
    return "user+ipc-namespace";
}

std::string namespace_of(pid_t pid, const char* kind) {
    char target[128];
    std::string link = "/proc/" + std::to_string(pid) + "/ns/" + kind;
    ssize_t n = ::readlink(link.c_str(), target, sizeof target - 1);
    return n > 0 ? std::string(target, static_cast<std::size_t>(n)) : std::string();
}

bool write_sysctl(const std::string& path, long long value) { return write_text(path, std::to_string(value) + "\n"); }

}  // namespace ipc
