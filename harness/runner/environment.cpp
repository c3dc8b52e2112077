#include "environment.hpp"

#include <fstream>
#include <sys/utsname.h>
#include <unistd.h>

#include "isolation.hpp"

namespace runner {
namespace {

// The sysctls the claims depend on, by their /proc/sys path.
const char* const ipc_sysctls[] = {
    "kernel/shmmax", "kernel/shmall",  "kernel/shmmni", "kernel/shm_rmid_forced",
    "kernel/msgmax", "kernel/msgmnb",  "kernel/msgmni", "kernel/sem",
    "fs/pipe-max-size", "fs/pipe-user-pages-soft", "fs/pipe-user-pages-hard",
};

std::string first_line(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
}

std::string distribution() {
    std::ifstream in("/etc/os-release");
    std::string line;
    const std::string key = "PRETTY_NAME=";
    while (std::getline(in, line)) {
        if (line.rfind(key, 0) != 0) continue;
        std::string value = line.substr(key.size());
        if (value.size() >= 2 && value.front() == '"') value = value.substr(1, value.size() - 2);
        return value;
    }
    return "unknown";
}

}  // namespace

nlohmann::json collect_environment() {
    utsname u{};
    ::uname(&u);
    nlohmann::json sysctls = nlohmann::json::object();
    for (const char* name : ipc_sysctls) {
        std::string key = name;
        for (auto& c : key)
            if (c == '/') c = '.';
        sysctls[key] = first_line(std::string("/proc/sys/") + name);
    }
    return {
        {"kernel", {{"release", u.release}, {"version", u.version}, {"machine", u.machine}}},
        {"distribution", distribution()},
        {"page_size", ::sysconf(_SC_PAGESIZE)},
        {"cpus", ::sysconf(_SC_NPROCESSORS_ONLN)},
        {"sysctls", sysctls},
        {"isolation", probe_isolation()},
        {"uid", ::getuid()},
    };
}

}  // namespace runner
