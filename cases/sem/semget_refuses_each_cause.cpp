// SEM-06 (semget(2) ERRORS; proc(5) /proc/sys/kernel/sem): semget refuses
// each cause with its own errno: EEXIST for IPC_CREAT|IPC_EXCL on a key in
// use, ENOENT for a key without a set and no IPC_CREAT, EINVAL for nsems < 0,
// nsems > SEMMSL, nsems 0 on creation and nsems larger than the existing set
// (smaller or 0 opens it), EACCES for access the mode does not grant (its
// owner without CAP_IPC_OWNER, asking rw of a 0400 set), ENOSPC once SEMMNI
// sets exist or when the new set's semaphores would take the total past
// SEMMNS. The limits are read from kernel.sem; in an IPC namespace of the
// case's own they are lowered to show they are the sysctl's values.
#include <vector>

#include "ipc/case.hpp"
#include "ipc/own_namespace.hpp"
#include "sem_support.hpp"

namespace {

// semget's outcome in a word: "ok" or the errno name.
std::string semget_of(key_t key, int nsems, int flags) {
    const int id = ::semget(key, nsems, flags);
    const int err = errno;
    if (id >= 0) {
        if (flags & IPC_CREAT) ::semctl(id, 0, IPC_RMID);  // a set made by mistake is not left behind
        return "ok";
    }
    return ipc::errno_name(err);
}

// In a forked child, the owner of a 0400 set without any capability: what
// semget asking read-write, then read only, gives.
std::string owner_without_capabilities_asks(key_t key) {
    auto child = ipc::ReportingChild::fork([&](ipc::Report& r) {
        if (int err = ipc::drop_all_capabilities(); err != 0) {
            r["result"] = "cannot drop capabilities: " + ipc::errno_name(err);
            return 0;
        }
        r["result"] = "rw:" + semget_of(key, 0, 0600) + " r:" + semget_of(key, 0, 0400);
        return 0;
    });
    auto result = child.finish();
    return result.get("result");
}

// In a forked child, in an IPC namespace of its own with SEMMSL and SEMMNI
// lowered: one line of what semget gives at and past each, or why there is
// no such namespace ("no namespace: ...").
std::string at_lowered_limits(ipc::Report& r) {
    const auto before = ipc::namespace_of(::getpid());
    auto how = ipc::enter_own_ipc_namespace();
    if (!how) return "no namespace: " + ipc::errno_name(errno);
    // Never lower the limits of a namespace that is not a new one.
    if (before.empty() || ipc::namespace_of(::getpid()) == before)
        return "no namespace: none new seen in /proc/self/ns/ipc (" + before + ")";
    auto limits = semcase::read_limits();
    if (!limits) return "no namespace: kernel.sem unreadable in it";
    auto lower = [&](long long semmns, long long semmni) {
        limits->semmsl = 3;
        limits->semmns = semmns;
        limits->semmni = semmni;
        const bool ok = ipc::write_text(semcase::sem_sysctl, limits->text());
        r["kernel.sem"] += (r["kernel.sem"].empty() ? "" : ", then ") +
                           semcase::read_limits().value_or(semcase::Limits{}).text();
        return ok;
    };
    if (!lower(4, 3)) return "no namespace: kernel.sem not writable: " + ipc::errno_name(errno);
    r["isolation"] = *how;
    // Sets made here, removed when done (the namespace dies with the child anyway).
    std::vector<int> made;
    auto create = [&](int nsems) {
        const int id = ::semget(IPC_PRIVATE, nsems, IPC_CREAT | 0600);
        const int err = errno;
        if (id < 0) return ipc::errno_name(err);
        made.push_back(id);
        return std::string("ok");
    };
    // SEMMSL 3, SEMMNS 4: 3 + 2 semaphores is past SEMMNS, 3 + 1 is not.
    std::string line = "nsems_4:" + create(4);
    line += " nsems_3:" + create(3);
    line += " 2_more_past_semmns:" + create(2);
    line += " 1_more_within:" + create(1);
    // SEMMNS raised, SEMMNI 3: a third set is the last one.
    if (!lower(1000, 3)) return "no namespace: kernel.sem not writable again: " + ipc::errno_name(errno);
    line += " third_set:" + create(1);
    line += " fourth_set:" + create(1);
    for (int id : made) ::semctl(id, 0, IPC_RMID);
    return line;
}

}  // namespace

CLAIM("SEM-06", "semget fails with EEXIST, ENOENT, EINVAL, EACCES and ENOSPC, each for its cause") {
    const auto limits = semcase::limits();
    const key_t key = ipc::fresh_key();
    auto set = ipc::SemSet::create(3, key, 0400);
    ipc::evidence("set.nsems", 3);

    auto cause = [](const std::string& what, const std::string& got, const std::string& expected) {
        ipc::evidence(what, got);
        CHECK_MESSAGE(got == expected, what << ": " << got << ", expected " << expected);
    };
    cause("exclusive_create_of_key_in_use", semget_of(key, 3, IPC_CREAT | IPC_EXCL | 0600), "EEXIST");
    cause("open_of_key_without_set", semget_of(ipc::fresh_key(), 1, 0), "ENOENT");
    cause("create_nsems_-1", semget_of(IPC_PRIVATE, -1, IPC_CREAT | 0600), "EINVAL");
    cause("create_nsems_0", semget_of(IPC_PRIVATE, 0, IPC_CREAT | 0600), "EINVAL");
    cause("create_nsems_semmsl+1", semget_of(IPC_PRIVATE, static_cast<int>(limits.semmsl + 1), IPC_CREAT | 0600),
          "EINVAL");
    cause("open_nsems_4_of_set_of_3", semget_of(key, 4, 0), "EINVAL");
    cause("open_nsems_3_of_set_of_3", semget_of(key, 3, 0), "ok");
    cause("open_nsems_0", semget_of(key, 0, 0), "ok");
    CHECK_EQ(::semget(key, 2, 0), set.id());

    const auto owner = owner_without_capabilities_asks(key);
    ipc::evidence("owner_without_capabilities_of_0400_set", owner);
    if (owner.rfind("cannot", 0) == 0) ipc::broken(owner);
    CHECK_EQ(owner, "rw:EACCES r:ok");

    auto own = ipc::ReportingChild::fork([](ipc::Report& r) {
        r["result"] = at_lowered_limits(r);
        return 0;
    });
    const auto lowered = own.finish("own_namespace");
    REQUIRE(lowered.status.exited_with(0));
    const auto result = lowered.get("result");
    if (result.rfind("no namespace", 0) == 0) return ipc::skip_part("limits_lowered", result);
    CHECK_EQ(result,
             "nsems_4:EINVAL nsems_3:ok 2_more_past_semmns:ENOSPC 1_more_within:ok third_set:ok fourth_set:ENOSPC");
}
