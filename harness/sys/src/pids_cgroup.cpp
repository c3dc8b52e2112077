#include "ipc/pids_cgroup.hpp"

#include <cctype>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <poll.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>
#include <vector>

#include "ipc/procfs.hpp"
#include "ipc/temp_dir.hpp"  // the lock, the sweep

namespace ipc {
namespace {

std::vector<pid_t> pids_in(const std::string& procs_file) {
    std::ifstream in(procs_file);
    std::vector<pid_t> pids;
    pid_t pid;
    while (in >> pid) pids.push_back(pid);
    return pids;
}

// The pids hierarchy: cgroup v1's own mount, or v2's root with the controller on.
std::string pids_hierarchy() {
    if (std::filesystem::exists("/sys/fs/cgroup/pids/cgroup.procs")) return "/sys/fs/cgroup/pids";
    std::ifstream controllers("/sys/fs/cgroup/cgroup.subtree_control");
    std::string word;
    while (controllers >> word)
        if (word == "pids") return "/sys/fs/cgroup";
    return "";
}

const std::string name_prefix = "ipc-claims-";

// SIGKILLs every process in the cgroup at dir until it is empty (or 10 s
// passed); returns how many.
int kill_all_in(const std::string& dir) {
    int killed = 0;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < until) {
        auto pids = pids_in(dir + "/cgroup.procs");
        if (pids.empty()) break;
        for (pid_t pid : pids) killed += ::kill(pid, SIGKILL) == 0;
        ::poll(nullptr, 0, 1);  // poll interval while SIGKILL takes effect
    }
    return killed;
}

}  // namespace

int remove_orphaned_cgroups(std::chrono::seconds min_age) {
    const std::string base = pids_hierarchy();
    if (base.empty()) return 0;
    return remove_orphans(
        base, [](const std::string& name) { return name.rfind(name_prefix, 0) == 0; }, min_age,
        [](const std::string& dir) {
            kill_all_in(dir);
            return ::rmdir(dir.c_str()) == 0;
        });
}

PidsCgroup::PidsCgroup(int max_pids) {
    if (::geteuid() != 0) return;
    const std::string base = pids_hierarchy();
    if (base.empty()) return;
    static bool swept = false;
    if (!std::exchange(swept, true)) remove_orphaned_cgroups(orphan_min_age);
    static int serial = 0;
    std::string dir = base + "/" + name_prefix + std::to_string(::getpid()) + "-" + std::to_string(serial++);
    if (::mkdir(dir.c_str(), 0755) != 0) return;
    const int fd = lock_directory(dir);
    if (fd < 0 || !write_text(dir + "/pids.max", std::to_string(max_pids))) {
        if (fd >= 0) ::close(fd);
        ::rmdir(dir.c_str());
        return;
    }
    path_ = dir;
    lock_fd_ = fd;
}

PidsCgroup::~PidsCgroup() {
    if (!active()) return;
    kill_all();
    ::rmdir(path_.c_str());
    ::close(lock_fd_);
}

bool PidsCgroup::enter() const { return active() && write_text(path_ + "/cgroup.procs", "0"); }

long long PidsCgroup::times_limit_hit() const {
    std::ifstream in(path_ + "/pids.events");
    std::string key;
    long long value = 0;
    while (in >> key >> value)
        if (key == "max") return value;
    return 0;
}

int PidsCgroup::kill_all() const { return active() ? kill_all_in(path_) : 0; }

void limit_processes(int max_pids) {
    const uid_t me = ::getuid();
    long running = 0;
    for (auto& entry : std::filesystem::directory_iterator("/proc")) {
        struct stat st {};
        if (std::isdigit(static_cast<unsigned char>(entry.path().filename().string()[0])) &&
            ::stat(entry.path().c_str(), &st) == 0 && st.st_uid == me)
            ++running;
    }
    rlim_t cap = static_cast<rlim_t>(running + max_pids);
    rlimit now{};
    ::getrlimit(RLIMIT_NPROC, &now);
    if (now.rlim_max != RLIM_INFINITY && now.rlim_max < cap) cap = now.rlim_max;
    rlimit limit{cap, cap};
    ::setrlimit(RLIMIT_NPROC, &limit);
}

}  // namespace ipc
