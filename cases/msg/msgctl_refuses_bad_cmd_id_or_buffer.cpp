// MSG-32 (edge; msgctl(2) ERRORS "EINVAL Invalid value for cmd or msqid",
// "EFAULT The argument cmd has the value IPC_SET or IPC_STAT, but the address
// pointed to by buf isn't accessible"): msgctl fails with EINVAL for a command
// it does not know (-1, and one past the last: 14), for a negative msqid and
// for the id of a removed queue (IPC_STAT and IPC_SET alike), and with EFAULT
// when IPC_STAT or IPC_SET is given a buffer it cannot write or read; none of
// these changes the queue (its state afterwards is the same).
#include <sys/mman.h>

#include "ipc/case.hpp"
#include "msg_support.hpp"

CLAIM("MSG-32", "msgctl fails with EINVAL for a bad cmd or msqid and with EFAULT for a bad buffer") {
    auto q = ipc::MsgQueue::create();
    msgcase::send_all(q.id(), {{1, "kept"}});
    const auto before = q.stat();
    auto removed = ipc::MsgQueue::create();
    const int removed_id = removed.id();
    removed.remove();

    void* no_access =
        ::mmap(nullptr, static_cast<std::size_t>(ipc::page_size()), PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (no_access == MAP_FAILED) ipc::broken("mmap of a PROT_NONE page: " + ipc::errno_name(errno));
    auto* bad = static_cast<msqid_ds*>(no_access);
    msqid_ds ds = before;

    auto row = [&](const char* what, int expected, auto call) {
        auto r = ipc::capture(call);
        ipc::evidence(what, ipc::describe(r));
        CHECK_MESSAGE(r == ipc::SyscallResult::failure(expected), what << ": " << ipc::describe(r));
    };
    row("cmd_-1", EINVAL, [&] { return ::msgctl(q.id(), -1, &ds); });
    row("cmd_14", EINVAL, [&] { return ::msgctl(q.id(), 14, &ds); });
    row("IPC_STAT_msqid_-1", EINVAL, [&] { return ::msgctl(-1, IPC_STAT, &ds); });
    row("IPC_SET_msqid_-1", EINVAL, [&] { return ::msgctl(-1, IPC_SET, &ds); });
    row("IPC_STAT_removed_msqid", EINVAL, [&] { return ::msgctl(removed_id, IPC_STAT, &ds); });
    row("IPC_SET_removed_msqid", EINVAL, [&] { return ::msgctl(removed_id, IPC_SET, &ds); });
    row("IPC_STAT_into_PROT_NONE", EFAULT, [&] { return ::msgctl(q.id(), IPC_STAT, bad); });
    row("IPC_SET_from_PROT_NONE", EFAULT, [&] { return ::msgctl(q.id(), IPC_SET, bad); });
    row("IPC_STAT_into_address_-1", EFAULT,
        [&] { return ::msgctl(q.id(), IPC_STAT, reinterpret_cast<msqid_ds*>(-1)); });
    ::munmap(no_access, static_cast<std::size_t>(ipc::page_size()));

    const auto after = q.stat();
    ipc::evidence("before", msgcase::state(before) + " mode=" + msgcase::octal(before.msg_perm.mode));
    ipc::evidence("after", msgcase::state(after) + " mode=" + msgcase::octal(after.msg_perm.mode));
    CHECK_EQ(msgcase::state(after), msgcase::state(before));
    CHECK_EQ(after.msg_perm.mode, before.msg_perm.mode);
}
