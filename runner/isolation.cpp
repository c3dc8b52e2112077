#include "runner/isolation.hpp"

#include "ipc/procfs.hpp"
#include "ipc/sysvipc.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <sched.h>
#include <sstream>
#include <filesystem>
#include <sys/ipc.h>
#include <sys/resource.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <poll.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace runner {
namespace {

std::vector<pid_t> children_of_self() {
    std::vector<pid_t> out;
    const pid_t self = ::getpid();
    DIR* proc = ::opendir("/proc");
    if (!proc) return out;
    while (auto* entry = ::readdir(proc)) {
        pid_t pid = static_cast<pid_t>(std::atoi(entry->d_name));
        if (pid <= 0) continue;
        // read(2), not a stream: the process may vanish mid-read (ESRCH).
        char buf[512];
        int fd = ::open(("/proc/" + std::string(entry->d_name) + "/stat").c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) continue;
        ssize_t n = ::read(fd, buf, sizeof buf - 1);
        ::close(fd);
        if (n <= 0) continue;
        std::string text(buf, static_cast<std::size_t>(n));
        auto close = text.rfind(')');
        if (close == std::string::npos) continue;
        std::istringstream rest(text.substr(close + 2));
        char state;
        pid_t ppid;
        if (rest >> state >> ppid && ppid == self) out.push_back(pid);
    }
    ::closedir(proc);
    return out;
}

}  // namespace

std::string enter_isolation() {
    if (::unshare(CLONE_NEWIPC) == 0) return "ipc-namespace";
    const uid_t uid = ::getuid();
    const gid_t gid = ::getgid();
    if (::unshare(CLONE_NEWUSER | CLONE_NEWIPC) == 0) {
        // Map our own ids to themselves, so files and credentials look the same.
        ipc::write_text("/proc/self/setgroups", "deny");
        ipc::write_text("/proc/self/uid_map", std::to_string(uid) + " " + std::to_string(uid) + " 1\n");
        ipc::write_text("/proc/self/gid_map", std::to_string(gid) + " " + std::to_string(gid) + " 1\n");
        return "user+ipc-namespace";
    }
    return "none";
}

std::string probe_isolation() {
    int fds[2];
    if (::pipe(fds) != 0) return "unknown";
    pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        std::string mode = enter_isolation();
        (void)!::write(fds[1], mode.data(), mode.size());
        ::_exit(0);
    }
    ::close(fds[1]);
    char buf[64] = {};
    ssize_t n = pid > 0 ? ::read(fds[0], buf, sizeof buf - 1) : -1;
    ::close(fds[0]);
    if (pid > 0) ::waitpid(pid, nullptr, 0);
    return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : "unknown";
}

IpcObjects host_ipc_objects() {
    IpcObjects objects;
    for (const char* kind : {"shm", "msg", "sem"})
        for (const auto& o : ipc::sysvipc_objects(kind).value_or(std::vector<ipc::SysvObject>{}))
            objects.insert({kind, o.id});
    return objects;
}

int remove_new_ipc_objects(const IpcObjects& before) {
    int removed = 0;
    const uid_t me = ::getuid();
    for (const char* kind : {"shm", "msg", "sem"}) {
        const std::string k = kind;
        for (const auto& o : ipc::sysvipc_objects(k).value_or(std::vector<ipc::SysvObject>{}))
            if (o.cuid == me && !before.count({k, o.id})) removed += ipc::remove_sysv_object(k, o.id);
    }
    return removed;
}

int kill_and_reap_descendants(pid_t leader) {
    ::kill(-leader, SIGKILL);
    int reaped = 0;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < until) {
        // Processes that left the group (setsid, setpgid) were re-parented to us.
        for (pid_t pid : children_of_self()) ::kill(pid, SIGKILL);
        // Reap all that is ready before scanning /proc again (a fork bomb leaves thousands).
        int status;
        pid_t r;
        bool any = false;
        while ((r = ::waitpid(-1, &status, WNOHANG)) > 0) {
            reaped += r != leader;
            any = true;
        }
        if (r < 0 && errno == ECHILD) break;
        if (!any) ::poll(nullptr, 0, 1);  // poll interval while SIGKILL takes effect
    }
    return reaped;
}

}  // namespace runner
