// The lab sandbox's isolation (see sandbox.hpp). Process tree of one scenario:
//
//   grader (W) ── C: joins the pids cgroup, unshares net+IPC+PID+mount namespaces
//                 └─ I: PID 1 of the scenario, enters its private root
//                      (private_root.hpp) with its own /proc, supervises
//                      └─ the student's programs and all they start
//
// I runs the scenario (scenario_supervisor.hpp) and writes dir/result.json.
// When I leaves, the kernel kills whatever is left in the PID namespace; the
// grader then kills what the cgroup still holds and removes it.
#include "labs/sandbox.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fstream>
#include <poll.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "ipc/errno_name.hpp"
#include "ipc/pids_cgroup.hpp"
#include "ipc/process.hpp"
#include "private_root.hpp"
#include "scenario_supervisor.hpp"
#include "student.hpp"

namespace grading {
namespace fs = std::filesystem;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int pidns_unusable_exit = 42;  // I could not mount its /proc

bool is_root() { return ::geteuid() == 0; }

// Not root: a user namespace of our own, mapping our uid and gid, so that
// the other namespaces may be had.
void enter_own_user_namespace() {
    const uid_t uid = ::getuid();
    const gid_t gid = ::getgid();
    if (::unshare(CLONE_NEWUSER) != 0) return;
    std::ofstream("/proc/self/setgroups") << "deny";
    std::ofstream("/proc/self/uid_map") << uid << " " << uid << " 1\n";
    std::ofstream("/proc/self/gid_map") << gid << " " << gid << " 1\n";
}

// "IPC+PID+mount+net namespaces" (those C had), and why the network is the
// host's when CLONE_NEWNET was refused with net_errno.
std::string namespaces_had(bool have_ns, bool pidns, int net_errno) {
    std::vector<std::string> had;
    if (have_ns) had = pidns ? std::vector<std::string>{"IPC", "PID", "mount"} : std::vector<std::string>{"IPC"};
    if (net_errno == 0) had.push_back("net");
    const std::string text =
        had.empty() ? "no namespace" : fmt::format("{} namespace{}", fmt::join(had, "+"), had.size() > 1 ? "s" : "");
    return net_errno == 0 ? text : text + ", the host's network (CLONE_NEWNET: " + ipc::errno_name(net_errno) + ")";
}

// I: the scenario itself, as PID 1 of the new PID namespace when there is
// one. The isolation it reports: what C had, the filesystem the programs
// see, and C's limits.
[[noreturn]] void scenario_init(const RunSpec& spec, bool pidns, const std::string& namespaces,
                                const std::string& limits) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    std::string files = "the host's files";
    if (pidns) {
        if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) ::_exit(pidns_unusable_exit);
        const std::string why_not = enter_private_root(spec, private_root_base(spec));
        if (!why_not.empty() && ::mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) != 0)
            ::_exit(pidns_unusable_exit);
        files = why_not.empty() ? "private root" : files + " (no private root: " + why_not + ")";
    }
    const std::string isolation = namespaces + ", " + files + ", " + limits;
    json r;
    try {
        r = supervise_scenario(spec);
    } catch (const std::exception& e) {
        r = json::object();
        r["error"] = std::string("the sandbox failed: ") + e.what();
    }
    r["isolation"] = isolation;
    std::ofstream(spec.dir / "result.json") << r.dump();
    ::_exit(0);
}

// C: isolation, then I; leaves with I's exit code.
[[noreturn]] void scenario_process(const RunSpec& spec, const ipc::PidsCgroup& cgroup, bool pidns) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    cgroup.enter();
    if (!is_root()) enter_own_user_namespace();
    // An empty network namespace: no network, only its own loopback (down)
    // and its own abstract AF_UNIX names; socket files work as anywhere.
    const int net_errno = ::unshare(CLONE_NEWNET) == 0 ? 0 : errno;
    const bool have_ns = ::unshare(CLONE_NEWIPC | (pidns ? CLONE_NEWPID | CLONE_NEWNS : 0)) == 0;
    if (!have_ns && pidns) ::_exit(pidns_unusable_exit);
    const std::string namespaces = namespaces_had(have_ns, pidns, net_errno);
    const std::string limits =
        (cgroup.active() ? "pids cgroup (max " + std::to_string(spec.max_processes) + ")" : "no pids cgroup") +
        (runs_as_student(spec) ? ", uid " + std::to_string(spec.uid) : ", the grader's own uid");
    const pid_t inner = ::fork();
    if (inner == 0) scenario_init(spec, pidns, namespaces, limits);
    int st = 0;
    while (inner > 0 && ::waitpid(inner, &st, 0) < 0 && errno == EINTR) {
    }
    ::_exit(WIFEXITED(st) ? WEXITSTATUS(st) : 99);
}

// Waits for C at most `limit`, then kills it (I dies with it by PDEATHSIG,
// and the PID namespace with I); C's wait status.
int wait_with_deadline(pid_t c, std::chrono::duration<double> limit) {
    const auto until = Clock::now() + std::chrono::duration_cast<Clock::duration>(limit);
    int status = 0;
    const int pidfd = ipc::open_pidfd(c);
    while (true) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
        if (left <= 0) {
            ::kill(c, SIGKILL);
            ::waitpid(c, &status, 0);
            break;
        }
        pollfd p{pidfd, POLLIN, 0};
        ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
        if (::waitpid(c, &status, WNOHANG) == c) break;
    }
    if (pidfd >= 0) ::close(pidfd);
    return status;
}

}  // namespace

uid_t sandbox_uid(int slot) {
    // A range no account uses: each grading slot its own uid, so per-user
    // limits and accounting (processes, pipe pages) are the scenario's alone.
    return static_cast<uid_t>(1845493760u + ((static_cast<unsigned>(::getpid()) & 0xffffu) << 8) +
                              (static_cast<unsigned>(slot) & 0xffu));
}

json Sandbox::run(const RunSpec& spec) {
    fs::create_directories(spec.dir / "work");
    if (runs_as_student(spec)) {
        ::chown((spec.dir / "work").c_str(), spec.uid, spec.uid);
        ::chmod(spec.dir.c_str(), 0755);
    }
    fs::remove(spec.dir / "result.json");
    const fs::path root_base = private_root_base(spec);  // empty on the host: mounted on only inside
    fs::create_directories(root_base);
    int status = 0;
    std::string cannot_fork;
    {
        const ipc::PidsCgroup cgroup(spec.max_processes + 3);  // killed and removed at the end of the block
        for (int attempt = 0; attempt < 2; ++attempt) {
            const bool pidns = pid_namespace_usable_;
            const pid_t c = ::fork();
            if (c == 0) scenario_process(spec, cgroup, pidns);
            if (c < 0) {
                cannot_fork = std::string("fork: ") + std::strerror(errno);
                break;
            }
            status = wait_with_deadline(c, std::chrono::duration<double>(spec.deadline_s + spec.grace_s + 30));
            if (WIFEXITED(status) && WEXITSTATUS(status) == pidns_unusable_exit && pidns) {
                pid_namespace_usable_ = false;
                continue;
            }
            break;
        }
    }
    std::error_code ignored;
    fs::remove(root_base, ignored);
    std::ifstream in(spec.dir / "result.json");
    json r = json::parse(in, nullptr, false);
    if (!r.is_object()) {
        r = json::object();
        r["error"] = "the sandbox failed: " + (cannot_fork.empty() ? ipc::WaitStatus(status).describe() : cannot_fork);
    }
    return r;
}

}  // namespace grading
