// Reading the kernel's own account: /proc files and sysctls.
#pragma once
#include <optional>
#include <string>

namespace ipc {

// The whole file, or nullopt when it cannot be read (errno set).
std::optional<std::string> read_text(const std::string& path);
// The first integer in the file (e.g. /proc/sys/kernel/msgmax), or nullopt.
std::optional<long long> read_number(const std::string& path);
// Writes text to an existing kernel file (/proc/self/uid_map, a sysctl, a
// cgroup's pids.max) in one write(2); false with errno set when refused.
bool write_text(const std::string& path, const std::string& text);
// (sysctl(), sysctl_if_readable() and skip_part(), for cases: ipc/sysctl.hpp)

long page_size();

}  // namespace ipc
