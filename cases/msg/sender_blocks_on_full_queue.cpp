// MSG-12 (seed §3.1; msgop(2) "If insufficient space is available in the
// queue, then the default behavior of msgsnd() is to block until space becomes
// available. If IPC_NOWAIT is specified in msgflg, then the call instead fails
// with the error EAGAIN"): a queue holding msg_qbytes bytes (kernel.msgmnb for
// a new queue) refuses one more byte with EAGAIN under IPC_NOWAIT, and a
// blocking sender sleeps (observed in /proc) until a receiver makes room.
#include <sys/syscall.h>

#include "ipc/case.hpp"
#include "msg_support.hpp"

CLAIM("MSG-12", "msgsnd on a full queue blocks, or fails with EAGAIN under IPC_NOWAIT, until room is made") {
    const long long msgmnb = ipc::sysctl("/proc/sys/kernel/msgmnb");
    ipc::sysctl("/proc/sys/kernel/msgmax");
    auto q = ipc::MsgQueue::create();
    ipc::evidence("msg_qbytes", static_cast<long long>(q.stat().msg_qbytes));
    CHECK_EQ(q.stat().msg_qbytes, static_cast<msglen_t>(msgmnb));

    const auto filled_with = msgcase::fill_to_qbytes(q, 1);
    const auto full = q.stat();
    ipc::evidence("messages_filling_it", filled_with);
    ipc::evidence("full", msgcase::state(full));
    CHECK_EQ(full.msg_cbytes, full.msg_qbytes);

    const auto nowait = msgcase::sent_or_errno(ipc::msg_send(q.id(), 2, "x", IPC_NOWAIT));
    ipc::evidence("msgsnd_IPC_NOWAIT_one_byte", nowait);
    CHECK_EQ(nowait, "EAGAIN");

    auto sender = msgcase::sender(q.id(), 2, "x");
    auto blocked = ipc::require_blocked_in(sender.pid(), SYS_msgsnd, "sender_blocked");
    CHECK(ipc::still_blocked(sender.pid(), blocked));

    const auto taken = msgcase::take(q.id(), 1);  // makes room for one byte and more
    ipc::evidence("receiver_took_bytes", taken.text.size());
    auto woke = sender.finish();
    ipc::evidence("sender_status", woke.status.describe());
    ipc::evidence("sender_woke_with", woke.get("sent"));
    CHECK(woke.status.exited_with(0));
    CHECK_EQ(woke.get("sent"), "sent");

    // The blocked message went in last, behind the ones that filled the queue.
    auto left = msgcase::select_all(q.id(), 0);
    REQUIRE_FALSE(left.received.empty());
    CHECK_EQ(left.received.size(), filled_with);
    CHECK_EQ(left.received.back(), ipc::Message{2, "x"});
}
