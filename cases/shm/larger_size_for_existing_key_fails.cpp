// SHM-09 (shmget(2) ERRORS "a segment for the given key exists, but size is
// greater than the size of that segment"): shmget of an existing key with a
// larger size fails with EINVAL; the same size, a smaller one or 0 open it.
#include "ipc/case.hpp"
#include "shm_support.hpp"

using shmcase::attempt;
using shmcase::failure;

CLAIM("SHM-09", "shmget of an existing key with a larger size fails with EINVAL") {
    const key_t key = ipc::fresh_key();
    const auto page = static_cast<std::size_t>(ipc::page_size());
    const std::size_t size = page + 1;
    auto segment = ipc::ShmSegment::create(size, key);
    ipc::evidence("key", std::to_string(key));
    ipc::evidence("shmid", segment.id());
    ipc::evidence("segsz", static_cast<long long>(segment.stat().shm_segsz));

    struct Attempt {
        const char* name;
        std::size_t size;
    };
    // One byte more is refused even though it fits in the pages already mapped.
    for (Attempt larger : {Attempt{"one_byte_larger", size + 1}, Attempt{"one_page_larger", size + page}}) {
        INFO(larger.name << ": shmget(key, " << larger.size << ")");
        const std::string name = larger.name;
        ipc::evidence(name + ".size", static_cast<long long>(larger.size));
        CHECK_EQ(attempt(name + ".shmget", [&] { return ::shmget(key, larger.size, 0600); }), failure(EINVAL));
        CHECK_EQ(attempt(name + ".shmget_creat", [&] { return ::shmget(key, larger.size, IPC_CREAT | 0600); }),
                 failure(EINVAL));
    }
    for (Attempt fits : {Attempt{"same", size}, Attempt{"smaller", 1}, Attempt{"zero", 0}}) {
        INFO(fits.name << ": shmget(key, " << fits.size << ")");
        CHECK_EQ(attempt(std::string(fits.name) + ".shmget", [&] { return ::shmget(key, fits.size, 0600); }).value,
                 segment.id());
    }
    CHECK_EQ(segment.stat().shm_segsz, size);  // unchanged by any of it
}
