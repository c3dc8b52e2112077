// The filesystem a scenario's programs see (sandbox.hpp), made by the
// scenario's PID 1 in its mount namespace before it starts them:
//
//   /usr /etc, and /bin /sbin /lib* as the host has them (symlinks, or
//                  read-only binds): what a shell, make and a compiler need
//   /tmp /var/tmp  fresh tmpfs, size-limited, sticky
//   /dev           null zero full random urandom tty, fd and std* links, a
//                  fresh tmpfs shm, the scenario's own POSIX queues (mqueue)
//   /proc          the scenario's PID namespace
//   spec.dir       read-write, at its own path
//   each program's directory and stdin file outside spec.dir: read-only at
//                  its own path (a coverage build's directory read-write,
//                  as gcov writes its counts beside the objects)
//
// and nothing else: not the other submissions, the grader's output, the
// labs and their reference solutions, /root, /home, /work. Every mount is
// nosuid, and the root itself is read-only.
#pragma once
#include <filesystem>
#include <string>

#include "labs/sandbox.hpp"

namespace grading {

// In the scenario's PID 1, in a mount namespace of its own whose mounts are
// already private: builds the root on `base`, an empty directory that is not
// above any path the scenario needs, and makes it the root (pivot_root; a
// chroot where the grader itself runs in one).
// "" when done; otherwise what failed ("mount(tmpfs on /tmp) failed:
// EPERM"), and the caller is still in the old root, with nothing mounted on
// base.
std::string enter_private_root(const RunSpec& spec, const std::filesystem::path& base);

// The empty directory Sandbox::run makes for enter_private_root beside
// spec.dir (and removes after the scenario).
std::filesystem::path private_root_base(const RunSpec& spec);

}  // namespace grading
