// MSG-13 (seed §3.5; msgget(2), sysvipc(7)): a queue is a kernel object with
// no owner process. Its messages stay after the sender and the receiver exit,
// and the queue goes only with IPC_RMID. The sender and the receiver are
// separately executed programs (roles of this binary) that share only the key.
// After the sender's exit the queue is also left alone for the observation
// window, then looked at again.
#include "ipc/case.hpp"
#include "msg_support.hpp"

// Creates the queue under the key, queues two messages, exits without IPC_RMID.
IPC_ROLE("sender") {
    int id = static_cast<int>(
        ipc::must(::msgget(msgcase::parse_key(args.at(0)), IPC_CREAT | IPC_EXCL | 0600), "msgget(IPC_CREAT)"));
    msgcase::send_all(id, {{1, "first"}, {2, "second"}});
    return 0;
}

// Takes the oldest message from the queue the key names: exit 0 if it is "first".
IPC_ROLE("receiver") {
    int id = ::msgget(msgcase::parse_key(args.at(0)), 0);
    auto m = id < 0 ? std::nullopt : ipc::msg_receive(id, 0, IPC_NOWAIT);
    ipc::evidence("receiver.got", msgcase::outcome(m));
    return m && *m == ipc::Message{1, "first"} ? 0 : 1;
}

CLAIM("MSG-13", "a queue and its messages persist after its sender and receiver exit, until IPC_RMID") {
    const key_t key = ipc::fresh_key();
    msgcase::RemoveQueueByKey cleanup{key};
    ipc::evidence("key", std::to_string(key));

    auto sent = ipc::Child::exec_role("sender", {std::to_string(key)}).wait();
    ipc::evidence("sender_status", sent.describe());
    REQUIRE(sent.exited_with(0));
    int id = ::msgget(key, 0);
    REQUIRE_WITH_ERRNO(id >= 0, "queue gone with its sender");
    msqid_ds ds{};
    REQUIRE_EQ(::msgctl(id, IPC_STAT, &ds), 0);
    ipc::evidence("after_sender_exit", msgcase::state(ds));
    CHECK_EQ(ds.msg_qnum, 2u);
    // Not only at once: left alone for a while (a cleanup of a sender's or a
    // creator's objects, shortly after its exit, would strike now), the queue
    // and both messages are still there.
    ipc::leave_alone_for_window("after_sender_exit");
    REQUIRE_WITH_ERRNO(::msgget(key, 0) == id, "queue gone a while after its sender exited");
    REQUIRE_EQ(::msgctl(id, IPC_STAT, &ds), 0);
    ipc::evidence("after_sender_exit_and_window", msgcase::state(ds));
    CHECK_EQ(ds.msg_qnum, 2u);

    auto received = ipc::Child::exec_role("receiver", {std::to_string(key)}).wait();
    ipc::evidence("receiver_status", received.describe());
    CHECK(received.exited_with(0));
    REQUIRE_WITH_ERRNO(::msgget(key, 0) == id, "queue gone with its receiver");
    REQUIRE_EQ(::msgctl(id, IPC_STAT, &ds), 0);
    ipc::evidence("after_receiver_exit", msgcase::state(ds));
    CHECK_EQ(ds.msg_qnum, 1u);
    CHECK_EQ(ipc::msg_drain(id), msgcase::Messages{{2, "second"}});

    // Only IPC_RMID ends it.
    CHECK_SUCCEEDS(::msgctl(id, IPC_RMID, nullptr));
    CHECK_FAILS_WITH(::msgget(key, 0), ENOENT);
    CHECK_FAILS_WITH(::msgctl(id, IPC_STAT, &ds), EINVAL);
}
