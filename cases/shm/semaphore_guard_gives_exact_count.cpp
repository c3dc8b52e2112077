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
// budget runs out and reports how many increments it made over a pipe (not
// through the memory under test): the check is that the shared total equals
// the sum of those, however many there were.
#include <chrono>
#include <sched.h>
#include <sstream>
#include <sys/syscall.h>
#include <vector>

#include "ipc/case.hpp"
#include "shm_support.hpp"

namespace {
constexpr int processes = 4;
constexpr long increments = 2000;
constexpr auto budget = std::chrono::milliseconds(300);

// Runs `processes` children that each do up to `increments` increments of
// the counter (fewer when the time budget runs out first), all released at
// once when every one of them waits at the start (observed asleep in
// read(2)). Returns the increments they made in all, as they report them,
// or -1 if any child failed.
long run_counters(volatile long* counter, int semid, bool guarded, const std::string& as) {
    auto made = ipc::Pipe::make();
    auto start = ipc::Pipe::make();
    std::vector<ipc::Child> children;
    for (int i = 0; i < processes; ++i)
        children.push_back(ipc::Child::fork([&] {
            start.write_end.reset();
            if (ipc::read_exactly(start.r(), 1) != "") return 2;  // end of file: go
            const auto stop = std::chrono::steady_clock::now() + budget;
            long n = 0;
            for (; n < increments && std::chrono::steady_clock::now() < stop; ++n) {
                if (guarded && ipc::sem_apply(semid, {{0, -1, 0}}) != 0) return 3;
                long seen = *counter;
                ::sched_yield();  // widen the window between read and write
                *counter = seen + 1;
                if (guarded && ipc::sem_apply(semid, {{0, +1, 0}}) != 0) return 4;
            }
            return ipc::write_all(made.w(), std::to_string(n) + "\n") ? 0 : 5;
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
    made.write_end.reset();
    std::istringstream reports(ipc::read_exactly(made.r(), 4096));  // every child has exited: end of file
    long sum = 0;
    for (long n; reports >> n;) sum += n;
    return all_ok ? sum : -1;
}
}  // namespace

CLAIM("SHM-18", "guarded by a semaphore, the counter ends at exactly the sum of every process's increments") {
    auto segment = ipc::ShmSegment::create(sizeof(long));
    auto attached = ipc::ShmAttachment::attach(segment.id());
    auto* counter = reinterpret_cast<volatile long*>(attached.address());
    auto mutex = ipc::SemSet::create(1);
    mutex.set_value(0, 1);
    ipc::evidence("shmid", segment.id());
    ipc::evidence("semid", mutex.id());
    ipc::evidence("processes", processes);
    ipc::evidence("increments_each_at_most", increments);
    ipc::evidence("time_budget_ms", budget.count());

    *counter = 0;
    const long guarded = run_counters(counter, mutex.id(), true, "guarded");
    REQUIRE(guarded >= 0);
    ipc::evidence("guarded.increments_made", guarded);
    ipc::evidence("guarded.total", *counter);
    ipc::evidence("guarded.semval_after", mutex.value(0));
    CHECK(guarded > 0);
    CHECK_EQ(*counter, guarded);
    CHECK_EQ(mutex.value(0), 1);

    *counter = 0;
    const long unguarded = run_counters(counter, mutex.id(), false, "unguarded");
    REQUIRE(unguarded >= 0);
    ipc::evidence("unguarded.increments_made", unguarded);
    ipc::evidence("unguarded.total_for_comparison", *counter);
}
