// MSG-17 (edge; msgop(2) MSG_COPY "Nondestructively fetch a copy of the
// message at the ordinal position in the queue specified by msgtyp (messages
// are considered to be numbered starting at 0). This flag must be specified in
// conjunction with IPC_NOWAIT"; Linux >= 3.8 with CONFIG_CHECKPOINT_RESTORE,
// ENOSYS without it): MSG_COPY reads the message at an index, whatever its
// type, and removes nothing; without IPC_NOWAIT it fails with EINVAL, past the
// last message with ENOMSG. Probed first: skipped where the kernel lacks it.
#include "ipc/case.hpp"
#include "msg_support.hpp"

#ifndef MSG_COPY
#define MSG_COPY 040000  // include/uapi/linux/msg.h
#endif

namespace {
// MSG_COPY of index 0 of a one-message queue: "ok", or the errno name.
std::string probe_msg_copy() {
    auto probe = ipc::MsgQueue::create();
    msgcase::send_all(probe.id(), {{1, "probe"}});
    auto copy = ipc::msg_receive(probe.id(), 0, MSG_COPY | IPC_NOWAIT);
    return copy ? "ok" : ipc::errno_name(errno);
}
}  // namespace

CLAIM("MSG-17", "MSG_COPY reads the message at an index without removing it, and needs IPC_NOWAIT") {
    const auto support = probe_msg_copy();
    ipc::evidence("msg_copy_probe", support);
    if (support == "ENOSYS") ipc::skip("MSG_COPY unsupported (ENOSYS): kernel built without CONFIG_CHECKPOINT_RESTORE");

    auto q = ipc::MsgQueue::create();
    const msgcase::Messages sent = {{3, "a"}, {1, "b"}, {2, "c"}};
    msgcase::send_all(q.id(), sent);

    // Without IPC_NOWAIT, refused (asked while the queue is not empty, so
    // that a kernel taking it as a plain msgrcv returns rather than waits).
    auto without_nowait = ipc::capture([&] { return ipc::msg_receive(q.id(), 0, MSG_COPY) ? 0 : -1; });
    msgcase::Messages copies;
    for (long index : {2L, 0L, 1L}) copies.push_back(msgcase::take(q.id(), index, MSG_COPY));
    auto past_end = ipc::capture([&] { return ipc::msg_receive(q.id(), 3, MSG_COPY | IPC_NOWAIT) ? 0 : -1; });
    ipc::evidence("sent", ipc::describe(sent));
    ipc::evidence("copies_at_indexes_2_0_1", ipc::describe(copies));
    ipc::evidence("MSG_COPY_index_3", ipc::describe(past_end));
    ipc::evidence("MSG_COPY_without_IPC_NOWAIT", ipc::describe(without_nowait));
    CHECK_EQ(copies, msgcase::Messages{{2, "c"}, {3, "a"}, {1, "b"}});
    CHECK_EQ(past_end, ipc::SyscallResult::failure(ENOMSG));
    CHECK_EQ(without_nowait, ipc::SyscallResult::failure(EINVAL));

    // Nothing was taken: the queue still holds all three, in order.
    const auto left = ipc::msg_drain(q.id());
    ipc::evidence("left_in_queue", ipc::describe(left));
    CHECK_EQ(left, sent);
}
