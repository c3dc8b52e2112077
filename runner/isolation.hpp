// What separates a case from the host and from other cases: its own IPC
// namespace (with a user namespace when not root), and, where no namespace
// can be had, removal of the System V objects it leaked.
#pragma once
#include <set>
#include <string>
#include <utility>
#include <sys/types.h>

#include "ipc/pids_cgroup.hpp"

namespace runner {

using ipc::limit_processes;
using ipc::PidsCgroup;

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

// Kills the group of `leader` and every process left to this subreaper, and
// reaps them all; returns how many there were besides the leader.
int kill_and_reap_descendants(pid_t leader);

}  // namespace runner
