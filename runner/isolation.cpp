#include "runner/isolation.hpp"

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

bool write_proc(const std::string& path, const std::string& text) {
    std::ofstream out(path);
    out << text;
    out.flush();
    return static_cast<bool>(out);
}

// Rows of /proc/sysvipc/<kind>: the id (column 1) and creator uid (cuid).
struct Row {
    int id;
    uid_t cuid;
};

std::vector<Row> sysvipc_rows(const std::string& kind) {
    // cuid is column 9 for shm and msg, column 6 for sem.
    const int cuid_column = kind == "sem" ? 6 : 9;
    std::ifstream in("/proc/sysvipc/" + kind);
    std::string line;
    std::getline(in, line);  // header
    std::vector<Row> rows;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::vector<long long> cols;
        long long v;
        while (words >> v) cols.push_back(v);
        if (static_cast<int>(cols.size()) > cuid_column)
            rows.push_back({static_cast<int>(cols[1]), static_cast<uid_t>(cols[cuid_column])});
    }
    return rows;
}

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

}  // namespace

PidsCgroup::PidsCgroup(int max_pids) {
    if (::geteuid() != 0) return;
    const std::string base = pids_hierarchy();
    if (base.empty()) return;
    static int serial = 0;
    std::string dir = base + "/ipc-claims-" + std::to_string(::getpid()) + "-" + std::to_string(serial++);
    if (::mkdir(dir.c_str(), 0755) != 0) return;
    if (!write_proc(dir + "/pids.max", std::to_string(max_pids))) {
        ::rmdir(dir.c_str());
        return;
    }
    path_ = dir;
}

PidsCgroup::~PidsCgroup() {
    if (!active()) return;
    kill_all();
    ::rmdir(path_.c_str());
}

bool PidsCgroup::enter() const { return active() && write_proc(path_ + "/cgroup.procs", "0"); }

long long PidsCgroup::times_limit_hit() const {
    std::ifstream in(path_ + "/pids.events");
    std::string key;
    long long value = 0;
    while (in >> key >> value)
        if (key == "max") return value;
    return 0;
}

int PidsCgroup::kill_all() const {
    int killed = 0;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (active() && std::chrono::steady_clock::now() < until) {
        auto pids = pids_in(path_ + "/cgroup.procs");
        if (pids.empty()) break;
        for (pid_t pid : pids) killed += ::kill(pid, SIGKILL) == 0;
        ::poll(nullptr, 0, 1);  // poll interval while SIGKILL takes effect
    }
    return killed;
}

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

std::string enter_isolation() {
    if (::unshare(CLONE_NEWIPC) == 0) return "ipc-namespace";
    const uid_t uid = ::getuid();
    const gid_t gid = ::getgid();
    if (::unshare(CLONE_NEWUSER | CLONE_NEWIPC) == 0) {
        // Map our own ids to themselves, so files and credentials look the same.
        write_proc("/proc/self/setgroups", "deny");
        write_proc("/proc/self/uid_map", std::to_string(uid) + " " + std::to_string(uid) + " 1\n");
        write_proc("/proc/self/gid_map", std::to_string(gid) + " " + std::to_string(gid) + " 1\n");
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
        for (const auto& row : sysvipc_rows(kind)) objects.insert({kind, row.id});
    return objects;
}

int remove_new_ipc_objects(const IpcObjects& before) {
    int removed = 0;
    const uid_t me = ::getuid();
    for (const char* kind : {"shm", "msg", "sem"}) {
        const std::string k = kind;
        for (const auto& row : sysvipc_rows(k)) {
            if (row.cuid != me || before.count({k, row.id})) continue;
            int rc = k == "shm"   ? ::shmctl(row.id, IPC_RMID, nullptr)
                     : k == "msg" ? ::msgctl(row.id, IPC_RMID, nullptr)
                                  : ::semctl(row.id, 0, IPC_RMID);
            if (rc == 0) ++removed;
        }
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
