#include <cerrno>
#include <set>
#include <sstream>
#include <sys/random.h>

#include "ipc/errno_name.hpp"
#include "ipc/outcome.hpp"
#include "ipc/procfs.hpp"
#include "ipc/sysv.hpp"

namespace ipc {

std::optional<std::vector<SysvObject>> sysvipc_objects(const std::string& kind) {
    auto table = read_text("/proc/sysvipc/" + kind);
    if (!table) return std::nullopt;
    std::vector<SysvObject> objects;
    std::istringstream lines(*table);
    std::string line;
    std::getline(lines, line);  // the header
    while (std::getline(lines, line)) {
        std::istringstream columns(line);
        long long key = 0, id = 0;
        if (columns >> key >> id) objects.push_back({static_cast<key_t>(key), static_cast<int>(id)});
    }
    return objects;
}

namespace {

// The keys in use in this IPC namespace, as the kernel lists them. Read rather
// than probed with *get(key, 0): a probe relies on the very ENOENT that some
// cases put to the test.
std::set<key_t> keys_in_use() {
    std::set<key_t> keys;
    for (const char* kind : {"shm", "msg", "sem"}) {
        auto objects = sysvipc_objects(kind);
        if (!objects && errno == ENOENT) skip(std::string("this kernel does not provide System V IPC (no /proc/sysvipc/") + kind + ")");
        if (!objects) broken(std::string("reading /proc/sysvipc/") + kind + ": " + errno_name(errno));
        for (const auto& o : *objects) keys.insert(o.key);
    }
    return keys;
}

}  // namespace

key_t fresh_key() {
    const auto used = keys_in_use();
    for (int attempt = 0; attempt < 100; ++attempt) {
        key_t key;
        must(::getrandom(&key, sizeof key, 0), "getrandom");
        if (key != IPC_PRIVATE && !used.count(key)) return key;
    }
    broken("no unused System V key found in 100 random draws");
}

}  // namespace ipc
