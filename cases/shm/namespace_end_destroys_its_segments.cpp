// SHM-06 (fix of seed §2.2 "a segment lives as long as the kernel";
// ipc_namespaces(7), setns(2), shmctl(2) SHM_LOCK): persistence is bounded by
// the IPC namespace. A segment outlives every process of its namespace only
// as long as the namespace itself lives; when the namespace ends (its last
// process has exited and nothing else, such as an open /proc/PID/ns/ipc,
// holds it), its segments are destroyed.
//
// How the case sees a segment in a namespace it cannot enter any more: the
// segment is locked in memory (SHM_LOCK), which charges its size to the
// locker's user in the locker's user namespace, against RLIMIT_MEMLOCK, until
// the segment is destroyed. The namespaces are the case's own (a new user
// namespace owning a new IPC namespace), so nothing else shares that charge.
// With RLIMIT_MEMLOCK set to one segment, a second SHM_LOCK fails with ENOMEM
// while the first segment exists and succeeds once it is destroyed.
//
// Steps: the namespace's only process creates and locks the segment and
// exits; the case keeps the namespace with a handle, enters it (setns) and
// finds the segment intact and still charged; then it drops the handle and
// waits (with a deadline: the kernel frees namespaces from a work queue)
// until the charge is returned. The case's own namespace never sees the key.
#include <chrono>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <sys/resource.h>

#include "ipc/case.hpp"
#include "ipc/own_namespace.hpp"
#include "shm_support.hpp"

namespace {
// Sets the soft RLIMIT_MEMLOCK to bytes (lowering it is always allowed).
bool limit_memlock(std::size_t bytes) {
    rlimit limit{};
    if (::getrlimit(RLIMIT_MEMLOCK, &limit) != 0) return false;
    limit.rlim_cur = bytes;
    return ::setrlimit(RLIMIT_MEMLOCK, &limit) == 0;
}

// Whether another segment of `size` bytes can be locked now: "ok" or the
// errno of SHM_LOCK (ENOMEM: the limit is taken). The probe is removed again.
std::string lock_probe(std::size_t size) {
    auto probe = ipc::ShmSegment::create(size);
    return shmcase::outcome_of(::shmctl(probe.id(), SHM_LOCK, nullptr));
}

// A handle that keeps the namespace alive and lets the case enter it. The
// namespace files are the kernel's only way to hold and enter a namespace
// (setns): without them (gVisor) the claim cannot be observed at all.
ipc::Fd open_namespace(pid_t pid, const char* kind) {
    std::string path = "/proc/" + std::to_string(pid) + "/ns/" + kind;
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT)
        ipc::skip("no namespace handles here (" + path + ": ENOENT): a namespace cannot be held or entered (setns)");
    return ipc::Fd(static_cast<int>(ipc::must(fd, ("open " + path).c_str())));
}

bool enter(const ipc::Fd& handle, int type) { return ::setns(handle.get(), type) == 0; }

// Skips unless a segment of `size` bytes may be locked under the case's
// RLIMIT_MEMLOCK (recorded).
void require_memlock_of(std::size_t size) {
    rlimit memlock{};
    ipc::must(::getrlimit(RLIMIT_MEMLOCK, &memlock), "getrlimit(RLIMIT_MEMLOCK)");
    ipc::evidence("RLIMIT_MEMLOCK_of_the_case", std::to_string(memlock.rlim_cur));
    if (memlock.rlim_cur < size)
        ipc::skip("RLIMIT_MEMLOCK below " + std::to_string(size) + " bytes: cannot lock a segment");
}

// A namespace whose last process has exited, its segment left behind: the
// handles that keep its IPC namespace, and the user namespace owning it,
// alive and enterable, and what its creator reported.
struct HeldNamespace {
    std::string ipc;  // "ipc:[4026532...]"
    ipc::Fd ipc_handle;
    ipc::Fd user_handle;
    ipc::ReportingChild::Result created;
};

// The namespace's only process creates, fills and locks a segment under key
// (the limit holds exactly one segment), waits until the case holds the
// namespaces, then exits without removing the segment.
HeldNamespace create_locked_segment_and_hold_its_namespace(key_t key, std::size_t size) {
    auto ready = ipc::Pipe::make();
    auto go = ipc::Pipe::make();
    auto creator = ipc::ReportingChild::fork([&](ipc::Report& r) {
        if (!ipc::enter_own_ipc_namespace(ipc::UserNamespace::always)) {
            r["skip"] = "no user and IPC namespace of the case's own: unshare: " + ipc::errno_name(errno);
            return ipc::exit_skip;
        }
        if (!limit_memlock(size)) return ipc::exit_broken;
        auto segment = ipc::ShmSegment::create(size, key);
        auto attached = ipc::ShmAttachment::attach(segment.id());
        std::string("token").copy(attached.bytes(), 5);
        r["shm_lock"] = shmcase::outcome_of(::shmctl(segment.id(), SHM_LOCK, nullptr));
        r["second_lock"] = lock_probe(size);  // the limit holds exactly one segment
        r["shmid"] = std::to_string(segment.release());
        r["pid"] = std::to_string(::getpid());
        if (!ipc::write_all(ready.w(), "r") || ipc::read_exactly(go.r(), 1) != "g") return ipc::exit_broken;
        return 0;  // exit detaches the attachment; nothing removes the segment
    });
    ready.write_end.reset();
    go.read_end.reset();
    if (ipc::read_exactly(ready.r(), 1) != "r") {
        auto result = creator.finish("creator");
        if (result.status.exited_with(ipc::exit_skip)) ipc::skip(result.get("skip"));
        ipc::broken("the namespace's creator failed: " + result.status.describe());
    }
    const std::string own_ipc = ipc::namespace_of(creator.pid());
    ipc::Fd ipc_handle = open_namespace(creator.pid(), "ipc");
    ipc::Fd user_handle = open_namespace(creator.pid(), "user");
    ipc::evidence("own_namespace.ipc", own_ipc);
    ipc::evidence("own_namespace.user", ipc::namespace_of(creator.pid(), "user"));
    ipc::must(ipc::write_all(go.w(), "g") ? 0 : -1, "write to the creator");
    return {own_ipc, std::move(ipc_handle), std::move(user_handle), creator.finish("creator")};
}

// A visitor enters the held namespace (setns) and reports what it finds
// under key: the segment's id, attach count, creator, mode and contents,
// and whether another segment could be locked beside it.
ipc::ReportingChild::Result visit(const HeldNamespace& held, key_t key, std::size_t size) {
    auto visitor = ipc::ReportingChild::fork([&](ipc::Report& r) {
        if (!enter(held.user_handle, CLONE_NEWUSER) || !enter(held.ipc_handle, CLONE_NEWIPC) || !limit_memlock(size)) {
            r["setns"] = ipc::errno_name(errno);
            return 2;
        }
        r["ipc"] = ipc::namespace_of(::getpid());
        int id = ::shmget(key, 0, 0);
        r["shmget"] = id < 0 ? ipc::errno_name(errno) : std::to_string(id);
        if (id < 0) return 0;
        shmid_ds ds{};
        ipc::must(::shmctl(id, IPC_STAT, &ds), "shmctl(IPC_STAT)");
        r["nattch"] = std::to_string(ds.shm_nattch);
        r["cpid"] = std::to_string(ds.shm_cpid);
        r["mode"] = shmcase::octal(ds.shm_perm.mode);
        auto attached = ipc::ShmAttachment::attach(id, SHM_RDONLY);
        r["contents"] = std::string(attached.bytes(), 5);
        r["lock_probe"] = lock_probe(size);
        return 0;
    });
    return visitor.finish("visitor_while_held");
}

// A prober in the held user namespace (in a fresh IPC namespace of its own)
// tries, until the deadline, to lock a new segment: it can as soon as the
// old segment's charge is returned, i.e. once that segment is destroyed.
// The kernel frees namespaces from a work queue, hence the wait.
ipc::ReportingChild::Result wait_for_the_lock_charge_to_return(const ipc::Fd& user_handle, std::size_t size) {
    auto prober = ipc::ReportingChild::fork([&](ipc::Report& r) {
        if (!enter(user_handle, CLONE_NEWUSER) || ::unshare(CLONE_NEWIPC) != 0 || !limit_memlock(size)) {
            r["setns"] = ipc::errno_name(errno);
            return 2;
        }
        auto probe = ipc::ShmSegment::create(size);
        const auto start = std::chrono::steady_clock::now();
        const auto until = start + ipc::default_deadline;
        int rc;
        while ((rc = ::shmctl(probe.id(), SHM_LOCK, nullptr)) != 0 && errno == ENOMEM &&
               std::chrono::steady_clock::now() < until)
            ::poll(nullptr, 0, 1);  // poll interval while the kernel's work queue frees the namespace
        r["lock_probe"] = shmcase::outcome_of(rc);
        r["waited_ms"] = std::to_string(
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count());
        return 0;
    });
    return prober.finish("prober_after_namespace_ended");
}
}  // namespace

CLAIM("SHM-06", "a namespace's segments are destroyed when the namespace ends") {
    const std::size_t size = 4 * static_cast<std::size_t>(ipc::page_size());
    require_memlock_of(size);
    const key_t key = ipc::fresh_key();
    shmcase::RemoveSegmentByKey cleanup{key};  // in the case's namespace, should it ever appear here
    const std::string case_ipc = ipc::namespace_of(::getpid());
    ipc::evidence("key", std::to_string(key));
    ipc::evidence("segment_size_and_memlock_limit", static_cast<long long>(size));
    ipc::evidence("case_namespace.ipc", case_ipc);

    auto held = create_locked_segment_and_hold_its_namespace(key, size);
    REQUIRE_NE(held.ipc, case_ipc);
    REQUIRE(held.created.status.exited_with(0));
    REQUIRE_EQ(held.created.get("shm_lock"), "ok");
    REQUIRE_EQ(held.created.get("second_lock"), "ENOMEM");
    CHECK_FAILS_WITH(::shmget(key, 0, 0), ENOENT);  // never visible in the case's namespace

    // No process is left in the namespace; the handle still holds it, and
    // with it the segment, its contents and its charge.
    auto visited = visit(held, key, size);
    CHECK(visited.status.exited_with(0));
    CHECK_EQ(visited.get("ipc"), held.ipc);
    CHECK_EQ(visited.get("shmget"), held.created.get("shmid"));
    CHECK_EQ(visited.get("nattch"), "0");
    CHECK_EQ(visited.get("cpid"), held.created.get("pid"));
    CHECK_EQ(visited.get("contents"), "token");
    CHECK_EQ(visited.get("lock_probe"), "ENOMEM");  // still charged: the segment lives

    // Dropping the IPC namespace's last handle ends it, and its segment with it.
    held.ipc_handle.reset();
    auto probed = wait_for_the_lock_charge_to_return(held.user_handle, size);
    CHECK(probed.status.exited_with(0));
    CHECK_MESSAGE(probed.get("lock_probe") == "ok",
                  "the segment's locked memory was never returned after its namespace ended: "
                      << probed.get("lock_probe"));
}
