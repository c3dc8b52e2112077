// MQ-03 (mq_open(3) ERRORS EINVAL "attr->mq_maxmsg or attr->mq_msqsize was
// invalid. Both of these fields must be greater than zero. In a process that
// is unprivileged (does not have the CAP_SYS_RESOURCE capability),
// attr->mq_maxmsg must be less than or equal to the msg_max limit, and
// attr->mq_msgsize must be less than or equal to the msgsize_max limit";
// mq_overview(7) /proc/sys/fs/mqueue/msg_max, msgsize_max "privileged
// processes (CAP_SYS_RESOURCE) can exceed this limit"): the attributes given
// at creation are checked. Zero or negative values are refused with EINVAL;
// an owner without CAP_SYS_RESOURCE gets EINVAL one above fs.mqueue.msg_max
// or fs.mqueue.msgsize_max and its queue at the limits, with mq_getattr
// reporting what was asked; one with it (Linux checks the initial user
// namespace) may go one above msg_max.
#include <linux/capability.h>

#include "ipc/reporting_child.hpp"
#include "mq_support.hpp"

namespace {
// mq_open(O_CREAT | O_EXCL) with {maxmsg, msgsize}: "maxmsg/msgsize" as
// mq_getattr reports them (the queue is unlinked again), or the errno name.
std::string create_with(long maxmsg, long msgsize) {
    mqcase::UnlinkName name(mqcase::fresh_name("attr"));
    mq_attr attr{};
    attr.mq_maxmsg = maxmsg;
    attr.mq_msgsize = msgsize;
    const mqd_t q = ::mq_open(name.name().c_str(), O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
    if (q == -1) return ipc::errno_name(errno);
    mq_attr a{};
    ::mq_getattr(q, &a);
    ::mq_close(q);
    return std::to_string(a.mq_maxmsg) + "/" + std::to_string(a.mq_msgsize);
}
std::string pair(long long maxmsg, long long msgsize) { return std::to_string(maxmsg) + "/" + std::to_string(msgsize); }
}  // namespace

CLAIM("MQ-03", "mq_open checks mq_attr: above msg_max or msgsize_max EINVAL without CAP_SYS_RESOURCE") {
    const long long maxmsg = mqcase::limit(mqcase::msg_max);
    const long long maxsize = mqcase::limit(mqcase::msgsize_max);
    ipc::evidence("isolation", ipc::isolation());

    // An owner without CAP_SYS_RESOURCE: a child that gives up every capability.
    auto plain = ipc::ReportingChild::fork([&](ipc::Report& r) {
        if (int err = ipc::drop_all_capabilities(); err != 0) {
            r["cannot"] = "give up every capability: " + ipc::errno_name(err);
            return 0;
        }
        if (ipc::capable(CAP_SYS_RESOURCE)) {
            r["cannot"] = "drop CAP_SYS_RESOURCE";
            return 0;
        }
        r["maxmsg_0"] = create_with(0, 8);
        r["maxmsg_-1"] = create_with(-1, 8);
        r["msgsize_0"] = create_with(1, 0);
        r["msgsize_-1"] = create_with(1, -1);
        r["maxmsg_msg_max+1"] = create_with(static_cast<long>(maxmsg + 1), 8);
        r["msgsize_msgsize_max+1"] = create_with(1, static_cast<long>(maxsize + 1));
        r["maxmsg_msg_max"] = create_with(static_cast<long>(maxmsg), 8);
        r["msgsize_msgsize_max"] = create_with(1, static_cast<long>(maxsize));
        return 0;
    });
    const auto unprivileged = plain.finish("unprivileged");
    REQUIRE(unprivileged.status.exited_with(0));
    if (unprivileged.report.count("cannot"))
        ipc::skip("no owner without CAP_SYS_RESOURCE: " + unprivileged.get("cannot"));
    CHECK_EQ(unprivileged.get("maxmsg_0"), "EINVAL");
    CHECK_EQ(unprivileged.get("maxmsg_-1"), "EINVAL");
    CHECK_EQ(unprivileged.get("msgsize_0"), "EINVAL");
    CHECK_EQ(unprivileged.get("msgsize_-1"), "EINVAL");
    CHECK_EQ(unprivileged.get("maxmsg_msg_max+1"), "EINVAL");
    CHECK_EQ(unprivileged.get("msgsize_msgsize_max+1"), "EINVAL");
    CHECK_EQ(unprivileged.get("maxmsg_msg_max"), pair(maxmsg, 8));
    CHECK_EQ(unprivileged.get("msgsize_msgsize_max"), pair(1, maxsize));

    // An owner with it may exceed msg_max.
    if (ipc::capable(CAP_SYS_RESOURCE)) {
        const auto above = create_with(static_cast<long>(maxmsg + 1), 8);
        ipc::evidence("privileged.maxmsg_msg_max+1", above);
        CHECK_EQ(above, pair(maxmsg + 1, 8));
    } else {
        ipc::skip_part("privileged_above_msg_max", "the case lacks CAP_SYS_RESOURCE in the initial user namespace");
    }
}
