// MSG-22 (edge; msgget(2) ERRORS "ENOSPC A message queue has to be created but
// the system limit for the maximum number of message queues (MSGMNI) would be
// exceeded", proc(5) /proc/sys/kernel/msgmni): in an IPC namespace of the
// case's own (never on the host), with kernel.msgmni lowered to a few queues,
// exactly msgmni queues can be made; the next msgget(IPC_PRIVATE) fails with
// ENOSPC, and once one queue is removed a new one can be made again.
#include <vector>

#include "ipc/case.hpp"
#include "ipc/own_namespace.hpp"
#include "msg_support.hpp"

namespace {
const std::string msgmni_path = "/proc/sys/kernel/msgmni";

// In a forked child: enters an IPC namespace of its own, lowers msgmni and
// says how many queues it could make, what the next msgget gave and whether
// one could be made after a removal ("made:3 next:ENOSPC after_removal:ok"),
// or why there is no such namespace ("no namespace: ...").
std::string fill_to_a_lowered_msgmni(ipc::Report& r) {
    auto how = ipc::enter_own_ipc_namespace();
    if (!how) return "no namespace: " + ipc::errno_name(errno);
    const long long lowered = std::min<long long>(3, ipc::read_number(msgmni_path).value_or(3));
    if (!ipc::write_sysctl(msgmni_path, lowered)) return "no namespace: msgmni not writable: " + ipc::errno_name(errno);
    r["isolation"] = *how;
    r["msgmni"] = std::to_string(ipc::read_number(msgmni_path).value_or(-1));
    std::vector<int> made;
    std::string next = "no refusal after 1000 queues";
    for (int i = 0; i < 1000; ++i) {
        int id = ::msgget(IPC_PRIVATE, IPC_CREAT | 0600);
        if (id < 0) {
            next = ipc::errno_name(errno);
            break;
        }
        made.push_back(id);
    }
    std::string line = "made:" + std::to_string(made.size()) + " next:" + next;
    if (!made.empty()) {
        ::msgctl(made.back(), IPC_RMID, nullptr);
        made.pop_back();
        int again = ::msgget(IPC_PRIVATE, IPC_CREAT | 0600);
        line += " after_removal:" + ipc::outcome_of(again);
        if (again >= 0) made.push_back(again);
    }
    for (int id : made) ::msgctl(id, IPC_RMID, nullptr);  // the namespace dies with the child anyway
    return line;
}
}  // namespace

CLAIM("MSG-22", "msgget past kernel.msgmni queues fails with ENOSPC") {
    ipc::sysctl(msgmni_path);
    auto own = ipc::ReportingChild::fork([](ipc::Report& r) {
        r["result"] = fill_to_a_lowered_msgmni(r);
        return 0;
    });
    auto seen = own.finish("own_namespace");
    REQUIRE(seen.status.exited_with(0));
    const auto result = seen.get("result");
    if (result.rfind("no namespace", 0) == 0)
        ipc::skip("no IPC namespace of our own whose msgmni we may lower: " + result);
    const auto msgmni = seen.get("msgmni");
    CHECK_EQ(result, "made:" + msgmni + " next:ENOSPC after_removal:ok");
}
