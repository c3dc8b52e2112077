// MSG-28 (edge; msgop(2) ERRORS "EACCES The calling process does not have
// write permission on the message queue, and does not have the CAP_IPC_OWNER
// capability" (msgsnd), "... read permission ..." (msgrcv)): msgsnd needs the
// write bit and msgrcv the read bit of the queue's mode. The owner, without
// CAP_IPC_OWNER (every capability given up in a child: as root, as nobody and
// in a user namespace alike), sets the mode itself (IPC_SET needs no
// permission bit, only ownership) and tries both calls under 0400, 0200 and
// 0000: each is refused with EACCES exactly when its bit is missing, and a
// refused msgsnd queues nothing.
#include "ipc/case.hpp"
#include "msg_support.hpp"

CLAIM("MSG-28", "msgsnd needs write and msgrcv read permission on the queue (EACCES)") {
    auto q = ipc::MsgQueue::create();
    msgcase::send_all(q.id(), {{1, "a"}, {1, "b"}, {1, "c"}});
    ipc::evidence("queued_before", msgcase::state(q.stat()));

    const auto seen_by_owner = q.stat();
    auto owner = ipc::ReportingChild::fork([&](ipc::Report& r) {
        if (int err = ipc::drop_all_capabilities(); err != 0) {
            r["skip"] = "cannot give up every capability: " + ipc::errno_name(err);
            return ipc::exit_skip;
        }
        for (unsigned mode : {0400u, 0200u, 0000u}) {
            msgcase::set_mode(q.id(), seen_by_owner, mode);
            const auto sent = msgcase::sent_or_errno(ipc::msg_send(q.id(), 2, "w", IPC_NOWAIT));
            auto got = ipc::msg_receive(q.id(), 1, IPC_NOWAIT);
            r[msgcase::octal(mode)] = "msgsnd:" + sent +
                                      " msgrcv:" + (got ? std::string("received") : ipc::errno_name(errno));
        }
        return 0;
    });
    auto seen = owner.finish("owner_without_capabilities");
    if (seen.status.exited_with(ipc::exit_skip)) ipc::skip(seen.get("skip"));
    REQUIRE(seen.status.exited_with(0));
    CHECK_EQ(seen.get("0400"), "msgsnd:EACCES msgrcv:received");
    CHECK_EQ(seen.get("0200"), "msgsnd:sent msgrcv:EACCES");
    CHECK_EQ(seen.get("0000"), "msgsnd:EACCES msgrcv:EACCES");

    // Only the one send that was allowed went in; one receive took a message.
    msgcase::set_mode(q.id(), seen_by_owner, 0600);
    const auto left = ipc::msg_drain(q.id());
    ipc::evidence("left_in_queue", ipc::describe(left));
    CHECK_EQ(left, msgcase::Messages{{1, "b"}, {1, "c"}, {2, "w"}});
}
