// SOCK-14 (edge; unix(7) SCM_RIGHTS: "ancillary data forms a kind of barrier
// ... not coalesced", recvmsg(2)): a SOCK_STREAM socket keeps no message
// boundaries, except around descriptors. A read with room for everything
// returns the data of one send that carried descriptors, with its
// descriptors, and stops there: two such sends come out in two reads, each
// with its own descriptor (as they do on SOCK_SEQPACKET and SOCK_DGRAM); data written after such a send is not glued to
// it; data written before it may be (it carries nothing), and the
// descriptor then comes with the read. Data read without a control buffer
// (read(2)) loses the descriptors it carried: they are closed, which the
// case sees at the read end of the pipe whose only write end was sent
// (POLLHUP), and a later recvmsg of the rest gets none, nor does one of
// data written after it. Descriptors sent with no data at all are dropped
// the same way. A read no longer than the plain data written before a
// descriptor-carrying send gets that data and no descriptor.
#include <fcntl.h>

#include "ipc/case.hpp"
#include "ipc/socket.hpp"
#include "sock_support.hpp"

namespace {
struct Passed {
    ipc::Pipe pipe;
    std::string inode;
};

// Sends text with the write end of a new pipe, then drops its own copy.
Passed send_with_pipe_end(int sock, const std::string& text) {
    Passed p{ipc::Pipe::make(O_CLOEXEC), ""};
    p.inode = sockcase::inode_of(p.pipe.w());
    REQUIRE_WITH_ERRNO(ipc::send_with_fds(sock, text, {p.pipe.w()}) == static_cast<long>(text.size()),
                       "sendmsg(SCM_RIGHTS)");
    p.pipe.write_end.reset();
    return p;
}

// One recvmsg with room for 64 bytes and 4 descriptors: "data [inodes]".
std::string read_one(int sock, const std::string& key) {
    auto got = ipc::receive(sock, 64, MSG_DONTWAIT, 4);
    std::string out = got ? got->data : ipc::errno_name(errno);
    if (got)
        for (const auto& fd : got->fds) out += " [" + sockcase::inode_of(fd.get()) + "]";
    ipc::evidence(key, out);
    return out;
}
}  // namespace

CLAIM("SOCK-14", "on SOCK_STREAM a read stops at data that carried descriptors; read(2) of such data closes them") {
    // Two sends with a descriptor each: two reads (as on the message types).
    for (int type : {SOCK_STREAM, SOCK_SEQPACKET, SOCK_DGRAM}) {
        const std::string key = sockcase::kind(type).name + ".two_fd_sends";
        auto pair = ipc::SocketPair::make(type);
        auto one = send_with_pipe_end(pair.a(), "first");
        auto two = send_with_pipe_end(pair.a(), "second");
        CHECK_EQ(read_one(pair.b(), key + ".read1"), "first [" + one.inode + "]");
        CHECK_EQ(read_one(pair.b(), key + ".read2"), "second [" + two.inode + "]");
    }
    {  // A send with a descriptor, then a plain write: not glued.
        auto pair = ipc::SocketPair::make(SOCK_STREAM);
        auto one = send_with_pipe_end(pair.a(), "carried");
        REQUIRE(sockcase::send_text(pair.a(), "plain").value == 5);
        CHECK_EQ(read_one(pair.b(), "fd_then_plain.read1"), "carried [" + one.inode + "]");
        CHECK_EQ(read_one(pair.b(), "fd_then_plain.read2"), "plain");
    }
    {  // A plain write, then a send with a descriptor: may be read as one.
        auto pair = ipc::SocketPair::make(SOCK_STREAM);
        REQUIRE(sockcase::send_text(pair.a(), "plain").value == 5);
        auto one = send_with_pipe_end(pair.a(), "carried");
        CHECK_EQ(read_one(pair.b(), "plain_then_fd.read1"), "plaincarried [" + one.inode + "]");
    }
    {  // read(2) of the carrying data drops the descriptor.
        auto pair = ipc::SocketPair::make(SOCK_STREAM);
        auto one = send_with_pipe_end(pair.a(), "carried");
        std::string half(3, '\0');
        auto r = ipc::capture([&] { return ::read(pair.b(), half.data(), half.size()); });
        ipc::evidence("read2_of_part.result", ipc::describe(r));
        const bool released = sockcase::write_end_released(one.pipe.r());
        ipc::evidence("read2_of_part.passed_pipe_write_end", released ? "released (POLLHUP)" : "still open");
        CHECK_EQ(r.value, 3);
        CHECK(released);
        CHECK_EQ(read_one(pair.b(), "read2_of_part.recvmsg_of_rest"), "ried");
    }
    {  // read(2) of all of it; data written later comes without descriptors.
        auto pair = ipc::SocketPair::make(SOCK_STREAM);
        auto one = send_with_pipe_end(pair.a(), "carried");
        REQUIRE(sockcase::send_text(pair.a(), "later").value == 5);
        std::string all(7, '\0');
        auto r = ipc::capture([&] { return ::read(pair.b(), all.data(), all.size()); });
        ipc::evidence("read2_of_all.result", ipc::describe(r));
        const bool released = sockcase::write_end_released(one.pipe.r());
        ipc::evidence("read2_of_all.passed_pipe_write_end", released ? "released (POLLHUP)" : "still open");
        CHECK_EQ(r.value, 7);
        CHECK(released);
        CHECK_EQ(read_one(pair.b(), "read2_of_all.recvmsg_of_later_data"), "later");
    }
    {  // Descriptors with no data: dropped; the next data comes alone.
        auto pair = ipc::SocketPair::make(SOCK_STREAM);
        Passed p{ipc::Pipe::make(O_CLOEXEC), ""};
        auto sent = ipc::send_with_fds(pair.a(), "", {p.pipe.w()});
        p.pipe.write_end.reset();
        REQUIRE(sockcase::send_text(pair.a(), "data").value == 4);
        ipc::evidence("fds_without_data.sendmsg", sent);
        CHECK_EQ(read_one(pair.b(), "fds_without_data.next_read"), "data");
        const bool released = sockcase::write_end_released(p.pipe.r());
        ipc::evidence("fds_without_data.passed_pipe_write_end", released ? "released (POLLHUP)" : "still open");
        CHECK(released);
    }
    {  // A read of just the plain data before a descriptor gets no descriptor.
        auto pair = ipc::SocketPair::make(SOCK_STREAM);
        REQUIRE(sockcase::send_text(pair.a(), "plain").value == 5);
        auto one = send_with_pipe_end(pair.a(), "carried");
        auto first = ipc::receive(pair.b(), 5, MSG_DONTWAIT, 4);
        REQUIRE_WITH_ERRNO(first, "recvmsg");
        ipc::evidence("plain_read_alone", first->data + " (" + std::to_string(first->fds.size()) + " descriptors)");
        CHECK_EQ(first->data, "plain");
        CHECK(first->fds.empty());
        CHECK_EQ(read_one(pair.b(), "plain_read_alone.then"), "carried [" + one.inode + "]");
    }
}
