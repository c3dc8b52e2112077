#include "runner/runtime.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ipc/signals.hpp"
#include "model/results.hpp"

namespace runner {
namespace {

namespace fs = std::filesystem;

// Every capability up to CAP_CHECKPOINT_RESTORE, as a root case has on the
// host (gVisor drops CAP_NET_RAW itself unless raw sockets are enabled,
// as `runsc do` does).
const char* const capabilities[] = {
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_DAC_READ_SEARCH",
    "CAP_FOWNER",
    "CAP_FSETID",
    "CAP_KILL",
    "CAP_SETGID",
    "CAP_SETUID",
    "CAP_SETPCAP",
    "CAP_LINUX_IMMUTABLE",
    "CAP_NET_BIND_SERVICE",
    "CAP_NET_BROADCAST",
    "CAP_NET_ADMIN",
    "CAP_NET_RAW",
    "CAP_IPC_LOCK",
    "CAP_IPC_OWNER",
    "CAP_SYS_MODULE",
    "CAP_SYS_RAWIO",
    "CAP_SYS_CHROOT",
    "CAP_SYS_PTRACE",
    "CAP_SYS_PACCT",
    "CAP_SYS_ADMIN",
    "CAP_SYS_BOOT",
    "CAP_SYS_NICE",
    "CAP_SYS_RESOURCE",
    "CAP_SYS_TIME",
    "CAP_SYS_TTY_CONFIG",
    "CAP_MKNOD",
    "CAP_LEASE",
    "CAP_AUDIT_WRITE",
    "CAP_AUDIT_CONTROL",
    "CAP_SETFCAP",
    "CAP_MAC_OVERRIDE",
    "CAP_MAC_ADMIN",
    "CAP_SYSLOG",
    "CAP_WAKE_ALARM",
    "CAP_BLOCK_SUSPEND",
    "CAP_AUDIT_READ",
};

std::string find_on_path(const std::string& name) {
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path ? path : "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        if (dir.empty()) continue;
        fs::path candidate = fs::path(dir) / name;
        if (::access(candidate.c_str(), X_OK) == 0 && fs::is_regular_file(candidate)) return candidate.string();
    }
    return "";
}

nlohmann::json rlimit_entry(const char* type, unsigned long long soft, unsigned long long hard) {
    return {{"type", type}, {"soft", soft}, {"hard", hard}};
}

unsigned long long as_ull(rlim_t v) { return v == RLIM_INFINITY ? ~0ULL : static_cast<unsigned long long>(v); }

void write_all(const fs::path& file, const std::string& text) {
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return;
    (void)!::write(fd, text.data(), text.size());
    ::close(fd);
}

}  // namespace

const std::vector<std::string>& runtime_names() {
    static const std::vector<std::string> names = {"native", "gvisor"};
    return names;
}

Runtime runtime_named(const std::string& name, const std::string& platform) {
    Runtime r;
    bool known = false;
    for (const auto& n : runtime_names()) known |= n == name;
    if (!known) {
        std::string valid;
        for (const auto& n : runtime_names()) valid += (valid.empty() ? "" : ", ") + n;
        throw std::invalid_argument("unknown runtime `" + name + "` (valid: " + valid + ")");
    }
    if (platform.empty() || platform.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_") != std::string::npos)
        throw std::invalid_argument("bad gVisor platform `" + platform + "` (e.g. ptrace, systrap, kvm)");
    r.name = name;
    r.platform = platform;
    return r;
}

void check_runtime(Runtime& runtime) {
    if (!runtime.gvisor()) return;
    runtime.runsc = find_on_path("runsc");
    if (runtime.runsc.empty())
        throw std::runtime_error("--runtime gvisor: runsc not found on PATH (install Debian's runsc package)");
    if (::geteuid() != 0)
        throw std::runtime_error("--runtime gvisor needs root (runsc creates each case's sandbox as root)");
}

std::string runsc_version(const Runtime& runtime) {
    if (runtime.runsc.empty()) return "";
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return "";
    pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(fds[1], STDOUT_FILENO);
        int null = ::open("/dev/null", O_RDWR);
        ::dup2(null, STDIN_FILENO);
        ::dup2(null, STDERR_FILENO);
        ::execl(runtime.runsc.c_str(), "runsc", "--version", static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(fds[1]);
    std::string out;
    char buf[512];
    ssize_t n;
    while (pid > 0 && (n = ::read(fds[0], buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
    ::close(fds[0]);
    if (pid > 0) ::waitpid(pid, nullptr, 0);
    // "runsc version 0.0~20221219.0\nspec: 1.0.2-dev\n"
    std::istringstream lines(out);
    std::string first;
    std::getline(lines, first);
    const std::string prefix = "runsc version ";
    return first.rfind(prefix, 0) == 0 ? first.substr(prefix.size()) : first;
}

nlohmann::json runtime_record(const Runtime& runtime) {
    if (!runtime.gvisor()) return {{"name", "native"}};
    utsname u{};
    ::uname(&u);
    return {{"name", "gvisor"},
            {"runsc", runtime.runsc},
            {"version", runsc_version(runtime)},
            {"platform", runtime.platform},
            {"host_kernel", std::string(u.release)}};
}

SandboxPaths::SandboxPaths(const fs::path& dir)
    : shared(dir / "shared"), bundle(dir / "bundle"), state(dir / "runsc"), wait_status(shared / "wait-status"),
      started(shared / "started") {}

std::vector<std::string> prepare_sandbox(const Runtime& runtime, const SandboxPaths& paths, const fs::path& self,
                                         const SandboxSpec& spec, const std::string& container_id) {
    fs::create_directories(paths.shared);
    fs::create_directories(paths.bundle);
    fs::create_directories(paths.state);

    std::vector<std::string> args = {self.string(), "sandbox-init", paths.wait_status.string(), "--"};
    args.insert(args.end(), spec.command.begin(), spec.command.end());
    nlohmann::json caps = nlohmann::json::array();
    for (const char* c : capabilities) caps.push_back(c);
    rlimit nofile{};
    ::getrlimit(RLIMIT_NOFILE, &nofile);
    nlohmann::json rlimits = nlohmann::json::array(
        {rlimit_entry("RLIMIT_NOFILE", as_ull(nofile.rlim_cur), as_ull(nofile.rlim_max)),
         rlimit_entry("RLIMIT_CORE", 0, ~0ULL)});  // a case that wants a core dump raises it itself
    if (spec.max_output_bytes)
        rlimits.push_back(rlimit_entry("RLIMIT_FSIZE", spec.max_output_bytes, spec.max_output_bytes));
    nlohmann::json config = {
        {"ociVersion", "1.0.0"},
        {"process",
         {{"terminal", false},
          {"user", {{"uid", ::getuid()}, {"gid", ::getgid()}}},
          {"args", args},
          {"env", spec.env},
          {"cwd", spec.cwd.string()},
          {"capabilities", {{"bounding", caps}, {"effective", caps}, {"inheritable", caps}, {"permitted", caps}}},
          {"rlimits", rlimits}}},
        // The host's files, read-only under an in-memory overlay (runsc --overlay2=root:memory).
        {"root", {{"path", "/"}, {"readonly", false}}},
        {"hostname", "ipc-claims"},
        {"mounts",
         {{{"destination", "/proc"}, {"type", "proc"}, {"source", "proc"}},
          {{"destination", "/dev"}, {"type", "tmpfs"}, {"source", "tmpfs"}},
          {{"destination", "/sys"},
           {"type", "sysfs"},
           {"source", "sysfs"},
           {"options", {"nosuid", "noexec", "nodev", "ro"}}},
          {{"destination", paths.shared.string()},
           {"type", "bind"},
           {"source", paths.shared.string()},
           {"options", {"rbind", "rw"}}}}},
        {"linux",
         {{"namespaces",
           {{{"type", "pid"}}, {{"type", "network"}}, {{"type", "ipc"}}, {{"type", "uts"}}, {{"type", "mount"}}}}}},
    };
    write_all(paths.bundle / "config.json", config.dump(1));

    std::vector<std::string> argv = {runtime.runsc,
                                     "--root=" + paths.state.string(),
                                     "--platform=" + runtime.platform,
                                     "--network=none",
                                     "--overlay2=root:memory",
                                     "--ignore-cgroups",  // runsc stays in the runner's pids cgroup for the case
                                     "run",
                                     "--bundle=" + paths.bundle.string(),
                                     container_id};
    // runsc's own logs, when a sandbox will not start: IPC_CLAIMS_RUNSC_DEBUG=DIR.
    if (const char* debug = std::getenv("IPC_CLAIMS_RUNSC_DEBUG"); debug && *debug)
        argv.insert(argv.begin() + 1, {"--debug", "--debug-log=" + std::string(debug) + "/"});
    return argv;
}

SandboxOutcome read_sandbox_outcome(const SandboxPaths& paths) {
    SandboxOutcome o;
    o.started = fs::exists(paths.started);
    std::ifstream in(paths.wait_status);
    std::string word;
    int status = 0, leftover = 0;
    if (in >> word >> status && word == "wait-status") {
        o.known = true;
        o.wait_status = status;
        if (in >> word >> leftover && word == "leftover") o.leftover_processes = leftover;
    }
    return o;
}

// PID 1 of the sandbox. The case is PID 2, as a case is never PID 1 on the
// host (a namespace's init ignores signals it has no handler for).
int sandbox_init_main(int argc, char** argv) {
    if (argc < 5 || std::string(argv[3]) != "--") {
        std::fprintf(stderr, "usage: ipc-claims sandbox-init WAIT-STATUS-FILE -- COMMAND...\n");
        return 2;
    }
    const fs::path status_file = argv[2];
    std::remove(status_file.c_str());
    write_all(status_file.parent_path() / "started", "");
    pid_t child = ::fork();
    if (child < 0) {
        std::fprintf(stderr, "ipc-claims sandbox-init: fork: %s\n", std::strerror(errno));
        return exit_code(Status::Broken);
    }
    if (child == 0) {
        ::setpgid(0, 0);
        ipc::reset_signal_state();
        ::execvp(argv[4], argv + 4);
        std::string msg = std::string("ipc-claims: cannot execute ") + argv[4] + ": " + std::strerror(errno) + "\n";
        (void)!::write(STDERR_FILENO, msg.data(), msg.size());
        ::_exit(exit_code(Status::Broken));
    }
    ::setpgid(child, child);
    int status = 0, case_status = 0;
    pid_t pid;
    while ((pid = ::waitpid(-1, &status, 0)) != child)  // orphans are ours to reap meanwhile
        if (pid < 0 && errno != EINTR) return exit_code(Status::Broken);
    case_status = status;
    // Whatever the case left running: every other process of the sandbox.
    ::kill(-1, SIGKILL);
    int leftover = 0;
    while ((pid = ::waitpid(-1, &status, 0)) > 0 || (pid < 0 && errno == EINTR)) leftover += pid > 0;
    write_all(status_file,
              "wait-status " + std::to_string(case_status) + "\nleftover " + std::to_string(leftover) + "\n");
    if (WIFEXITED(case_status)) return WEXITSTATUS(case_status);
    return 128 + WTERMSIG(case_status);
}

}  // namespace runner
