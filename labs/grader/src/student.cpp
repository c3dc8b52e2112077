#include "student.hpp"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <grp.h>
#include <string>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <unistd.h>
#include <vector>

#include <fmt/core.h>

#include "ipc/signals.hpp"

namespace grading {
namespace fs = std::filesystem;

namespace {

void set_limits(const RunSpec& spec, rlim_t nofile) {
    auto set = [](int res, rlim_t v) {
        rlimit r{v, v};
        ::setrlimit(res, &r);
    };
    set(RLIMIT_CPU, static_cast<rlim_t>(spec.cpu_s));
    set(RLIMIT_AS, spec.memory_bytes);
    set(RLIMIT_FSIZE, spec.file_bytes);
    set(RLIMIT_CORE, 0);
    set(RLIMIT_NOFILE, nofile);
    if (runs_as_student(spec)) set(RLIMIT_NPROC, static_cast<rlim_t>(spec.max_processes + 1));
}

}  // namespace

bool runs_as_student(const RunSpec& spec) { return ::geteuid() == 0 && spec.uid != 0; }

void become_student(const RunSpec& spec) {
    if (!runs_as_student(spec)) return;
    const gid_t gid = spec.uid;
    if (::setgroups(0, nullptr) != 0 || ::setgid(gid) != 0 || ::setuid(spec.uid) != 0) ::_exit(126);
}

pid_t start_student_program(const RunSpec& spec, int index) {
    const ProgramSpec& p = spec.programs[static_cast<std::size_t>(index)];
    auto open_out = [&](const char* what) {
        return ::open((spec.dir / fmt::format("{}.{}.txt", what, index)).c_str(),
                      O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    };
    const int in = ::open(p.stdin_file.empty() ? "/dev/null" : p.stdin_file.c_str(), O_RDONLY | O_CLOEXEC);
    const int out = open_out("stdout"), err = open_out("stderr");
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        ::setpgid(0, 0);
        ::dup2(in, 0);
        ::dup2(out, 1);
        ::dup2(err, 2);
        ipc::reset_signal_state();
        set_limits(spec, 1024);
        ::setpriority(PRIO_PROCESS, 0, 10);
        become_student(spec);
        ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);  // no setuid or file capability raises it again
        const fs::path work = spec.dir / "work";
        if (::chdir(work.c_str()) != 0) ::_exit(126);
        ::clearenv();
        ::setenv("PATH", "/usr/local/bin:/usr/bin:/bin", 1);
        ::setenv("HOME", work.c_str(), 1);
        ::setenv("TMPDIR", work.c_str(), 1);
        ::setenv("LANG", "C.UTF-8", 1);
        for (const auto& e : spec.env) ::putenv(const_cast<char*>(e.c_str()));
        std::vector<std::string> words = p.argv;
        std::vector<char*> argv;
        for (auto& w : words) argv.push_back(w.data());
        argv.push_back(nullptr);
        if (spec.trace) {
            ::ptrace(PTRACE_TRACEME, 0, nullptr, nullptr);
            ::raise(SIGSTOP);
        }
        ::execvp(argv[0], argv.data());
        const std::string msg = fmt::format("cannot execute {}: {}\n", argv[0], std::strerror(errno));
        (void)!::write(2, msg.data(), msg.size());
        ::_exit(127);
    }
    const int fork_errno = errno;
    ::close(in);
    ::close(out);
    ::close(err);
    errno = fork_errno;
    return pid;
}

}  // namespace grading
