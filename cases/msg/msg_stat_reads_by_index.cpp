// MSG-35 (edge; msgctl(2) MSG_STAT "Return a msqid_ds structure as for
// IPC_STAT. However, the msqid argument is not a queue identifier, but instead
// an index into the kernel's internal array that maintains information about
// all message queues on the system", MSG_STAT_ANY (Linux 4.17) "as for
// MSG_STAT, but msg_perm.mode is not checked for read access"; the highest
// used index is what IPC_INFO and MSG_INFO return): walking the indexes from 0
// to the highest used one with MSG_STAT finds every queue in use, each
// index giving that queue's id (the call's result) and its msqid_ds; as many
// as MSG_INFO counts, our two among them; the index after the highest is
// EINVAL. For an owner without CAP_IPC_OWNER and a queue of mode 0200, MSG_STAT
// at its index is refused with EACCES and MSG_STAT_ANY is not (skipped where
// MSG_STAT_ANY is unknown, Linux < 4.17).
#include <map>

#include "ipc/case.hpp"
#include "msg_support.hpp"

namespace {
// msgctl(index, cmd): the id it names, or the errno name.
std::string stat_at(int index, int cmd, msqid_ds* ds = nullptr) {
    msqid_ds local{};
    int id = ::msgctl(index, cmd, ds ? ds : &local);
    return id < 0 ? ipc::errno_name(errno) : std::to_string(id);
}
}  // namespace

CLAIM("MSG-35", "MSG_STAT and MSG_STAT_ANY read a queue by its index in the kernel's table") {
    auto a = ipc::MsgQueue::create();
    auto b = ipc::MsgQueue::create();
    msgcase::send_all(b.id(), {{1, "xy"}});
    msginfo info{};
    const int highest = static_cast<int>(ipc::must(msgcase::msg_info(MSG_INFO, info), "msgctl(MSG_INFO)"));
    ipc::evidence("highest_index", highest);
    ipc::evidence("MSG_INFO.msgpool", info.msgpool);
    std::map<int, int> index_of;  // id -> index
    std::string walk;
    int in_use = 0;  // indexes that name a queue (readable by us or not)
    for (int index = 0; index <= highest; ++index) {
        msqid_ds ds{};
        const auto got = stat_at(index, MSG_STAT, &ds);
        if (got == "EINVAL") continue;
        ++in_use;
        walk += std::to_string(index) + ":" + got + " ";
        if (got.find_first_not_of("0123456789") != std::string::npos) continue;
        index_of[std::stoi(got)] = index;
        if (std::stoi(got) == b.id()) {
            ipc::evidence("b.by_index", msgcase::state(ds));
            CHECK_EQ(msgcase::state(ds), msgcase::state(b.stat()));
        }
    }
    ipc::evidence("MSG_STAT_walk", walk);
    CHECK_EQ(in_use, info.msgpool);
    REQUIRE(index_of.count(a.id()) == 1);
    REQUIRE(index_of.count(b.id()) == 1);
    const auto past_end = stat_at(highest + 1, MSG_STAT);
    ipc::evidence("MSG_STAT_past_highest", past_end);
    CHECK_EQ(past_end, "EINVAL");

    // Read permission: MSG_STAT checks it, MSG_STAT_ANY does not.
    const int a_index = index_of[a.id()];
    const auto any = stat_at(a_index, MSG_STAT_ANY);
    ipc::evidence("MSG_STAT_ANY_probe", any);
    if (any == "EINVAL") ipc::skip("MSG_STAT_ANY unsupported (EINVAL at an index in use): Linux before 4.17");
    const auto seen_by_owner = a.stat();
    auto owner = ipc::ReportingChild::fork([&](ipc::Report& r) {
        if (int err = ipc::drop_all_capabilities(); err != 0) {
            r["skip"] = "cannot give up every capability: " + ipc::errno_name(err);
            return ipc::exit_skip;
        }
        msgcase::set_mode(a.id(), seen_by_owner, 0200);
        r["MSG_STAT"] = stat_at(a_index, MSG_STAT);
        r["MSG_STAT_ANY"] = stat_at(a_index, MSG_STAT_ANY);
        return 0;
    });
    auto seen = owner.finish("owner_without_capabilities_mode_0200");
    if (seen.status.exited_with(ipc::exit_skip)) ipc::skip(seen.get("skip"));
    REQUIRE(seen.status.exited_with(0));
    CHECK_EQ(seen.get("MSG_STAT"), "EACCES");
    CHECK_EQ(seen.get("MSG_STAT_ANY"), std::to_string(a.id()));
}
