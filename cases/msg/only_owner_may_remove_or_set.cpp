// MSG-33 (edge; msgctl(2) ERRORS "EPERM The argument cmd has the value IPC_SET
// or IPC_RMID, but the effective user ID of the calling process is not the
// creator (as found in msg_perm.cuid) or the owner (as found in msg_perm.uid)
// of the message queue, and the caller is not privileged (Linux: does not have
// the CAP_SYS_ADMIN capability)"): a queue open to everyone (mode 0666) may be
// used by another user (msgsnd, msgrcv and IPC_STAT succeed), but IPC_RMID and
// IPC_SET by that user fail with EPERM and leave the queue as it was. Needs
// another uid to be: root drops to nobody in a child; where the case is not
// root of the host (as nobody, in a user namespace that maps one uid) there is
// no other user to be, and the case is skipped.
#include "ipc/case.hpp"
#include "msg_support.hpp"

CLAIM("MSG-33", "IPC_RMID and IPC_SET by a user neither owner nor creator fail with EPERM") {
    if (::geteuid() != 0 || !ipc::in_initial_user_namespace())
        ipc::skip("needs root of the host to act as another user (uid 65534); running as uid " +
                  std::to_string(::geteuid()) + " (isolation " + ipc::isolation() + ")");
    auto q = ipc::MsgQueue::create(IPC_PRIVATE, 0666);
    msgcase::send_all(q.id(), {{1, "for anyone"}});
    const auto owner_view = q.stat();
    ipc::evidence("owner_uid", static_cast<long long>(owner_view.msg_perm.uid));
    ipc::evidence("creator_uid", static_cast<long long>(owner_view.msg_perm.cuid));

    auto other = ipc::ReportingChild::fork_as_nobody([&](ipc::Report& r) {
        r["euid"] = std::to_string(::geteuid());
        msqid_ds ds{};
        r["IPC_STAT"] = ipc::outcome_of(::msgctl(q.id(), IPC_STAT, &ds));
        r["msgsnd"] = ipc::outcome_of(ipc::msg_send(q.id(), 2, "from nobody", IPC_NOWAIT));
        r["msgrcv"] = msgcase::outcome(ipc::msg_receive(q.id(), 1, IPC_NOWAIT));
        ds.msg_perm.mode = 0600;
        r["IPC_SET"] = ipc::outcome_of(::msgctl(q.id(), IPC_SET, &ds));
        r["IPC_RMID"] = ipc::outcome_of(::msgctl(q.id(), IPC_RMID, nullptr));
        return 0;
    });
    auto seen = other.finish("nobody");
    if (seen.status.exited_with(ipc::exit_skip)) ipc::skip(seen.get("skip"));
    REQUIRE(seen.status.exited_with(0));
    CHECK_EQ(seen.get("euid"), std::to_string(ipc::nobody_uid));
    CHECK_EQ(seen.get("IPC_STAT"), "ok");
    CHECK_EQ(seen.get("msgsnd"), "ok");
    CHECK_EQ(seen.get("msgrcv"), "1:\"for anyone\"");
    CHECK_EQ(seen.get("IPC_SET"), "EPERM");
    CHECK_EQ(seen.get("IPC_RMID"), "EPERM");

    // Still there, still 0666, holding what nobody sent.
    const auto after = q.stat();
    ipc::evidence("after", msgcase::state(after) + " mode=" + msgcase::octal(after.msg_perm.mode));
    CHECK_EQ(after.msg_perm.mode & 0777, 0666u);
    CHECK_EQ(ipc::msg_drain(q.id()), msgcase::Messages{{2, "from nobody"}});
}
