// SOCK-12 (edge; unix(7) SCM_RIGHTS and "BUGS"/MSG_CTRUNC, recvmsg(2),
// cmsg(3)): several descriptors sent in one SCM_RIGHTS message arrive in one
// control message, in the order sent, each a new descriptor of the same open
// file. When the receiver's control buffer holds fewer than were sent, it
// gets as many as fit (in order), msg_flags has MSG_CTRUNC, and the ones
// that did not fit are closed, not left open anywhere: the descriptors are
// write ends of pipes the case no longer holds, so a pipe whose end was
// dropped shows end of file (POLLHUP) at its read end, while the pipes whose
// ends arrived do not. A buffer with room for the header only takes none:
// MSG_CTRUNC, and every one is closed. How many fit is read from the buffer's size, not
// assumed: (CMSG_SPACE(n * sizeof(int)) - CMSG_LEN(0)) / sizeof(int). A
// peek (MSG_PEEK) of a message with a descriptor installs a descriptor of
// it too, and the message keeps it: the read after gets it again. A
// receiver already asleep in recvmsg (the kernel shows it blocked) when the
// message is sent gets its descriptor just the same.
#include <fcntl.h>
#include <sys/syscall.h>

#include "ipc/blocking.hpp"
#include "ipc/case.hpp"
#include "ipc/reporting_child.hpp"
#include "ipc/socket.hpp"
#include "sock_support.hpp"

namespace {
constexpr int sent_count = 4;

struct Sent {
    std::vector<ipc::Pipe> pipes;
    std::vector<std::string> inodes;
};

// Sends the write ends of sent_count new pipes in one message, then closes
// its own copies of them.
Sent send_pipe_ends(int sock) {
    Sent s;
    std::vector<int> ends;
    for (int i = 0; i < sent_count; ++i) {
        s.pipes.push_back(ipc::Pipe::make(O_CLOEXEC));
        s.inodes.push_back(sockcase::inode_of(s.pipes.back().w()));
        ends.push_back(s.pipes.back().w());
    }
    REQUIRE_WITH_ERRNO(ipc::send_with_fds(sock, "fds", ends) == 3, "sendmsg(SCM_RIGHTS)");
    for (auto& p : s.pipes) p.write_end.reset();
    return s;
}

std::string inodes_of(const std::vector<ipc::Fd>& fds) {
    std::string out;
    for (const auto& fd : fds) out += (out.empty() ? "" : " ") + sockcase::inode_of(fd.get());
    return out;
}
}  // namespace

CLAIM("SOCK-12",
      "several SCM_RIGHTS descriptors arrive in order; a short control buffer sets MSG_CTRUNC and closes the rest") {
    for (int type : {SOCK_STREAM, SOCK_SEQPACKET, SOCK_DGRAM}) {
        const auto k = sockcase::kind(type);
        CAPTURE(k.name);
        auto pair = ipc::SocketPair::make(type);

        // Room for all: every one, in order, a descriptor of the same pipe.
        auto all = send_pipe_ends(pair.a());
        auto got = ipc::receive(pair.b(), 16, MSG_DONTWAIT, sent_count);
        REQUIRE_WITH_ERRNO(got, "recvmsg");
        std::string sent_inodes;
        for (const auto& i : all.inodes) sent_inodes += (sent_inodes.empty() ? "" : " ") + i;
        ipc::evidence(k.name + ".sent_pipe_inodes", sent_inodes);
        ipc::evidence(k.name + ".received_inodes", inodes_of(got->fds));
        ipc::evidence(k.name + ".msg_flags", ipc::msg_flags_names(got->msg_flags));
        CHECK_EQ(inodes_of(got->fds), sent_inodes);
        CHECK_EQ(got->msg_flags & MSG_CTRUNC, 0);

        // A receiver already blocked in recvmsg gets it.
        {
            auto p = ipc::Pipe::make(O_CLOEXEC);
            const std::string ino = sockcase::inode_of(p.w());
            auto receiver = ipc::ReportingChild::fork([&](ipc::Report& r) {
                auto got = ipc::receive(pair.b(), 16, 0, 1);
                r["data"] = got ? got->data : ipc::errno_name(errno);
                r["inodes"] = got ? inodes_of(got->fds) : "";
                return 0;
            });
            ipc::require_blocked_in(receiver.pid(), SYS_recvmsg, k.name + ".receiver_blocked");
            REQUIRE_WITH_ERRNO(ipc::send_with_fds(pair.a(), "waited", {p.w()}) == 6, "sendmsg(SCM_RIGHTS)");
            auto result = receiver.finish(k.name + ".blocked_receiver");
            CHECK_EQ(result.get("data"), "waited");
            CHECK_EQ(result.get("inodes"), ino);
        }

        // A peek installs a copy; the read that follows gets it again.
        {
            auto p = ipc::Pipe::make(O_CLOEXEC);
            const std::string ino = sockcase::inode_of(p.w());
            REQUIRE_WITH_ERRNO(ipc::send_with_fds(pair.a(), "peeked", {p.w()}) == 6, "sendmsg(SCM_RIGHTS)");
            auto peeked = ipc::receive(pair.b(), 16, MSG_DONTWAIT | MSG_PEEK, 1);
            auto read = ipc::receive(pair.b(), 16, MSG_DONTWAIT, 1);
            REQUIRE_WITH_ERRNO(peeked && read, "recvmsg");
            ipc::evidence(k.name + ".peek.received_inodes", inodes_of(peeked->fds));
            ipc::evidence(k.name + ".read_after_peek.received_inodes", inodes_of(read->fds));
            CHECK_EQ(peeked->data, "peeked");
            CHECK_EQ(inodes_of(peeked->fds), ino);
            CHECK_EQ(read->data, "peeked");
            CHECK_EQ(inodes_of(read->fds), ino);
        }

        // Room for fewer: those that fit arrive, the rest are closed.
        auto some = send_pipe_ends(pair.a());
        const std::size_t fit = (CMSG_SPACE(sizeof(int)) - CMSG_LEN(0)) / sizeof(int);
        auto part = ipc::receive(pair.b(), 16, MSG_DONTWAIT, 1);
        REQUIRE_WITH_ERRNO(part, "recvmsg");
        ipc::evidence(k.name + ".short_buffer.descriptors_that_fit", static_cast<long long>(fit));
        ipc::evidence(k.name + ".short_buffer.received_inodes", inodes_of(part->fds));
        ipc::evidence(k.name + ".short_buffer.msg_flags", ipc::msg_flags_names(part->msg_flags));
        REQUIRE(fit < static_cast<std::size_t>(sent_count));
        CHECK_EQ(part->fds.size(), fit);
        CHECK_NE(part->msg_flags & MSG_CTRUNC, 0);
        for (std::size_t i = 0; i < static_cast<std::size_t>(sent_count); ++i) {
            const bool arrived = i < fit;
            CAPTURE(i);
            if (arrived && i < part->fds.size()) CHECK_EQ(sockcase::inode_of(part->fds[i].get()), some.inodes[i]);
            const bool released = arrived ? !sockcase::write_end_open(some.pipes[i].r())
                                          : sockcase::write_end_released(some.pipes[i].r());
            ipc::evidence(k.name + ".short_buffer.pipe" + std::to_string(i) + "_write_end",
                          released ? "released (POLLHUP)" : "open");
            CHECK_EQ(released, !arrived);
        }

        // Room for none: MSG_CTRUNC, and all are closed.
        auto none = send_pipe_ends(pair.a());
        auto bare = ipc::receive(pair.b(), 16, MSG_DONTWAIT, 0);
        REQUIRE_WITH_ERRNO(bare, "recvmsg");
        ipc::evidence(k.name + ".header_only.received", static_cast<long long>(bare->fds.size()));
        ipc::evidence(k.name + ".header_only.msg_flags", ipc::msg_flags_names(bare->msg_flags));
        CHECK_EQ(bare->data, "fds");
        CHECK(bare->fds.empty());
        CHECK_NE(bare->msg_flags & MSG_CTRUNC, 0);
        int released = 0;
        for (auto& p : none.pipes) released += sockcase::write_end_released(p.r()) ? 1 : 0;
        ipc::evidence(k.name + ".header_only.write_ends_released", released);
        CHECK_EQ(released, sent_count);
    }
}
