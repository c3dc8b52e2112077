// MSG-21 (edge; msgget(2) ERRORS "EACCES A message queue exists for key, but
// the calling process does not have permission to access the queue, and does
// not have the CAP_IPC_OWNER capability"): msgget of an existing key checks the
// access asked for in msgflg's permission bits against the queue's mode. The
// owner of a 0400 queue, without CAP_IPC_OWNER (every capability given up in a
// child, so that this holds as root, as nobody and in a user namespace alike),
// is refused read-write, write and IPC_CREAT|0600 with EACCES, and gets the
// queue's id when it asks for read only or for nothing.
#include "ipc/case.hpp"
#include "msg_support.hpp"

CLAIM("MSG-21", "msgget of an existing key fails with EACCES when the mode denies the access asked for") {
    const key_t key = ipc::fresh_key();
    auto q = ipc::MsgQueue::create(key, 0400);
    ipc::evidence("key", std::to_string(key));
    ipc::evidence("msqid", q.id());
    ipc::evidence("mode", msgcase::octal(q.stat().msg_perm.mode));

    auto owner = ipc::ReportingChild::fork([&](ipc::Report& r) {
        if (int err = ipc::drop_all_capabilities(); err != 0) {
            r["skip"] = "cannot give up every capability: " + ipc::errno_name(err);
            return ipc::exit_skip;
        }
        auto asking = [&](int flags) {
            int id = ::msgget(key, flags);
            return id < 0 ? ipc::errno_name(errno) : id == q.id() ? std::string("same id") : std::to_string(id);
        };
        r["asking_0600"] = asking(0600);
        r["asking_0200"] = asking(0200);
        r["asking_IPC_CREAT_0600"] = asking(IPC_CREAT | 0600);
        r["asking_0400"] = asking(0400);
        r["asking_nothing"] = asking(0);
        return 0;
    });
    auto seen = owner.finish("owner_without_capabilities");
    if (seen.status.exited_with(ipc::exit_skip)) ipc::skip(seen.get("skip"));
    REQUIRE(seen.status.exited_with(0));
    CHECK_EQ(seen.get("asking_0600"), "EACCES");
    CHECK_EQ(seen.get("asking_0200"), "EACCES");
    CHECK_EQ(seen.get("asking_IPC_CREAT_0600"), "EACCES");
    CHECK_EQ(seen.get("asking_0400"), "same id");
    CHECK_EQ(seen.get("asking_nothing"), "same id");
}
