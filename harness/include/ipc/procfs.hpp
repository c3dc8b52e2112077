// Reading the kernel's own account: /proc files and sysctls.
#pragma once
#include <optional>
#include <string>

namespace ipc {

// The whole file, or nullopt when it cannot be read (errno set).
std::optional<std::string> read_text(const std::string& path);
// The first integer in the file (e.g. /proc/sys/kernel/msgmax), or nullopt.
std::optional<long long> read_number(const std::string& path);
// A sysctl the case depends on: read it, record it as evidence under its
// path, and return it; an unreadable one is a broken setup.
long long sysctl(const std::string& path);

long page_size();

}  // namespace ipc
