// PIPE-20 (edge; pipe(2) O_CLOEXEC, execve(2) "file descriptors open in the
// calling process remain open in the new process image, except for those
// whose close-on-exec flag is set"): ends made with pipe2(O_CLOEXEC) are gone
// after exec, plain ends survive it. The exec'd program checks each
// descriptor number by the pipe's inode (a number reused for another file
// does not count) and reports through the surviving plain end.
#include <sys/stat.h>

#include "pipe_support.hpp"

namespace {

unsigned long long inode_of(int fd) {
    struct stat st {};
    return ::fstat(fd, &st) == 0 ? static_cast<unsigned long long>(st.st_ino) : 0;
}

// "open", "closed (EBADF)" or "another file": what descriptor fd is now.
std::string what_is(int fd, unsigned long long expected_inode) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) return "closed (" + ipc::errno_name(errno) + ")";
    return st.st_ino == expected_inode ? "open" : "another file";
}

IPC_ROLE("after-exec") {
    const int plain = std::stoi(args.at(0)), cloexec = std::stoi(args.at(2));
    const std::string report = "plain=" + what_is(plain, std::stoull(args.at(1))) +
                               " cloexec=" + what_is(cloexec, std::stoull(args.at(3)));
    return ipc::write_all(plain, report) ? 0 : 2;
}

}  // namespace

CLAIM("PIPE-20", "pipe2(O_CLOEXEC) ends are closed by exec, plain ends survive it") {
    auto plain = ipc::Pipe::make();
    auto cloexec = ipc::Pipe::make(O_CLOEXEC);
    ipc::evidence("plain_write_end_FD_CLOEXEC", ::fcntl(plain.w(), F_GETFD) & FD_CLOEXEC ? "set" : "clear");
    ipc::evidence("cloexec_write_end_FD_CLOEXEC", ::fcntl(cloexec.w(), F_GETFD) & FD_CLOEXEC ? "set" : "clear");

    auto child =
        ipc::Child::exec_role("after-exec", {std::to_string(plain.w()), std::to_string(inode_of(plain.w())),
                                             std::to_string(cloexec.w()), std::to_string(inode_of(cloexec.w()))});
    auto status = child.wait();
    plain.write_end.reset();
    auto report = support::read_all_within(plain.r());
    ipc::evidence("exec_status", status.describe());
    ipc::evidence("seen_after_exec", report.data);
    CHECK(status.exited_with(0));
    CHECK_EQ(report.data, "plain=open cloexec=closed (EBADF)");
}
