#include <cerrno>
#include <cstdlib>
#include <set>
#include <sys/random.h>

#include "ipc/errno_name.hpp"
#include "ipc/outcome.hpp"
#include "ipc/procfs.hpp"
#include "ipc/sysv.hpp"

namespace ipc {
namespace {

// The keys in use in this IPC namespace, as the kernel lists them in
// /proc/sysvipc/{shm,msg,sem} (first column, after a header line). Read
// rather than probed with *get(key, 0): a probe relies on the very ENOENT
// that some cases put to the test.
std::set<key_t> keys_in_use() {
    std::set<key_t> keys;
    for (const char* kind : {"shm", "msg", "sem"}) {
        const std::string path = std::string("/proc/sysvipc/") + kind;
        auto table = read_text(path);
        if (!table && errno == ENOENT) skip("this kernel does not provide System V IPC (no " + path + ")");
        if (!table) broken("reading " + path + ": " + errno_name(errno));
        std::size_t line = table->find('\n');  // skip the header
        while (line != std::string::npos && line + 1 < table->size()) {
            const char* start = table->c_str() + line + 1;
            char* end = nullptr;
            long key = std::strtol(start, &end, 10);
            if (end != start) keys.insert(static_cast<key_t>(key));
            line = table->find('\n', line + 1);
        }
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
