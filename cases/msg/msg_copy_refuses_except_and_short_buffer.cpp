// MSG-29 (edge; msgop(2) MSG_COPY, ERRORS "EINVAL MSG_COPY was specified in
// msgflg, and MSG_EXCEPT was specified in msgflg", "E2BIG The message text
// length is greater than msgsz and MSG_NOERROR isn't specified in msgflg";
// Linux ipc/msg.c copy_msg() refuses to truncate a copy, EINVAL, Linux >= 3.8
// with CONFIG_CHECKPOINT_RESTORE): MSG_COPY together with MSG_EXCEPT fails with
// EINVAL; a copy into a buffer shorter than the message fails with E2BIG, and
// asking to truncate it with MSG_NOERROR fails with EINVAL (a copy is never
// cut); an index below 0 finds no message (ENOMSG). The message stays queued
// through all of it, and a long enough buffer copies it whole. Probed first:
// skipped where the kernel lacks MSG_COPY.
#include "ipc/case.hpp"
#include "msg_support.hpp"

namespace {
// msgrcv(index, flags | MSG_COPY | IPC_NOWAIT) into a buffer of msgsz bytes:
// `1:"text"` or the errno name.
std::string copy_at(int qid, long index, int flags, std::size_t msgsz) {
    return msgcase::outcome(ipc::msg_receive(qid, index, flags | MSG_COPY | IPC_NOWAIT, msgsz));
}
}  // namespace

CLAIM("MSG-29", "MSG_COPY refuses MSG_EXCEPT (EINVAL), a short buffer (E2BIG) and truncation (EINVAL)") {
    auto q = ipc::MsgQueue::create();
    const std::string text = "0123456789";
    msgcase::send_all(q.id(), {{1, text}});
    const auto probe = copy_at(q.id(), 0, 0, text.size());
    ipc::evidence("msg_copy_probe", probe);
    if (probe == "ENOSYS") ipc::skip("MSG_COPY unsupported (ENOSYS): kernel built without CONFIG_CHECKPOINT_RESTORE");

    const auto with_except = copy_at(q.id(), 0, MSG_EXCEPT, text.size());
    const auto short_buffer = copy_at(q.id(), 0, 0, 4);
    const auto truncating = copy_at(q.id(), 0, MSG_NOERROR, 4);
    const auto negative_index = copy_at(q.id(), -1, 0, text.size());
    const auto whole = copy_at(q.id(), 0, 0, text.size());
    ipc::evidence("MSG_COPY_with_MSG_EXCEPT", with_except);
    ipc::evidence("MSG_COPY_msgsz_4", short_buffer);
    ipc::evidence("MSG_COPY_MSG_NOERROR_msgsz_4", truncating);
    ipc::evidence("MSG_COPY_index_-1", negative_index);
    ipc::evidence("MSG_COPY_msgsz_10", whole);
    CHECK_EQ(with_except, "EINVAL");
    CHECK_EQ(short_buffer, "E2BIG");
    CHECK_EQ(truncating, "EINVAL");
    CHECK_EQ(negative_index, "ENOMSG");
    CHECK_EQ(whole, "1:\"" + text + "\"");

    const auto left = ipc::msg_drain(q.id());
    ipc::evidence("left_in_queue", ipc::describe(left));
    CHECK_EQ(left, msgcase::Messages{{1, text}});
}
