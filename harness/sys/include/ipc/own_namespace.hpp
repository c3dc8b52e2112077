// IPC namespaces of a case's own: the only place where a case may change an
// IPC sysctl (kernel.shm_rmid_forced, kernel.msgmnb ...) or end a namespace to
// see what dies with it. The case process itself never leaves its namespace,
// so it can always read the values it started with.
//
//   auto child = ipc::Child::fork([&] {
//       if (!ipc::enter_own_ipc_namespace()) return ipc::exit_skip;
//       ipc::write_sysctl("/proc/sys/kernel/shm_rmid_forced", 1);
//       ...
//   });
#pragma once
#include <optional>
#include <string>
#include <sys/types.h>

namespace ipc {

// Whether a new user namespace comes with the IPC namespace: only when
// unshare(CLONE_NEWIPC) alone is refused, or always (for a case that needs
// per-user-namespace accounting of its own, or /proc/sys/user limits).
enum class UserNamespace { when_needed, always };

// In a forked child (never in the case process): moves the caller into a new
// IPC namespace. When unshare(CLONE_NEWIPC) alone is refused (no
// CAP_SYS_ADMIN), or when asked to, a new user namespace comes with it, in
// which the caller's uid and gid are mapped to 0, so that it owns the new
// namespace and may write its sysctls. Returns "ipc-namespace" or
// "user+ipc-namespace"; nullopt (errno set) when it is not allowed.
std::optional<std::string> enter_own_ipc_namespace(UserNamespace user = UserNamespace::when_needed);

// The namespace of `kind` ("ipc", "user") that pid is in, as the kernel names
// it ("ipc:[4026531839]"); "" when it cannot be read.
std::string namespace_of(pid_t pid, const char* kind = "ipc");

// Writes value to a sysctl file of the caller's namespaces (one write(2), as
// sysctl(8) does); false with errno set when refused.
bool write_sysctl(const std::string& path, long long value);

}  // namespace ipc
