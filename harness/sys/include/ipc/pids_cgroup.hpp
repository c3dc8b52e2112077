// A pids cgroup of its own for a process tree run on the machine's behalf (a
// case, a student's submission), so that a fork bomb meets a limit instead
// of the machine.
#pragma once
#include <chrono>
#include <string>

namespace ipc {

// Under /sys/fs/cgroup/pids (cgroup v1) or /sys/fs/cgroup
// (v2 with the pids controller). Needs root; otherwise RLIMIT_NPROC is the
// fallback (see limit_processes). Its owner holds a lock (flock) on the
// cgroup's directory while it lives, in whatever PID namespace it runs, so
// that a cgroup left by an owner killed with SIGKILL can be told from a live
// one: the first PidsCgroup a process makes removes such orphans.
class PidsCgroup {
public:
    explicit PidsCgroup(int max_pids);
    ~PidsCgroup();  // kills what is left in it and removes it
    PidsCgroup(const PidsCgroup&) = delete;
    PidsCgroup& operator=(const PidsCgroup&) = delete;

    bool active() const { return !path_.empty(); }
    const std::string& path() const { return path_; }
    // In the new process: moves itself into the cgroup.
    bool enter() const;
    // How often a fork was refused for the limit (pids.events "max").
    long long times_limit_hit() const;
    // SIGKILLs every process in it until it is empty; returns how many.
    int kill_all() const;

private:
    std::string path_;
    int lock_fd_ = -1;  // the directory, flock()ed
};

// Removes the ipc-claims cgroups whose owner is gone (nobody holds their
// lock) and that are older than min_age (a cgroup being made has no lock
// yet), first killing what is left in them. Returns how many it removed.
int remove_orphaned_cgroups(std::chrono::seconds min_age);

// In the new process, when no cgroup could be had: caps the processes of
// this uid at those running now plus max_pids (RLIMIT_NPROC); root is exempt.
void limit_processes(int max_pids);

}  // namespace ipc
