// FIFO-12 (edge; mknod(2) "the new node ... group ID ... If the directory
// has the set-group-ID bit set ... the new node inherits the group
// ownership from the parent directory; otherwise it is owned by the
// effective group ID of the process", inode(7) "The set-group-ID bit ...
// is cleared ... when a process that is not in the file's group and lacks
// CAP_FSETID creates a file with it in a set-group-ID directory", since the
// kernel's 0fa3ecd87848 in Linux 4.18): the group and S_ISGID bit of a FIFO
// node. Two directories owned by nobody with a group G that neither nobody
// nor root is in: one plain (mode 0777), one set-group-ID (02777). As
// nobody (umask 0): FIFOs in the plain directory get nobody's group, with
// S_ISGID only when asked (and then kept); in the setgid directory a FIFO gets G,
// without S_ISGID unless asked, and asked, S_ISGID is dropped (nobody is not
// in G). As root (CAP_FSETID): in the setgid directory a FIFO gets G and
// keeps the S_ISGID it asked for, and has none when it asked for none.
// Needs root with CAP_CHOWN and CAP_FSETID in the initial user namespace to
// give the directories to nobody and a foreign group; SKIPs otherwise.
#include <linux/capability.h>
#include <sys/stat.h>

#include "../pipe/pipe_support.hpp"

namespace {

constexpr gid_t foreign_gid = 54321;  // a group neither root nor nobody is in

// "gid 54321, S_ISGID" / "gid 65534, no S_ISGID" / the errno.
std::string node_of(int dirfd, const char* name) {
    struct stat st;
    if (::fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) return ipc::errno_name(errno);
    return std::string(S_ISFIFO(st.st_mode) ? "" : "not a fifo, ") + "gid " + std::to_string(st.st_gid) +
           (st.st_mode & S_ISGID ? ", S_ISGID" : ", no S_ISGID");
}

std::string expect(gid_t gid, bool sgid) {
    return "gid " + std::to_string(gid) + (sgid ? ", S_ISGID" : ", no S_ISGID");
}

std::string make(int dirfd, const char* name, mode_t mode) {
    return ::mknodat(dirfd, name, S_IFIFO | mode, 0) == 0 ? node_of(dirfd, name) : ipc::errno_name(errno);
}

}  // namespace

CLAIM("FIFO-12",
      "a FIFO node takes the setgid directory's group; S_ISGID asked stays only for a member or CAP_FSETID") {
    if (::geteuid() != 0 || !ipc::in_initial_user_namespace() || !ipc::capable(CAP_CHOWN) || !ipc::capable(CAP_FSETID))
        ipc::skip("needs root with CAP_CHOWN and CAP_FSETID in the initial user namespace, to give directories to "
                  "nobody and a group neither is in (isolation: " +
                  ipc::isolation() + ")");
    ipc::TempDir dir;
    const std::string plain = dir.file("plain"), sgid = dir.file("sgid");
    for (const auto& [path, mode] : {std::pair{plain, 0777}, std::pair{sgid, 02777}}) {
        REQUIRE(::mkdir(path.c_str(), 0700) == 0);
        REQUIRE(::chown(path.c_str(), ipc::nobody_uid, foreign_gid) == 0);
        REQUIRE(::chmod(path.c_str(), static_cast<mode_t>(mode)) == 0);
    }
    ipc::Fd plain_fd(static_cast<int>(ipc::must(::open(plain.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC), "open")));
    ipc::Fd sgid_fd(static_cast<int>(ipc::must(::open(sgid.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC), "open")));

    auto child = ipc::ReportingChild::fork([&](ipc::Report& r) {
        const int dropped = ipc::drop_to_nobody();
        r["drop_to_nobody"] = dropped == 0 ? "ok" : ipc::errno_name(dropped);
        if (dropped != 0) return 0;
        ::umask(0);
        r["plain_dir.not_asked"] = make(plain_fd.get(), "not_asked", 0777);
        r["plain_dir.asked_S_ISGID"] = make(plain_fd.get(), "asked", S_ISGID | 0777);
        r["setgid_dir.not_asked"] = make(sgid_fd.get(), "not_asked", 0777);
        r["setgid_dir.asked_S_ISGID"] = make(sgid_fd.get(), "asked", S_ISGID | 0777);
        return 0;
    });
    auto nobody = child.finish("as_nobody");
    REQUIRE(nobody.status.exited_with(0));
    REQUIRE_EQ(nobody.get("drop_to_nobody"), "ok");
    CHECK_EQ(nobody.get("plain_dir.not_asked"), expect(ipc::nobody_gid, false));
    CHECK_EQ(nobody.get("plain_dir.asked_S_ISGID"), expect(ipc::nobody_gid, true));
    CHECK_EQ(nobody.get("setgid_dir.not_asked"), expect(foreign_gid, false));
    CHECK_EQ(nobody.get("setgid_dir.asked_S_ISGID"), expect(foreign_gid, false));

    const mode_t old = ::umask(0);
    const std::string root_asked = make(sgid_fd.get(), "root_asked", S_ISGID | 0777);
    const std::string root_not_asked = make(sgid_fd.get(), "root_not_asked", 0777);
    ::umask(old);
    ipc::evidence("as_root.setgid_dir.asked_S_ISGID", root_asked);
    ipc::evidence("as_root.setgid_dir.not_asked", root_not_asked);
    CHECK_EQ(root_asked, expect(foreign_gid, true));
    CHECK_EQ(root_not_asked, expect(foreign_gid, false));
}
