// The System V IPC objects of this IPC namespace, as the kernel lists them in
// /proc/sysvipc/<kind>: what the cases draw fresh keys against, what the
// runner removes after a case that leaked, what the grader checks a
// submission left behind.
#pragma once
#include <optional>
#include <string>
#include <vector>
#include <sys/types.h>

namespace ipc {

struct SysvObject {
    key_t key;
    int id;
    uid_t cuid;        // the creator's uid
    std::string line;  // the row as the kernel wrote it
};

// The objects of one kind ("shm", "msg", "sem"); nullopt with errno set when
// the file cannot be read (ENOENT: no System V IPC, or gVisor, which has
// System V IPC but no /proc/sysvipc).
std::optional<std::vector<SysvObject>> sysvipc_objects(const std::string& kind);

// IPC_RMID of one object of that kind by id; false (errno set) if refused.
bool remove_sysv_object(const std::string& kind, int id);

}  // namespace ipc
