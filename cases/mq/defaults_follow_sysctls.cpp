// MQ-04 (mq_open(3) "If attr is NULL, then the queue is created with
// implementation-defined default attributes. Since Linux 3.5, two /proc files
// can be used to control these defaults"; mq_overview(7)
// /proc/sys/fs/mqueue/msg_default, msgsize_default, "The default value ...
// is the minimum of msg_max and msg_default"): a queue created with attr NULL
// gets mq_maxmsg = min(fs.mqueue.msg_default, msg_max) and mq_msgsize =
// min(fs.mqueue.msgsize_default, msgsize_max). In an IPC namespace of the
// case's own the defaults are changed, to show that they are the sysctls'
// values and not constants.
#include "ipc/own_namespace.hpp"
#include "ipc/reporting_child.hpp"
#include "mq_support.hpp"

namespace {
// "maxmsg/msgsize" of a new queue made with attr NULL.
std::string default_attributes() {
    mqcase::Queue q;
    const auto a = q.attr();
    return std::to_string(a.mq_maxmsg) + "/" + std::to_string(a.mq_msgsize);
}
}  // namespace

CLAIM("MQ-04", "with attr NULL a queue gets fs.mqueue.msg_default and msgsize_default") {
    const long long maxmsg = std::min(mqcase::limit(mqcase::msg_default), mqcase::limit(mqcase::msg_max));
    const long long msgsize = std::min(mqcase::limit(mqcase::msgsize_default), mqcase::limit(mqcase::msgsize_max));
    const auto here = default_attributes();
    ipc::evidence("default_attributes", here);
    CHECK_EQ(here, std::to_string(maxmsg) + "/" + std::to_string(msgsize));

    // Other defaults, in a namespace of our own: one message fewer, half the size.
    auto own = ipc::ReportingChild::fork([&](ipc::Report& r) {
        auto how = ipc::enter_own_ipc_namespace();
        if (!how) {
            r["skipped"] = "no namespace of its own: " + ipc::errno_name(errno);
            return 0;
        }
        const long long lower_maxmsg = std::max(1LL, maxmsg - 1), lower_msgsize = std::max(1LL, msgsize / 2);
        if (!ipc::write_sysctl(mqcase::msg_default, lower_maxmsg) ||
            !ipc::write_sysctl(mqcase::msgsize_default, lower_msgsize)) {
            r["skipped"] = "fs.mqueue defaults not writable: " + ipc::errno_name(errno);
            return 0;
        }
        r["isolation"] = *how;
        r["expected"] = std::to_string(lower_maxmsg) + "/" + std::to_string(lower_msgsize);
        r["default_attributes"] = default_attributes();
        return 0;
    });
    const auto lowered = own.finish("own_namespace");
    REQUIRE(lowered.status.exited_with(0));
    if (lowered.report.count("skipped")) return ipc::skip_part("defaults_follow_sysctls", lowered.get("skipped"));
    CHECK_EQ(lowered.get("default_attributes"), lowered.get("expected"));
}
