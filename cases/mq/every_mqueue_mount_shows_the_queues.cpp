// MQ-25 (mq_overview(7) "Mounting the message queue filesystem": "message
// queues are created in a virtual filesystem ... the names of the files in
// the directory correspond to the names of existing message queues";
// ipc_namespaces(7) "each IPC namespace has ... its own POSIX message queue
// filesystem"): the mqueue filesystem of an IPC namespace may be mounted in
// several places, and every mount shows the same queues: one made before the
// mounts is in each, one made after them appears in each, and one removed
// with mq_unlink leaves each. A child in IPC and mount namespaces of its own
// (mounts private) mounts it on three temporary directories.
#include <memory>
#include <sys/stat.h>

#include "mq_support.hpp"

namespace {
// "yes yes yes" / "no no no": whether each mount shows `name`.
std::string shown_in(const std::vector<std::unique_ptr<mqcase::MqueueMount>>& mounts, const std::string& name) {
    std::string line;
    for (const auto& m : mounts) {
        struct stat st {};
        const bool there = ::stat(m->path_of(name).c_str(), &st) == 0;
        line += (line.empty() ? "" : " ") + std::string(there             ? "yes"
                                                        : errno == ENOENT ? "no"
                                                                          : ipc::errno_name(errno));
    }
    return line;
}
}  // namespace

CLAIM("MQ-25", "every mount of the mqueue filesystem shows the same queues") {
    ipc::TempDir dirs("mq-mounts");
    for (const char* d : {"a", "b", "c"}) ipc::must(::mkdir(dirs.file(d).c_str(), 0700), "mkdir of a mount point");
    auto child = ipc::ReportingChild::fork([&](ipc::Report& r) {
        if (auto cannot = mqcase::enter_own_ipc_and_mount_namespaces(r); !cannot.empty()) {
            r["cannot"] = cannot;
            return 0;
        }
        mqcase::Queue before(1, 8, O_RDWR, "before");
        std::vector<std::unique_ptr<mqcase::MqueueMount>> mounts;
        for (const char* d : {"a", "b", "c"}) {
            mounts.push_back(std::make_unique<mqcase::MqueueMount>(dirs.file(d)));
            if (!mounts.back()->ok()) {
                r["cannot"] = "mount -t mqueue: " + ipc::errno_name(errno);
                return 0;
            }
        }
        r["made_before"] = shown_in(mounts, before.name());
        mqcase::Queue after(1, 8, O_RDWR, "after");
        r["made_after"] = shown_in(mounts, after.name());
        ipc::must(::mq_unlink(after.name().c_str()), "mq_unlink");
        r["unlinked"] = shown_in(mounts, after.name());
        return 0;
    });
    const auto result = child.finish("mounted");
    REQUIRE(result.status.exited_with(0));
    if (result.report.count("cannot")) ipc::skip("cannot mount the mqueue filesystem here: " + result.get("cannot"));
    CHECK_EQ(result.get("made_before"), "yes yes yes");
    CHECK_EQ(result.get("made_after"), "yes yes yes");
    CHECK_EQ(result.get("unlinked"), "no no no");
}
