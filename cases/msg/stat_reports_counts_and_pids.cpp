// MSG-15 (seed §3.2; msgctl(2) IPC_STAT and "The msqid_ds data structure"):
// IPC_STAT reports the number of messages (msg_qnum), the bytes queued
// (msg_cbytes), the limit (msg_qbytes, kernel.msgmnb for a new queue) and the
// pids of the last msgsnd (msg_lspid) and msgrcv (msg_lrpid), here of
// separate child processes, with the times of both; a second sender and a
// second receiver show the pids are the last ones, not the first.
#include "ipc/case.hpp"
#include "msg_support.hpp"

namespace {
std::string expected(std::size_t qnum, std::size_t cbytes, long long qbytes, pid_t lspid, pid_t lrpid) {
    return "qnum=" + std::to_string(qnum) + " cbytes=" + std::to_string(cbytes) + " qbytes=" + std::to_string(qbytes) +
           " lspid=" + std::to_string(lspid) + " lrpid=" + std::to_string(lrpid);
}
}  // namespace

CLAIM("MSG-15", "IPC_STAT reports message count, bytes, msg_qbytes and the last sender and receiver pids") {
    const long long msgmnb = ipc::sysctl("/proc/sys/kernel/msgmnb");
    auto q = ipc::MsgQueue::create();
    const auto fresh = q.stat();
    ipc::evidence("new_queue", msgcase::state(fresh));
    CHECK_EQ(msgcase::state(fresh), expected(0, 0, msgmnb, 0, 0));

    auto sender = ipc::Child::fork([&] {
        return ipc::msg_send(q.id(), 1, "abc", IPC_NOWAIT) == 0 && ipc::msg_send(q.id(), 2, "defgh", IPC_NOWAIT) == 0
                   ? 0
                   : 1;
    });
    const pid_t sender_pid = sender.pid();
    REQUIRE(sender.wait().exited_with(0));
    const auto after_send = q.stat();
    ipc::evidence("sender_pid", sender_pid);
    ipc::evidence("after_two_sends", msgcase::state(after_send));
    CHECK_EQ(msgcase::state(after_send), expected(2, 3 + 5, msgmnb, sender_pid, 0));
    CHECK_NE(after_send.msg_stime, 0);

    auto receiver = ipc::Child::fork([&] { return ipc::msg_receive(q.id(), 1, IPC_NOWAIT) ? 0 : 1; });
    const pid_t receiver_pid = receiver.pid();
    REQUIRE(receiver.wait().exited_with(0));
    const auto after_receive = q.stat();
    ipc::evidence("receiver_pid", receiver_pid);
    ipc::evidence("after_one_receive", msgcase::state(after_receive));
    CHECK_EQ(msgcase::state(after_receive), expected(1, 5, msgmnb, sender_pid, receiver_pid));
    CHECK_NE(after_receive.msg_rtime, 0);

    // Another sender, then another receiver: the pids move to them.
    auto second_sender = ipc::Child::fork([&] { return ipc::msg_send(q.id(), 3, "ij", IPC_NOWAIT) == 0 ? 0 : 1; });
    const pid_t second_sender_pid = second_sender.pid();
    REQUIRE(second_sender.wait().exited_with(0));
    auto second_receiver = ipc::Child::fork([&] { return ipc::msg_receive(q.id(), 2, IPC_NOWAIT) ? 0 : 1; });
    const pid_t second_receiver_pid = second_receiver.pid();
    REQUIRE(second_receiver.wait().exited_with(0));
    const auto after_second_pair = q.stat();
    ipc::evidence("second_sender_pid", second_sender_pid);
    ipc::evidence("second_receiver_pid", second_receiver_pid);
    ipc::evidence("after_second_sender_and_receiver", msgcase::state(after_second_pair));
    CHECK_EQ(msgcase::state(after_second_pair), expected(1, 2, msgmnb, second_sender_pid, second_receiver_pid));
}
