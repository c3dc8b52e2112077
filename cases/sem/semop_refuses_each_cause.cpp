// SEM-07 (semop(2) ERRORS; proc(5) /proc/sys/kernel/sem SEMOPM): semop
// refuses each cause with its own errno and changes nothing: E2BIG for more
// than SEMOPM operations, EINVAL for nsops 0 and for an id with no set (-1, or
// one removed), EFBIG for a sem_num past the set (nsems, and 65535), EFAULT
// for sops the caller cannot read, EACCES for an alteration without alter
// permission and a wait for zero without read permission (the owner, without
// CAP_IPC_OWNER, of a 0400 and a 0200 set), ERANGE for a value past SEMVMX
// and for a SEM_UNDO adjustment past SEMAEM (both from IPC_INFO).
#include <vector>

#include "ipc/case.hpp"
#include "sem_support.hpp"

namespace {

// semop of ops on set: "ok" or the errno name.
std::string semop_of(int semid, std::vector<sembuf> ops) {
    return ipc::outcome_of(::semop(semid, ops.data(), ops.size()));
}

void cause(const std::string& what, const std::string& got, const std::string& expected) {
    ipc::evidence(what, got);
    CHECK_MESSAGE(got == expected, what << ": " << got << ", expected " << expected);
}

// In a forked child, the owner of the set without any capability: what a
// decrement, an increment and a wait for zero give, for a set of `mode`.
std::string owner_without_capabilities_operates(int mode) {
    auto child = ipc::ReportingChild::fork([&](ipc::Report& r) {
        if (int err = ipc::drop_all_capabilities(); err != 0) {
            r["result"] = "cannot drop capabilities: " + ipc::errno_name(err);
            return 0;
        }
        auto set = ipc::SemSet::create(1, IPC_PRIVATE, mode);
        std::string line = "increment:" + semop_of(set.id(), {{0, 1, IPC_NOWAIT}});
        line += " wait_for_zero:" + semop_of(set.id(), {{0, 0, IPC_NOWAIT}});
        r["result"] = line + " decrement:" + semop_of(set.id(), {{0, -1, IPC_NOWAIT}});
        return 0;
    });
    return child.finish().get("result");
}

}  // namespace

CLAIM("SEM-07", "semop fails with E2BIG, EINVAL, EFBIG, EFAULT, EACCES and ERANGE, each for its cause") {
    const auto limits = semcase::limits();
    const auto info = semcase::ipc_info();
    ipc::evidence("ipc_info.semvmx", info.semvmx);
    ipc::evidence("ipc_info.semaem", info.semaem);
    ipc::evidence("ipc_info.semopm", info.semopm);
    auto set = ipc::SemSet::create(2);
    set.set_value(0, 1);

    // Too many operations, each valid alone (a wait for zero of semaphore 1).
    std::vector<sembuf> many(static_cast<std::size_t>(limits.semopm) + 1, sembuf{1, 0, IPC_NOWAIT});
    cause("nsops_semopm+1", semop_of(set.id(), many), "E2BIG");
    many.pop_back();
    cause("nsops_semopm", semop_of(set.id(), many), "ok");

    cause("nsops_0", ipc::outcome_of(::semop(set.id(), nullptr, 0)), "EINVAL");
    cause("semid_-1", semop_of(-1, {{0, -1, IPC_NOWAIT}}), "EINVAL");
    {
        auto removed = ipc::SemSet::create(1);
        const int gone = removed.id();
        removed.remove();
        cause("semid_of_removed_set", semop_of(gone, {{0, 1, IPC_NOWAIT}}), "EINVAL");
    }
    cause("sem_num_nsems", semop_of(set.id(), {{2, 1, IPC_NOWAIT}}), "EFBIG");
    cause("sem_num_65535", semop_of(set.id(), {{65535, 1, IPC_NOWAIT}}), "EFBIG");
    cause("sops_unreadable", ipc::outcome_of(::semop(set.id(), nullptr, 1)), "EFAULT");
    // A bad operation after a good one: the good one is not applied either.
    cause("good_then_sem_num_nsems", semop_of(set.id(), {{0, -1, IPC_NOWAIT}, {2, 1, IPC_NOWAIT}}), "EFBIG");
    CHECK_EQ(set.value(0), 1);

    const auto read_only = owner_without_capabilities_operates(0400);
    const auto alter_only = owner_without_capabilities_operates(0200);
    ipc::evidence("owner_without_capabilities_of_0400_set", read_only);
    ipc::evidence("owner_without_capabilities_of_0200_set", alter_only);
    if (read_only.rfind("cannot", 0) == 0) ipc::broken(read_only);
    CHECK_EQ(read_only, "increment:EACCES wait_for_zero:ok decrement:EACCES");
    CHECK_EQ(alter_only, "increment:ok wait_for_zero:EACCES decrement:ok");

    // Past SEMVMX: the value stays where it was.
    set.set_value(1, info.semvmx);
    cause("value_semvmx_plus_1", semop_of(set.id(), {{1, 1, IPC_NOWAIT}}), "ERANGE");
    CHECK_EQ(set.value(1), info.semvmx);
    set.set_value(1, 0);
    // Past SEMAEM: the adjustment SEM_UNDO would make is bounded at
    // -(SEMAEM + 1) even while the value itself is small.
    const auto up = static_cast<short>(info.semaem);
    cause("undo_up_semaem", semop_of(set.id(), {{1, up, SEM_UNDO | IPC_NOWAIT}}), "ok");
    cause("down_semaem_without_undo", semop_of(set.id(), {{1, static_cast<short>(-up), IPC_NOWAIT}}), "ok");
    cause("undo_up_1_to_adjustment_-(semaem+1)", semop_of(set.id(), {{1, 1, SEM_UNDO | IPC_NOWAIT}}), "ok");
    cause("undo_up_1_past_it", semop_of(set.id(), {{1, 1, SEM_UNDO | IPC_NOWAIT}}), "ERANGE");
    semcase::record("after_undo_range", set.id(), 1);
    CHECK_EQ(set.value(1), 1);
}
