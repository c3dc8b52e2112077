// MQ-23 (mq_open(3) "The permissions settings are masked against the process
// umask"; mq_overview(7) "message queues are created in a virtual
// filesystem"): only the permission bits of mq_open's mode count. A mode
// that also carries file-type bits (S_IFIFO, S_IFDIR, S_IFSOCK) still makes
// a queue, and the queue is a regular file of the mqueue filesystem
// (S_IFREG, fstat(2) of the descriptor) whose permissions are the mode's
// less the umask.
#include <sys/stat.h>

#include "mq_support.hpp"

namespace {
// mq_open(O_CREAT | O_EXCL, mode): the created queue's st_mode in octal, or
// the errno name; the queue is removed again.
std::string created_mode(mode_t mode) {
    mqcase::UnlinkName name(mqcase::fresh_name("mode"));
    const mqd_t q = ::mq_open(name.name().c_str(), O_CREAT | O_EXCL | O_RDWR, mode, nullptr);
    if (q == -1) return ipc::errno_name(errno);
    struct stat st {};
    const int rc = ::fstat(q, &st);
    ::mq_close(q);
    if (rc != 0) return "created (fstat: " + ipc::errno_name(errno) + ")";
    char octal[16];
    std::snprintf(octal, sizeof octal, "%06o", static_cast<unsigned>(st.st_mode));
    return octal;
}
std::string octal(mode_t mode) {
    char text[16];
    std::snprintf(text, sizeof text, "%06o", static_cast<unsigned>(mode));
    return text;
}
}  // namespace

CLAIM("MQ-23", "mq_open ignores file-type bits in mode: a regular queue file with the permission bits") {
    const mode_t mask = ::umask(022);
    ::umask(mask);
    ipc::evidence("umask", octal(mask));
    for (mode_t type : {S_IFIFO, S_IFDIR, S_IFSOCK}) {
        const mode_t asked = type | 0640;
        const auto made = created_mode(asked);
        ipc::evidence("mode_" + octal(asked), made);
        CHECK_EQ(made, octal(S_IFREG | (0640 & ~mask)));
    }
}
