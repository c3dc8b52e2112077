// SEM-17 (semop(2): a decrement "sleeps" until it can be performed, and the
// operations of one call are performed atomically; SEM_UNDO): a semaphore at 1
// is a lock that excludes. Four processes, each first seen asleep on the
// lock, then take it (SEM_UNDO) and give it back 300 times each, checking in
// memory they share that no other holder is inside, and in the same loop take
// and give back random amounts of two counted pools in one call each. No two
// holders are ever inside together, every entry is counted, and once they
// have exited every value is what it was, with no waiter left counted.
#include <atomic>
#include <random>
#include <sys/mman.h>
#include <vector>

#include "ipc/case.hpp"
#include "sem_support.hpp"

namespace {
constexpr int holders = 4, rounds = 300;
constexpr int lock = 0, pool_a = 1, pool_b = 2;
constexpr int pool_size = 100;

// What the holders share: who is inside, how often two were, how many entries.
struct Shared {
    std::atomic<int> inside;
    std::atomic<int> overlaps;
    std::atomic<long> entries;
};

// One holder's loop; 0, or 2 when a semop failed.
int hold_and_release(int semid, Shared& shared, unsigned seed) {
    std::minstd_rand random(seed);
    for (int i = 0; i < rounds; ++i) {
        if (ipc::sem_apply(semid, {{lock, -1, SEM_UNDO}}) != 0) return 2;
        if (shared.inside.exchange(1) != 0) shared.overlaps.fetch_add(1);
        shared.entries.fetch_add(1);
        ::sched_yield();  // let another holder run while this one is inside
        shared.inside.store(0);
        if (ipc::sem_apply(semid, {{lock, 1, SEM_UNDO}}) != 0) return 2;

        const auto a = static_cast<short>(1 + random() % (pool_size / 2));
        const auto b = static_cast<short>(1 + random() % (pool_size / 2));
        if (ipc::sem_apply(semid, {{pool_a, static_cast<short>(-a), SEM_UNDO},
                                   {pool_b, static_cast<short>(-b), SEM_UNDO}}) != 0)
            return 2;
        if (ipc::sem_apply(semid, {{pool_b, b, SEM_UNDO}, {pool_a, a, SEM_UNDO}}) != 0) return 2;
    }
    return 0;
}
}  // namespace

CLAIM("SEM-17", "a semaphore at 1 excludes: concurrent holders are never inside together, and values come back") {
    void* memory = ::mmap(nullptr, sizeof(Shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) ipc::broken("mmap(MAP_SHARED) failed: " + ipc::errno_name(errno));
    auto* shared = new (memory) Shared{};
    struct Unmap {
        void* at;
        ~Unmap() { ::munmap(at, sizeof(Shared)); }
    } unmap{memory};

    auto set = ipc::SemSet::create(3);
    std::vector<unsigned short> start = {0, pool_size, pool_size};  // the case holds the lock at first
    REQUIRE_EQ(::semctl(set.id(), 0, SETALL, start.data()), 0);

    std::vector<ipc::Child> children;
    for (int k = 0; k < holders; ++k) {
        children.push_back(ipc::Child::fork([&, k] { return hold_and_release(set.id(), *shared, 1234u + k); }));
        semcase::require_blocked_in_semop(children.back().pid(), "holder" + std::to_string(k) + "_blocked");
    }
    CHECK_EQ(semcase::ncnt(set.id(), lock), holders);
    REQUIRE_EQ(ipc::sem_apply(set.id(), {{lock, 1, 0}}), 0);  // the case lets go

    for (int k = 0; k < holders; ++k) {
        auto status = children[static_cast<std::size_t>(k)].wait();
        ipc::evidence("holder" + std::to_string(k) + ".status", status.describe());
        CHECK(status.exited_with(0));
    }
    ipc::evidence("entries", shared->entries.load());
    ipc::evidence("overlaps", shared->overlaps.load());
    CHECK_EQ(shared->overlaps.load(), 0);
    CHECK_EQ(shared->entries.load(), static_cast<long>(holders) * rounds);
    for (int k : {lock, pool_a, pool_b}) {
        semcase::record("after.sem" + std::to_string(k), set.id(), k);
        CHECK_EQ(semcase::ncnt(set.id(), k), 0);
    }
    CHECK_EQ(set.value(lock), 1);
    CHECK_EQ(set.value(pool_a), pool_size);
    CHECK_EQ(set.value(pool_b), pool_size);
}
