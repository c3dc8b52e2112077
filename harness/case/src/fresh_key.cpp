#include "ipc/fresh_key.hpp"

#include <set>
#include <sys/ipc.h>
#include <sys/random.h>

#include "ipc/evidence.hpp"
#include "ipc/outcome.hpp"
#include "ipc/sysvipc.hpp"

namespace ipc {

namespace {

// The keys in use in this IPC namespace, as the kernel lists them. Read rather
// than probed with *get(key, 0): a probe relies on the very ENOENT that some
// cases put to the test. nullopt when the kernel lists none of them (gVisor
// has no /proc/sysvipc; whether System V IPC exists at all is probed by the
// case's own msgget/shmget/semget, which SKIP on ENOSYS).
std::optional<std::set<key_t>> keys_listed() {
    std::set<key_t> keys;
    for (const char* kind : {"shm", "msg", "sem"}) {
        auto objects = sysvipc_objects(kind);
        if (!objects) return std::nullopt;
        for (const auto& o : *objects) keys.insert(o.key);
    }
    return keys;
}

}  // namespace

key_t fresh_key() {
    const auto listed = keys_listed();
    static const bool recorded = [&] {
        evidence("fresh_key.source", listed ? "/proc/sysvipc (checked unused)"
                                            : "random, unchecked (no /proc/sysvipc to list the keys in use)");
        return true;
    }();
    (void)recorded;
    for (int attempt = 0; attempt < 100; ++attempt) {
        key_t key;
        must(::getrandom(&key, sizeof key, 0), "getrandom");
        if (key != IPC_PRIVATE && (!listed || !listed->count(key))) return key;
    }
    broken("no unused System V key found in 100 random draws");
}

key_t parse_key(const std::string& text) { return static_cast<key_t>(std::stol(text, nullptr, 0)); }

}  // namespace ipc
