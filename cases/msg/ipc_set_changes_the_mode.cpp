// MSG-38 (edge; msgctl(2) IPC_SET "Write the values of some members of the
// msqid_ds structure pointed to by buf to the kernel data structure associated
// with this message queue, updating also its msg_ctime member. The following
// members of the structure are updated: msg_qbytes, msg_perm.uid,
// msg_perm.gid, and (the least significant 9 bits of) msg_perm.mode"): the
// owner's IPC_SET of msg_perm.mode 0640, then 0777, is what IPC_STAT reports
// next, with the owner, the creator and msg_qbytes unchanged, and msg_ctime
// within the IPC_SET call; bits above the nine permission bits are not taken.
#include <ctime>

#include "ipc/case.hpp"
#include "msg_support.hpp"

namespace {
// "mode=0640 uid=0 gid=0 cuid=0 cgid=0 qbytes=16384"
std::string perm_line(const msqid_ds& ds) {
    return "mode=" + msgcase::octal(ds.msg_perm.mode) + " uid=" + std::to_string(ds.msg_perm.uid) +
           " gid=" + std::to_string(ds.msg_perm.gid) + " cuid=" + std::to_string(ds.msg_perm.cuid) +
           " cgid=" + std::to_string(ds.msg_perm.cgid) + " qbytes=" + std::to_string(ds.msg_qbytes);
}
}  // namespace

CLAIM("MSG-38", "IPC_SET changes the queue's mode, and IPC_STAT reports it") {
    auto q = ipc::MsgQueue::create(IPC_PRIVATE, 0600);
    const auto made = q.stat();
    ipc::evidence("made", perm_line(made));
    auto expected = [&](const char* mode) {
        msqid_ds want = made;
        want.msg_perm.mode = static_cast<unsigned short>(std::stoul(mode, nullptr, 8));
        return perm_line(want);
    };
    for (const char* mode : {"0640", "0777"}) {
        msqid_ds ds = made;
        ds.msg_perm.mode = static_cast<unsigned short>(std::stoul(mode, nullptr, 8) | 01000);  // a bit beyond the nine
        const auto from = std::time(nullptr);
        ipc::must(::msgctl(q.id(), IPC_SET, &ds), "msgctl(IPC_SET)");
        const auto until = std::time(nullptr);
        const auto now = q.stat();
        ipc::evidence(std::string("after_IPC_SET_") + mode, perm_line(now) + " ctime=" + std::to_string(now.msg_ctime) +
                                                                " window=[" + std::to_string(from) + ", " +
                                                                std::to_string(until) + "]");
        CHECK_EQ(perm_line(now), expected(mode));
        CHECK_EQ(now.msg_perm.mode & ~0777u, made.msg_perm.mode & ~0777u);
        CHECK(from <= now.msg_ctime);
        CHECK(now.msg_ctime <= until);
    }
}
