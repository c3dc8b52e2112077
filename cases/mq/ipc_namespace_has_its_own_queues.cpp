// MQ-21 (mq_overview(7) "POSIX message queues ... in an IPC namespace",
// ipc_namespaces(7) "Each IPC namespace has its own set of ... POSIX message
// queues. Objects created in an IPC namespace are visible to all other
// processes that are members of that namespace, but are not visible to
// processes in other IPC namespaces"): a queue made in the case's IPC
// namespace is not found by name from a new one (ENOENT), where the same name
// makes a different, empty queue; a descriptor opened before the move still
// reads the old queue.
#include "ipc/own_namespace.hpp"
#include "ipc/reporting_child.hpp"
#include "mq_support.hpp"

CLAIM("MQ-21", "a queue is visible only in its own IPC namespace") {
    mqcase::Queue q(4, 16, O_RDWR | O_NONBLOCK);
    mqcase::send(q.fd(), "here", 3);
    auto child = ipc::ReportingChild::fork([&](ipc::Report& r) {
        auto how = ipc::enter_own_ipc_namespace();
        if (!how) {
            r["cannot"] = "no namespace of its own: " + ipc::errno_name(errno);
            return 0;
        }
        r["isolation"] = *how;
        const mqd_t by_name = ::mq_open(q.name().c_str(), O_RDWR | O_NONBLOCK);
        r["open_by_name"] = by_name == -1 ? ipc::errno_name(errno) : "opened";
        mqcase::UnlinkName there(q.name());
        const mqd_t made = mqcase::create(q.name(), 2, 8, O_RDWR | O_NONBLOCK);
        if (made == -1) {
            r["create_same_name"] = ipc::errno_name(errno);
        } else {
            mq_attr a{};
            ::mq_getattr(made, &a);
            r["create_same_name"] = "created curmsgs=" + std::to_string(a.mq_curmsgs);
            ::mq_close(made);
        }
        r["old_descriptor"] = mqcase::receive(q.fd());
        return 0;
    });
    const auto result = child.finish("other_namespace");
    REQUIRE(result.status.exited_with(0));
    if (result.report.count("cannot")) ipc::skip(result.get("cannot"));
    CHECK_EQ(result.get("open_by_name"), "ENOENT");
    CHECK_EQ(result.get("create_same_name"), "created curmsgs=0");
    CHECK_EQ(result.get("old_descriptor"), "3:here");
    CHECK_EQ(q.attr().mq_curmsgs, 0);
}
