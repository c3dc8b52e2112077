// FIFO-09 (edge; mknod(2) "EPERM mode requested creation of something other
// than a regular file, FIFO (named pipe), or UNIX domain socket, and the
// caller is not privileged (Linux: does not have the CAP_MKNOD capability)",
// mkfifo(3), "the file mode ... is modified by the process's umask"): making
// a FIFO needs no privilege. A child with no capability left (uid kept, so
// CAP_MKNOD is gone while the directory stays its own) makes FIFOs with
// mknod(S_IFIFO), mknodat(S_IFIFO) relative to a directory descriptor and
// mkfifo; each node is a FIFO with mode & ~umask, and one carries data. A
// character device node, which does need CAP_MKNOD, is refused there with
// EPERM, which shows the capability really is gone. The case process itself
// makes one with mode 0777 as well.
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "../pipe/pipe_support.hpp"

namespace {

// "fifo 0640", "regular 0600", or the errno of stat.
std::string node_kind(const std::string& path) {
    struct stat st;
    if (::lstat(path.c_str(), &st) != 0) return ipc::errno_name(errno);
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", st.st_mode & 07777);
    return std::string(S_ISFIFO(st.st_mode) ? "fifo " : "not a fifo ") + mode;
}

}  // namespace

CLAIM("FIFO-09", "mknod(S_IFIFO), mknodat and mkfifo make FIFOs without CAP_MKNOD; a device node needs it") {
    ipc::TempDir dir;
    auto child = ipc::ReportingChild::fork([&](ipc::Report& r) {
        const int dropped = ipc::drop_all_capabilities();
        r["drop_all_capabilities"] = dropped == 0 ? "ok" : ipc::errno_name(dropped);
        if (dropped != 0) return 0;
        ::umask(027);
        r["mknod"] = ::mknod(dir.file("by_mknod").c_str(), S_IFIFO | 0666, 0) == 0 ? "ok" : ipc::errno_name(errno);
        r["mknod.node"] = node_kind(dir.file("by_mknod"));
        const int dfd = ::open(dir.path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        r["mknodat"] = ::mknodat(dfd, "by_mknodat", S_IFIFO | 0600, 0) == 0 ? "ok" : ipc::errno_name(errno);
        r["mknodat.node"] = node_kind(dir.file("by_mknodat"));
        ::close(dfd);
        r["mkfifo"] = ::mkfifo(dir.file("by_mkfifo").c_str(), 0644) == 0 ? "ok" : ipc::errno_name(errno);
        r["mkfifo.node"] = node_kind(dir.file("by_mkfifo"));
        const int fd = ::open(dir.file("by_mknod").c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
        const bool carried = fd >= 0 && ipc::write_all(fd, "data") && ipc::read_exactly(fd, 4) == "data";
        r["carries_data"] = carried ? "yes" : "no";
        if (fd >= 0) ::close(fd);
        r["mknod_char_device"] =
            ::mknod(dir.file("null").c_str(), S_IFCHR | 0600, makedev(1, 3)) == 0 ? "made" : ipc::errno_name(errno);
        return 0;
    });
    auto done = child.finish("without_capabilities");
    REQUIRE(done.status.exited_with(0));
    REQUIRE_EQ(done.get("drop_all_capabilities"), "ok");
    CHECK_EQ(done.get("mknod"), "ok");
    CHECK_EQ(done.get("mknod.node"), "fifo 0640");
    CHECK_EQ(done.get("mknodat"), "ok");
    CHECK_EQ(done.get("mknodat.node"), "fifo 0600");
    CHECK_EQ(done.get("mkfifo"), "ok");
    CHECK_EQ(done.get("mkfifo.node"), "fifo 0640");
    CHECK_EQ(done.get("carries_data"), "yes");
    CHECK_EQ(done.get("mknod_char_device"), "EPERM");

    const mode_t old = ::umask(0);
    auto made = ipc::capture([&] { return ::mknod(dir.file("mode_0777").c_str(), S_IFIFO | 0777, 0); });
    ::umask(old);
    ipc::evidence("this_process.mknod_0777", ipc::describe(made));
    ipc::evidence("this_process.mknod_0777.node", node_kind(dir.file("mode_0777")));
    CHECK_EQ(made, ipc::SyscallResult{0, 0});
    CHECK_EQ(node_kind(dir.file("mode_0777")), "fifo 0777");
}
