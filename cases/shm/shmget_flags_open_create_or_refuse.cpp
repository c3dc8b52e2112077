// SHM-08 (seed §2.3(3); shmget(2) ERRORS): IPC_CREAT opens an existing
// segment; IPC_CREAT|IPC_EXCL on an existing key fails with EEXIST; a missing
// key without IPC_CREAT fails with ENOENT. The same for a segment another
// process created: the key is the kernel's, not the creator's.
#include "ipc/case.hpp"
#include "shm_support.hpp"

using shmcase::attempt;
using shmcase::failure;

CLAIM("SHM-08", "IPC_CREAT opens, IPC_CREAT|IPC_EXCL refuses with EEXIST, a missing key gives ENOENT") {
    const key_t key = ipc::fresh_key();
    const auto size = static_cast<std::size_t>(ipc::page_size());
    ipc::evidence("key", std::to_string(key));

    // Nothing under the key yet: without IPC_CREAT there is nothing to open.
    CHECK_EQ(attempt("missing_key_without_creat", [&] { return ::shmget(key, size, 0600); }), failure(ENOENT));

    auto segment = ipc::ShmSegment::create(size, key);  // IPC_CREAT|IPC_EXCL on a free key
    ipc::evidence("created.shmid", segment.id());

    CHECK_EQ(attempt("ipc_creat_again", [&] { return ::shmget(key, size, IPC_CREAT | 0600); }).value, segment.id());
    CHECK_EQ(attempt("no_flags", [&] { return ::shmget(key, 0, 0); }).value, segment.id());
    CHECK_EQ(attempt("ipc_creat_excl_again", [&] { return ::shmget(key, size, IPC_CREAT | IPC_EXCL | 0600); }),
             failure(EEXIST));

    // Opening did not create a second segment: one attach count, one object.
    auto ds = shmcase::record_stat("stat", segment.id());
    CHECK_EQ(ds.shm_cpid, ::getpid());
    CHECK_EQ(ds.shm_nattch, 0u);
    segment.remove();
    CHECK_EQ(attempt("after_ipc_rmid", [&] { return ::shmget(key, 0, 0); }), failure(ENOENT));
}

CLAIM("SHM-08", "a segment another process created: IPC_CREAT opens it, IPC_CREAT|IPC_EXCL refuses with EEXIST") {
    const key_t key = ipc::fresh_key();
    const auto size = static_cast<std::size_t>(ipc::page_size());
    ipc::evidence("key", std::to_string(key));
    auto creator = ipc::ReportingChild::fork([&](ipc::Report& r) {
        r["shmid"] = std::to_string(::shmget(key, size, IPC_CREAT | IPC_EXCL | 0600));
        return 0;
    });
    auto created = creator.finish("creator");
    REQUIRE(created.status.exited_with(0));
    const int id = std::stoi(created.get("shmid"));
    REQUIRE_MESSAGE(id >= 0, "the creator could not create the segment");

    CHECK_EQ(attempt("foreign.ipc_creat_excl", [&] { return ::shmget(key, size, IPC_CREAT | IPC_EXCL | 0600); }),
             failure(EEXIST));
    CHECK_EQ(attempt("foreign.ipc_creat", [&] { return ::shmget(key, size, IPC_CREAT | 0600); }).value, id);
    ipc::must(::shmctl(id, IPC_RMID, nullptr), "shmctl(IPC_RMID)");
}
