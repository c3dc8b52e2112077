// MSG-25 (edge; msgop(2): msgsz is "the maximum size in bytes for the member
// mtext"; only msgsnd refuses a msgsz above MSGMAX (EINVAL), msgrcv has no such
// error): msgrcv takes a buffer larger than kernel.msgmax, here four times
// msgmax and one byte, and returns the message whole with its own length, as
// it does for a buffer of exactly msgmax bytes.
#include "ipc/case.hpp"
#include "msg_support.hpp"

CLAIM("MSG-25", "msgrcv accepts a msgsz larger than kernel.msgmax") {
    const long long msgmax = ipc::sysctl("/proc/sys/kernel/msgmax");
    auto q = ipc::MsgQueue::create();
    const auto largest = std::string(static_cast<std::size_t>(std::min<long long>(msgmax, q.stat().msg_qbytes)), 'x');
    msgcase::send_all(q.id(), {{1, largest}, {2, "short"}});

    const auto big_buffer = static_cast<std::size_t>(4 * msgmax + 1);
    ipc::evidence("msgsz", static_cast<long long>(big_buffer));
    auto first = ipc::msg_receive(q.id(), 0, IPC_NOWAIT, big_buffer);
    ipc::evidence("msgrcv_first", first ? std::to_string(first->text.size()) + " bytes" : ipc::errno_name(errno));
    REQUIRE_WITH_ERRNO(first, "msgrcv with msgsz 4 * msgmax + 1");
    CHECK_EQ(*first, ipc::Message{1, largest});
    auto second = ipc::msg_receive(q.id(), 0, IPC_NOWAIT, big_buffer);
    ipc::evidence("msgrcv_second", msgcase::outcome(second));
    CHECK_EQ(msgcase::outcome(second), "2:\"short\"");
}
