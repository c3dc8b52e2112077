// SOCK-33 (edge; sock_diag(7) UNIX_DIAG_UID / UDIAG_SHOW_UID, unix(7),
// user_namespaces(7)): asked over NETLINK_SOCK_DIAG about one Unix socket
// (its inode and SO_COOKIE), with UDIAG_SHOW_UID, the kernel answers with a
// UNIX_DIAG_UID attribute (among others: 6.18 puts UNIX_DIAG_SHUTDOWN
// first) holding the uid of the socket's owner as
// the asker's user namespace sees it: our own uid, getuid(). And so from a
// new user namespace that maps nothing (getuid() is then the overflow uid),
// for a socket made there. Where no user namespace may be made, that part
// is skipped, saying why. Where there is no sock_diag (socket(AF_NETLINK,
// NETLINK_SOCK_DIAG) refused with EPROTONOSUPPORT or EAFNOSUPPORT, as under
// gVisor), or no unix_diag (an AF_UNIX dump answered ENOENT, as in a guest
// without its module), the case SKIPs, saying so.
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <cstring>
#include <sched.h>
#include <sys/stat.h>

#include "ipc/case.hpp"
#include "ipc/reporting_child.hpp"
#include "ipc/socket.hpp"
#include "ipc/sysctl.hpp"
#include "sock_support.hpp"

namespace {
// One AF_UNIX request over a new NETLINK_SOCK_DIAG socket (flags NLM_F_REQUEST
// and those given); the first answer is read into `answer`. Its length, or
// -errno of the step that failed.
using Answer = long[8192 / sizeof(long)];
long ask_unix_diag(const unix_diag_req& udr, __u16 flags, Answer& answer) {
    const int nl = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (nl < 0) return -errno;
    ipc::Fd netlink(nl);
    struct {
        nlmsghdr nlh;
        unix_diag_req udr;
    } req{};
    req.nlh.nlmsg_len = sizeof req;
    req.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    req.nlh.nlmsg_flags = static_cast<__u16>(NLM_F_REQUEST | flags);
    req.udr = udr;
    req.udr.sdiag_family = AF_UNIX;
    sockaddr_nl to{};
    to.nl_family = AF_NETLINK;
    if (::sendto(netlink.get(), &req, sizeof req, 0, reinterpret_cast<sockaddr*>(&to), sizeof to) < 0) return -errno;
    const long n = ::recv(netlink.get(), answer, sizeof answer, 0);
    return n < 0 ? -errno : n;
}

// The uid sock_diag reports for a new SOCK_STREAM socket, as "uid N", or
// what went wrong.
std::string diag_uid_of_new_socket() {
    ipc::Fd unix_sock = sockcase::unix_socket(SOCK_STREAM);
    struct stat st {};
    if (::fstat(unix_sock.get(), &st) != 0) return "fstat: " + ipc::errno_name(errno);
    unsigned long long cookie = 0;
    socklen_t len = sizeof cookie;
    if (::getsockopt(unix_sock.get(), SOL_SOCKET, SO_COOKIE, &cookie, &len) != 0)
        return "SO_COOKIE: " + ipc::errno_name(errno);

    unix_diag_req udr{};
    udr.udiag_ino = static_cast<__u32>(st.st_ino);
    udr.udiag_cookie[0] = static_cast<__u32>(cookie);
    udr.udiag_cookie[1] = static_cast<__u32>(cookie >> 32);
    udr.udiag_show = UDIAG_SHOW_UID;
    Answer buf;
    const long n = ask_unix_diag(udr, 0, buf);
    if (n < 0) return "sock_diag request: " + ipc::errno_name(static_cast<int>(-n));
    auto* nlh = reinterpret_cast<nlmsghdr*>(buf);
    if (!NLMSG_OK(nlh, static_cast<unsigned>(n)))
        return "no netlink message (" + std::to_string(n) + " bytes, nlmsg_len " + std::to_string(nlh->nlmsg_len) + ")";
    if (nlh->nlmsg_type == NLMSG_ERROR)
        return "NLMSG_ERROR " + ipc::errno_name(-reinterpret_cast<nlmsgerr*>(NLMSG_DATA(nlh))->error);
    if (nlh->nlmsg_type != SOCK_DIAG_BY_FAMILY) return "message type " + std::to_string(nlh->nlmsg_type);
    auto* msg = reinterpret_cast<unix_diag_msg*>(NLMSG_DATA(nlh));
    if (msg->udiag_ino != st.st_ino) return "answer about another socket";
    auto* attr = reinterpret_cast<rtattr*>(msg + 1);
    unsigned rest = nlh->nlmsg_len - NLMSG_LENGTH(sizeof *msg);
    for (; RTA_OK(attr, rest); attr = RTA_NEXT(attr, rest))
        if (attr->rta_type == UNIX_DIAG_UID) break;
    if (!RTA_OK(attr, rest)) return "no UNIX_DIAG_UID attribute";
    uid_t uid;
    std::memcpy(&uid, RTA_DATA(attr), sizeof uid);
    return "uid " + std::to_string(uid);
}

// 0 when the kernel answers an AF_UNIX dump over sock_diag, else the errno
// it answers with: ENOENT when it has no unix_diag (CONFIG_UNIX_DIAG not
// built, or its module not loaded, as in a guest booted without modules).
int unix_diag_dump_error() {
    unix_diag_req udr{};
    udr.udiag_states = ~0U;
    Answer buf;
    const long n = ask_unix_diag(udr, NLM_F_DUMP, buf);
    if (n < 0) return static_cast<int>(-n);
    auto* nlh = reinterpret_cast<nlmsghdr*>(buf);
    if (NLMSG_OK(nlh, static_cast<unsigned>(n)) && nlh->nlmsg_type == NLMSG_ERROR)
        return -reinterpret_cast<nlmsgerr*>(NLMSG_DATA(nlh))->error;
    return 0;
}
}  // namespace

CLAIM("SOCK-33", "sock_diag's UNIX_DIAG_UID gives the owner uid of a Unix socket as the asker's namespace sees it") {
    {
        auto probe = ipc::capture([] { return ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG); });
        ipc::evidence("socket_NETLINK_SOCK_DIAG", ipc::describe(probe));
        if (probe.ok()) ipc::Fd owned(static_cast<int>(probe.value));
        else if (probe.err == EPROTONOSUPPORT || probe.err == EAFNOSUPPORT)
            ipc::skip("no sock_diag here: socket(AF_NETLINK, SOCK_RAW, NETLINK_SOCK_DIAG) fails with " +
                      ipc::errno_name(probe.err));
    }
    if (const int err = unix_diag_dump_error(); err == ENOENT)
        ipc::skip("no unix_diag in this kernel: an AF_UNIX dump over sock_diag fails with ENOENT "
                  "(CONFIG_UNIX_DIAG not built, or its module not loaded)");
    const std::string here = diag_uid_of_new_socket();
    ipc::evidence("getuid", static_cast<long long>(::getuid()));
    ipc::evidence("UNIX_DIAG_UID", here);
    CHECK_EQ(here, "uid " + std::to_string(::getuid()));

    auto child = ipc::ReportingChild::fork([&](ipc::Report& r) {
        if (::unshare(CLONE_NEWUSER) != 0) {
            r["unshare"] = ipc::errno_name(errno);
            return 77;
        }
        r["getuid"] = std::to_string(::getuid());
        r["UNIX_DIAG_UID"] = diag_uid_of_new_socket();
        return 0;
    });
    auto result = child.finish("new_user_namespace");
    if (result.status.exited_with(77))
        ipc::skip_part("new_user_namespace", "unshare(CLONE_NEWUSER) fails with " + result.get("unshare"));
    else {
        CHECK(result.status.exited_with(0));
        CHECK_EQ(result.get("UNIX_DIAG_UID"), "uid " + result.get("getuid"));
    }
}
