// MSG-31 (edge; msgctl(2) ERRORS "EACCES The argument cmd is equal to IPC_STAT
// or MSG_STAT, but the calling process does not have read permission on the
// message queue msqid, and does not have the CAP_IPC_OWNER capability"): even
// its owner cannot IPC_STAT a queue whose mode denies it read (0200), once
// without CAP_IPC_OWNER (every capability given up in a child: as root, as
// nobody and in a user namespace alike); with the read bit (0400) it can, and
// the struct it gets is the queue's.
#include "ipc/case.hpp"
#include "msg_support.hpp"

CLAIM("MSG-31", "IPC_STAT without read permission fails with EACCES") {
    auto q = ipc::MsgQueue::create();
    msgcase::send_all(q.id(), {{1, "abc"}});

    const auto seen_by_owner = q.stat();
    auto owner = ipc::ReportingChild::fork([&](ipc::Report& r) {
        if (int err = ipc::drop_all_capabilities(); err != 0) {
            r["skip"] = "cannot give up every capability: " + ipc::errno_name(err);
            return ipc::exit_skip;
        }
        for (unsigned mode : {0200u, 0400u}) {
            msgcase::set_mode(q.id(), seen_by_owner, mode);
            msqid_ds ds{};
            r[msgcase::octal(mode)] = ::msgctl(q.id(), IPC_STAT, &ds) == 0 ? "ok " + msgcase::state(ds)
                                                                           : ipc::errno_name(errno);
        }
        return 0;
    });
    auto seen = owner.finish("owner_without_capabilities");
    if (seen.status.exited_with(ipc::exit_skip)) ipc::skip(seen.get("skip"));
    REQUIRE(seen.status.exited_with(0));
    CHECK_EQ(seen.get("0200"), "EACCES");
    CHECK_EQ(seen.get("0400"), "ok " + msgcase::state(q.stat()));
}
