// PSHM-13 (edge; memfd_create(2): "The name supplied in name is used as a
// filename and will be displayed as the target of the corresponding symbolic
// link in the directory /proc/self/fd/. The displayed name is always
// prefixed with memfd: and serves only for debugging purposes"; proc(5)
// /proc/pid/fd: an unlinked file's link ends in " (deleted)"): the link
// /proc/self/fd/N of a memfd made with name NAME reads "/memfd:NAME (deleted)".
#include <climits>
#include <string>

#include "pshm_support.hpp"

namespace {
// The target of /proc/self/fd/<fd>.
std::string fd_link(int fd) {
    char target[PATH_MAX];
    const std::string link = "/proc/self/fd/" + std::to_string(fd);
    const ssize_t length = ::readlink(link.c_str(), target, sizeof target);
    ipc::must(length, "readlink(" + link + ")");
    return std::string(target, static_cast<std::size_t>(length));
}
}  // namespace

CLAIM("PSHM-13", "/proc/self/fd shows a memfd named NAME as /memfd:NAME (deleted)") {
    const std::string name = "ipc-claims-" + std::to_string(::getpid());
    const int made = ::memfd_create(name.c_str(), MFD_CLOEXEC);
    if (made < 0 && errno == ENOSYS) ipc::skip("memfd_create(2) is not implemented here (ENOSYS)");
    ipc::Fd fd(static_cast<int>(ipc::must(made, "memfd_create(" + name + ")")));
    ipc::evidence("name", name);
    const std::string target = fd_link(fd.get());
    ipc::evidence("fd_link", target);
    CHECK_EQ(target, "/memfd:" + name + " (deleted)");
}
