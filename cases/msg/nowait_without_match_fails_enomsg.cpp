// MSG-08 (edge; msgop(2) ERRORS "ENOMSG IPC_NOWAIT was specified in msgflg and
// no message of the requested type existed on the message queue"): with
// IPC_NOWAIT, msgrcv returns at once with ENOMSG when no message matches, both
// on an empty queue and on one holding only other types, which stay queued.
#include "ipc/case.hpp"
#include "msg_support.hpp"

CLAIM("MSG-08", "IPC_NOWAIT with no matching message fails with ENOMSG") {
    auto q = ipc::MsgQueue::create();
    struct Probe {
        const char* what;
        long msgtyp;
    };
    auto probe = [&](const Probe& p) {
        auto r = ipc::capture([&] { return ipc::msg_receive(q.id(), p.msgtyp, IPC_NOWAIT) ? 0 : -1; });
        ipc::evidence(p.what, ipc::describe(r));
        CHECK_MESSAGE(r == ipc::SyscallResult::failure(ENOMSG), p.what << ": msgrcv returned " << ipc::describe(r));
    };
    probe({"empty_queue_msgtyp_0", 0});
    probe({"empty_queue_msgtyp_2", 2});

    msgcase::send_all(q.id(), {{1, "one"}, {3, "three"}});
    probe({"types_1_3_msgtyp_2", 2});
    probe({"types_1_3_msgtyp_4", 4});

    const auto left = msgcase::select_all(q.id(), 0).received;
    ipc::evidence("left_in_queue", ipc::describe(left));
    CHECK_EQ(left, msgcase::Messages{{1, "one"}, {3, "three"}});
}
