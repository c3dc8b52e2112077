// SEM-06 (semget(2) ERRORS; proc(5) /proc/sys/kernel/sem): semget refuses
// each cause with its own errno: EEXIST for IPC_CREAT|IPC_EXCL on a key in
// use, ENOENT for a key without a set and no IPC_CREAT, EINVAL for nsems < 0,
// nsems > SEMMSL, nsems 0 on creation and nsems larger than the existing set
// (smaller or 0 opens it), EACCES for access the mode does not grant (its
// owner without CAP_IPC_OWNER, asking rw of a 0400 set), ENOSPC once SEMMNI
// sets exist. SEMMSL and SEMMNI are read from kernel.sem; in an IPC namespace
// of the case's own they are lowered to show they are the sysctl's values.
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
        if (int err = semcase::drop_all_capabilities(); err != 0) {
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
    limits->semmsl = 3;
    limits->semmni = 2;
    if (!ipc::write_text(semcase::sem_sysctl, limits->text()))
        return "no namespace: kernel.sem not writable: " + ipc::errno_name(errno);
    r["isolation"] = *how;
    r["kernel.sem"] = semcase::read_limits().value_or(semcase::Limits{}).text();
    std::string line = "nsems_4:" + semget_of(IPC_PRIVATE, 4, IPC_CREAT | 0600);
    auto first = ipc::SemSet::create(3);  // at SEMMSL
    auto second = ipc::SemSet::create(1);
    return line + " nsems_3:ok third_set:" + semget_of(IPC_PRIVATE, 1, IPC_CREAT | 0600);
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
    if (result.rfind("no namespace", 0) == 0) return ipc::skip_part("semmsl_semmni_lowered", result);
    CHECK_EQ(result, "nsems_4:EINVAL nsems_3:ok third_set:ENOSPC");
}
