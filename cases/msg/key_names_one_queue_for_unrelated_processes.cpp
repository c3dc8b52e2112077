// MSG-01 (seed §3.2; msgget(2), sysvipc(7)): msgget with a key and IPC_CREAT
// creates the queue when the key names none and opens the existing one
// otherwise, so unrelated processes that agree on a key share one queue. The
// sender and the receiver are separately executed programs (roles of this
// binary) that share nothing but the key; both call msgget(key, IPC_CREAT).
#include "ipc/case.hpp"
#include "msg_support.hpp"

// msgget(key, IPC_CREAT), send the token, exit without removing the queue.
IPC_ROLE("sender") {
    int id =
        static_cast<int>(ipc::must(::msgget(msgcase::parse_key(args.at(0)), IPC_CREAT | 0600), "msgget(IPC_CREAT)"));
    ipc::evidence("sender.msqid", id);
    return ipc::msg_send(id, 7, args.at(1), IPC_NOWAIT) == 0 ? 0 : 2;
}

// msgget(key, IPC_CREAT) again: exit 0 when it opened the sender's queue, i.e.
// the token is waiting there.
IPC_ROLE("receiver") {
    int id =
        static_cast<int>(ipc::must(::msgget(msgcase::parse_key(args.at(0)), IPC_CREAT | 0600), "msgget(IPC_CREAT)"));
    ipc::evidence("receiver.msqid", id);
    auto m = ipc::msg_receive(id, 0, IPC_NOWAIT);
    ipc::evidence("receiver.got", msgcase::outcome(m));
    return m && m->type == 7 && m->text == args.at(1) ? 0 : 1;
}

CLAIM("MSG-01", "msgget(key, IPC_CREAT) creates or opens the one queue that unrelated processes share") {
    const key_t key = ipc::fresh_key();
    msgcase::RemoveQueueByKey cleanup{key};
    const std::string token = "token-" + std::to_string(::getpid());
    ipc::evidence("key", std::to_string(key));
    CHECK_FAILS_WITH(::msgget(key, 0), ENOENT);  // no queue under the key yet

    auto sender = ipc::Child::exec_role("sender", {std::to_string(key), token});
    const pid_t sender_pid = sender.pid();
    auto sent = sender.wait();
    ipc::evidence("sender_status", sent.describe());
    REQUIRE(sent.exited_with(0));

    auto receiver = ipc::Child::exec_role("receiver", {std::to_string(key), token});
    const pid_t receiver_pid = receiver.pid();
    auto received = receiver.wait();
    ipc::evidence("receiver_status", received.describe());
    CHECK(received.exited_with(0));

    // One queue under the key, used by both: the kernel's record of who sent
    // and who received last names the two programs.
    int id = ::msgget(key, 0);
    REQUIRE_WITH_ERRNO(id >= 0, "no queue under the key");
    CHECK_FAILS_WITH(::msgget(key, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
    msqid_ds ds{};
    ipc::must(::msgctl(id, IPC_STAT, &ds), "msgctl(IPC_STAT)");
    ipc::evidence("msqid", id);
    ipc::evidence("msg_lspid", ds.msg_lspid);
    ipc::evidence("msg_lrpid", ds.msg_lrpid);
    ipc::evidence("msg_qnum", static_cast<long long>(ds.msg_qnum));
    CHECK_EQ(ds.msg_lspid, sender_pid);
    CHECK_EQ(ds.msg_lrpid, receiver_pid);
    CHECK_EQ(ds.msg_qnum, 0u);
}
