// SEM-14 (semop(2) SEM_UNDO "undone when the process terminates"; clone(2)
// CLONE_SYSVSEM "the child and the calling process share a single list of
// System V semaphore adjustment (semadj) values ... the adjustments are
// performed only when the last task that is sharing the list terminates"):
// the adjustments SEM_UNDO records belong to the process, not to the thread
// that made them. A thread that takes a semaphore with SEM_UNDO and ends
// leaves it taken while its process lives on (through the observation
// window); when the last thread of the process exits, it is given back.
#include <thread>

#include "ipc/case.hpp"
#include "sem_support.hpp"

CLAIM("SEM-14", "SEM_UNDO adjustments are applied when the last thread of the process exits, not its thread's") {
    auto set = ipc::SemSet::create(1);
    set.set_value(0, 1);

    auto ended = ipc::Pipe::make();  // the holder says its thread has ended
    auto go_on = ipc::Pipe::make();  // the case lets the holder exit
    auto holder = ipc::ReportingChild::fork([&](ipc::Report& r) {
        go_on.write_end.reset();
        std::thread taker([&] { r["thread_semop"] = ipc::outcome_of(ipc::sem_apply(set.id(), {{0, -1, SEM_UNDO}})); });
        taker.join();
        r["value_after_thread_ended"] = std::to_string(::semctl(set.id(), 0, GETVAL));
        if (!ipc::write_all(ended.w(), "e")) return 3;
        ipc::read_exactly(go_on.r(), 1);  // lives on until the case closes its end
        return 0;
    });
    go_on.read_end.reset();
    ended.write_end.reset();
    REQUIRE_EQ(ipc::read_exactly(ended.r(), 1), "e");

    // The thread has taken it and ended; the process lives on.
    const auto kept = ipc::holds_for_window([&] { return set.value(0) == 0; });
    ipc::evidence("taken_while_the_process_lives", kept.describe());
    CHECK_MESSAGE(kept.held, "the semaphore was not held while the process lived on: " << kept.describe());
    semcase::record("while_the_process_lives", set.id(), 0);

    go_on.write_end.reset();  // the holder's last thread returns and exits
    auto result = holder.finish("holder");
    CHECK(result.status.exited_with(0));
    CHECK_EQ(result.get("thread_semop"), "ok");
    CHECK_EQ(result.get("value_after_thread_ended"), "0");
    semcase::record("after_the_process_exited", set.id(), 0);
    CHECK_EQ(set.value(0), 1);
}
