// Who may do what: capabilities as the kernel's global checks see them, and
// becoming another user (nobody) in a child, for claims about permissions.
#pragma once
#include <string>
#include <sys/types.h>

namespace ipc {

inline constexpr uid_t nobody_uid = 65534;
inline constexpr gid_t nobody_gid = 65534;

// True in the initial user namespace (uid_map is the identity over the whole
// range), where capabilities count for the kernel's capable() checks.
bool in_initial_user_namespace();
// Capability `cap` is in this process's effective set (of the user namespace
// it runs in).
bool has_effective_capability(int cap);
// A capable(cap) check of the kernel, against the initial user namespace,
// would pass for this process.
bool capable(int cap);

// In a forked child of a root process: become nobody (uid and gid 65534, no
// supplementary groups, no capabilities left). The dumpable flag, which a
// change of credentials clears, is set again, as a process started by nobody
// has it (or its /proc/self files, uid_map and fd/ among them, would stay
// root's). Returns 0, or the errno of the step that failed (EPERM when a
// capability survived the change).
int drop_to_nobody();

// In a forked child: gives up every capability (effective, permitted,
// inheritable) and keeps its uid, so that permission bits hold even for an
// owner (no CAP_IPC_OWNER), only an owner may change or remove an object (no
// CAP_SYS_ADMIN), and limits hold (no CAP_SYS_RESOURCE). Works as root, as
// nobody and inside a user namespace alike. 0, or the errno of capset(2)
// (EPERM when a capability survived).
int drop_all_capabilities();

// How the runner isolated the case ($IPC_CLAIMS_ISOLATION: "ipc-namespace",
// "user+ipc-namespace"), or "none (run directly)".
std::string isolation();

}  // namespace ipc
