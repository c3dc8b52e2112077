// SEM-15 (ipc_namespaces(7) "Each IPC namespace has its own set of System V
// IPC identifiers"; semget(2)): semaphore sets are per IPC namespace. From a
// new IPC namespace, the key of a set of the case's namespace names nothing
// (ENOENT), an exclusive creation under it succeeds and makes another set,
// whose values are its own: the case's set keeps its id and value.
#include "ipc/case.hpp"
#include "ipc/own_namespace.hpp"
#include "ipc/sysvipc.hpp"
#include "sem_support.hpp"

CLAIM("SEM-15", "a semaphore set's key names nothing in another IPC namespace, where it can name another set") {
    const key_t key = ipc::fresh_key();
    auto set = ipc::SemSet::create(1, key);
    set.set_value(0, 7);
    ipc::evidence("case.semid", set.id());

    auto inside = ipc::ReportingChild::fork([&](ipc::Report& r) {
        auto how = ipc::enter_own_ipc_namespace();
        if (!how) {
            r["skip"] = "no IPC namespace of the case's own: unshare: " + ipc::errno_name(errno);
            return ipc::exit_skip;
        }
        r["isolation"] = *how;
        r["semget_key"] = ipc::outcome_of(::semget(key, 0, 0));
        const int own = ::semget(key, 1, IPC_CREAT | IPC_EXCL | 0600);
        r["exclusive_create_key"] = ipc::outcome_of(own);
        if (own < 0) return 0;
        r["setval_42"] = ipc::outcome_of(::semctl(own, 0, SETVAL, 42));
        r["value_of_own"] = std::to_string(::semctl(own, 0, GETVAL));
        if (auto table = ipc::sysvipc_objects("sem")) r["sets_listed"] = std::to_string(table->size());
        ::semctl(own, 0, IPC_RMID);
        return 0;
    });
    auto result = inside.finish("other_namespace");
    if (result.status.exited_with(ipc::exit_skip)) ipc::skip(result.get("skip"));
    REQUIRE(result.status.exited_with(0));
    CHECK_EQ(result.get("semget_key"), "ENOENT");
    CHECK_EQ(result.get("exclusive_create_key"), "ok");
    CHECK_EQ(result.get("setval_42"), "ok");
    CHECK_EQ(result.get("value_of_own"), "42");
    if (result.get("sets_listed") != "(not reported)") CHECK_EQ(result.get("sets_listed"), "1");

    semcase::record("case_set", set.id(), 0);
    CHECK_EQ(::semget(key, 0, 0), set.id());
    CHECK_EQ(set.value(0), 7);
}
