// MQ-20 (mq_overview(7) "Mounting the message queue filesystem": "message
// queues are created in a virtual filesystem ... The contents of each file in
// the directory consist of a single line containing information about the
// queue: QSIZE:129 NOTIFY:2 SIGNO:0 NOTIFY_PID:8260"; QSIZE "Number of bytes
// of data in all messages in the queue", NOTIFY_PID "If this is nonzero, then
// the process with this PID has used mq_notify(3) to register for
// asynchronous message notification", NOTIFY "Notification method: 0 is
// SIGEV_SIGNAL", SIGNO "Signal number to be used for SIGEV_SIGNAL"): the
// mqueue filesystem, mounted on a temporary directory, holds a file named after each queue of the IPC
// namespace, whose one line gives the bytes queued and the notification
// registered (SIGEV_SIGNAL, its signal, the registering pid). A child in
// IPC and mount namespaces of its own makes the queue and mounts.
#include <sched.h>
#include <sstream>
#include <sys/mount.h>

#include "ipc/own_namespace.hpp"
#include "ipc/reporting_child.hpp"
#include "mq_support.hpp"

namespace {
// "QSIZE:8 NOTIFY:0 SIGNO:12 NOTIFY_PID:41": the fields of the line, spaces
// between them normalised.
std::string fields(const std::string& line) {
    std::istringstream in(line);
    std::string word, all;
    while (in >> word) all += (all.empty() ? "" : " ") + word;
    return all;
}
}  // namespace

CLAIM("MQ-20", "the mqueue filesystem shows each queue as a file: QSIZE, NOTIFY, SIGNO, NOTIFY_PID") {
    mqcase::require_calls(mqcase::uses_send | mqcase::uses_notify);
    ipc::TempDir mountpoint("mq-mount");
    // All in a child, in IPC and mount namespaces of its own (with a user
    // namespace when it lacks the privilege): the mqueue filesystem shows
    // the queues of the IPC namespace whose owner mounts it.
    auto child = ipc::ReportingChild::fork([&](ipc::Report& r) {
        auto how = ipc::enter_own_ipc_namespace();
        if (!how) {
            r["cannot"] = "no IPC namespace of its own: " + ipc::errno_name(errno);
            return 0;
        }
        r["isolation"] = *how;
        if (::unshare(CLONE_NEWNS) != 0) {
            r["cannot"] = "unshare(CLONE_NEWNS): " + ipc::errno_name(errno);
            return 0;
        }
        ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr);
        mqcase::Queue q(4, 16, O_RDWR | O_NONBLOCK);
        mqcase::send(q.fd(), "hello", 1);
        mqcase::send(q.fd(), "abc", 2);
        if (mqcase::notify_by_signal(q.fd(), SIGUSR2, 1) != 0) {
            r["file"] = "mq_notify: " + ipc::errno_name(errno);
            return 0;
        }
        r["expected"] = "QSIZE:8 NOTIFY:0 SIGNO:" + std::to_string(SIGUSR2) +
                        " NOTIFY_PID:" + std::to_string(::getpid());
        if (::mount("mqueue", mountpoint.path().c_str(), "mqueue", 0, nullptr) != 0) {
            r["cannot"] = "mount -t mqueue: " + ipc::errno_name(errno);
            return 0;
        }
        auto text = ipc::read_text(mountpoint.path() + q.name());
        r["file"] = text ? fields(*text) : "unreadable: " + ipc::errno_name(errno);
        ::umount2(mountpoint.path().c_str(), MNT_DETACH);
        return 0;
    });
    const auto result = child.finish("mounted");
    REQUIRE(result.status.exited_with(0));
    if (result.report.count("cannot")) ipc::skip("cannot mount the mqueue filesystem here: " + result.get("cannot"));
    CHECK_EQ(result.get("file"), result.get("expected"));
}
