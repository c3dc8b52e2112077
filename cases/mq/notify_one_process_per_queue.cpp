// MQ-15 (mq_notify(3) "Only one process can be registered to receive
// notification from a message queue", ERRORS EBUSY "Another process has
// already registered to receive notification for this message queue"; "If
// sevp is NULL, and the calling process is currently registered to receive
// notifications for this message queue, then the registration is removed;
// another process can then register"): while the case is registered for a
// queue, another process's mq_notify on it fails with EBUSY; once the case
// removes its registration (mq_notify NULL), the other process may register.
#include "ipc/reporting_child.hpp"
#include "mq_support.hpp"

namespace {
// In a child: one mq_notify(SIGEV_NONE) on q, "registered" or the errno name.
std::string other_process_registers(mqd_t q, const std::string& prefix) {
    auto child = ipc::ReportingChild::fork([&](ipc::Report& r) {
        r["mq_notify"] = mqcase::registered_or_errno(mqcase::notify_none(q));
        if (r["mq_notify"] == "registered") ::mq_notify(q, nullptr);
        return 0;
    });
    const auto result = child.finish(prefix);
    REQUIRE(result.status.exited_with(0));
    return result.get("mq_notify");
}
}  // namespace

CLAIM("MQ-15", "only one process may be registered with mq_notify: another gets EBUSY") {
    mqcase::require_calls(mqcase::uses_notify);
    mqcase::Queue q(2, 16);
    const auto first = mqcase::registered_or_errno(mqcase::notify_none(q.fd()));
    ipc::evidence("case_registers", first);
    REQUIRE_EQ(first, "registered");

    CHECK_EQ(other_process_registers(q.fd(), "other_while_registered"), "EBUSY");

    REQUIRE_WITH_ERRNO(::mq_notify(q.fd(), nullptr) == 0, "mq_notify(NULL) by the registered process");
    CHECK_EQ(other_process_registers(q.fd(), "other_after_removal"), "registered");
}
