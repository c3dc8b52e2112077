#include <cerrno>
#include <sys/random.h>

#include "ipc/outcome.hpp"
#include "ipc/sysv.hpp"

namespace ipc {

key_t fresh_key() {
    for (int attempt = 0; attempt < 100; ++attempt) {
        key_t key;
        must(::getrandom(&key, sizeof key, 0), "getrandom");
        if (key == IPC_PRIVATE) continue;
        bool unused = ::msgget(key, 0) == -1 && errno == ENOENT && ::shmget(key, 0, 0) == -1 &&
                      errno == ENOENT && ::semget(key, 0, 0) == -1 && errno == ENOENT;
        if (unused) return key;
    }
    broken("no unused System V key found in 100 random draws");
}

}  // namespace ipc
