// MSG-02 (seed §3.1; msgop(2) ERRORS "EINVAL ... mtype had a non-positive
// value"): every message carries a positive type. msgsnd with mtype 0 or a
// negative mtype fails with EINVAL and queues nothing; mtype 1 is accepted.
#include <climits>

#include "ipc/case.hpp"
#include "msg_support.hpp"

CLAIM("MSG-02", "msgsnd with mtype < 1 fails with EINVAL and queues nothing") {
    auto q = ipc::MsgQueue::create();
    for (long type : {0L, -1L, LONG_MIN}) {
        auto refused = ipc::capture([&] { return ipc::msg_send(q.id(), type, "typeless", IPC_NOWAIT); });
        ipc::evidence("msgsnd_mtype_" + std::to_string(type), ipc::describe(refused));
        CHECK_MESSAGE(refused == ipc::SyscallResult::failure(EINVAL),
                      "msgsnd with mtype " << type << " returned " << ipc::describe(refused));
    }
    ipc::evidence("msg_qnum_after_refusals", static_cast<long long>(q.stat().msg_qnum));
    CHECK_EQ(q.stat().msg_qnum, 0u);

    CHECK_SUCCEEDS(ipc::msg_send(q.id(), 1, "typed", IPC_NOWAIT));
    auto left = ipc::msg_drain(q.id());
    ipc::evidence("queued", ipc::describe(left));
    CHECK_EQ(left, msgcase::Messages{{1, "typed"}});
}
