#include "task_words.hpp"

#include <cstdlib>
#include <sstream>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

#include <fmt/core.h>

#include "ipc/task.hpp"

namespace grading {
namespace {

// The syscall's arguments as /proc/PID/syscall writes them (hex, after the number).
std::vector<std::string> words_of(const std::string& s) {
    std::istringstream in(s);
    std::vector<std::string> w;
    std::string x;
    while (in >> x) w.push_back(x);
    return w;
}

// "/dev/pts/0", "pipe:[1234]", "its standard input": what fd names in pid.
std::string what_fd_is(pid_t pid, long long fd) {
    if (fd == 0) return "its standard input";
    char link[256] = {};
    const std::string fd_path = fmt::format("/proc/{}/fd/{}", pid, fd);
    const ssize_t n = ::readlink(fd_path.c_str(), link, sizeof link - 1);
    return n > 0 ? std::string(link, static_cast<std::size_t>(n)) : "fd " + std::to_string(fd);
}

}  // namespace

std::string describe_task(pid_t pid) {
    const ipc::TaskSnapshot s = ipc::snapshot(pid);
    if (s.state == '?') return "gone";
    if (s.state == 'Z') return "a zombie (ended, not yet waited for)";
    const auto words = words_of(s.syscall_line);
    auto arg = [&](std::size_t i) -> long long {
        return words.size() > i + 1 ? std::strtoll(words[i + 1].c_str(), nullptr, 16) : -1;
    };
    std::string where;
    if (s.syscall == SYS_msgrcv)
        where = fmt::format("blocked in msgrcv on queue {} waiting for a message of type {}", arg(0), arg(3));
    else if (s.syscall == SYS_msgsnd) where = fmt::format("blocked in msgsnd on queue {} (queue full)", arg(0));
    else if (s.syscall == SYS_read || s.syscall == SYS_write)
        where = fmt::format("blocked in {} on {}", s.syscall == SYS_read ? "read" : "write", what_fd_is(pid, arg(0)));
    else if (s.syscall == SYS_wait4 || s.syscall == SYS_waitid)
        where = "waiting for a child (" + ipc::syscall_name(s.syscall) + ")";
    else if (s.syscall == SYS_nanosleep || s.syscall == SYS_clock_nanosleep)
        where = "sleeping (" + ipc::syscall_name(s.syscall) + ")";
    else if (s.syscall == SYS_clone || s.syscall == SYS_fork || s.syscall == SYS_clone3)
        where = "forking (" + std::string(s.syscall == SYS_fork ? "fork" : "clone") + ")";
    else if (s.syscall == SYS_futex) where = "waiting on a futex (a semaphore or mutex)";
    else if (s.syscall >= 0) where = "in " + ipc::syscall_name(s.syscall);
    else if (s.syscall == -1 || s.state == 'R') where = "running in user space (busy loop?)";
    else where = "state " + std::string(1, s.state);
    return where + (s.wchan.empty() || s.wchan == "0" ? "" : ", wchan " + s.wchan);
}

}  // namespace grading
