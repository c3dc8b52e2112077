// SOCK-31 (edge; recvmmsg(2) timeout, unix(7)): recvmmsg(2) with room for
// two messages and a timeout that has already run out (1 ns) returns the
// one message that was there, 1 for one message received, its msg_len the
// bytes of it, instead of waiting for the second. On every type. The call is
// made by a child, which reports what it got; a child still waiting at the
// default deadline is killed and reports nothing (a failure).
#include <cstring>

#include "ipc/case.hpp"
#include "ipc/reporting_child.hpp"
#include "ipc/socket.hpp"
#include "sock_support.hpp"

namespace {
struct Got {
    long result;
    int err;
    unsigned first_len;
    char first[10];
};
}  // namespace

CLAIM("SOCK-31", "recvmmsg whose timeout has run out returns the message that arrived instead of waiting for more") {
    for (int type : {SOCK_STREAM, SOCK_SEQPACKET, SOCK_DGRAM}) {
        const auto k = sockcase::kind(type);
        CAPTURE(k.name);
        auto pair = ipc::SocketPair::make(type);
        REQUIRE(sockcase::send_text(pair.a(), "0123456789").value == 10);
        auto receiver = ipc::ReportingChild::fork([&](Got& g) {
            char buffers[2][10] = {};
            iovec iov[2] = {{buffers[0], 10}, {buffers[1], 10}};
            mmsghdr msgs[2] = {};
            for (int i = 0; i < 2; ++i) {
                msgs[i].msg_hdr.msg_iov = &iov[i];
                msgs[i].msg_hdr.msg_iovlen = 1;
            }
            timespec timeout{0, 1};
            g.result = ::recvmmsg(pair.b(), msgs, 2, 0, &timeout);
            g.err = errno;
            g.first_len = msgs[0].msg_len;
            std::memcpy(g.first, buffers[0], sizeof g.first);
            return 0;
        });
        auto result = receiver.finish();
        auto got = result.as<Got>();
        ipc::evidence(k.name + ".receiver_status", result.status.describe());
        REQUIRE_MESSAGE(got, "recvmmsg did not return by the deadline: " << result.status.describe());
        ipc::evidence(k.name + ".recvmmsg", ipc::describe(ipc::SyscallResult{got->result, got->err}));
        ipc::evidence(k.name + ".first_msg_len", static_cast<long long>(got->first_len));
        CHECK_EQ(got->result, 1);
        CHECK_EQ(got->first_len, 10u);
        CHECK_EQ(std::string(got->first, 10), "0123456789");
    }
}
