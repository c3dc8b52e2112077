// SEM-08 (semctl(2) ERRORS): semctl refuses each cause with its own errno
// and changes nothing: EINVAL for an unknown command, for an id with no set
// (-1, or one removed, for GETVAL and IPC_RMID alike) and for a semnum outside the set; EACCES for reading
// (IPC_STAT, GETVAL, GETALL, GETNCNT, GETZCNT, GETPID) without read
// permission and setting (SETVAL, SETALL) without alter permission (the owner,
// without CAP_IPC_OWNER, of a 0200 and a 0400 set); EPERM for IPC_SET and
// IPC_RMID by a user who neither owns nor created the set (uid 65534, when
// the case is root); ERANGE for SETVAL below 0 or above SEMVMX and for a
// SETALL with one value above it; EFAULT for a buffer or array the caller
// cannot reach (IPC_STAT, IPC_SET, GETALL, SETALL).
#include <vector>

#include "ipc/case.hpp"
#include "sem_support.hpp"

namespace {

void cause(const std::string& what, long rc, const std::string& expected) {
    const auto got = ipc::outcome_of(rc);
    ipc::evidence(what, got);
    CHECK_MESSAGE(got == expected, what << ": " << got << ", expected " << expected);
}

// In a forked child, after `become` (0 or its errno): what each command gives
// on the set, one "command:outcome" word each.
template <class Become>
std::string as_child(Become become, int semid, int nsems) {
    auto child = ipc::ReportingChild::fork([&](ipc::Report& r) {
        if (int err = become(); err != 0) {
            r["result"] = "cannot: " + ipc::errno_name(err);
            return 0;
        }
        semid_ds ds{};
        std::vector<unsigned short> values(static_cast<std::size_t>(nsems), 1);
        std::string line = "IPC_STAT:" + ipc::outcome_of(::semctl(semid, 0, IPC_STAT, &ds));
        line += " GETVAL:" + ipc::outcome_of(::semctl(semid, 0, GETVAL));
        line += " GETALL:" + ipc::outcome_of(::semctl(semid, 0, GETALL, values.data()));
        line += " GETNCNT:" + ipc::outcome_of(::semctl(semid, 0, GETNCNT));
        line += " GETZCNT:" + ipc::outcome_of(::semctl(semid, 0, GETZCNT));
        line += " GETPID:" + ipc::outcome_of(::semctl(semid, 0, GETPID));
        line += " SETVAL:" + ipc::outcome_of(::semctl(semid, 0, SETVAL, 1));
        line += " SETALL:" + ipc::outcome_of(::semctl(semid, 0, SETALL, values.data()));
        r["result"] = line;
        return 0;
    });
    return child.finish().get("result");
}

// In a forked child as uid 65534: IPC_SET and IPC_RMID of a 0666 set.
std::string non_owner_changes(int semid) {
    auto child = ipc::ReportingChild::fork_as_nobody([&](ipc::Report& r) {
        semid_ds ds{};
        std::string line = "IPC_STAT:" + ipc::outcome_of(::semctl(semid, 0, IPC_STAT, &ds));
        ds.sem_perm.mode = 0600;
        line += " IPC_SET:" + ipc::outcome_of(::semctl(semid, 0, IPC_SET, &ds));
        r["result"] = line + " IPC_RMID:" + ipc::outcome_of(::semctl(semid, 0, IPC_RMID));
        return 0;
    });
    const auto seen = child.finish();
    return seen.status.exited_with(ipc::exit_skip) ? "cannot: " + seen.get("skip") : seen.get("result");
}

}  // namespace

CLAIM("SEM-08", "semctl fails with EINVAL, EACCES, EPERM, ERANGE and EFAULT, each for its cause") {
    const auto info = semcase::ipc_info();
    ipc::evidence("ipc_info.semvmx", info.semvmx);
    constexpr int nsems = 2;
    auto set = ipc::SemSet::create(nsems);
    set.set_value(0, 5);
    set.set_value(1, 6);

    cause("unknown_command", ::semctl(set.id(), 0, -1), "EINVAL");
    cause("GETVAL_semid_-1", ::semctl(-1, 0, GETVAL), "EINVAL");
    {
        auto removed = ipc::SemSet::create(1);
        const int gone = removed.id();
        removed.remove();
        cause("GETVAL_of_removed_set", ::semctl(gone, 0, GETVAL), "EINVAL");
        cause("IPC_RMID_of_removed_set", ::semctl(gone, 0, IPC_RMID), "EINVAL");
    }
    cause("IPC_RMID_semid_-1", ::semctl(-1, 0, IPC_RMID), "EINVAL");
    cause("GETVAL_semnum_nsems", ::semctl(set.id(), nsems, GETVAL), "EINVAL");
    cause("GETVAL_semnum_-1", ::semctl(set.id(), -1, GETVAL), "EINVAL");
    cause("SETVAL_semnum_nsems", ::semctl(set.id(), nsems, SETVAL, 1), "EINVAL");

    cause("SETVAL_-1", ::semctl(set.id(), 0, SETVAL, -1), "ERANGE");
    cause("SETVAL_semvmx+1", ::semctl(set.id(), 0, SETVAL, info.semvmx + 1), "ERANGE");
    cause("SETVAL_semvmx", ::semctl(set.id(), 0, SETVAL, info.semvmx), "ok");
    std::vector<unsigned short> too_big = {1, static_cast<unsigned short>(info.semvmx + 1)};
    cause("SETALL_with_semvmx+1", ::semctl(set.id(), 0, SETALL, too_big.data()), "ERANGE");
    CHECK_EQ(set.value(0), info.semvmx);  // not even the first value was set
    CHECK_EQ(set.value(1), 6);

    cause("IPC_STAT_to_null", semcase::semctl_raw(set.id(), 0, IPC_STAT, nullptr), "EFAULT");
    cause("IPC_SET_from_null", semcase::semctl_raw(set.id(), 0, IPC_SET, nullptr), "EFAULT");
    cause("GETALL_to_null", semcase::semctl_raw(set.id(), 0, GETALL, nullptr), "EFAULT");
    cause("SETALL_from_null", semcase::semctl_raw(set.id(), 0, SETALL, nullptr), "EFAULT");
    CHECK_EQ(set.value(1), 6);

    // Permission bits, against the owner itself once it has no capability.
    auto write_only = ipc::SemSet::create(nsems, IPC_PRIVATE, 0200);
    auto read_only = ipc::SemSet::create(nsems, IPC_PRIVATE, 0400);
    const auto without_read = as_child(ipc::drop_all_capabilities, write_only.id(), nsems);
    const auto without_alter = as_child(ipc::drop_all_capabilities, read_only.id(), nsems);
    ipc::evidence("owner_without_capabilities_of_0200_set", without_read);
    ipc::evidence("owner_without_capabilities_of_0400_set", without_alter);
    if (without_read.rfind("cannot", 0) == 0) ipc::broken("cannot drop capabilities: " + without_read);
    CHECK_EQ(without_read,
             "IPC_STAT:EACCES GETVAL:EACCES GETALL:EACCES GETNCNT:EACCES GETZCNT:EACCES GETPID:EACCES SETVAL:ok "
             "SETALL:ok");
    CHECK_EQ(without_alter, "IPC_STAT:ok GETVAL:ok GETALL:ok GETNCNT:ok GETZCNT:ok GETPID:ok SETVAL:EACCES "
                            "SETALL:EACCES");

    // Neither owner nor creator: another user, which needs root to become.
    if (::geteuid() != 0)
        return ipc::skip_part("non_owner_EPERM",
                              "needs root to act as another user; running as uid " + std::to_string(::geteuid()));
    auto shared = ipc::SemSet::create(1, IPC_PRIVATE, 0666);
    const auto other = non_owner_changes(shared.id());
    ipc::evidence("uid_65534_on_0666_set", other);
    if (other.rfind("cannot", 0) == 0) return ipc::skip_part("non_owner_EPERM", other);
    CHECK_EQ(other, "IPC_STAT:ok IPC_SET:EPERM IPC_RMID:EPERM");
    semid_ds ds{};
    CHECK_EQ(::semctl(shared.id(), 0, IPC_STAT, &ds), 0);  // still there
    CHECK_EQ(ds.sem_perm.mode & 0777, 0666u);
}
