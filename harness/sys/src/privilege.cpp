#include "ipc/privilege.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <grp.h>
#include <linux/capability.h>
#include <sys/syscall.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "ipc/procfs.hpp"

namespace ipc {

bool in_initial_user_namespace() {
    auto map = read_text("/proc/self/uid_map").value_or("");
    unsigned long long inside = 1, outside = 1, count = 0;
    return std::sscanf(map.c_str(), "%llu %llu %llu", &inside, &outside, &count) == 3 && inside == 0 && outside == 0 &&
           count == 4294967295ULL;
}

bool has_effective_capability(int cap) {
    auto status = read_text("/proc/self/status").value_or("");
    auto at = status.find("\nCapEff:");
    if (at == std::string::npos) return false;
    unsigned long long effective = std::strtoull(status.c_str() + at + 8, nullptr, 16);
    return (effective >> cap) & 1ULL;
}

bool capable(int cap) { return in_initial_user_namespace() && has_effective_capability(cap); }

int drop_to_nobody() {
    if (::setgroups(0, nullptr) != 0 || ::setgid(nobody_gid) != 0 || ::setuid(nobody_uid) != 0) return errno;
    if (::prctl(PR_SET_DUMPABLE, 1) != 0) return errno;
    for (int cap = 0; cap < 64; ++cap)  // setuid kept a capability (securebits): not unprivileged
        if (has_effective_capability(cap)) return EPERM;
    return 0;
}

int drop_all_capabilities() {
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2]{};
    if (::syscall(SYS_capset, &header, data) != 0) return errno;
    for (int cap = 0; cap < 64; ++cap)
        if (has_effective_capability(cap)) return EPERM;
    return 0;
}

std::string isolation() {
    const char* mode = std::getenv("IPC_CLAIMS_ISOLATION");
    return mode && *mode ? mode : "none (run directly)";
}

}  // namespace ipc
