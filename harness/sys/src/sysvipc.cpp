#include "ipc/sysvipc.hpp"

#include <sstream>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#include "ipc/procfs.hpp"

namespace ipc {

std::optional<std::vector<SysvObject>> sysvipc_objects(const std::string& kind) {
    auto table = read_text("/proc/sysvipc/" + kind);
    if (!table) return std::nullopt;
    // Columns: key, id, then per kind; the creator's uid is column 9 for shm
    // and msg, column 6 for sem (counted from 0).
    const std::size_t cuid_column = kind == "sem" ? 6 : 9;
    std::vector<SysvObject> objects;
    std::istringstream lines(*table);
    std::string line;
    std::getline(lines, line);  // the header
    while (std::getline(lines, line)) {
        std::istringstream columns(line);
        std::vector<long long> numbers;
        long long v;
        while (numbers.size() <= cuid_column && columns >> v) numbers.push_back(v);
        if (numbers.size() < 2) continue;
        const uid_t cuid = numbers.size() > cuid_column ? static_cast<uid_t>(numbers[cuid_column])
                                                        : static_cast<uid_t>(-1);
        objects.push_back({static_cast<key_t>(numbers[0]), static_cast<int>(numbers[1]), cuid, line});
    }
    return objects;
}

bool remove_sysv_object(const std::string& kind, int id) {
    const int rc = kind == "shm"   ? ::shmctl(id, IPC_RMID, nullptr)
                   : kind == "msg" ? ::msgctl(id, IPC_RMID, nullptr)
                                   : ::semctl(id, 0, IPC_RMID);
    return rc == 0;
}

}  // namespace ipc
