// MSG-26 (edge; msgop(2) ERRORS "EINVAL Invalid msqid value, or nonpositive
// mtype value, or invalid msgsz value (less than 0 or greater than the system
// value MSGMAX)" (msgsnd), "EINVAL msqid was invalid, or msgsz was less than
// 0" (msgrcv)): msgsnd and msgrcv fail with EINVAL for a negative msqid, for
// the id of a queue already removed, and for a msgsz that is negative as a
// signed value; a refused msgsnd queues nothing and a refused msgrcv takes
// nothing (the queue, holding one message, is the same afterwards).
#include "ipc/case.hpp"
#include "msg_support.hpp"

namespace {
struct Buffer {
    long mtype = 1;
    char mtext[16] = "text";
};
}  // namespace

CLAIM("MSG-26", "msgsnd and msgrcv fail with EINVAL for an invalid msqid or a negative msgsz") {
    auto q = ipc::MsgQueue::create();
    msgcase::send_all(q.id(), {{1, "kept"}});
    auto removed = ipc::MsgQueue::create();
    const int removed_id = removed.id();
    removed.remove();
    ipc::evidence("removed_msqid", removed_id);

    Buffer buf;
    const auto negative = static_cast<std::size_t>(-1);  // msgsz -1 as the kernel reads it
    auto table = [&](const char* what, auto call) {
        auto r = ipc::capture(call);
        ipc::evidence(what, ipc::describe(r));
        CHECK_MESSAGE(r == ipc::SyscallResult::failure(EINVAL), what << ": " << ipc::describe(r));
    };
    table("msgsnd_msqid_-1", [&] { return ::msgsnd(-1, &buf, 4, IPC_NOWAIT); });
    table("msgsnd_removed_msqid", [&] { return ::msgsnd(removed_id, &buf, 4, IPC_NOWAIT); });
    table("msgsnd_msgsz_-1", [&] { return ::msgsnd(q.id(), &buf, negative, IPC_NOWAIT); });
    table("msgrcv_msqid_-1", [&] { return ::msgrcv(-1, &buf, sizeof buf.mtext, 0, IPC_NOWAIT); });
    table("msgrcv_removed_msqid", [&] { return ::msgrcv(removed_id, &buf, sizeof buf.mtext, 0, IPC_NOWAIT); });
    table("msgrcv_msgsz_-1", [&] { return ::msgrcv(q.id(), &buf, negative, 0, IPC_NOWAIT); });

    const auto left = ipc::msg_drain(q.id());
    ipc::evidence("left_in_queue", ipc::describe(left));
    CHECK_EQ(left, msgcase::Messages{{1, "kept"}});
}
