// SHM-18 (seed §2 "use a semaphore to synchronise access to shared memory",
// §2.4's safety discussion; semop(2)): guarded by a System V semaphore, N
// processes each adding 1 to a shared counter M times give exactly N x M.
// Every increment is a read, a yield of the CPU and a write, so that without
// exclusion updates would be lost on every run; the same work without the
// semaphore is measured for comparison (evidence only, never asserted: how
// much it loses depends on the schedule).
#include <sched.h>
#include <sys/syscall.h>
#include <vector>

#include "ipc/case.hpp"
#include "shm_support.hpp"

namespace {
constexpr int processes = 4;
constexpr long increments = 2000;

// Runs `processes` children that each do `increments` increments of *counter,
// all released at once when every one of them waits at the start (observed
// asleep in read(2)). Returns false if any child failed.
bool run_counters(volatile long* counter, int semid, bool guarded, const std::string& as) {
    auto start = ipc::Pipe::make();
    std::vector<ipc::Child> children;
    for (int i = 0; i < processes; ++i)
        children.push_back(ipc::Child::fork([&] {
            start.write_end.reset();
            if (ipc::read_exactly(start.r(), 1) != "") return 2;  // end of file: go
            for (long n = 0; n < increments; ++n) {
                if (guarded && ipc::sem_apply(semid, {{0, -1, 0}}) != 0) return 3;
                long seen = *counter;
                ::sched_yield();  // widen the window between read and write
                *counter = seen + 1;
                if (guarded && ipc::sem_apply(semid, {{0, +1, 0}}) != 0) return 4;
            }
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

CLAIM("SHM-18", "guarded by a semaphore, N processes x M increments give exactly N x M") {
    auto segment = ipc::ShmSegment::create(sizeof(long));
    auto attached = ipc::ShmAttachment::attach(segment.id());
    auto* counter = reinterpret_cast<volatile long*>(attached.address());
    auto mutex = ipc::SemSet::create(1);
    mutex.set_value(0, 1);
    ipc::evidence("shmid", segment.id());
    ipc::evidence("semid", mutex.id());
    ipc::evidence("processes", processes);
    ipc::evidence("increments_each", increments);
    ipc::evidence("expected_total", processes * increments);

    *counter = 0;
    REQUIRE(run_counters(counter, mutex.id(), true, "guarded"));
    ipc::evidence("guarded.total", *counter);
    ipc::evidence("guarded.semval_after", mutex.value(0));
    CHECK_EQ(*counter, processes * increments);
    CHECK_EQ(mutex.value(0), 1);

    *counter = 0;
    REQUIRE(run_counters(counter, mutex.id(), false, "unguarded"));
    ipc::evidence("unguarded.total_for_comparison", *counter);
}
