#include "pipe_capacity_holder.hpp"

#include <csignal>
#include <fcntl.h>
#include <sstream>
#include <string>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "ipc/procfs.hpp"
#include "student.hpp"

namespace grading {
namespace {

// In the holder: measure, hold, report "capacity unpressed" on report_fd,
// then wait for hold_fd to close (the scenario's end).
[[noreturn]] void hold(const RunSpec& spec, int report_fd, int hold_fd) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    const long long soft = ipc::read_number("/proc/sys/fs/pipe-user-pages-soft").value_or(0);
    rlimit r{};
    r.rlim_cur = r.rlim_max = static_cast<rlim_t>(soft / 2 + 256);
    ::setrlimit(RLIMIT_NOFILE, &r);
    become_student(spec);
    int fds[2];
    long long first = -1, last = -1;
    if (::pipe(fds) == 0) {
        first = last = ::fcntl(fds[0], F_GETPIPE_SZ);
        if (!spec.pipe_pressure) {
            ::close(fds[0]);
            ::close(fds[1]);
        }
    }
    for (long long made = 1; spec.pipe_pressure && soft > 0 && last == first && made < soft + 8; ++made) {
        if (::pipe(fds) != 0) break;
        last = ::fcntl(fds[0], F_GETPIPE_SZ);
    }
    const std::string text = std::to_string(last) + " " + std::to_string(first);
    (void)!::write(report_fd, text.data(), text.size());
    ::close(report_fd);
    char c;
    (void)!::read(hold_fd, &c, 1);  // until the scenario ends
    ::_exit(0);
}

}  // namespace

PipeCapacityHolder start_pipe_capacity_holder(const RunSpec& spec) {
    PipeCapacityHolder h;
    int report[2];
    if (::pipe2(report, O_CLOEXEC) != 0) return h;
    int hold_pipe[2];
    if (::pipe2(hold_pipe, O_CLOEXEC) != 0) return h;
    h.pid = ::fork();
    if (h.pid == 0) hold(spec, report[1], hold_pipe[0]);
    ::close(report[1]);
    ::close(hold_pipe[0]);
    char buf[64] = {};
    const ssize_t n = h.pid > 0 ? ::read(report[0], buf, sizeof buf - 1) : -1;
    ::close(report[0]);
    if (n > 0) std::istringstream(std::string(buf, static_cast<std::size_t>(n))) >> h.capacity >> h.unpressed;
    return h;
}

}  // namespace grading
