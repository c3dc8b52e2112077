// SHM-06 (fix of seed §2.2 "a segment lives as long as the kernel";
// ipc_namespaces(7), namespaces(7), setns(2)): persistence is bounded by the
// IPC namespace. A segment outlives every process of its namespace only as
// long as the namespace itself lives; when the namespace ends (its last
// process has exited and nothing else, such as an open /proc/PID/ns/ipc,
// holds it), its segments are destroyed.
//
// The case makes a namespace of its own (a child that unshares), has its only
// process create a 32 MiB segment and exit, keeps the namespace alive with a
// handle and enters it (setns) to find the segment intact, then drops the
// handle and sees the segment's memory returned (Shmem in /proc/meminfo). The
// case's own namespace never sees the segment.
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <chrono>
#include <cstring>

#include "ipc/case.hpp"
#include "ipc/own_namespace.hpp"
#include "shm_support.hpp"

namespace {
constexpr std::size_t segment_size = 32u << 20;  // large enough to stand out of Shmem's noise
constexpr long long segment_kib = segment_size >> 10;

long long shmem_kib() {
    auto meminfo = ipc::read_text("/proc/meminfo").value_or("");
    auto at = meminfo.find("\nShmem:");
    if (at == std::string::npos) ipc::broken("no Shmem line in /proc/meminfo");
    return std::stoll(meminfo.substr(at + 7));
}

ipc::Fd open_namespace(pid_t pid, const char* kind) {
    std::string path = "/proc/" + std::to_string(pid) + "/ns/" + kind;
    return ipc::Fd(static_cast<int>(ipc::must(::open(path.c_str(), O_RDONLY | O_CLOEXEC), ("open " + path).c_str())));
}
}  // namespace

CLAIM("SHM-06", "a namespace's segments are destroyed when the namespace ends") {
    const key_t key = ipc::fresh_key();
    shmcase::RemoveSegmentByKey cleanup{key};  // in the case's namespace, should it ever appear here
    const std::string case_ipc = ipc::namespace_of(::getpid());
    const std::string case_user = ipc::namespace_of(::getpid(), "user");
    ipc::evidence("key", std::to_string(key));
    ipc::evidence("segment_size", static_cast<long long>(segment_size));
    ipc::evidence("case_namespace.ipc", case_ipc);
    const long long shmem_before = shmem_kib();

    // The namespace's only process: creates and fills the segment, waits until
    // the case holds the namespace, then exits without detaching or removing it.
    auto ready = ipc::Pipe::make();
    auto go = ipc::Pipe::make();
    auto creator = ipc::ReportingChild::fork([&](ipc::Report& r) {
        auto how = ipc::enter_own_ipc_namespace();
        if (!how) {
            r["skip"] = "no IPC namespace of the case's own: unshare: " + ipc::errno_name(errno);
            return ipc::exit_skip;
        }
        r["isolation"] = *how;
        auto segment = ipc::ShmSegment::create(segment_size, key);
        auto attached = ipc::ShmAttachment::attach(segment.id());
        std::memset(attached.bytes(), 'x', segment_size);  // every page in memory
        std::string("token").copy(attached.bytes(), 5);
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
    // Handles that keep the namespace (and the user namespace that owns it, if
    // the child needed one) after its last process is gone.
    const std::string own_ipc = ipc::namespace_of(creator.pid());
    const bool own_user = ipc::namespace_of(creator.pid(), "user") != case_user;
    ipc::Fd ipc_handle = open_namespace(creator.pid(), "ipc");
    ipc::Fd user_handle = own_user ? open_namespace(creator.pid(), "user") : ipc::Fd();
    ipc::evidence("own_namespace.ipc", own_ipc);
    REQUIRE_NE(own_ipc, case_ipc);

    ipc::must(ipc::write_all(go.w(), "g") ? 0 : -1, "write to the creator");
    auto created = creator.finish("creator");
    REQUIRE(created.status.exited_with(0));

    // No process is left in the namespace; the handle still holds it, and with
    // it the segment and its memory.
    const long long shmem_held = shmem_kib();
    ipc::evidence("meminfo.Shmem_kB.before", shmem_before);
    ipc::evidence("meminfo.Shmem_kB.namespace_held_without_processes", shmem_held);
    CHECK_GE(shmem_held - shmem_before, segment_kib / 2);
    CHECK_FAILS_WITH(::shmget(key, 0, 0), ENOENT);  // never visible in the case's namespace

    auto visitor = ipc::ReportingChild::fork([&](ipc::Report& r) {
        auto enter = [](const ipc::Fd& handle, int type) { return !handle || ::setns(handle.get(), type) == 0; };
        if (!enter(user_handle, CLONE_NEWUSER) || !enter(ipc_handle, CLONE_NEWIPC)) {
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
        r["segsz"] = std::to_string(ds.shm_segsz);
        auto attached = ipc::ShmAttachment::attach(id, SHM_RDONLY);
        r["contents"] = std::string(attached.bytes(), 5);
        return 0;
    });
    auto visit = visitor.finish("visitor_via_setns");
    CHECK(visit.status.exited_with(0));
    CHECK_EQ(visit.get("ipc"), own_ipc);
    CHECK_EQ(visit.get("shmget"), created.get("shmid"));
    CHECK_EQ(visit.get("nattch"), "0");
    CHECK_EQ(visit.get("cpid"), created.get("pid"));
    CHECK_EQ(visit.get("contents"), "token");

    // Dropping the last handle ends the namespace; the kernel frees it (and
    // destroys its segments) from a work queue, so watch for the memory to
    // come back, with a deadline.
    ipc_handle.reset();
    user_handle.reset();
    const auto start = std::chrono::steady_clock::now();
    const auto until = start + ipc::default_deadline;
    long long shmem_now = shmem_kib();
    while (shmem_held - shmem_now < segment_kib / 2 && std::chrono::steady_clock::now() < until) {
        ::poll(nullptr, 0, 1);  // poll interval between two readings of /proc/meminfo
        shmem_now = shmem_kib();
    }
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    ipc::evidence("meminfo.Shmem_kB.after_namespace_ended", shmem_now);
    ipc::evidence("freed_within_ms", static_cast<long long>(waited.count()));
    CHECK_MESSAGE(shmem_held - shmem_now >= segment_kib / 2,
                  "the segment's " << segment_kib << " KiB were not returned when the namespace ended (Shmem "
                                   << shmem_held << " -> " << shmem_now << " kB)");
}
