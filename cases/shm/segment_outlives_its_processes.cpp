// SHM-04 (seed §2.2; shmget(2), shmctl(2), sysvipc(7)): a segment and its
// contents persist after every process that created or attached it has
// exited, until IPC_RMID. The writer and the checker are separately executed
// programs (roles of this binary) that share nothing but the key; the
// segment is left alone for the observation window between the writer's exit
// and the checker.
#include <sys/random.h>

#include "ipc/case.hpp"
#include "shm_support.hpp"

// Creates the segment, writes the token into it, and exits without removing it.
IPC_ROLE("writer") {
    auto segment = ipc::ShmSegment::create(static_cast<std::size_t>(ipc::page_size()), shmcase::parse_key(args.at(0)));
    auto attached = ipc::ShmAttachment::attach(segment.id());
    args.at(1).copy(attached.bytes(), args.at(1).size());
    segment.release();
    return 0;
}

// Exit 0 when the segment is there, unattached, and still holds the token.
IPC_ROLE("checker") {
    int id = ::shmget(shmcase::parse_key(args.at(0)), 0, 0);
    if (id < 0) {
        ipc::evidence("checker.shmget", ipc::errno_name(errno));
        return 2;
    }
    shmid_ds ds{};
    ipc::must(::shmctl(id, IPC_STAT, &ds), "shmctl(IPC_STAT)");
    ipc::evidence("checker.nattch_before_attach", static_cast<long long>(ds.shm_nattch));
    ipc::evidence("checker.creator_pid", ds.shm_cpid);
    auto attached = ipc::ShmAttachment::attach(id, SHM_RDONLY);
    std::string found(attached.bytes(), args.at(1).size());
    ipc::evidence("checker.contents", found);
    return found == args.at(1) ? 0 : 1;
}

CLAIM("SHM-04", "a segment and its contents outlive every process that used it, until IPC_RMID") {
    const key_t key = ipc::fresh_key();
    unsigned char random[8];
    ipc::must(::getrandom(random, sizeof random, 0), "getrandom");
    std::string token = "token-";
    for (unsigned char c : random) token += "0123456789abcdef"[c % 16];
    ipc::evidence("key", std::to_string(key));
    ipc::evidence("token_written", token);

    auto writer = ipc::Child::exec_role("writer", {std::to_string(key), token});
    const pid_t writer_pid = writer.pid();
    auto written = writer.wait();
    ipc::evidence("writer_status", written.describe());
    REQUIRE(written.exited_with(0));
    // Not only at once: the segment is left alone for a while (a cleanup of a
    // creator's objects, shortly after its exit, would strike now).
    ipc::leave_alone_for_window("after_writer_exit");

    auto checked = ipc::Child::exec_role("checker", {std::to_string(key), token}).wait();
    ipc::evidence("checker_status", checked.describe());
    CHECK(checked.exited_with(0));

    // Still there after both have gone; removed only by IPC_RMID.
    int id = ::shmget(key, 0, 0);
    REQUIRE_WITH_ERRNO(id >= 0, "segment gone after its processes exited");
    shmid_ds ds{};
    ipc::must(::shmctl(id, IPC_STAT, &ds), "shmctl(IPC_STAT)");
    ipc::evidence("shmid", id);
    ipc::evidence("nattch_after_exit", static_cast<long long>(ds.shm_nattch));
    ipc::evidence("segsz", static_cast<long long>(ds.shm_segsz));
    CHECK_EQ(ds.shm_nattch, 0u);
    CHECK_EQ(ds.shm_cpid, writer_pid);
    CHECK_SUCCEEDS(::shmctl(id, IPC_RMID, nullptr));
    CHECK_FAILS_WITH(::shmget(key, 0, 0), ENOENT);
}
