// PIPE-24 (edge; pipe(2) "O_NONBLOCK Set the O_NONBLOCK file status flag on
// the open file descriptions referred to by the new file descriptors",
// "O_CLOEXEC Set the close-on-exec (FD_CLOEXEC) flag on the two new file
// descriptors", fcntl(2) F_GETFL, F_GETFD): pipe2's flags land on both ends,
// and only the flags asked for. F_GETFL reads exactly O_RDONLY on the read
// end and O_WRONLY on the write end for pipe() and pipe2(0), with
// O_NONBLOCK added to both for pipe2(O_NONBLOCK); F_GETFD reads FD_CLOEXEC
// on both ends for pipe2(O_CLOEXEC) and 0 otherwise. The flag is the ends'
// state, not the pipe's: once F_SETFL clears O_NONBLOCK on the write end of a
// full pipe2(O_NONBLOCK) pipe (where a write gave EAGAIN), F_GETFL no longer
// shows it and a 1-byte write blocks (observed asleep in write).
#include <csignal>
#include <sys/syscall.h>

#include "pipe_support.hpp"

namespace {

struct Made {
    const char* name;
    int flags;  // -1: pipe()
};

ipc::Pipe make(const Made& m) {
    if (m.flags >= 0) return ipc::Pipe::make(m.flags);
    int fds[2];
    ipc::must(::pipe(fds), "pipe");
    return ipc::Pipe{ipc::Fd(fds[0]), ipc::Fd(fds[1])};
}

std::string status_flags_name(long fl) {
    std::string out = (fl & O_ACCMODE) == O_RDONLY ? "O_RDONLY" : (fl & O_ACCMODE) == O_WRONLY ? "O_WRONLY" : "O_RDWR";
    if (fl & O_NONBLOCK) out += "|O_NONBLOCK";
    const long rest = fl & ~static_cast<long>(O_ACCMODE | O_NONBLOCK);
    if (rest)
        out += "|0" + [&] {
            char b[32];
            std::snprintf(b, sizeof b, "%lo", rest);
            return std::string(b);
        }();
    return out;
}

void both_ends_show(const Made& m) {
    auto p = make(m);
    const bool nonblock = m.flags > 0 && (m.flags & O_NONBLOCK);
    const bool cloexec = m.flags > 0 && (m.flags & O_CLOEXEC);
    const long rfl = ipc::must(::fcntl(p.r(), F_GETFL), "fcntl(F_GETFL)");
    const long wfl = ipc::must(::fcntl(p.w(), F_GETFL), "fcntl(F_GETFL)");
    const long rfd = ipc::must(::fcntl(p.r(), F_GETFD), "fcntl(F_GETFD)");
    const long wfd = ipc::must(::fcntl(p.w(), F_GETFD), "fcntl(F_GETFD)");
    const std::string as = m.name;
    ipc::evidence(as + ".read_end.F_GETFL", status_flags_name(rfl));
    ipc::evidence(as + ".write_end.F_GETFL", status_flags_name(wfl));
    ipc::evidence(as + ".read_end.F_GETFD", rfd == FD_CLOEXEC ? "FD_CLOEXEC" : std::to_string(rfd));
    ipc::evidence(as + ".write_end.F_GETFD", wfd == FD_CLOEXEC ? "FD_CLOEXEC" : std::to_string(wfd));
    const long nb = nonblock ? O_NONBLOCK : 0;
    CHECK_EQ(status_flags_name(rfl), status_flags_name(O_RDONLY | nb));
    CHECK_EQ(status_flags_name(wfl), status_flags_name(O_WRONLY | nb));
    CHECK_EQ(rfd, cloexec ? FD_CLOEXEC : 0);
    CHECK_EQ(wfd, cloexec ? FD_CLOEXEC : 0);
}

void cleared_o_nonblock_makes_the_write_block() {
    auto p = ipc::Pipe::make(O_NONBLOCK);
    REQUIRE_MESSAGE((::fcntl(p.w(), F_GETFL) & O_NONBLOCK), "pipe2(O_NONBLOCK) left the write end blocking");
    const ipc::Fill fill = ipc::fill_until_refused(p.w(), static_cast<std::size_t>(ipc::page_size()));
    ipc::evidence("full_pipe2_O_NONBLOCK.write_ending_the_fill", ipc::describe(fill.ending));
    REQUIRE_EQ(fill.ending, ipc::SyscallResult::failure(EAGAIN));
    const long fl = ipc::must(::fcntl(p.w(), F_GETFL), "fcntl(F_GETFL)");
    ipc::must(::fcntl(p.w(), F_SETFL, fl & ~O_NONBLOCK), "fcntl(F_SETFL)");
    const long cleared = ipc::must(::fcntl(p.w(), F_GETFL), "fcntl(F_GETFL)");
    ipc::evidence("full_pipe2_O_NONBLOCK.write_end_after_F_SETFL", status_flags_name(cleared));
    CHECK_EQ(status_flags_name(cleared), status_flags_name(O_WRONLY));
    auto writer = ipc::Child::fork([&] { return ::write(p.w(), "x", 1) == 1 ? 0 : 1; });
    auto blocked = ipc::await_blocked_in(writer.pid(), SYS_write);
    if (blocked) ipc::record_blocked("full_pipe2_O_NONBLOCK.writer_after_F_SETFL", *blocked);
    else ipc::evidence("full_pipe2_O_NONBLOCK.writer_after_F_SETFL", ipc::snapshot(writer.pid()).describe());
    CHECK_MESSAGE(blocked.has_value(), "the write to the full pipe did not block once O_NONBLOCK was cleared");
    writer.kill(SIGKILL);
    writer.wait();
}

}  // namespace

CLAIM("PIPE-24", "pipe2's O_NONBLOCK and O_CLOEXEC show on both ends (F_GETFL, F_GETFD), and nothing else does") {
    for (const Made& m :
         {Made{"pipe", -1}, Made{"pipe2_0", 0}, Made{"pipe2_O_NONBLOCK", O_NONBLOCK},
          Made{"pipe2_O_CLOEXEC", O_CLOEXEC}, Made{"pipe2_O_NONBLOCK_O_CLOEXEC", O_NONBLOCK | O_CLOEXEC}}) {
        INFO("made with " << m.name);
        both_ends_show(m);
    }
    cleared_o_nonblock_makes_the_write_block();
}
