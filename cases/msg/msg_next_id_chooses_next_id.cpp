// MSG-23 (edge; proc(5) /proc/sys/kernel/msg_next_id "(since Linux 3.8) ...
// the next msgget(2) ... that creates a new queue uses this value as the
// identifier; after that the file reverts to -1", Linux with
// CONFIG_CHECKPOINT_RESTORE): in an IPC namespace of the case's own, writing
// an identifier to kernel.msg_next_id makes the next queue created get exactly
// that id, and the sysctl reads -1 again; when a queue already has that id, the
// next one gets another id, and the file still reverts. This is how a queue is
// restored under its old id after a checkpoint.
#include "ipc/case.hpp"
#include "ipc/own_namespace.hpp"
#include "msg_support.hpp"

namespace {
const std::string next_id_path = "/proc/sys/kernel/msg_next_id";

// In a forked child: enters an IPC namespace of its own and asks twice for
// `wanted` as the next id, the second time while the first queue holds it.
// One line: "first:same next_id_after:-1 second:other next_id_after:-1", or
// why it cannot ("no namespace: ...", "no msg_next_id: ...").
std::string ask_for_an_id(int wanted, ipc::Report& r) {
    auto how = ipc::enter_own_ipc_namespace();
    if (!how) return "no namespace: " + ipc::errno_name(errno);
    r["isolation"] = *how;
    auto ask = [&]() -> std::string {
        if (!ipc::write_sysctl(next_id_path, wanted)) return "not writable: " + ipc::errno_name(errno);
        int id = ::msgget(IPC_PRIVATE, IPC_CREAT | 0600);
        if (id < 0) return "msgget " + ipc::errno_name(errno);
        r["ids"] += std::to_string(id) + " ";
        return std::string(id == wanted ? "same" : "other") +
               " next_id_after:" + std::to_string(ipc::read_number(next_id_path).value_or(-2));
    };
    const auto first = ask();
    if (first.rfind("not writable", 0) == 0) return "no msg_next_id: " + first;
    return "first:" + first + " second:" + ask();
}
}  // namespace

CLAIM("MSG-23", "kernel.msg_next_id sets the id of the next queue created, then reverts to -1") {
    const auto initial = ipc::sysctl_if_readable(next_id_path);
    if (!initial) ipc::skip("no /proc/sys/kernel/msg_next_id: kernel without CONFIG_CHECKPOINT_RESTORE");
    const int wanted = 1000 + ::getpid() % 20000;  // an index below IPCMNI, sequence 0
    ipc::evidence("wanted_id", wanted);
    auto own = ipc::ReportingChild::fork([&](ipc::Report& r) {
        r["result"] = ask_for_an_id(wanted, r);
        return 0;
    });
    auto seen = own.finish("own_namespace");
    REQUIRE(seen.status.exited_with(0));
    const auto result = seen.get("result");
    if (result.rfind("no ", 0) == 0) ipc::skip("cannot set msg_next_id in an IPC namespace of our own: " + result);
    CHECK_EQ(result, "first:same next_id_after:-1 second:other next_id_after:-1");
}
