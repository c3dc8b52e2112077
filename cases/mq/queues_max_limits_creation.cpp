// MQ-19 (mq_open(3) ERRORS ENOSPC "Insufficient space for the creation of a
// new message queue. This probably occurred because the queues_max limit was
// encountered"; mq_overview(7) /proc/sys/fs/mqueue/queues_max "the
// system-wide limit on the number of message queues that can be created ...
// privileged processes (CAP_SYS_RESOURCE) can exceed the limit"): with
// fs.mqueue.queues_max queues in existence, mq_open(O_CREAT) of one more
// fails with ENOSPC for a process without CAP_SYS_RESOURCE (Linux checks the
// initial user namespace). The limit is lowered to 2 in an IPC namespace of
// the case's own (the sysctl is per namespace), never on the host; a
// process with the capability may go past it.
#include <linux/capability.h>
#include <memory>

#include "ipc/own_namespace.hpp"
#include "ipc/reporting_child.hpp"
#include "mq_support.hpp"

namespace {
// Creates three queues: "created created ENOSPC" ..., each unlinked after.
std::string create_three() {
    std::vector<std::unique_ptr<mqcase::UnlinkName>> names;
    std::string line;
    for (int i = 0; i < 3; ++i) {
        names.push_back(std::make_unique<mqcase::UnlinkName>(mqcase::fresh_name("max")));
        const mqd_t q = mqcase::create(names.back()->name(), 1, 8);
        line += (line.empty() ? "" : " ") + (q == -1 ? ipc::errno_name(errno) : std::string("created"));
        if (q != -1) ::mq_close(q);
    }
    return line;
}
}  // namespace

CLAIM("MQ-19", "past fs.mqueue.queues_max, mq_open(O_CREAT) fails with ENOSPC without CAP_SYS_RESOURCE") {
    mqcase::limit(mqcase::queues_max);
    ipc::evidence("isolation", ipc::isolation());
    auto child = ipc::ReportingChild::fork([&](ipc::Report& r) {
        auto how = ipc::enter_own_ipc_namespace();
        if (!how) {
            r["cannot"] = "no namespace of its own: " + ipc::errno_name(errno);
            return 0;
        }
        if (!ipc::write_sysctl(mqcase::queues_max, 2)) {
            r["cannot"] = "queues_max not writable: " + ipc::errno_name(errno);
            return 0;
        }
        r["isolation"] = *how;
        r["queues_max"] = std::to_string(ipc::read_number(mqcase::queues_max).value_or(-1));
        if (ipc::capable(CAP_SYS_RESOURCE)) {
            r["privileged"] = create_three();
            if (ipc::drop_to_nobody() != 0) {
                r["cannot"] = "drop to nobody: " + ipc::errno_name(errno);
                return 0;
            }
        }
        if (ipc::capable(CAP_SYS_RESOURCE)) {
            r["cannot"] = "drop CAP_SYS_RESOURCE";
            return 0;
        }
        r["unprivileged"] = create_three();
        return 0;
    });
    const auto result = child.finish("own_namespace");
    REQUIRE(result.status.exited_with(0));
    if (result.report.count("cannot")) ipc::skip(result.get("cannot"));
    REQUIRE_EQ(result.get("queues_max"), "2");
    CHECK_EQ(result.get("unprivileged"), "created created ENOSPC");
    if (result.report.count("privileged")) CHECK_EQ(result.get("privileged"), "created created created");
    else ipc::skip_part("privileged_past_queues_max", "the case lacks CAP_SYS_RESOURCE in the initial user namespace");
}
