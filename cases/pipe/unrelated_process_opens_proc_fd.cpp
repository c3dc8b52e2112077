// PIPE-19 (fix §1.5(1); proc(5) /proc/PID/fd, pipe(7)): the document says a
// pipe connects only related processes (parent and child). On Linux an
// unrelated process of the same user opens /proc/PID/fd/N of another
// process's pipe end and uses it like a FIFO. Here the pipe is made by an
// "owner" program after exec (O_CLOEXEC, so no one inherits it) and a
// "stranger" program, executed separately (a sibling, neither ancestor nor
// descendant of the owner), writes into it through /proc. When the case runs
// as root both programs become nobody first: no privilege is involved.
// (An end can also be passed with SCM_RIGHTS: SOCK-05.)
#include <filesystem>
#include <sstream>
#include <sys/stat.h>

#include "pipe_support.hpp"

namespace {

bool become_nobody_if(const std::string& flag) {
    if (flag != "nobody") return true;
    int err = ipc::drop_to_nobody();
    if (err != 0) ipc::evidence("drop_to_nobody", ipc::errno_name(err));
    return err == 0;
}

// Makes a pipe, announces "pid write-fd inode" on the report descriptor, then
// waits for one message on its read end and reports it.
IPC_ROLE("owner") {
    const int report = std::stoi(args.at(0));
    if (!become_nobody_if(args.at(1))) {
        (void)!ipc::write_all(report, "cannot-drop\n");
        return ipc::exit_skip;
    }
    auto p = ipc::Pipe::make(O_CLOEXEC);
    struct stat st {};
    ipc::must(::fstat(p.w(), &st), "fstat");
    std::string hello = std::to_string(::getpid()) + " " + std::to_string(p.w()) + " " + std::to_string(st.st_ino) +
                        " " + std::to_string(::geteuid()) + "\n";
    if (!ipc::write_all(report, hello)) return 2;
    auto got = ipc::read_some(p.r(), 256);
    return got && ipc::write_all(report, *got) ? 0 : 3;
}

// True if one of this process's descriptors is already the pipe "pipe:[inode]".
bool holds_pipe(const std::string& inode) {
    const std::string target = "pipe:[" + inode + "]";
    for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
        std::error_code ec;
        if (std::filesystem::read_symlink(entry.path(), ec).string() == target) return true;
    }
    return false;
}

// Opens /proc/PID/fd/N for writing and writes "inode uid UID token" through it.
// Args: pid, fd, token, "nobody"|"self", the pipe's inode.
IPC_ROLE("stranger") {
    const std::string path = "/proc/" + args.at(0) + "/fd/" + args.at(1);
    if (!become_nobody_if(args.at(3))) return ipc::exit_skip;
    const bool had_it = holds_pipe(args.at(4));
    ipc::evidence("stranger.held_the_pipe_before_open", had_it);
    if (had_it) return 4;
    ipc::Fd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
    if (!fd) {
        ipc::evidence("stranger.open", ipc::errno_name(errno));
        return 2;
    }
    struct stat st {};
    ipc::must(::fstat(fd.get(), &st), "fstat");
    // What the owner will read: which pipe the stranger reached, as whom, and the token.
    const std::string message = std::to_string(st.st_ino) + " uid " + std::to_string(::geteuid()) + " " + args.at(2);
    return ipc::write_all(fd.get(), message) ? 0 : 3;
}

// What the owner announced: its pid, the write end's descriptor number, the
// pipe's inode and its uid. SKIPs if it could not become nobody.
struct Announcement {
    long pid = 0, fd = -1, owner_uid = -1;
    unsigned long long inode = 0;
};
Announcement await_announcement(int report) {
    pollfd ready{report, POLLIN, 0};
    REQUIRE_MESSAGE(::poll(&ready, 1, static_cast<int>(ipc::default_deadline.count())) == 1,
                    "the owner never announced its pipe");
    auto hello = ipc::read_some(report, 256);
    REQUIRE(hello);
    if (hello->rfind("cannot-drop", 0) == 0) ipc::skip("root, but the owner cannot become nobody");
    std::istringstream words(*hello);
    Announcement a;
    words >> a.pid >> a.fd >> a.inode >> a.owner_uid;
    return a;
}

}  // namespace

CLAIM("PIPE-19", "an unrelated process of the same user opens /proc/PID/fd/N of a pipe and uses it") {
    const std::string as = ::geteuid() == 0 ? "nobody" : "self";
    ipc::evidence("roles_run_as", as == "nobody" ? "nobody (uid 65534), dropped from root" : "the case's own user");
    ipc::evidence("isolation", ipc::isolation());
    auto report = ipc::Pipe::make();  // inherited by the owner across exec, by no one else
    auto owner = ipc::Child::exec_role("owner", {std::to_string(report.w()), as});
    ipc::must(::fcntl(report.r(), F_SETFD, FD_CLOEXEC), "fcntl(F_SETFD)");
    ipc::must(::fcntl(report.w(), F_SETFD, FD_CLOEXEC), "fcntl(F_SETFD)");

    const auto pipe = await_announcement(report.r());
    REQUIRE_EQ(pipe.pid, owner.pid());
    ipc::evidence("owner_pid", pipe.pid);
    ipc::evidence("owner_uid", pipe.owner_uid);
    ipc::evidence("pipe_inode", static_cast<long long>(pipe.inode));
    ipc::evidence("path_opened", "/proc/" + std::to_string(pipe.pid) + "/fd/" + std::to_string(pipe.fd));

    const std::string token = "hello from pid-unrelated " + std::to_string(::getpid() % 1000);
    auto stranger = ipc::Child::exec_role("stranger", {std::to_string(pipe.pid), std::to_string(pipe.fd), token, as,
                                                       std::to_string(pipe.inode)});
    ipc::evidence("stranger_pid", stranger.pid());
    auto stranger_status = stranger.wait();
    ipc::evidence("stranger_status", stranger_status.describe());
    if (stranger_status.exited_with(ipc::exit_skip)) ipc::skip("cannot drop to nobody for the stranger");
    REQUIRE(stranger_status.exited_with(0));  // or the owner waits in vain

    auto owner_status = owner.wait();
    ipc::evidence("owner_status", owner_status.describe());
    report.write_end.reset();
    auto received = support::read_all_within(report.r());
    ipc::evidence("owner_received", received.data);
    CHECK(owner_status.exited_with(0));
    // The stranger reached the owner's very pipe, as the same user.
    CHECK_EQ(received.data, std::to_string(pipe.inode) + " uid " + std::to_string(pipe.owner_uid) + " " + token);
}
