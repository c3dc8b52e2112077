// MSG-36 (edge; ipc_namespaces(7) "Each IPC namespace has its own set of
// System V IPC identifiers": objects created in one IPC namespace are visible
// to all other processes that are members of that namespace, but are not
// visible to processes in other IPC namespaces): a queue made under a key here
// is not found under that key by a child that has moved to a new IPC
// namespace (ENOENT); the child's IPC_CREAT under the same key makes a
// different queue, and a message sent there never reaches ours, nor ours
// theirs.
#include "ipc/case.hpp"
#include "ipc/own_namespace.hpp"
#include "msg_support.hpp"

CLAIM("MSG-36", "a queue made in one IPC namespace is invisible in another; the same key names another queue there") {
    const key_t key = ipc::fresh_key();
    auto q = ipc::MsgQueue::create(key, 0600);
    msgcase::send_all(q.id(), {{1, "ours"}});
    ipc::evidence("key", std::to_string(key));
    const auto our_namespace = ipc::namespace_of(::getpid());
    ipc::evidence("our_namespace", our_namespace.empty() ? "unreadable (no /proc/self/ns/ipc)" : our_namespace);

    auto other = ipc::ReportingChild::fork([&](ipc::Report& r) {
        auto how = ipc::enter_own_ipc_namespace();
        if (!how) {
            r["skip"] = "no IPC namespace of our own: " + ipc::errno_name(errno);
            return ipc::exit_skip;
        }
        r["isolation"] = *how;
        r["namespace"] = ipc::namespace_of(::getpid());
        r["msgget_key"] = ipc::outcome_of(::msgget(key, 0));
        int theirs = ::msgget(key, IPC_CREAT | 0600);
        r["msgget_key_IPC_CREAT"] = ipc::outcome_of(theirs);
        if (theirs < 0) return 0;
        ipc::msg_send(theirs, 2, "theirs", IPC_NOWAIT);
        r["their_queue_holds"] = ipc::describe(ipc::msg_drain(theirs));
        ::msgctl(theirs, IPC_RMID, nullptr);
        return 0;
    });
    auto seen = other.finish("new_namespace");
    if (seen.status.exited_with(ipc::exit_skip)) ipc::skip(seen.get("skip"));
    REQUIRE(seen.status.exited_with(0));
    // The namespace files confirm the move where they exist (gVisor has none);
    // the key lookups below show the isolation either way.
    if (!our_namespace.empty()) CHECK_NE(seen.get("namespace"), our_namespace);
    CHECK_EQ(seen.get("msgget_key"), "ENOENT");
    CHECK_EQ(seen.get("msgget_key_IPC_CREAT"), "ok");
    CHECK_EQ(seen.get("their_queue_holds"), "[2:\"theirs\"]");

    // Ours is untouched: its one message, nothing of theirs.
    const auto ours = ipc::msg_drain(q.id());
    ipc::evidence("our_queue_holds", ipc::describe(ours));
    CHECK_EQ(ours, msgcase::Messages{{1, "ours"}});
}
