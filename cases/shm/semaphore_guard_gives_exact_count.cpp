// SHM-18 (seed §2 "use a semaphore to synchronise access to shared memory",
// §2.4's safety discussion; semop(2)): guarded by a System V semaphore, N
// processes each adding 1 to a shared counter lose no increment: the total
// is exactly the sum of the increments made.
// Every increment is a read, a yield of the CPU and a write, so that without
// exclusion updates would be lost on every run; the same work without the
// semaphore is measured for comparison (evidence only, never asserted: how
// much it loses depends on the schedule).
// A yield while holding the semaphore makes each hand-over cost a time
// slice on a loaded machine, so each process stops early when its time
// budget runs out and records how many increments it made: the check is
// that the shared total equals the sum of those, however many there were.
#include <chrono>
#include <sched.h>
#include <sys/syscall.h>
#include <vector>

#include "ipc/case.hpp"
#include "shm_support.hpp"

namespace {
constexpr int processes = 4;
constexpr long increments = 2000;
constexpr auto budget = std::chrono::milliseconds(300);

// The segment: the shared counter, then each process's own count of the
// increments it made (written by it alone, read after it exits).
struct Shared {
    long counter;
    long made[processes];
};

// Runs `processes` children that each do up to `increments` increments of
// the counter (fewer when the time budget runs out first), all released at
// once when every one of them waits at the start (observed asleep in
// read(2)). Returns false if any child failed.
bool run_counters(volatile Shared* shared, int semid, bool guarded, const std::string& as) {
    auto start = ipc::Pipe::make();
    std::vector<ipc::Child> children;
    for (int i = 0; i < processes; ++i)
        children.push_back(ipc::Child::fork([&, i] {
            start.write_end.reset();
            if (ipc::read_exactly(start.r(), 1) != "") return 2;  // end of file: go
            const auto stop = std::chrono::steady_clock::now() + budget;
            long n = 0;
            for (; n < increments && std::chrono::steady_clock::now() < stop; ++n) {
                if (guarded && ipc::sem_apply(semid, {{0, -1, 0}}) != 0) return 3;
                long seen = shared->counter;
                ::sched_yield();  // widen the window between read and write
                shared->counter = seen + 1;
                if (guarded && ipc::sem_apply(semid, {{0, +1, 0}}) != 0) return 4;
            }
            shared->made[i] = n;
            return 0;
        }));
    for (auto& child : children) {
        auto seen = ipc::await_blocked_in(child.pid(), SYS_read);
        REQUIRE_MESSAGE(seen, as << ": a child never waited at the start: " << ipc::snapshot(child.pid()).describe());
    }
    start.write_end.reset();  // all of them go
    bool all_ok = true;
    for (std::size_t i = 0; i < children.size(); ++i) {
        auto status = children[i].wait();
        if (!status.exited_with(0)) {
            ipc::evidence(as + ".child" + std::to_string(i) + "_status", status.describe());
            all_ok = false;
        }
    }
    return all_ok;
}
}  // namespace

CLAIM("SHM-18", "guarded by a semaphore, the counter ends at exactly the sum of every process's increments") {
    auto segment = ipc::ShmSegment::create(sizeof(Shared));
    auto attached = ipc::ShmAttachment::attach(segment.id());
    auto* shared = reinterpret_cast<volatile Shared*>(attached.address());
    auto mutex = ipc::SemSet::create(1);
    mutex.set_value(0, 1);
    ipc::evidence("shmid", segment.id());
    ipc::evidence("semid", mutex.id());
    ipc::evidence("processes", processes);
    ipc::evidence("increments_each_at_most", increments);
    ipc::evidence("time_budget_ms", budget.count());
    auto made_in_all = [&] {
        long sum = 0;
        for (int i = 0; i < processes; ++i) sum += shared->made[i];
        return sum;
    };

    shared->counter = 0;
    REQUIRE(run_counters(shared, mutex.id(), true, "guarded"));
    ipc::evidence("guarded.increments_made", made_in_all());
    ipc::evidence("guarded.total", shared->counter);
    ipc::evidence("guarded.semval_after", mutex.value(0));
    CHECK_EQ(shared->counter, made_in_all());
    CHECK_EQ(mutex.value(0), 1);

    shared->counter = 0;
    REQUIRE(run_counters(shared, mutex.id(), false, "unguarded"));
    ipc::evidence("unguarded.increments_made", made_in_all());
    ipc::evidence("unguarded.total_for_comparison", shared->counter);
}
