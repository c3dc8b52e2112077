// The lab sandbox (see sandbox.hpp). Process tree of one scenario:
//
//   grader (W) ── C: joins the pids cgroup, unshares IPC+PID+mount namespaces
//                 └─ I: PID 1 of the scenario, mounts its own /proc, traces
//                      └─ the student's programs and all they start
//
// I watches through ptrace and /proc and writes dir/result.json. When I
// leaves, the kernel kills whatever is left in the PID namespace; the grader
// then kills what the cgroup still holds and removes it.
#include "labs/sandbox.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <grp.h>
#include <map>
#include <optional>
#include <poll.h>
#include <sched.h>
#include <sstream>
#include <sys/ipc.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/core.h>

#include "ipc/blocking.hpp"
#include "ipc/process.hpp"
#include "ipc/signals.hpp"

namespace grading {
namespace fs = std::filesystem;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

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

constexpr int pidns_unusable_exit = 42;  // I could not mount its /proc
bool g_no_pidns = false;                 // learnt once: run without a PID namespace

bool write_text(const fs::path& path, const std::string& text) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return false;
    bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ::close(fd);
    return ok;
}

std::string read_text(const fs::path& path, std::size_t max = 1 << 20) {
    std::ifstream in(path, std::ios::binary);
    std::string text(max, '\0');
    in.read(text.data(), static_cast<std::streamsize>(max));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return text;
}

bool is_root() { return ::geteuid() == 0; }

// ---- the pids cgroup (v1 controller at /sys/fs/cgroup/pids) ----------------

const fs::path pids_root = "/sys/fs/cgroup/pids";

std::optional<fs::path> make_pids_cgroup(int limit) {
    if (!is_root() || ::access((pids_root / "cgroup.procs").c_str(), W_OK) != 0) return std::nullopt;
    static int counter = 0;
    fs::path dir = pids_root / fmt::format("ipc-claims-lab.{}.{}", ::getpid(), ++counter);
    if (::mkdir(dir.c_str(), 0755) != 0) return std::nullopt;
    if (!write_text(dir / "pids.max", std::to_string(limit))) {
        ::rmdir(dir.c_str());
        return std::nullopt;
    }
    return dir;
}

void remove_pids_cgroup(const fs::path& dir) {
    const auto until = Clock::now() + std::chrono::seconds(10);
    while (Clock::now() < until) {
        std::istringstream procs(read_text(dir / "cgroup.procs"));
        pid_t pid;
        bool any = false;
        while (procs >> pid) {
            any = true;
            ::kill(pid, SIGKILL);
        }
        if (!any && ::rmdir(dir.c_str()) == 0) return;
        ::poll(nullptr, 0, 5);  // poll interval while SIGKILL takes effect
    }
}

// ---- inside the scenario ----------------------------------------------------

struct Proc {
    pid_t pid = 0;
    pid_t ppid = 0;
    std::string comm;
    int program = -1;
    bool alive = true;
    bool ended_by_itself = false;
    std::string status;
    int exit_code = -1;
    int signal = 0;
    double start_s = 0, end_s = -1, orphaned_s = -1;
    std::string still_running;
    bool zombie_reported = false;
    // ptrace bookkeeping
    bool seen_first_stop = false;
    std::uint64_t nr = 0;
    std::uint64_t args[6] = {};
};

std::string proc_comm(pid_t pid) {
    std::string c = read_text("/proc/" + std::to_string(pid) + "/comm", 64);
    while (!c.empty() && c.back() == '\n') c.pop_back();
    return c;
}

pid_t proc_ppid(pid_t pid) {
    std::string stat = read_text("/proc/" + std::to_string(pid) + "/stat", 4096);
    auto close = stat.rfind(')');
    if (close == std::string::npos) return 0;
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

std::vector<std::string> sysvipc_rows(const std::string& kind) {
    std::istringstream in(read_text("/proc/sysvipc/" + kind));
    std::string line;
    std::vector<std::string> rows;
    std::getline(in, line);  // header
    while (std::getline(in, line))
        if (line.find_first_not_of(' ') != std::string::npos) rows.push_back(line);
    return rows;
}

std::vector<std::string> split_words(const std::string& s) {
    std::istringstream in(s);
    std::vector<std::string> w;
    std::string x;
    while (in >> x) w.push_back(x);
    return w;
}

// What a live task is doing, in a teacher's words.
std::string describe_task(pid_t pid) {
    ipc::TaskSnapshot s = ipc::snapshot(pid);
    if (s.state == '?') return "gone";
    auto words = split_words(s.syscall_line);
    auto arg = [&](std::size_t i) -> long long {
        return words.size() > i + 1 ? std::strtoll(words[i + 1].c_str(), nullptr, 16) : -1;
    };
    std::string where;
    if (s.state == 'Z') return "a zombie (ended, not yet waited for)";
    if (s.syscall == SYS_msgrcv)
        where = fmt::format("blocked in msgrcv on queue {} waiting for a message of type {}", arg(0), arg(3));
    else if (s.syscall == SYS_msgsnd)
        where = fmt::format("blocked in msgsnd on queue {} (queue full)", arg(0));
    else if (s.syscall == SYS_read || s.syscall == SYS_write) {
        char link[256] = {};
        std::string fdpath = fmt::format("/proc/{}/fd/{}", pid, arg(0));
        ssize_t n = ::readlink(fdpath.c_str(), link, sizeof link - 1);
        std::string what = n > 0 ? std::string(link, static_cast<std::size_t>(n)) : "fd " + std::to_string(arg(0));
        if (arg(0) == 0) what = "its standard input";
        where = fmt::format("blocked in {} on {}", s.syscall == SYS_read ? "read" : "write", what);
    } else if (s.syscall == SYS_wait4 || s.syscall == SYS_waitid)
        where = "waiting for a child (" + ipc::syscall_name(s.syscall) + ")";
    else if (s.syscall == SYS_nanosleep || s.syscall == SYS_clock_nanosleep)
        where = "sleeping (" + ipc::syscall_name(s.syscall) + ")";
    else if (s.syscall == SYS_clone || s.syscall == SYS_fork || s.syscall == SYS_clone3)
        where = "forking (" + std::string(s.syscall == SYS_fork ? "fork" : "clone") + ")";
    else if (s.syscall == SYS_futex)
        where = "waiting on a futex (a semaphore or mutex)";
    else if (s.syscall >= 0)
        where = "in " + ipc::syscall_name(s.syscall);
    else if (s.syscall == -1 || s.state == 'R')
        where = "running in user space (busy loop?)";
    else
        where = "state " + std::string(1, s.state);
    return where + (s.wchan.empty() || s.wchan == "0" ? "" : ", wchan " + s.wchan);
}

class Scenario {
public:
    Scenario(const RunSpec& spec, bool drop) : spec_(spec), drop_(drop) {}

    json run() {
        sigset_t chld;
        sigemptyset(&chld);
        sigaddset(&chld, SIGCHLD);
        ::sigprocmask(SIG_BLOCK, &chld, nullptr);
        if (::getpid() != 1) ::prctl(PR_SET_CHILD_SUBREAPER, 1);
        start_ = Clock::now();
        if (spec_.measure_pipe_capacity) arrange_pipes();
        start_program(0);
        if (spec_.wait_for_object.empty())
            for (std::size_t i = 1; i < spec_.programs.size(); ++i) start_program(static_cast<int>(i));
        loop();
        return report();
    }

private:
    const RunSpec& spec_;
    bool drop_;
    Clock::time_point start_;
    std::map<pid_t, Proc> procs_;
    std::vector<pid_t> program_pids_;
    std::size_t started_ = 0;
    pid_t holder_ = -1;
    long long arranged_capacity_ = -1;
    std::optional<Clock::time_point> killing_since_;
    std::string killed_reason_;
    bool deadline_hit_ = false;
    std::optional<Clock::time_point> programs_done_;
    std::optional<Clock::time_point> first_refusal_;
    int fork_refused_ = 0, forks_ = 0, max_live_ = 0;
    json pipes_ = json::object(), pipes_created_ = json::object(), getpipe_sz_ = json::array();
    json shm_ = {{"shmget", json::array()}, {"shmat", json::array()}, {"rmid", json::array()}};
    json msg_ = {{"msgget", json::array()}, {"msgsnd", json::array()}, {"msgrcv", json::array()}, {"rmid", json::array()}};
    json zombies_ = json::array(), notes_ = json::array(), trace_ = json::array();
    int trace_lines_ = 0;
    std::optional<ipc::TaskSnapshot> last_idle_sample_;

    double now_s() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

    std::string who(pid_t pid) {
        auto it = procs_.find(pid);
        std::string name = it != procs_.end() ? it->second.comm : proc_comm(pid);
        return fmt::format("{}[{}]", name, pid);
    }

    void log(const std::string& line) {
        if (++trace_lines_ <= 80) trace_.push_back(fmt::format("{:7.3f}s {}", now_s(), line));
    }

    void set_limits(rlim_t nofile) {
        auto set = [](int res, rlim_t v) {
            rlimit r{v, v};
            ::setrlimit(res, &r);
        };
        set(RLIMIT_CPU, static_cast<rlim_t>(spec_.cpu_s));
        set(RLIMIT_AS, spec_.memory_bytes);
        set(RLIMIT_FSIZE, spec_.file_bytes);
        set(RLIMIT_CORE, 0);
        set(RLIMIT_NOFILE, nofile);
        if (drop_) set(RLIMIT_NPROC, static_cast<rlim_t>(spec_.max_processes + 1));
    }

    void become_student() {
        if (!drop_) return;
        gid_t gid = spec_.uid;
        if (::setgroups(0, nullptr) != 0 || ::setgid(gid) != 0 || ::setuid(spec_.uid) != 0) ::_exit(126);
    }

    // The pipe-capacity lab: a process of the student's uid measures what a
    // new pipe gets, and under pressure keeps enough pipes open that the
    // uid is over fs.pipe-user-pages-soft, so new pipes get the minimum.
    void arrange_pipes() {
        int report[2];
        if (::pipe2(report, O_CLOEXEC) != 0) return;
        int hold[2];
        if (::pipe2(hold, O_CLOEXEC) != 0) return;
        holder_ = ::fork();
        if (holder_ == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            long long soft = 0;
            std::istringstream(read_text("/proc/sys/fs/pipe-user-pages-soft")) >> soft;
            rlimit r{};
            r.rlim_cur = r.rlim_max = static_cast<rlim_t>(soft / 2 + 256);
            ::setrlimit(RLIMIT_NOFILE, &r);
            become_student();
            int fds[2];
            long long first = -1, last = -1;
            if (::pipe(fds) == 0) {
                first = last = ::fcntl(fds[0], F_GETPIPE_SZ);
                if (!spec_.pipe_pressure) {
                    ::close(fds[0]);
                    ::close(fds[1]);
                }
            }
            for (long long made = 1; spec_.pipe_pressure && soft > 0 && last == first && made < soft + 8; ++made) {
                if (::pipe(fds) != 0) break;
                last = ::fcntl(fds[0], F_GETPIPE_SZ);
            }
            std::string text = std::to_string(last) + " " + std::to_string(first);
            (void)!::write(report[1], text.data(), text.size());
            ::close(report[1]);
            char c;
            (void)!::read(hold[0], &c, 1);  // until the scenario ends
            ::_exit(0);
        }
        ::close(report[1]);
        ::close(hold[0]);
        char buf[64] = {};
        ssize_t n = holder_ > 0 ? ::read(report[0], buf, sizeof buf - 1) : -1;
        ::close(report[0]);
        long long last = -1, first = -1;
        if (n > 0) std::istringstream(std::string(buf, static_cast<std::size_t>(n))) >> last >> first;
        arranged_capacity_ = last;
        if (spec_.pipe_pressure && last == first)
            notes_.push_back("could not lower the capacity of new pipes (fs.pipe-user-pages-soft is 0?)");
        notes_.push_back(fmt::format("a new pipe of this scenario's user gets {} bytes{}", last,
                                     spec_.pipe_pressure ? " (its uid holds pipes above fs.pipe-user-pages-soft)" : ""));
    }

    void start_program(int index) {
        const ProgramSpec& p = spec_.programs[static_cast<std::size_t>(index)];
        auto open_out = [&](const char* what) {
            return ::open((spec_.dir / fmt::format("{}.{}.txt", what, index)).c_str(),
                          O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        };
        int in = ::open(p.stdin_file.empty() ? "/dev/null" : p.stdin_file.c_str(), O_RDONLY | O_CLOEXEC);
        int out = open_out("stdout"), err = open_out("stderr");
        pid_t pid = ::fork();
        if (pid == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            ::setpgid(0, 0);
            ::dup2(in, 0);
            ::dup2(out, 1);
            ::dup2(err, 2);
            ipc::reset_signal_state();
            set_limits(1024);
            ::setpriority(PRIO_PROCESS, 0, 10);
            become_student();
            const fs::path work = spec_.dir / "work";
            if (::chdir(work.c_str()) != 0) ::_exit(126);
            ::clearenv();
            ::setenv("PATH", "/usr/local/bin:/usr/bin:/bin", 1);
            ::setenv("HOME", work.c_str(), 1);
            ::setenv("TMPDIR", work.c_str(), 1);
            ::setenv("LANG", "C.UTF-8", 1);
            for (const auto& e : spec_.env) ::putenv(const_cast<char*>(e.c_str()));
            std::vector<std::string> words = p.argv;
            std::vector<char*> argv;
            for (auto& w : words) argv.push_back(w.data());
            argv.push_back(nullptr);
            if (spec_.trace) {
                ::ptrace(PTRACE_TRACEME, 0, nullptr, nullptr);
                ::raise(SIGSTOP);
            }
            ::execvp(argv[0], argv.data());
            std::string msg = fmt::format("cannot execute {}: {}\n", argv[0], std::strerror(errno));
            (void)!::write(2, msg.data(), msg.size());
            ::_exit(127);
        }
        ::close(in);
        ::close(out);
        ::close(err);
        Proc proc;
        proc.pid = pid;
        proc.ppid = ::getpid();
        proc.comm = p.name;
        proc.program = index;
        proc.start_s = now_s();
        started_ = static_cast<std::size_t>(index) + 1;
        if (pid < 0) {
            notes_.push_back(fmt::format("could not start {}: {}", p.name, std::strerror(errno)));
            return;
        }
        procs_[pid] = proc;
        program_pids_.push_back(pid);
        if (spec_.trace) {
            int st = 0;
            if (::waitpid(pid, &st, __WALL) == pid && WIFSTOPPED(st)) {
                ::ptrace(PTRACE_SETOPTIONS, pid, nullptr,
                         PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE |
                             PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL);
                procs_[pid].seen_first_stop = true;
                ::ptrace(PTRACE_SYSCALL, pid, nullptr, nullptr);
            } else {
                on_end(pid, st);
            }
        }
        log(fmt::format("started {} as pid {}", p.name, pid));
    }

    int live_count() const {
        int n = 0;
        for (const auto& [pid, p] : procs_) n += p.alive;
        return n;
    }

    void on_end(pid_t pid, int st) {
        auto it = procs_.find(pid);
        if (it == procs_.end()) return;
        Proc& p = it->second;
        if (!p.alive) return;
        p.alive = false;
        p.end_s = now_s();
        p.ended_by_itself = !killing_since_;
        ipc::WaitStatus ws(st);
        p.status = ws.describe();
        p.exit_code = ws.exit_code();
        p.signal = ws.signal();
        for (auto& [cpid, c] : procs_)
            if (c.alive && c.ppid == pid) {
                c.ppid = 1;
                c.orphaned_s = now_s();
            }
        if (p.program >= 0) log(fmt::format("{} {}", who(pid), p.status));
    }

    Proc& known(pid_t pid, pid_t parent = 0) {
        auto it = procs_.find(pid);
        if (it != procs_.end()) return it->second;
        Proc p;
        p.pid = pid;
        p.ppid = parent ? parent : proc_ppid(pid);
        auto pit = procs_.find(p.ppid);
        p.comm = pit != procs_.end() ? pit->second.comm : proc_comm(pid);
        p.start_s = now_s();
        max_live_ = std::max(max_live_, live_count() + 1);
        return procs_[pid] = p;
    }

    long peek_word(pid_t pid, std::uint64_t addr) {
        long value = 0;
        int fd = ::open(fmt::format("/proc/{}/mem", pid).c_str(), O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            if (::pread(fd, &value, sizeof value, static_cast<off_t>(addr)) != sizeof value) value = -1;
            ::close(fd);
        }
        return value;
    }

    void on_syscall_exit(Proc& p, std::int64_t rval, bool error) {
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
                log(fmt::format("{} pipe() = 0", who(pid)));
            }
            break;
        case SYS_fcntl:
            if (!error && a[1] == F_GETPIPE_SZ) getpipe_sz_.push_back(rval);
            break;
        case SYS_shmget:
            if (!error) {
                shm_["shmget"].push_back({{"pid", pid}, {"id", rval}, {"key", static_cast<long long>(a[0])}});
                log(fmt::format("{} shmget(key {:#x}, {} bytes) = {}", who(pid), static_cast<int>(a[0]), a[1], rval));
            }
            break;
        case SYS_shmat:
            if (!error) {
                shm_["shmat"].push_back({{"pid", pid}, {"id", static_cast<long long>(a[0])}});
                log(fmt::format("{} shmat({}) attached", who(pid), a[0]));
            }
            break;
        case SYS_shmctl:
        case SYS_msgctl:
            if (!error && (a[1] & 0xff) == IPC_RMID) {
                (p.nr == SYS_shmctl ? shm_ : msg_)["rmid"].push_back({{"pid", pid}, {"id", static_cast<long long>(a[0])}});
                log(fmt::format("{} {}({}, IPC_RMID) = 0", who(pid), p.nr == SYS_shmctl ? "shmctl" : "msgctl", a[0]));
            }
            break;
        case SYS_msgget:
            if (!error) {
                msg_["msgget"].push_back({{"pid", pid}, {"id", rval}, {"key", static_cast<long long>(a[0])}});
                log(fmt::format("{} msgget(key {:#x}) = {}", who(pid), static_cast<int>(a[0]), rval));
            }
            break;
        case SYS_msgsnd:
            if (!error) {
                long type = peek_word(pid, a[1]);
                msg_["msgsnd"].push_back({{"pid", pid}, {"id", static_cast<long long>(a[0])}, {"type", type}, {"size", a[2]}});
                log(fmt::format("{} msgsnd(queue {}, type {}, {} bytes)", who(pid), a[0], type, a[2]));
            }
            break;
        case SYS_msgrcv:
            if (!error) {
                long got = peek_word(pid, a[1]);
                msg_["msgrcv"].push_back({{"pid", pid}, {"id", static_cast<long long>(a[0])},
                                          {"type", static_cast<long long>(a[3])}, {"got_type", got}, {"bytes", rval}});
                log(fmt::format("{} msgrcv(queue {}, asking type {}) got type {}, {} bytes", who(pid), a[0],
                                static_cast<long long>(a[3]), got, rval));
            }
            break;
        case SYS_clone:
        case SYS_fork:
        case SYS_vfork:
        case SYS_clone3:
            if (error && rval == -EAGAIN) {
                if (++fork_refused_ == 1) {
                    first_refusal_ = Clock::now();
                    log(fmt::format("{} fork refused: EAGAIN (process limit {})", who(pid), spec_.max_processes));
                }
            }
            break;
        default:
            break;
        }
    }

    void resume(pid_t pid, int sig = 0) { ::ptrace(PTRACE_SYSCALL, pid, nullptr, reinterpret_cast<void*>(static_cast<long>(sig))); }

    void on_stop(pid_t pid, int st) {
        const int sig = WSTOPSIG(st);
        const int event = st >> 16;
        bool fresh = procs_.find(pid) == procs_.end();
        Proc& p = known(pid);
        if (sig == (SIGTRAP | 0x80)) {
            SyscallInfo info{};
            if (::ptrace(static_cast<__ptrace_request>(PTRACE_GET_SYSCALL_INFO), pid,
                         reinterpret_cast<void*>(sizeof info), &info) > 0) {
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
                Proc& c = known(static_cast<pid_t>(child), pid);
                c.ppid = pid;
                c.comm = p.comm;
                if (forks_ <= 10) log(fmt::format("{} forked pid {}", who(pid), child));
            } else if (event == PTRACE_EVENT_EXEC) {
                p.comm = proc_comm(pid);
            }
            resume(pid);
        } else if (sig == SIGSTOP && (fresh || !p.seen_first_stop)) {
            p.seen_first_stop = true;  // the first stop of an auto-attached child
            resume(pid);
        } else {
            siginfo_t si;
            bool group_stop = ::ptrace(PTRACE_GETSIGINFO, pid, nullptr, &si) != 0;
            resume(pid, group_stop ? 0 : sig);
        }
    }

    void kill_everything(const std::string& reason) {
        if (killing_since_) return;
        killed_reason_ = reason;
        for (auto& [pid, p] : procs_)
            if (p.alive) p.still_running = describe_task(pid);
        killing_since_ = Clock::now();
        log("killing everything: " + reason);
        if (::getpid() == 1) {
            ::kill(-1, SIGKILL);  // everything in this PID namespace but us
        } else {
            for (auto& [pid, p] : procs_)
                if (p.alive) ::kill(pid, SIGKILL);
        }
    }

    bool programs_ended() const {
        if (started_ < spec_.programs.size()) return false;
        for (pid_t pid : program_pids_)
            if (procs_.at(pid).alive) return false;
        return true;
    }

    void check_zombies() {
        for (auto& [pid, p] : procs_) {
            if (p.alive || p.zombie_reported || p.program >= 0 || now_s() - p.end_s < 1.0) continue;
            if (::access(fmt::format("/proc/{}/stat", pid).c_str(), F_OK) != 0) continue;
            pid_t parent = proc_ppid(pid);
            if (parent <= 1) continue;
            auto pit = procs_.find(parent);
            if (pit == procs_.end() || !pit->second.alive) continue;
            p.zombie_reported = true;
            zombies_.push_back(fmt::format("{} ended at {:.1f} s but its parent {} had not waited for it {:.1f} s later",
                                           who(pid), p.end_s, who(parent), now_s() - p.end_s));
        }
    }

    void tick() {
        const double t = now_s();
        // Start the peers once the first program has created its object.
        if (started_ < spec_.programs.size() && !killing_since_) {
            bool made = !sysvipc_rows(spec_.wait_for_object).empty();
            bool first_gone = program_pids_.empty() || !procs_.at(program_pids_[0]).alive;
            // As a person would: start the peer once the first program has
            // made its object and sits waiting (asleep in a syscall, twice in
            // a row without a context switch), not in the middle of setting up.
            bool idle = false;
            if (made && !first_gone) {
                ipc::TaskSnapshot now = ipc::snapshot(program_pids_[0]);
                idle = last_idle_sample_ && (now.state == 'S' || now.state == 'D') && now.syscall >= 0 &&
                       now.syscall == last_idle_sample_->syscall &&
                       now.voluntary_switches == last_idle_sample_->voluntary_switches;
                last_idle_sample_ = now;
            }
            if ((made && idle) || first_gone || t > spec_.start_wait_s) {
                if (!made)
                    notes_.push_back(fmt::format("{} had created no {} object after {:.1f} s; the others were started anyway",
                                                 spec_.programs[0].name, spec_.wait_for_object, t));
                for (std::size_t i = started_; i < spec_.programs.size(); ++i) start_program(static_cast<int>(i));
            }
        }
        if (!killing_since_) {
            if (t > spec_.deadline_s) {
                deadline_hit_ = true;
                kill_everything(fmt::format("killed after {:.0f} s, still running", spec_.deadline_s));
            } else if (first_refusal_ && Clock::now() - *first_refusal_ > std::chrono::seconds(2)) {
                kill_everything(fmt::format("killed: forks without bound ({} forks refused by the limit of {} processes)",
                                            fork_refused_, spec_.max_processes));
            } else if (programs_ended()) {
                if (!programs_done_) programs_done_ = Clock::now();
                if (Clock::now() - *programs_done_ > std::chrono::duration<double>(spec_.grace_s))
                    kill_everything(fmt::format("killed {:.0f} s after the programs ended: left running", spec_.grace_s));
            }
        }
        check_zombies();
    }

    bool any_alive() const {
        for (const auto& [pid, p] : procs_)
            if (p.alive) return true;
        return false;
    }

    // Untraced processes (builds): pids we have not seen, found in /proc.
    void adopt_untraced() {
        if (spec_.trace) return;
        for (pid_t pid : all_pids())
            if (pid != ::getpid() && pid != holder_ && !procs_.count(pid)) known(pid);
        for (auto& [pid, p] : procs_)
            if (p.alive && p.program < 0 && ::kill(pid, 0) != 0) {
                p.alive = false;
                p.end_s = now_s();
                p.ended_by_itself = !killing_since_;
            }
    }

    void loop() {
        auto last_tick = Clock::now() - std::chrono::seconds(1);
        while (any_alive() || started_ < spec_.programs.size()) {
            int st = 0;
            pid_t pid = ::waitpid(-1, &st, __WALL | WNOHANG);
            if (pid > 0) {
                if (pid == holder_) {
                    holder_ = -1;
                } else if (WIFSTOPPED(st)) {
                    on_stop(pid, st);
                } else {
                    known(pid);
                    on_end(pid, st);
                }
                if (Clock::now() - last_tick < std::chrono::milliseconds(10)) continue;
            }
            if (pid < 0 && errno == ECHILD && spec_.trace) {
                for (auto& [p, proc] : procs_)
                    if (proc.alive) on_end(p, 0), proc.status = "vanished";
            }
            adopt_untraced();
            tick();
            last_tick = Clock::now();
            if (pid <= 0) {
                timespec wait{0, 5'000'000};  // SIGCHLD or 5 ms, whichever first
                sigset_t chld;
                sigemptyset(&chld);
                sigaddset(&chld, SIGCHLD);
                ::sigtimedwait(&chld, nullptr, &wait);
            }
            if (killing_since_ && Clock::now() - *killing_since_ > std::chrono::seconds(10)) break;
        }
    }

    std::string read_output(const char* what, std::size_t index) {
        return read_text(spec_.dir / fmt::format("{}.{}.txt", what, index), 256 * 1024);
    }

    json report() {
        json r;
        r["seconds"] = now_s();
        r["deadline_hit"] = deadline_hit_;
        r["killed_reason"] = killed_reason_;
        json ps = json::array();
        for (const auto& [pid, p] : procs_) {
            ps.push_back({{"pid", pid}, {"ppid", p.ppid}, {"comm", p.comm}, {"program", p.program},
                          {"ended_by_itself", p.ended_by_itself && !p.alive}, {"status", p.status},
                          {"exit_code", p.exit_code}, {"signal", p.signal}, {"start_s", p.start_s},
                          {"end_s", p.end_s}, {"orphaned_s", p.orphaned_s}, {"still_running", p.still_running}});
        }
        r["processes"] = ps;
        json outs = json::array(), errs = json::array();
        for (std::size_t i = 0; i < spec_.programs.size(); ++i) {
            outs.push_back(read_output("stdout", i));
            errs.push_back(read_output("stderr", i));
        }
        r["outputs"] = outs;
        r["errors"] = errs;
        r["pipes"] = pipes_;
        r["pipes_created"] = pipes_created_;
        r["getpipe_sz"] = getpipe_sz_;
        r["shm"] = shm_;
        r["msg"] = msg_;
        r["fork_refused"] = fork_refused_;
        r["forks"] = forks_;
        r["max_live"] = max_live_;
        r["zombies"] = zombies_;
        json left = json::array();
        for (const char* kind : {"shm", "msg", "sem"})
            for (const auto& row : sysvipc_rows(kind)) left.push_back(std::string(kind) + ": " + row);
        r["leftovers"] = left;
        r["pipe_capacity_arranged"] = arranged_capacity_;
        r["notes"] = notes_;
        r["trace"] = trace_;
        return r;
    }
};

std::string g_isolation;

// In C: isolation, then I as PID 1; returns C's exit code.
[[noreturn]] void scenario_process(const RunSpec& spec, const std::optional<fs::path>& cgroup, bool pidns) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (cgroup) write_text(*cgroup / "cgroup.procs", "0");
    std::string isolation = cgroup ? "pids cgroup (max " + std::to_string(spec.max_processes) + ")" : "no pids cgroup";
    int flags = CLONE_NEWIPC | (pidns ? CLONE_NEWPID | CLONE_NEWNS : 0);
    if (!is_root()) {
        const uid_t uid = ::getuid();
        const gid_t gid = ::getgid();
        if (::unshare(CLONE_NEWUSER) == 0) {
            std::ofstream("/proc/self/setgroups") << "deny";
            std::ofstream("/proc/self/uid_map") << uid << " " << uid << " 1\n";
            std::ofstream("/proc/self/gid_map") << gid << " " << gid << " 1\n";
        }
    }
    bool have_ns = ::unshare(flags) == 0;
    if (!have_ns && pidns) {
        ::_exit(pidns_unusable_exit);
    }
    pid_t inner = ::fork();
    if (inner == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (pidns) {
            if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
                ::mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) != 0)
                ::_exit(pidns_unusable_exit);
        }
        Scenario s(spec, is_root() && spec.uid != 0);
        json r;
        try {
            r = s.run();
        } catch (const std::exception& e) {
            r = json::object();
            r["error"] = std::string("the sandbox failed: ") + e.what();
        }
        r["isolation"] = std::string(have_ns ? (pidns ? "IPC+PID+mount namespaces" : "IPC namespace") : "no namespace") +
                         ", " + isolation +
                         (is_root() && spec.uid ? ", uid " + std::to_string(spec.uid) : ", the grader's own uid");
        std::ofstream(spec.dir / "result.json") << r.dump();
        ::_exit(0);
    }
    int st = 0;
    while (inner > 0 && ::waitpid(inner, &st, 0) < 0 && errno == EINTR) {
    }
    ::_exit(WIFEXITED(st) ? WEXITSTATUS(st) : 99);
}

}  // namespace

uid_t sandbox_uid(int slot) {
    // A range no account uses: each grading slot its own uid, so per-user
    // limits and accounting (processes, pipe pages) are the scenario's alone.
    return static_cast<uid_t>(1845493760u + ((static_cast<unsigned>(::getpid()) & 0xffffu) << 8) +
                              (static_cast<unsigned>(slot) & 0xffu));
}

json run_sandboxed(const RunSpec& spec) {
    fs::create_directories(spec.dir / "work");
    const bool drop = is_root() && spec.uid != 0;
    if (drop) {
        ::chown((spec.dir / "work").c_str(), spec.uid, spec.uid);
        ::chmod(spec.dir.c_str(), 0755);
    }
    fs::remove(spec.dir / "result.json");
    auto cgroup = make_pids_cgroup(spec.max_processes + 3);
    int status = 0;
    for (int attempt = 0; attempt < 2; ++attempt) {
        bool pidns = !g_no_pidns;
        pid_t c = ::fork();
        if (c == 0) scenario_process(spec, cgroup, pidns);
        const auto until = Clock::now() + std::chrono::duration<double>(spec.deadline_s + spec.grace_s + 30);
        int pidfd = ipc::open_pidfd(c);
        while (true) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
            if (left <= 0) {
                ::kill(c, SIGKILL);  // I dies with it (PDEATHSIG), and its PID namespace with it
                ::waitpid(c, &status, 0);
                break;
            }
            pollfd p{pidfd, POLLIN, 0};
            ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
            if (::waitpid(c, &status, WNOHANG) == c) break;
        }
        ::close(pidfd);
        if (WIFEXITED(status) && WEXITSTATUS(status) == pidns_unusable_exit && pidns) {
            g_no_pidns = true;
            continue;
        }
        break;
    }
    if (cgroup) remove_pids_cgroup(*cgroup);
    std::ifstream in(spec.dir / "result.json");
    json r = json::parse(in, nullptr, false);
    if (!r.is_object()) {
        r = json::object();
        r["error"] = "the sandbox failed: " + ipc::WaitStatus(status).describe();
    }
    return r;
}

std::string sandbox_description() {
    return std::string(g_no_pidns ? "IPC namespace" : "IPC+PID+mount namespaces") +
           (is_root() ? ", pids cgroup, a uid of its own" : ", the grader's own uid");
}

}  // namespace grading
