// MSG-15 (seed §3.2; msgctl(2) IPC_STAT and "The msqid_ds data structure"):
// IPC_STAT reports the number of messages (msg_qnum), the bytes queued
// (msg_cbytes), the limit (msg_qbytes, kernel.msgmnb for a new queue) and the
// pids of the last msgsnd (msg_lspid) and msgrcv (msg_lrpid), here of
// separate child processes, with the times of both; a second sender and a
// second receiver show the pids are the last ones, not the first. It also
// reports msg_perm as made (the key, the owner's and creator's uid and gid,
// the mode), msg_ctime within the msgget that made it, and msg_stime and
// msg_rtime within the calls of the sender and the receiver (0 before either).
#include <ctime>

#include "ipc/case.hpp"
#include "msg_support.hpp"

namespace {
std::string expected(std::size_t qnum, std::size_t cbytes, long long qbytes, pid_t lspid, pid_t lrpid) {
    return "qnum=" + std::to_string(qnum) + " cbytes=" + std::to_string(cbytes) + " qbytes=" + std::to_string(qbytes) +
           " lspid=" + std::to_string(lspid) + " lrpid=" + std::to_string(lrpid);
}

// "key=... uid=0 gid=0 cuid=0 cgid=0 mode=0640"
std::string perm(const ipc_perm& p) {
    return "key=" + std::to_string(p.__key) + " uid=" + std::to_string(p.uid) + " gid=" + std::to_string(p.gid) +
           " cuid=" + std::to_string(p.cuid) + " cgid=" + std::to_string(p.cgid) + " mode=" + msgcase::octal(p.mode);
}

// "stime=... rtime=... ctime=..." (seconds since the epoch)
std::string times(const msqid_ds& ds) {
    return "stime=" + std::to_string(ds.msg_stime) + " rtime=" + std::to_string(ds.msg_rtime) +
           " ctime=" + std::to_string(ds.msg_ctime);
}

// The wall-clock seconds read just before and just after the call that sets a
// time: the kernel's time (whole seconds of the same clock) lies between them.
std::string window(std::time_t from, std::time_t until) {
    return "[" + std::to_string(from) + ", " + std::to_string(until) + "]";
}
bool within(std::time_t t, std::time_t from, std::time_t until) { return from <= t && t <= until; }
}  // namespace

CLAIM("MSG-15", "IPC_STAT reports message count, bytes, msg_qbytes and the last sender and receiver pids") {
    const long long msgmnb = ipc::sysctl("/proc/sys/kernel/msgmnb");
    const key_t key = ipc::fresh_key();
    const auto created_from = std::time(nullptr);
    auto q = ipc::MsgQueue::create(key, 0640);
    const auto created_until = std::time(nullptr);
    const auto fresh = q.stat();
    ipc::evidence("new_queue", msgcase::state(fresh));
    CHECK_EQ(msgcase::state(fresh), expected(0, 0, msgmnb, 0, 0));

    // Who made it, under which key and mode, and when; nothing sent or received yet.
    ipc::evidence("new_queue.perm", perm(fresh.msg_perm));
    CHECK_EQ(perm(fresh.msg_perm), "key=" + std::to_string(key) + " uid=" + std::to_string(::geteuid()) +
                                       " gid=" + std::to_string(::getegid()) + " cuid=" + std::to_string(::geteuid()) +
                                       " cgid=" + std::to_string(::getegid()) + " mode=0640");
    ipc::evidence("new_queue.times", times(fresh));
    ipc::evidence("msgget_window", window(created_from, created_until));
    CHECK_EQ(fresh.msg_stime, 0);
    CHECK_EQ(fresh.msg_rtime, 0);
    CHECK(within(fresh.msg_ctime, created_from, created_until));

    const auto sent_from = std::time(nullptr);
    auto sender = ipc::Child::fork([&] {
        return ipc::msg_send(q.id(), 1, "abc", IPC_NOWAIT) == 0 && ipc::msg_send(q.id(), 2, "defgh", IPC_NOWAIT) == 0
                   ? 0
                   : 1;
    });
    const pid_t sender_pid = sender.pid();
    REQUIRE(sender.wait().exited_with(0));
    const auto sent_until = std::time(nullptr);
    const auto after_send = q.stat();
    ipc::evidence("sender_pid", sender_pid);
    ipc::evidence("after_two_sends", msgcase::state(after_send));
    CHECK_EQ(msgcase::state(after_send), expected(2, 3 + 5, msgmnb, sender_pid, 0));
    ipc::evidence("after_two_sends.times", times(after_send));
    ipc::evidence("sender_window", window(sent_from, sent_until));
    CHECK(within(after_send.msg_stime, sent_from, sent_until));
    CHECK_EQ(after_send.msg_rtime, 0);
    CHECK_EQ(after_send.msg_ctime, fresh.msg_ctime);  // sending changes no attribute

    const auto received_from = std::time(nullptr);
    auto receiver = ipc::Child::fork([&] { return ipc::msg_receive(q.id(), 1, IPC_NOWAIT) ? 0 : 1; });
    const pid_t receiver_pid = receiver.pid();
    REQUIRE(receiver.wait().exited_with(0));
    const auto received_until = std::time(nullptr);
    const auto after_receive = q.stat();
    ipc::evidence("receiver_pid", receiver_pid);
    ipc::evidence("after_one_receive", msgcase::state(after_receive));
    CHECK_EQ(msgcase::state(after_receive), expected(1, 5, msgmnb, sender_pid, receiver_pid));
    ipc::evidence("after_one_receive.times", times(after_receive));
    ipc::evidence("receiver_window", window(received_from, received_until));
    CHECK(within(after_receive.msg_rtime, received_from, received_until));
    CHECK_EQ(after_receive.msg_stime, after_send.msg_stime);

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
