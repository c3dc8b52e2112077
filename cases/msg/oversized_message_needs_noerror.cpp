// MSG-09 (edge; msgop(2) "If the message text has length greater than msgsz,
// then the behavior depends on whether MSG_NOERROR is specified"): a message
// longer than msgsz fails with E2BIG and stays queued, first in line; with
// MSG_NOERROR it is returned cut to msgsz and the cut-off part is lost (the
// next msgrcv returns the next message, not the rest), and nothing is written
// past msgsz bytes of the caller's buffer (a canary there stays). At the boundary: a
// message of exactly msgsz bytes comes whole, one of msgsz + 1 fails.
#include <cstring>
#include <vector>

#include "ipc/case.hpp"
#include "msg_support.hpp"

CLAIM("MSG-09", "a message longer than msgsz fails with E2BIG and stays; MSG_NOERROR truncates it") {
    auto q = ipc::MsgQueue::create();
    const std::string long_text = "0123456789";
    const std::size_t msgsz = 4;
    msgcase::send_all(q.id(), {{1, long_text}, {2, "next"}});
    ipc::evidence("message_length", long_text.size());
    ipc::evidence("msgsz", msgsz);

    auto too_long = ipc::capture([&] { return ipc::msg_receive(q.id(), 0, IPC_NOWAIT, msgsz) ? 0 : -1; });
    ipc::evidence("msgrcv_without_MSG_NOERROR", ipc::describe(too_long));
    CHECK_EQ(too_long, ipc::SyscallResult::failure(E2BIG));
    ipc::evidence("msg_qnum_after_E2BIG", static_cast<long long>(q.stat().msg_qnum));
    CHECK_EQ(q.stat().msg_qnum, 2u);

    // Into a buffer with a canary past its msgsz bytes: the cut-off part must
    // not be written there either.
    const std::string canary(16, '#');
    std::vector<char> buf(sizeof(long) + msgsz + canary.size(), '#');
    const ssize_t n = ::msgrcv(q.id(), buf.data(), msgsz, 0, MSG_NOERROR | IPC_NOWAIT);
    REQUIRE_WITH_ERRNO(n >= 0, "msgrcv(MSG_NOERROR)");
    long type = 0;
    std::memcpy(&type, buf.data(), sizeof type);
    const ipc::Message cut{type, std::string(buf.data() + sizeof(long), static_cast<std::size_t>(n))};
    const std::string past_msgsz(buf.data() + sizeof(long) + msgsz, canary.size());
    auto after = msgcase::select_all(q.id(), 0);
    ipc::evidence("msgrcv_with_MSG_NOERROR", msgcase::outcome(cut));
    ipc::evidence("bytes_past_msgsz", past_msgsz);
    ipc::evidence("then", ipc::describe(after.received));
    CHECK_EQ(cut, ipc::Message{1, long_text.substr(0, msgsz)});
    CHECK_EQ(past_msgsz, canary);
    CHECK_EQ(after.received, msgcase::Messages{{2, "next"}});
    CHECK_EQ(after.stopped_by, "ENOMSG");
}

CLAIM("MSG-09", "at the boundary: msgsz bytes come whole, msgsz + 1 fail with E2BIG and stay") {
    auto q = ipc::MsgQueue::create();
    const std::size_t msgsz = 64;
    const std::string exact(msgsz, 'e'), one_more(msgsz + 1, 'o');
    msgcase::send_all(q.id(), {{1, exact}, {2, one_more}});

    auto got_exact = msgcase::take(q.id(), 0, 0, msgsz);
    ipc::evidence("msgsz", msgsz);
    ipc::evidence("exact_length.received_bytes", got_exact.text.size());
    CHECK_EQ(got_exact, ipc::Message{1, exact});

    auto too_long = ipc::capture([&] { return ipc::msg_receive(q.id(), 0, IPC_NOWAIT, msgsz) ? 0 : -1; });
    ipc::evidence("one_byte_more", ipc::describe(too_long));
    CHECK_EQ(too_long, ipc::SyscallResult::failure(E2BIG));
    CHECK_EQ(q.stat().msg_qnum, 1u);
    CHECK_EQ(msgcase::take(q.id(), 0, 0, msgsz + 1), ipc::Message{2, one_more});
}
