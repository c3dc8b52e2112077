// SHM-05 (fix of seed §2.2 "a segment lives as long as the kernel";
// shmctl(2), proc(5) /proc/sys/kernel/shm_rmid_forced, ipc_namespaces(7)):
// not with kernel.shm_rmid_forced=1. Then a segment is destroyed as soon as
// it has no attachments left: at its last shmdt or the exit of its last
// attached process, even while its creator lives; one never attached dies
// with its creator. Setting the sysctl destroys the orphans already there. The sysctl is per IPC namespace: the
// case sets it only in a namespace of its own (a child that unshares), and
// shows from the case process, which never leaves its namespace, that its own
// value never changed. That the child's namespace is a new one is shown by
// /proc/PID/ns/ipc where it exists, else by behaviour: a segment the case made
// before the fork cannot be found from inside.
#include "ipc/case.hpp"
#include "ipc/own_namespace.hpp"
#include "shm_support.hpp"

namespace {
const std::string rmid_forced = "/proc/sys/kernel/shm_rmid_forced";

// In a child: creates a segment under key, attaches, writes a token and exits
// without detaching or removing it, like the document's writer.
void create_and_leave(key_t key) {
    auto left = ipc::Child::fork([&] {
        auto segment = ipc::ShmSegment::create(static_cast<std::size_t>(ipc::page_size()), key);
        auto attached = ipc::ShmAttachment::attach(segment.id());
        std::string("token").copy(attached.bytes(), 5);
        segment.release();
        ipc::child_exit(0);  // leaves without the destructors: no shmdt, no IPC_RMID
        return 0;
    });
    if (!left.wait().exited_with(0)) ipc::broken("the creating child failed");
}

// "present nattch=0 token" or the errno name of shmget(key, 0, 0).
std::string state_of(key_t key) {
    int id = ::shmget(key, 0, 0);
    if (id < 0) return ipc::errno_name(errno);
    shmid_ds ds{};
    ipc::must(::shmctl(id, IPC_STAT, &ds), "shmctl(IPC_STAT)");
    auto attached = ipc::ShmAttachment::attach(id, SHM_RDONLY);
    return "present nattch=" + std::to_string(ds.shm_nattch) + " " + std::string(attached.bytes(), 5);
}

// In the child: enters an IPC namespace of its own and makes sure it is not
// the case's (another /proc/PID/ns/ipc, the case's marker segment not found
// inside), so that no sysctl of a namespace the case did not make is ever
// written. 0, or the exit code that says why not.
int enter_a_namespace_of_its_own(ipc::Report& r, key_t marker_key, const std::string& case_ipc) {
    auto how = ipc::enter_own_ipc_namespace();
    if (!how) {
        r["skip"] = "no IPC namespace of the case's own: unshare: " + ipc::errno_name(errno);
        return ipc::exit_skip;
    }
    r["isolation"] = *how;
    r["ipc"] = ipc::namespace_of(::getpid());
    r["case_marker_from_inside"] = state_of(marker_key);
    const bool same_link = !case_ipc.empty() && r["ipc"] == case_ipc;
    if (same_link || r["case_marker_from_inside"] != "ENOENT") {
        r["not_isolated"] = std::string("unshare succeeded but the namespace is the case's own (") +
                            (same_link ? "same /proc/PID/ns/ipc" : "the case's segment is visible") + ")";
        return ipc::exit_broken;
    }
    return 0;
}

// With the sysctl set to 1: the orphan left while it was 0 is destroyed at
// once; a new segment left attached dies with its creator's exit, or with
// its last shmdt while its creator lives on; only one never attached waits
// for its creator to exit.
void record_fates_with_rmid_forced(ipc::Report& r, key_t orphan) {
    r["with_1.orphan_after_setting"] = state_of(orphan);
    const key_t left = ipc::fresh_key();
    create_and_leave(left);
    r["with_1.after_creator_exit"] = state_of(left);
    auto detached = ipc::ShmSegment::create(static_cast<std::size_t>(ipc::page_size()), ipc::fresh_key());
    ipc::ShmAttachment::attach(detached.id()).detach();
    shmid_ds ds{};
    r["with_1.after_last_shmdt_creator_alive"] = shmcase::outcome_of(::shmctl(detached.id(), IPC_STAT, &ds));
    detached.release();  // gone already (or left to die with this namespace)
    auto unattached = ipc::ShmSegment::create(static_cast<std::size_t>(ipc::page_size()), ipc::fresh_key());
    r["with_1.never_attached_creator_alive"] = shmcase::outcome_of(::shmctl(unattached.id(), IPC_STAT, &ds));
}

// What a child saw in a namespace of its own, with the sysctl 0 and then 1,
// and the case's own value read while that namespace said 1.
struct OwnNamespaceRun {
    ipc::ReportingChild::Result result;
    long long case_value_meanwhile;
};

OwnNamespaceRun set_rmid_forced_in_a_namespace_of_its_own(key_t marker_key, const std::string& case_ipc) {
    auto set = ipc::Pipe::make();
    auto checked = ipc::Pipe::make();
    auto own = ipc::ReportingChild::fork([&](ipc::Report& r) {
        if (int refused = enter_a_namespace_of_its_own(r, marker_key, case_ipc)) return refused;
        r["rmid_forced_initially"] = std::to_string(ipc::read_number(rmid_forced).value_or(-1));
        // sysctl 0 (the default of a new namespace): the segment outlives its creator.
        const key_t orphan = ipc::fresh_key();
        create_and_leave(orphan);
        r["with_0.after_creator_exit"] = state_of(orphan);
        if (!ipc::write_sysctl(rmid_forced, 1)) {
            r["skip"] = "cannot write " + rmid_forced + " in the case's own namespace: " + ipc::errno_name(errno);
            return ipc::exit_skip;
        }
        r["rmid_forced_set_to"] = std::to_string(ipc::read_number(rmid_forced).value_or(-1));
        record_fates_with_rmid_forced(r, orphan);
        // The case reads its own value while this namespace says 1.
        if (!ipc::write_all(set.w(), "1") || ipc::read_exactly(checked.r(), 1) != "1") return ipc::exit_broken;
        return 0;
    });
    set.write_end.reset();
    if (ipc::read_exactly(set.r(), 1) != "1") {  // it stopped before setting the sysctl
        auto result = own.finish("own_namespace");
        if (result.status.exited_with(ipc::exit_skip)) ipc::skip(result.get("skip"));
        ipc::broken("the namespace child stopped early: " + result.status.describe() + " " +
                    result.get("not_isolated"));
    }
    const long long meanwhile = *ipc::read_number(rmid_forced);
    ipc::must(ipc::write_all(checked.w(), "1") ? 0 : -1, "write to the namespace child");
    return {own.finish("own_namespace"), meanwhile};
}
}  // namespace

CLAIM("SHM-05", "with kernel.shm_rmid_forced=1 a segment dies with its last attachment") {
    const auto readable = ipc::read_number(rmid_forced);
    if (!readable)  // the feature under test, not an observer: gVisor has no such sysctl
        ipc::skip("this kernel has no shm_rmid_forced: " + rmid_forced + ": " + ipc::errno_name(errno));
    const long long host_before = *readable;
    const std::string case_ipc = ipc::namespace_of(::getpid());
    ipc::evidence("case_namespace.ipc", case_ipc.empty() ? "unreadable (no /proc/PID/ns/ipc)" : case_ipc);
    ipc::evidence("case_namespace.shm_rmid_forced_before", host_before);
    const key_t marker_key = ipc::fresh_key();  // visible from the case's namespace only
    auto marker = ipc::ShmSegment::create(static_cast<std::size_t>(ipc::page_size()), marker_key);

    auto own = set_rmid_forced_in_a_namespace_of_its_own(marker_key, case_ipc);
    const auto& seen = own.result;
    REQUIRE(seen.status.exited_with(0));
    const long long host_after = *ipc::read_number(rmid_forced);
    ipc::evidence("case_namespace.shm_rmid_forced_while_own_is_1", own.case_value_meanwhile);
    ipc::evidence("case_namespace.shm_rmid_forced_after", host_after);
    if (!case_ipc.empty()) CHECK_NE(seen.get("ipc"), case_ipc);
    CHECK_EQ(seen.get("case_marker_from_inside"), "ENOENT");
    CHECK_EQ(own.case_value_meanwhile, host_before);
    CHECK_EQ(host_after, host_before);

    CHECK_EQ(seen.get("rmid_forced_initially"), "0");
    CHECK_EQ(seen.get("with_0.after_creator_exit"), "present nattch=0 token");
    CHECK_EQ(seen.get("rmid_forced_set_to"), "1");
    CHECK_EQ(seen.get("with_1.orphan_after_setting"), "ENOENT");
    CHECK_EQ(seen.get("with_1.after_creator_exit"), "ENOENT");
    CHECK_EQ(seen.get("with_1.after_last_shmdt_creator_alive"), "EINVAL");  // the id is gone
    CHECK_EQ(seen.get("with_1.never_attached_creator_alive"), "ok");
}
