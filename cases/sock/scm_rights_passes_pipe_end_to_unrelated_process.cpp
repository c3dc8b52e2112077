// SOCK-05 (edge; unix(7) "Ancillary messages" SCM_RIGHTS, cmsg(3)): an open
// descriptor — here the write end of a pipe — is passed over a Unix socket to
// a separately executed process that had no access to the pipe; it writes
// into it and the case reads that from the read end. This closes the loop
// with PIPE-19 (a pipe is not only for related processes). The receiver is a
// role of this binary; everything else the case holds is O_CLOEXEC, so the
// two share nothing but the socket's name.
#include <dirent.h>
#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>

#include "ipc/case.hpp"
#include "ipc/readiness.hpp"
#include "ipc/socket.hpp"

namespace {
// Descriptors of this process that refer to the pipe with inode ino.
int descriptors_of_pipe(const std::string& ino) {
    int count = 0;
    DIR* fds = ::opendir("/proc/self/fd");
    if (!fds) ipc::broken("cannot list /proc/self/fd");
    while (auto* e = ::readdir(fds)) {
        char target[64] = {};
        std::string link = std::string("/proc/self/fd/") + e->d_name;
        if (::readlink(link.c_str(), target, sizeof target - 1) > 0 && target == "pipe:[" + ino + "]") ++count;
    }
    ::closedir(fds);
    return count;
}
}  // namespace

// args: socket path, the pipe's inode, the token to write into the pipe.
IPC_ROLE("receiver") {
    const int before = descriptors_of_pipe(args.at(1));
    ipc::evidence("receiver.descriptors_of_the_pipe_before", before);
    ipc::Fd sock = ipc::connect_to(ipc::UnixAddress::path(args.at(0)));
    if (!sock) return 2;
    auto got = ipc::receive(sock.get(), 16);
    ipc::evidence("receiver.msg_flags", got ? ipc::msg_flags_names(got->msg_flags) : ipc::errno_name(errno));
    ipc::evidence("receiver.descriptors_received", got ? static_cast<long long>(got->fds.size()) : -1LL);
    if (!got || got->fds.size() != 1) return 3;
    const int fd = got->fds[0].get();
    struct stat st {};
    ipc::must(::fstat(fd, &st), "fstat(received descriptor)");
    ipc::evidence("receiver.received_fd", fd);
    ipc::evidence("receiver.received_is_fifo", S_ISFIFO(st.st_mode));
    ipc::evidence("receiver.received_inode", static_cast<long long>(st.st_ino));
    ipc::evidence("receiver.received_access", (::fcntl(fd, F_GETFL) & O_ACCMODE) == O_WRONLY ? "O_WRONLY" : "other");
    if (before != 0 || std::to_string(st.st_ino) != args.at(1)) return 4;
    return ipc::write_all(fd, args.at(2)) ? 0 : 5;
}

CLAIM("SOCK-05", "SCM_RIGHTS passes a pipe's write end to an unrelated process, which writes into it") {
    ipc::TempDir dir;
    const auto where = ipc::UnixAddress::path(dir.file("pass.sock"));
    ipc::Fd listener = ipc::listen_at(where);
    auto p = ipc::Pipe::make(O_CLOEXEC);
    struct stat st {};
    ipc::must(::fstat(p.r(), &st), "fstat(pipe)");
    const std::string ino = std::to_string(st.st_ino);
    unsigned char random[6];
    ipc::must(::getrandom(random, sizeof random, 0), "getrandom");
    std::string token = "written-by-receiver-";
    for (unsigned char c : random) token += "0123456789abcdef"[c % 16];
    ipc::evidence("socket_path", where.describe());
    ipc::evidence("pipe_inode", ino);

    auto receiver = ipc::Child::exec_role("receiver", {where.describe(), ino, token});
    ipc::Fd conn = ipc::accept_within(listener.get());
    REQUIRE_WITH_ERRNO(conn, "the receiver never connected");
    const long sent = ipc::send_with_fds(conn.get(), "w", {p.w()});
    ipc::evidence("sendmsg_with_SCM_RIGHTS", sent);
    CHECK_EQ(sent, 1);
    p.write_end.reset();  // from now on the receiver holds the only write end

    std::string got;
    while (ipc::readable_within(p.r())) {
        auto part = ipc::read_some(p.r(), 64);
        if (!part || part->empty()) break;  // end of file: the receiver's end is closed too
        got += *part;
    }
    auto status = receiver.wait();
    ipc::evidence("read_from_pipe", got);
    ipc::evidence("receiver_status", status.describe());
    CHECK(status.exited_with(0));
    CHECK_EQ(got, token);
}
