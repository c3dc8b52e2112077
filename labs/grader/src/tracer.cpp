#include "tracer.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <dirent.h>
#include <fcntl.h>
#include <sstream>
#include <sys/ipc.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/core.h>

#include "ipc/process.hpp"
#include "ipc/procfs.hpp"
#include "task_words.hpp"

namespace grading {
using json = nlohmann::json;

namespace {

// PTRACE_GET_SYSCALL_INFO's answer (linux/ptrace.h; glibc does not declare it).
struct SyscallInfo {
    std::uint8_t op;
    std::uint8_t pad[3];
    std::uint32_t arch;
    std::uint64_t instruction_pointer;
    std::uint64_t stack_pointer;
    union {
        struct {
            std::uint64_t nr;
            std::uint64_t args[6];
        } entry;
        struct {
            std::int64_t rval;
            std::uint8_t is_error;
        } exit;
        struct {
            std::uint64_t nr;
            std::uint64_t args[6];
            std::uint32_t ret_data;
        } seccomp;
    };
};
constexpr std::uint8_t syscall_entry = 1, syscall_exit = 2;

std::string proc_comm(pid_t pid) {
    std::string c = ipc::read_text("/proc/" + std::to_string(pid) + "/comm").value_or("");
    while (!c.empty() && c.back() == '\n') c.pop_back();
    return c;
}

pid_t proc_ppid(pid_t pid) {
    const std::string stat = ipc::read_text("/proc/" + std::to_string(pid) + "/stat").value_or("");
    const auto close = stat.rfind(')');
    if (close == std::string::npos || close + 2 > stat.size()) return 0;
    std::istringstream rest(stat.substr(close + 2));
    char state;
    pid_t ppid = 0;
    rest >> state >> ppid;
    return ppid;
}

std::vector<pid_t> all_pids() {
    std::vector<pid_t> out;
    DIR* d = ::opendir("/proc");
    if (!d) return out;
    while (auto* e = ::readdir(d)) {
        pid_t pid = static_cast<pid_t>(std::atoi(e->d_name));
        if (pid > 0) out.push_back(pid);
    }
    ::closedir(d);
    return out;
}

// A word of the traced process's memory (a message's type), -1 if unreadable.
long peek_word(pid_t pid, std::uint64_t addr) {
    long value = 0;
    int fd = ::open(fmt::format("/proc/{}/mem", pid).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        if (::pread(fd, &value, sizeof value, static_cast<off_t>(addr)) != sizeof value) value = -1;
        ::close(fd);
    }
    return value;
}

void resume(pid_t pid, int sig = 0) {
    ::ptrace(PTRACE_SYSCALL, pid, nullptr, reinterpret_cast<void*>(static_cast<long>(sig)));
}

}  // namespace

void EventLog::add(const std::string& line) {
    if (++count_ <= 80) lines_.push_back(fmt::format("{:7.3f}s {}", now_s(), line));
}

void Tracer::add_program(pid_t pid, const std::string& name, int index, bool traced) {
    TracedProcess proc;
    proc.pid = pid;
    proc.ppid = ::getpid();
    proc.comm = name;
    proc.program = index;
    proc.start_s = log_.now_s();
    procs_[pid] = proc;
    if (traced) {
        int st = 0;
        if (::waitpid(pid, &st, __WALL) == pid && WIFSTOPPED(st)) {
            ::ptrace(PTRACE_SETOPTIONS, pid, nullptr,
                     PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE |
                         PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL);
            procs_[pid].seen_first_stop = true;
            ::ptrace(PTRACE_SYSCALL, pid, nullptr, nullptr);
        } else {
            on_end(pid, st, false);
        }
    }
}

std::string Tracer::who(pid_t pid) const {
    auto it = procs_.find(pid);
    const std::string name = it != procs_.end() ? it->second.comm : proc_comm(pid);
    return fmt::format("{}[{}]", name, pid);
}

int Tracer::live_count() const {
    int n = 0;
    for (const auto& [pid, p] : procs_) n += p.alive;
    return n;
}

bool Tracer::any_alive() const { return live_count() > 0; }

std::vector<pid_t> Tracer::live_pids() const {
    std::vector<pid_t> pids;
    for (const auto& [pid, p] : procs_)
        if (p.alive) pids.push_back(pid);
    return pids;
}

TracedProcess& Tracer::known(pid_t pid, pid_t parent) {
    auto it = procs_.find(pid);
    if (it != procs_.end()) return it->second;
    TracedProcess p;
    p.pid = pid;
    p.ppid = parent ? parent : proc_ppid(pid);
    auto pit = procs_.find(p.ppid);
    p.comm = pit != procs_.end() ? pit->second.comm : proc_comm(pid);
    p.start_s = log_.now_s();
    max_live_ = std::max(max_live_, live_count() + 1);
    return procs_[pid] = p;
}

void Tracer::on_end(pid_t pid, int st, bool killed) {
    known(pid);
    TracedProcess& p = procs_.at(pid);
    if (!p.alive) return;
    p.alive = false;
    p.end_s = log_.now_s();
    p.ended_by_itself = !killed;
    ipc::WaitStatus ws(st);
    p.status = ws.describe();
    p.exit_code = ws.exit_code();
    p.signal = ws.signal();
    for (auto& [cpid, c] : procs_)
        if (c.alive && c.ppid == pid) {
            c.ppid = 1;
            c.orphaned_s = log_.now_s();
        }
    if (p.program >= 0) log_.add(fmt::format("{} {}", who(pid), p.status));
}

void Tracer::all_vanished(bool killed) {
    for (auto& [pid, p] : procs_)
        if (p.alive) {
            on_end(pid, 0, killed);
            p.status = "vanished";
        }
}

void Tracer::adopt_untraced(pid_t self, pid_t ignored, bool killed) {
    for (pid_t pid : all_pids())
        if (pid != self && pid != ignored && !procs_.count(pid)) known(pid);
    for (auto& [pid, p] : procs_)
        if (p.alive && p.program < 0 && ::kill(pid, 0) != 0) {
            p.alive = false;
            p.end_s = log_.now_s();
            p.ended_by_itself = !killed;
        }
}

void Tracer::describe_live() {
    for (auto& [pid, p] : procs_)
        if (p.alive) p.still_running = describe_task(pid);
}

void Tracer::note_zombies() {
    for (auto& [pid, p] : procs_) {
        if (p.alive || p.zombie_reported || p.program >= 0 || log_.now_s() - p.end_s < 1.0) continue;
        if (::access(fmt::format("/proc/{}/stat", pid).c_str(), F_OK) != 0) continue;
        const pid_t parent = proc_ppid(pid);
        if (parent <= 1) continue;
        auto pit = procs_.find(parent);
        if (pit == procs_.end() || !pit->second.alive) continue;
        p.zombie_reported = true;
        zombies_.push_back(fmt::format("{} ended at {:.1f} s but its parent {} had not waited for it {:.1f} s later",
                                       who(pid), p.end_s, who(parent), log_.now_s() - p.end_s));
    }
}

void Tracer::on_syscall_exit(TracedProcess& p, std::int64_t rval, bool error) {
    const pid_t pid = p.pid;
    const auto* a = p.args;
    const std::string pids = std::to_string(pid);
    switch (static_cast<long>(p.nr)) {
        case SYS_read:
        case SYS_readv:
        case SYS_write:
        case SYS_writev: {
            if (error || rval <= 0) break;
            char link[128] = {};
            std::string path = fmt::format("/proc/{}/fd/{}", pid, a[0]);
            ssize_t n = ::readlink(path.c_str(), link, sizeof link - 1);
            std::string target(link, n > 0 ? static_cast<std::size_t>(n) : 0);
            if (target.rfind("pipe:[", 0) != 0) break;
            std::string inode = target.substr(6, target.size() - 7);
            bool reading = p.nr == SYS_read || p.nr == SYS_readv;
            json& side = pipes_[inode][reading ? "readers" : "writers"];
            if (!side.is_object()) side = json::object();
            side[pids] = side.value(pids, 0LL) + rval;
            break;
        }
        case SYS_pipe:
        case SYS_pipe2:
            if (!error) {
                pipes_created_[pids] = pipes_created_.value(pids, 0) + 1;
                log_.add(fmt::format("{} pipe() = 0", who(pid)));
            }
            break;
        case SYS_fcntl:
            if (!error && a[1] == F_GETPIPE_SZ) getpipe_sz_.push_back(rval);
            break;
        case SYS_shmget:
            if (!error) {
                shm_["shmget"].push_back({{"pid", pid}, {"id", rval}, {"key", static_cast<long long>(a[0])}});
                log_.add(
                    fmt::format("{} shmget(key {:#x}, {} bytes) = {}", who(pid), static_cast<int>(a[0]), a[1], rval));
            }
            break;
        case SYS_shmat:
            if (!error) {
                shm_["shmat"].push_back({{"pid", pid}, {"id", static_cast<long long>(a[0])}});
                log_.add(fmt::format("{} shmat({}) attached", who(pid), a[0]));
            }
            break;
        case SYS_shmctl:
        case SYS_msgctl:
            if (!error && (a[1] & 0xff) == IPC_RMID) {
                (p.nr == SYS_shmctl ? shm_ : msg_)["rmid"].push_back(
                    {{"pid", pid}, {"id", static_cast<long long>(a[0])}});
                log_.add(
                    fmt::format("{} {}({}, IPC_RMID) = 0", who(pid), p.nr == SYS_shmctl ? "shmctl" : "msgctl", a[0]));
            }
            break;
        case SYS_msgget:
            if (!error) {
                msg_["msgget"].push_back({{"pid", pid}, {"id", rval}, {"key", static_cast<long long>(a[0])}});
                log_.add(fmt::format("{} msgget(key {:#x}) = {}", who(pid), static_cast<int>(a[0]), rval));
            }
            break;
        case SYS_msgsnd:
            if (!error) {
                long type = peek_word(pid, a[1]);
                msg_["msgsnd"].push_back(
                    {{"pid", pid}, {"id", static_cast<long long>(a[0])}, {"type", type}, {"size", a[2]}});
                log_.add(fmt::format("{} msgsnd(queue {}, type {}, {} bytes)", who(pid), a[0], type, a[2]));
            }
            break;
        case SYS_msgrcv:
            if (!error) {
                long got = peek_word(pid, a[1]);
                msg_["msgrcv"].push_back({{"pid", pid},
                                          {"id", static_cast<long long>(a[0])},
                                          {"type", static_cast<long long>(a[3])},
                                          {"got_type", got},
                                          {"bytes", rval}});
                log_.add(fmt::format("{} msgrcv(queue {}, asking type {}) got type {}, {} bytes", who(pid), a[0],
                                     static_cast<long long>(a[3]), got, rval));
            }
            break;
        case SYS_clone:
        case SYS_fork:
        case SYS_vfork:
        case SYS_clone3:
            if (error && rval == -EAGAIN && ++fork_refused_ == 1) {
                first_refusal_ = Clock::now();
                log_.add(fmt::format("{} fork refused: EAGAIN (process limit {})", who(pid), max_processes_));
            }
            break;
        default: break;
    }
}

void Tracer::on_stop(pid_t pid, int st) {
    const int sig = WSTOPSIG(st);
    const int event = st >> 16;
    const bool fresh = procs_.find(pid) == procs_.end();
    TracedProcess& p = known(pid);
    if (sig == (SIGTRAP | 0x80)) {
        SyscallInfo info{};
        if (::ptrace(static_cast<__ptrace_request>(PTRACE_GET_SYSCALL_INFO), pid, reinterpret_cast<void*>(sizeof info),
                     &info) > 0) {
            if (info.op == syscall_entry) {
                p.nr = info.entry.nr;
                std::copy(std::begin(info.entry.args), std::end(info.entry.args), p.args);
            } else if (info.op == syscall_exit) {
                on_syscall_exit(p, info.exit.rval, info.exit.is_error != 0);
            }
        }
        resume(pid);
    } else if (sig == SIGTRAP && event) {
        if (event == PTRACE_EVENT_FORK || event == PTRACE_EVENT_VFORK || event == PTRACE_EVENT_CLONE) {
            unsigned long child = 0;
            ::ptrace(PTRACE_GETEVENTMSG, pid, nullptr, &child);
            ++forks_;
            TracedProcess& c = known(static_cast<pid_t>(child), pid);
            c.ppid = pid;
            c.comm = p.comm;
            if (forks_ <= 10) log_.add(fmt::format("{} forked pid {}", who(pid), child));
        } else if (event == PTRACE_EVENT_EXEC) {
            p.comm = proc_comm(pid);
        }
        resume(pid);
    } else if (sig == SIGSTOP && (fresh || !p.seen_first_stop)) {
        p.seen_first_stop = true;  // the first stop of an auto-attached child
        resume(pid);
    } else {
        siginfo_t si;
        const bool group_stop = ::ptrace(PTRACE_GETSIGINFO, pid, nullptr, &si) != 0;
        resume(pid, group_stop ? 0 : sig);
    }
}

void Tracer::report(json& r) const {
    json ps = json::array();
    for (const auto& [pid, p] : procs_) {
        ps.push_back({{"pid", pid},
                      {"ppid", p.ppid},
                      {"comm", p.comm},
                      {"program", p.program},
                      {"ended_by_itself", p.ended_by_itself && !p.alive},
                      {"status", p.status},
                      {"exit_code", p.exit_code},
                      {"signal", p.signal},
                      {"start_s", p.start_s},
                      {"end_s", p.end_s},
                      {"orphaned_s", p.orphaned_s},
                      {"still_running", p.still_running}});
    }
    r["processes"] = ps;
    r["pipes"] = pipes_;
    r["pipes_created"] = pipes_created_;
    r["getpipe_sz"] = getpipe_sz_;
    r["shm"] = shm_;
    r["msg"] = msg_;
    r["fork_refused"] = fork_refused_;
    r["forks"] = forks_;
    r["max_live"] = max_live_;
    r["zombies"] = zombies_;
}

}  // namespace grading
