#include "tracer.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sstream>
#include <sys/ipc.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
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

// Whether pid's chain of parents reaches ancestor. Without a PID namespace of
// the scenario's own, /proc holds the host's processes: only descendants are
// the scenario's (orphans come back to the supervisor, a subreaper).
bool descends_from(pid_t pid, pid_t ancestor) {
    for (int depth = 0; pid > 1 && depth < 256; ++depth) {
        pid = proc_ppid(pid);
        if (pid == ancestor) return true;
    }
    return false;
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

// Up to n bytes of the traced process's memory at addr ("" if unreadable).
std::string peek_bytes(pid_t pid, std::uint64_t addr, std::size_t n) {
    std::string bytes(n, '\0');
    ssize_t got = -1;
    int fd = ::open(fmt::format("/proc/{}/mem", pid).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        got = ::pread(fd, bytes.data(), n, static_cast<off_t>(addr));
        ::close(fd);
    }
    bytes.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
    return bytes;
}

// A word of the traced process's memory (a message's type), -1 if unreadable.
long peek_word(pid_t pid, std::uint64_t addr) {
    long value = -1;
    const std::string bytes = peek_bytes(pid, addr, sizeof value);
    if (bytes.size() == sizeof value) std::memcpy(&value, bytes.data(), sizeof value);
    return value;
}

// What fd names in pid: "pipe:[12]", "socket:[34]", "anon_inode:[signalfd]", a path.
std::string fd_target(pid_t pid, std::uint64_t fd) {
    char link[128] = {};
    const std::string path = fmt::format("/proc/{}/fd/{}", pid, fd);
    const ssize_t n = ::readlink(path.c_str(), link, sizeof link - 1);
    return std::string(link, n > 0 ? static_cast<std::size_t>(n) : 0);
}

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// The path of a sockaddr_un of len bytes in pid's memory ("@name" when abstract).
std::string unix_path(pid_t pid, std::uint64_t addr, std::uint64_t len) {
    const std::string sa = peek_bytes(pid, addr, std::min<std::uint64_t>(len, 110));
    if (sa.size() < 3) return "";
    sa_family_t family;
    std::memcpy(&family, sa.data(), sizeof family);
    if (family != AF_UNIX) return fmt::format("(family {})", family);
    if (sa[2] == '\0') return "@" + sa.substr(3);
    return sa.substr(2, sa.find('\0', 2) - 2);
}

const char* socket_domain(std::uint64_t domain) {
    switch (domain) {
        case AF_UNIX: return "AF_UNIX";
        case AF_INET: return "AF_INET";
        case AF_INET6: return "AF_INET6";
        default: return "another family";
    }
}

const char* socket_type(std::uint64_t type) {
    switch (type & 0xf) {
        case SOCK_STREAM: return "SOCK_STREAM";
        case SOCK_DGRAM: return "SOCK_DGRAM";
        case SOCK_SEQPACKET: return "SOCK_SEQPACKET";
        default: return "another type";
    }
}

bool is_read(std::uint64_t nr) { return nr == SYS_read || nr == SYS_readv || nr == SYS_recvfrom || nr == SYS_recvmsg; }

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
    p.ended_by_itself = !killed && killed_by_grader_ != pid;
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
        if (pid != self && pid != ignored && !procs_.count(pid) && descends_from(pid, self)) known(pid);
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
        case SYS_writev:
        case SYS_recvfrom:
        case SYS_recvmsg:
        case SYS_sendto:
        case SYS_sendmsg: {
            if (error || rval <= 0) break;
            const std::string target = fd_target(pid, a[0]);
            const bool reading = is_read(p.nr);
            if (starts_with(target, "pipe:[")) {
                std::string inode = target.substr(6, target.size() - 7);
                json& side = pipes_[inode][reading ? "readers" : "writers"];
                if (!side.is_object()) side = json::object();
                side[pids] = side.value(pids, 0LL) + rval;
            } else if (starts_with(target, "socket:[")) {
                json& bytes = sockets_["bytes"][pids];
                if (!bytes.is_object()) bytes = json::object();
                const char* way = reading ? "read" : "written";
                bytes[way] = bytes.value(way, 0LL) + rval;
                if (!reading && p.program == 0 && spec_.kill_after_first_reply && !killed_by_grader_) {
                    killed_by_grader_ = pid;
                    ::kill(pid, SIGKILL);
                    log_.add(fmt::format("the grader killed {} after its first reply ({} bytes): the server dies",
                                         who(pid), rval));
                }
            } else if (reading && target == "anon_inode:[signalfd]") {
                note_sigchld(p, "signalfd");
                log_.add(fmt::format("{} read a signal from its signalfd", who(pid)));
            }
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
        case SYS_rt_sigaction:
            if (!error && a[0] == SIGCHLD && a[1] != 0) {
                const long handler = peek_word(pid, a[1]);  // sa_handler comes first in the kernel's sigaction
                p.sigchld_handler = handler != reinterpret_cast<long>(SIG_DFL) &&
                                    handler != reinterpret_cast<long>(SIG_IGN);
                log_.add(fmt::format("{} sets SIGCHLD to {}", who(pid),
                                     p.sigchld_handler                            ? "a handler"
                                     : handler == reinterpret_cast<long>(SIG_IGN) ? "SIG_IGN"
                                                                                  : "SIG_DFL"));
            }
            break;
        case SYS_rt_sigtimedwait:
            if (!error && rval == SIGCHLD) {
                note_sigchld(p, "sigwaitinfo");
                log_.add(fmt::format("{} took SIGCHLD with sigwaitinfo/sigtimedwait", who(pid)));
            }
            break;
        case SYS_wait4:
        case SYS_waitid: on_wait_exit(p, rval, error); break;
        case SYS_socket:
        case SYS_bind:
        case SYS_connect:
        case SYS_accept:
        case SYS_accept4:
        case SYS_shutdown: on_socket_exit(p, rval, error); break;
        case SYS_clone:
        case SYS_fork:
        case SYS_vfork:
        case SYS_clone3:
            if (error && rval == -EAGAIN && ++fork_refused_ == 1) {
                first_refusal_ = Clock::now();
                log_.add(fmt::format("{} fork refused: EAGAIN (process limit {})", who(pid), spec_.max_processes));
            }
            break;
        default: break;
    }
}

void Tracer::on_wait_exit(TracedProcess& p, std::int64_t rval, bool error) {
    if (error) return;
    std::int64_t child = rval;
    if (p.nr == SYS_waitid) {  // 0 and the child in infop's si_pid (offset 16 on Linux), 0 there if none
        child = p.args[2] ? static_cast<int>(peek_word(p.pid, p.args[2] + 16) & 0xffffffff) : 0;
    }
    const std::string pids = std::to_string(p.pid);
    if (child == 0) {
        signals_["polls"][pids] = signals_["polls"].value(pids, 0) + 1;
        return;
    }
    const bool in_handler = p.in_sigchld_handler > 0;
    signals_["reaps"].push_back({{"pid", p.pid},
                                 {"child", child},
                                 {"in_handler", in_handler},
                                 {"after_sigchld", p.sigchld_taken > 0},
                                 {"s", log_.now_s()}});
    log_.add(fmt::format("{} reaped pid {} with {}{}", who(p.pid), child, p.nr == SYS_wait4 ? "wait4" : "waitid",
                         in_handler ? " in its SIGCHLD handler" : ""));
}

void Tracer::on_socket_exit(TracedProcess& p, std::int64_t rval, bool error) {
    if (error) return;
    const pid_t pid = p.pid;
    const auto* a = p.args;
    switch (static_cast<long>(p.nr)) {
        case SYS_socket:
            sockets_["socket"].push_back(
                {{"pid", pid}, {"domain", socket_domain(a[0])}, {"type", socket_type(a[1])}, {"fd", rval}});
            log_.add(fmt::format("{} socket({}, {}) = {}", who(pid), socket_domain(a[0]), socket_type(a[1]), rval));
            break;
        case SYS_bind:
        case SYS_connect: {
            const std::string path = unix_path(pid, a[1], a[2]);
            const char* call = p.nr == SYS_bind ? "bind" : "connect";
            sockets_[call].push_back({{"pid", pid}, {"path", path}});
            log_.add(fmt::format("{} {}(\"{}\") = 0", who(pid), call, path));
            break;
        }
        case SYS_accept:
        case SYS_accept4:
            sockets_["accept"].push_back({{"pid", pid}, {"fd", rval}});
            log_.add(fmt::format("{} accept() = {}", who(pid), rval));
            break;
        case SYS_shutdown:
            sockets_["shutdown"].push_back({{"pid", pid}, {"how", a[1]}});
            log_.add(fmt::format("{} shutdown({}, {})", who(pid), a[0],
                                 a[1] == SHUT_WR   ? "SHUT_WR"
                                 : a[1] == SHUT_RD ? "SHUT_RD"
                                                   : "SHUT_RDWR"));
            break;
        default: break;
    }
}

pid_t Tracer::program_pid(int index) const {
    for (const auto& [pid, p] : procs_)
        if (p.program == index) return pid;
    return -1;
}

bool Tracer::has_live_children(pid_t parent) const {
    for (const auto& [pid, p] : procs_)
        if (p.alive && p.ppid == parent && p.program < 0) return true;
    return false;
}

bool Tracer::hold_first_socket_read(TracedProcess& p) {
    if (!spec_.requests_glued || read_held_once_ || p.program != 0 || !is_read(p.nr)) return false;
    if (!starts_with(fd_target(p.pid, p.args[0]), "socket:[")) return false;
    read_held_once_ = true;
    held_read_ = Held{p.pid, Clock::now()};
    log_.add(fmt::format("{} holds its first read from a socket until the peer has sent everything", who(p.pid)));
    return true;
}

bool Tracer::hold_new_child(TracedProcess& p) {
    if (spec_.children_end_together <= 0 || children_released_ || p.program >= 0 || p.ppid != program_pid(0))
        return false;
    held_children_.push_back(p.pid);
    last_child_held_ = Clock::now();
    if (static_cast<int>(held_children_.size()) >= spec_.children_end_together) release_children();
    return true;
}

void Tracer::release_children() {
    children_released_ = true;
    log_.add(fmt::format("the grader lets {} children run at once", held_children_.size()));
    for (pid_t child : held_children_) resume(child);
    held_children_.clear();
}

bool Tracer::hold_sigchld(TracedProcess& p, int sig) {
    if (spec_.children_end_together <= 0 || sig != SIGCHLD || p.program != 0 || !has_live_children(p.pid)) return false;
    held_sigchld_ = Held{p.pid, Clock::now()};
    return true;
}

void Tracer::note_sigchld(TracedProcess& p, const char* how) {
    ++p.sigchld_taken;
    signals_["caught"].push_back({{"pid", p.pid}, {"how", how}, {"s", log_.now_s()}});
}

void Tracer::deliver(TracedProcess& p, int sig) {
    if (sig == SIGCHLD && p.sigchld_handler) {
        ++p.in_sigchld_handler;
        note_sigchld(p, "handler");
        log_.add(fmt::format("{} SIGCHLD delivered to its handler", who(p.pid)));
    }
    resume(p.pid, sig);
}

void Tracer::release_due() {
    const auto now = Clock::now();
    const auto second = std::chrono::seconds(1);
    if (!held_children_.empty() && now - last_child_held_ > second) release_children();
    if (held_sigchld_ && (!has_live_children(held_sigchld_->pid) || now - held_sigchld_->since > second)) {
        auto it = procs_.find(held_sigchld_->pid);
        if (it != procs_.end() && it->second.alive) deliver(it->second, SIGCHLD);
        held_sigchld_.reset();
    }
    if (held_read_) {
        const pid_t peer = program_pid(1);
        bool sent_all = peer < 0 || !procs_.at(peer).alive || now - held_read_->since > second;
        for (const auto& e : sockets_["shutdown"]) sent_all |= e.value("pid", -1) == peer;
        if (sent_all) {
            resume(held_read_->pid);
            held_read_.reset();
        }
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
                if (p.nr == SYS_rt_sigreturn && p.in_sigchld_handler > 0) --p.in_sigchld_handler;
                if (hold_first_socket_read(p)) return;
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
            p.sigchld_handler = false;  // exec resets caught signals
        }
        resume(pid);
    } else if (sig == SIGSTOP && (fresh || !p.seen_first_stop)) {
        p.seen_first_stop = true;  // the first stop of an auto-attached child
        if (!hold_new_child(p)) resume(pid);
    } else {
        siginfo_t si;
        const bool group_stop = ::ptrace(PTRACE_GETSIGINFO, pid, nullptr, &si) != 0;
        if (group_stop) resume(pid);
        else if (!hold_sigchld(p, sig)) deliver(p, sig);
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
    r["signals"] = signals_;
    r["sockets"] = sockets_;
}

}  // namespace grading
