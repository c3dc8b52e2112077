// What separates a case from the host and from other cases: its own IPC
// namespace (with a user namespace when not root), and, where no namespace
// can be had, removal of the System V objects it leaked.
#pragma once
#include <set>
#include <string>
#include <string>
#include <utility>
#include <sys/types.h>

namespace runner {

// In the case's process, before exec: enters fresh namespaces and says which
// ("ipc-namespace", "user+ipc-namespace", or "none").
std::string enter_isolation();

// The isolation a case would get here, probed in a throwaway child.
std::string probe_isolation();

// System V objects on the host, as (kind, id) pairs: "shm"/"msg"/"sem".
using IpcObjects = std::set<std::pair<std::string, int>>;
IpcObjects host_ipc_objects();
// Removes the objects created by this uid that are not in `before`; returns how many.
int remove_new_ipc_objects(const IpcObjects& before);

// A pids cgroup of the case's own, so that a fork bomb meets a limit instead
// of the machine: under /sys/fs/cgroup/pids (cgroup v1) or /sys/fs/cgroup
// (v2 with the pids controller). Needs root; otherwise RLIMIT_NPROC is the
// fallback (see limit_processes).
class PidsCgroup {
public:
    explicit PidsCgroup(int max_pids);
    ~PidsCgroup();  // kills what is left in it and removes it
    PidsCgroup(const PidsCgroup&) = delete;
    PidsCgroup& operator=(const PidsCgroup&) = delete;

    bool active() const { return !path_.empty(); }
    const std::string& path() const { return path_; }
    // In the case's process: moves itself into the cgroup.
    bool enter() const;
    // How often a fork was refused for the limit (pids.events "max").
    long long times_limit_hit() const;
    // SIGKILLs every process in it until it is empty; returns how many.
    int kill_all() const;

private:
    std::string path_;
};

// In the case's process, when no cgroup could be had: caps the processes of
// this uid at those running now plus max_pids (RLIMIT_NPROC); root is exempt.
void limit_processes(int max_pids);

// Kills the group of `leader` and every process left to this subreaper, and
// reaps them all; returns how many there were besides the leader.
int kill_and_reap_descendants(pid_t leader);

}  // namespace runner
