// SHM-29 (edge; proc(5) /proc/sys/kernel/shm_next_id "(since Linux 3.8) ...
// the next shmget(2) ... that creates a new segment uses this value as the
// identifier; after that the file reverts to -1", Linux with
// CONFIG_CHECKPOINT_RESTORE): in an IPC namespace of the case's own, writing
// an identifier to kernel.shm_next_id makes the next segment created get
// exactly that id, and the sysctl reads -1 again; when a segment already has
// that id, the next one gets another id (the kernel falls back to a free one
// rather than failing), and the file still reverts.
#include "ipc/case.hpp"
#include "ipc/own_namespace.hpp"
#include "shm_support.hpp"

namespace {
const std::string next_id_path = "/proc/sys/kernel/shm_next_id";

// In a forked child: enters an IPC namespace of its own and asks twice for
// `wanted` as the next segment's id, the second time while the first segment
// holds it. Records "first:same next_id_after:-1" and "second:other
// next_id_after:-1" (or why it cannot: "no namespace: ...", "no
// shm_next_id: ..."). The segments die with the child's namespace.
int ask_for_an_id(int wanted, ipc::Report& r) {
    auto how = ipc::enter_own_ipc_namespace();
    if (!how) {
        r["result"] = "no namespace: " + ipc::errno_name(errno);
        return 0;
    }
    r["isolation"] = *how;
    const auto page = static_cast<std::size_t>(ipc::page_size());
    auto ask = [&]() -> std::string {
        if (!ipc::write_sysctl(next_id_path, wanted)) return "not writable: " + ipc::errno_name(errno);
        int id = ::shmget(IPC_PRIVATE, page, IPC_CREAT | 0600);
        if (id < 0) return "shmget " + ipc::errno_name(errno);
        r["ids"] += std::to_string(id) + " ";
        return std::string(id == wanted ? "same" : "other") +
               " next_id_after:" + std::to_string(ipc::read_number(next_id_path).value_or(-2));
    };
    const auto first = ask();
    if (first.rfind("not writable", 0) == 0) {
        r["result"] = "no shm_next_id: " + first;
        return 0;
    }
    r["first"] = first;
    r["second"] = ask();
    r["result"] = "asked";
    return 0;
}
}  // namespace

CLAIM("SHM-29", "kernel.shm_next_id sets the id of the next segment created, then reverts to -1") {
    const auto initial = ipc::sysctl_if_readable(next_id_path);
    if (!initial) ipc::skip("no /proc/sys/kernel/shm_next_id: kernel without CONFIG_CHECKPOINT_RESTORE");
    ipc::evidence("shm_next_id_initial", *initial);
    const int wanted = 1000 + ::getpid() % 20000;  // an index below IPCMNI, sequence 0
    ipc::evidence("wanted_id", wanted);
    auto seen =
        ipc::ReportingChild::fork([&](ipc::Report& r) { return ask_for_an_id(wanted, r); }).finish("own_namespace");
    REQUIRE(seen.status.exited_with(0));
    const auto result = seen.get("result");
    if (result.rfind("no ", 0) == 0) ipc::skip("cannot set shm_next_id in an IPC namespace of our own: " + result);
    CHECK_EQ(seen.get("first"), "same next_id_after:-1");    // the id asked for, and the file reverts
    CHECK_EQ(seen.get("second"), "other next_id_after:-1");  // that id in use: another one, still reverts
}
