// MQ-26 (mq_overview(7) "Mounting the message queue filesystem": "message
// queues are created in a virtual filesystem ... Queues can be ... deleted
// using the usual file commands"; mq_unlink(3) ERRORS ENOENT "There is no
// message queue with the given name"): unlink(2) of a queue's file on a
// mount of the mqueue filesystem removes the queue as mq_unlink would: the
// name is gone (mq_open without O_CREAT and mq_unlink fail with ENOENT, the
// file is no longer listed) while a descriptor opened before goes on using
// the queue. A child in IPC and mount namespaces of its own does it.
#include <sys/stat.h>

#include "mq_support.hpp"

CLAIM("MQ-26", "unlink(2) of a queue's file in the mqueue filesystem removes the queue") {
    mqcase::require_calls(mqcase::uses_send | mqcase::uses_receive);
    ipc::TempDir mountpoint("mq-mount");
    auto child = ipc::ReportingChild::fork([&](ipc::Report& r) {
        if (auto cannot = mqcase::enter_own_ipc_and_mount_namespaces(r); !cannot.empty()) {
            r["cannot"] = cannot;
            return 0;
        }
        mqcase::MqueueMount mount(mountpoint.path());
        if (!mount.ok()) {
            r["cannot"] = "mount -t mqueue: " + ipc::errno_name(errno);
            return 0;
        }
        mqcase::Queue q(2, 8, O_RDWR | O_NONBLOCK);
        const auto file = mount.path_of(q.name());
        r["unlink"] = ::unlink(file.c_str()) == 0 ? "removed" : ipc::errno_name(errno);
        struct stat st {};
        r["stat_after"] = ::stat(file.c_str(), &st) == 0 ? "listed" : ipc::errno_name(errno);
        const mqd_t again = ::mq_open(q.name().c_str(), O_RDWR);
        r["mq_open_after"] = again == -1 ? ipc::errno_name(errno) : "opened";
        if (again != -1) ::mq_close(again);
        r["mq_unlink_after"] = ::mq_unlink(q.name().c_str()) == 0 ? "unlinked" : ipc::errno_name(errno);
        const auto sent = mqcase::sent_or_errno(::mq_send(q.fd(), "kept", 4, 1));
        r["old_descriptor"] = sent + " " + mqcase::receive(q.fd());
        return 0;
    });
    const auto result = child.finish("mounted");
    REQUIRE(result.status.exited_with(0));
    if (result.report.count("cannot")) ipc::skip("cannot mount the mqueue filesystem here: " + result.get("cannot"));
    REQUIRE_EQ(result.get("unlink"), "removed");
    CHECK_EQ(result.get("stat_after"), "ENOENT");
    CHECK_EQ(result.get("mq_open_after"), "ENOENT");
    CHECK_EQ(result.get("mq_unlink_after"), "ENOENT");
    CHECK_EQ(result.get("old_descriptor"), "sent 1:kept");
}
