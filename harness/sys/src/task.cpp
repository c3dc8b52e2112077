#include "ipc/task.hpp"

#include <cstdlib>
#include <map>
#include <sys/syscall.h>

#include "ipc/procfs.hpp"

namespace ipc {
namespace {

std::string proc_path(pid_t tid, const char* file) { return "/proc/" + std::to_string(tid) + "/" + file; }

char read_state(pid_t tid) {
    auto stat = read_text(proc_path(tid, "stat"));
    if (!stat) return '?';
    // "pid (comm) S ...": comm may hold spaces and parentheses, so look after the last ')'.
    auto close = stat->rfind(')');
    if (close == std::string::npos || close + 2 >= stat->size()) return '?';
    return (*stat)[close + 2];
}

long long read_voluntary_switches(pid_t tid) {
    auto status = read_text(proc_path(tid, "status"));
    if (!status) return -1;
    const std::string field = "voluntary_ctxt_switches:";
    auto at = status->find("\n" + field);
    if (at == std::string::npos) return -1;
    return std::strtoll(status->c_str() + at + 1 + field.size(), nullptr, 10);
}

}  // namespace

const char* source_name(BlockingSource source) {
    switch (source) {
        case BlockingSource::ProcSyscall: return "proc-syscall";
        case BlockingSource::ProcState: return "proc-state";
        case BlockingSource::None: break;
    }
    return "none";
}

std::string syscall_name(long nr) {
    static const std::map<long, const char*> names = {
        {SYS_read, "read"},
        {SYS_write, "write"},
        {SYS_readv, "readv"},
        {SYS_writev, "writev"},
        {SYS_openat, "openat"},
        {SYS_msgrcv, "msgrcv"},
        {SYS_msgsnd, "msgsnd"},
        {SYS_semop, "semop"},
        {SYS_semtimedop, "semtimedop"},
        {SYS_wait4, "wait4"},
        {SYS_waitid, "waitid"},
        {SYS_pause, "pause"},
        {SYS_rt_sigsuspend, "rt_sigsuspend"},
        {SYS_rt_sigtimedwait, "rt_sigtimedwait"},
        {SYS_accept, "accept"},
        {SYS_accept4, "accept4"},
        {SYS_connect, "connect"},
        {SYS_recvfrom, "recvfrom"},
        {SYS_sendto, "sendto"},
        {SYS_recvmsg, "recvmsg"},
        {SYS_sendmsg, "sendmsg"},
        {SYS_poll, "poll"},
        {SYS_ppoll, "ppoll"},
        {SYS_select, "select"},
        {SYS_pselect6, "pselect6"},
        {SYS_futex, "futex"},
        {SYS_nanosleep, "nanosleep"},
        {SYS_clock_nanosleep, "clock_nanosleep"},
        {SYS_epoll_wait, "epoll_wait"},
        {SYS_open, "open"},
    };
    auto it = names.find(nr);
    return it != names.end() ? it->second : "nr " + std::to_string(nr);
}

std::string TaskSnapshot::describe() const {
    if (source == BlockingSource::ProcState)
        return std::string("state ") + state + " (syscall unknown: no /proc/PID/syscall)";
    std::string where = syscall >= 0    ? "in " + syscall_name(syscall) + " (nr " + std::to_string(syscall) + ")"
                        : syscall == -1 ? "in user space"
                                        : "running";
    return std::string("state ") + state + " " + where + ", wchan " + (wchan.empty() ? "?" : wchan);
}

TaskSnapshot snapshot(pid_t tid) {
    TaskSnapshot s;
    s.voluntary_switches = read_voluntary_switches(tid);
    s.state = read_state(tid);
    auto syscall_file = read_text(proc_path(tid, "syscall"));
    s.source = syscall_file     ? BlockingSource::ProcSyscall
               : s.state != '?' ? BlockingSource::ProcState
                                : BlockingSource::None;
    s.syscall_line = syscall_file.value_or("");
    while (!s.syscall_line.empty() && s.syscall_line.back() == '\n') s.syscall_line.pop_back();
    if (!s.syscall_line.empty() && s.syscall_line != "running") {
        char* end = nullptr;
        long nr = std::strtol(s.syscall_line.c_str(), &end, 10);
        if (end != s.syscall_line.c_str()) s.syscall = nr;
    }
    s.wchan = read_text(proc_path(tid, "wchan")).value_or("");
    return s;
}

}  // namespace ipc
