// SHM-25 (edge; shmctl(2) IPC_INFO "returns information about system-wide
// shared memory limits ... in the structure shminfo", SHM_INFO "returns a
// shm_info structure whose fields contain information about system resources
// consumed by shared memory ... returns the index of the highest used entry",
// SHM_STAT and SHM_STAT_ANY "the shmid argument is not a segment identifier,
// but instead an index into the kernel's internal array"; proc(5)
// /proc/sys/kernel/shmmax, shmall, shmmni and /proc/sysvipc/shm): in an IPC
// namespace of the case's own, IPC_INFO reports the values written to
// kernel.shmmax, shmall and shmmni; SHM_INFO's used_ids, shm_tot and shm_rss are those of the rows of
// /proc/sysvipc/shm; SHM_STAT and SHM_STAT_ANY over the indexes up to the
// one SHM_INFO returned give exactly the ids /proc/sysvipc/shm lists; for an
// owner without CAP_IPC_OWNER and a segment of mode 0200, SHM_STAT at its index
// fails with EACCES while SHM_STAT_ANY ("as for SHM_STAT, but shm_perm.mode is
// not checked for read access") still gives every id.
#include <fstream>
#include <utility>
#include <set>
#include <sstream>

#include "ipc/case.hpp"
#include "ipc/own_namespace.hpp"
#include "shm_support.hpp"

namespace {
std::string ids_text(const std::set<int>& ids) {
    std::string text;
    for (int id : ids) text += (text.empty() ? "" : ",") + std::to_string(id);
    return text;
}

// Segment shmid made mode 0200, then, in a child of its owner that gave up
// every capability (CAP_IPC_OWNER among them), the walk over the indexes up
// to highest: SHM_STAT refuses that segment (its errno under
// "unreadable.shm_stat") and SHM_STAT_ANY gives every id
// ("unreadable.shm_stat_any.ids"). Records "unreadable.skip" where
// capabilities cannot be given up.
void walk_without_read_permission(int shmid, int highest, ipc::Report& r) {
    shmid_ds mode{};
    ::shmctl(shmid, IPC_STAT, &mode);
    mode.shm_perm.mode = 0200;
    r["unreadable.ipc_set_0200"] = ipc::outcome_of(::shmctl(shmid, IPC_SET, &mode));
    auto walker = ipc::ReportingChild::fork([&](ipc::Report& w) {
        if (int err = ipc::drop_all_capabilities(); err != 0) {
            w["skip"] = "cannot give up every capability: " + ipc::errno_name(err);
            return 0;
        }
        std::set<int> by_stat_any;
        for (int index = 0; index <= highest; ++index) {
            shmid_ds ds{};
            if (int id = ::shmctl(index, SHM_STAT, &ds); id < 0 && errno != EINVAL)
                w["shm_stat"] += ipc::errno_name(errno);  // an index in use, refused
            if (int id = ::shmctl(index, SHM_STAT_ANY, &ds); id >= 0) by_stat_any.insert(id);
        }
        w["shm_stat_any.ids"] = ids_text(by_stat_any);
        return 0;
    });
    auto walked = walker.finish();
    for (const auto& [key, value] : walked.report) r["unreadable." + key] = value;
    r["unreadable.status"] = walked.status.describe();
}

// In a forked child, in a namespace of its own: three segments (one attached
// and touched), then what each command and the /proc files say.
int compare_the_accounts(ipc::Report& r) {
    auto how = ipc::enter_own_ipc_namespace();
    if (!how) {
        r["skip"] = "no IPC namespace of our own: " + ipc::errno_name(errno);
        return ipc::exit_skip;
    }
    const long page = ipc::page_size();
    // The namespace's defaults as read (IPC_INFO may show them unclamped),
    // then values of the case's own written and read back.
    shminfo defaults{};
    ::shmctl(0, IPC_INFO, reinterpret_cast<shmid_ds*>(&defaults));
    r["default.ipc_info.shmmax"] = std::to_string(defaults.shmmax);
    r["default.sysctl.shmmax"] = std::to_string(ipc::read_number("/proc/sys/kernel/shmmax").value_or(-1));
    const std::pair<const char*, long long> written[] = {{"shmmax", 1LL << 30}, {"shmall", 1LL << 20}, {"shmmni", 100}};
    for (const auto& [name, value] : written) {
        const std::string path = std::string("/proc/sys/kernel/") + name;
        if (!ipc::write_sysctl(path, value)) {
            r["skip"] = path + " not writable in our namespace: " + ipc::errno_name(errno);
            return ipc::exit_skip;
        }
        r[std::string("sysctl.") + name] = std::to_string(ipc::read_number(path).value_or(-1));
    }
    shminfo limits{};
    r["ipc_info"] = ipc::outcome_of(::shmctl(0, IPC_INFO, reinterpret_cast<shmid_ds*>(&limits)));
    r["ipc_info.shmmax"] = std::to_string(limits.shmmax);
    r["ipc_info.shmall"] = std::to_string(limits.shmall);
    r["ipc_info.shmmni"] = std::to_string(limits.shmmni);

    std::vector<ipc::ShmSegment> segments;
    for (long size : {page, 3 * page + 1, 1L})
        segments.push_back(ipc::ShmSegment::create(static_cast<std::size_t>(size)));
    std::set<int> made;
    for (const auto& s : segments) made.insert(s.id());
    r["made.ids"] = ids_text(made);
    auto attached = ipc::ShmAttachment::attach(segments[1].id());
    for (long at = 0; at < 2 * page; at += page) attached.bytes()[at] = 'x';  // two pages resident

    shm_info used{};
    const int highest = ::shmctl(0, SHM_INFO, reinterpret_cast<shmid_ds*>(&used));
    r["shm_info.highest_index"] = std::to_string(highest);
    r["shm_info.used_ids"] = std::to_string(used.used_ids);
    r["shm_info.shm_tot"] = std::to_string(used.shm_tot);
    r["shm_info.shm_rss"] = std::to_string(used.shm_rss);

    std::set<int> by_stat, by_stat_any;
    for (int index = 0; index <= highest; ++index) {
        shmid_ds ds{};
        if (int id = ::shmctl(index, SHM_STAT, &ds); id >= 0) by_stat.insert(id);
        if (int id = ::shmctl(index, SHM_STAT_ANY, &ds); id >= 0) by_stat_any.insert(id);
    }
    r["shm_stat.ids"] = ids_text(by_stat);
    r["shm_stat_any.ids"] = ids_text(by_stat_any);
    walk_without_read_permission(segments[0].id(), highest, r);

    std::ifstream proc("/proc/sysvipc/shm");
    if (!proc) {
        r["proc"] = "unreadable";
        return 0;
    }
    std::string line;
    std::getline(proc, line);  // the header
    std::set<int> listed;
    unsigned long pages = 0, rss_pages = 0;
    while (std::getline(proc, line)) {
        std::istringstream fields(line);
        long long key, id, perms, size, cpid, lpid, nattch, uid, gid, cuid, cgid, atime, dtime, ctime, rss, swap;
        if (!(fields >> key >> id >> perms >> size >> cpid >> lpid >> nattch >> uid >> gid >> cuid >> cgid >> atime >>
              dtime >> ctime >> rss >> swap))
            continue;
        listed.insert(static_cast<int>(id));
        pages += static_cast<unsigned long>((size + page - 1) / page);
        rss_pages += static_cast<unsigned long>(rss / page);
    }
    r["proc"] = "read";
    r["proc.ids"] = ids_text(listed);
    r["proc.rows"] = std::to_string(listed.size());
    r["proc.pages"] = std::to_string(pages);
    r["proc.rss_pages"] = std::to_string(rss_pages);
    return 0;
}
}  // namespace

CLAIM("SHM-25", "IPC_INFO, SHM_INFO, SHM_STAT and SHM_STAT_ANY agree with kernel.shm* and /proc/sysvipc/shm") {
    auto seen =
        ipc::ReportingChild::fork([](ipc::Report& r) { return compare_the_accounts(r); }).finish("own_namespace");
    if (seen.status.exited_with(ipc::exit_skip)) ipc::skip(seen.get("skip"));
    REQUIRE(seen.status.exited_with(0));
    CHECK_EQ(seen.get("ipc_info"), "ok");
    CHECK_EQ(seen.get("ipc_info.shmmax"), seen.get("sysctl.shmmax"));
    CHECK_EQ(seen.get("ipc_info.shmall"), seen.get("sysctl.shmall"));
    CHECK_EQ(seen.get("ipc_info.shmmni"), seen.get("sysctl.shmmni"));
    CHECK_EQ(seen.get("shm_stat.ids"), seen.get("made.ids"));
    CHECK_EQ(seen.get("shm_stat_any.ids"), seen.get("made.ids"));
    CHECK_EQ(seen.get("shm_info.used_ids"), "3");
    // Mode 0200 and no CAP_IPC_OWNER: SHM_STAT refuses the segment, SHM_STAT_ANY does not.
    if (seen.report.count("unreadable.skip")) {
        ipc::skip_part("stat_without_read_permission", seen.get("unreadable.skip"));
    } else {
        CHECK_EQ(seen.get("unreadable.ipc_set_0200"), "ok");
        CHECK_EQ(seen.get("unreadable.shm_stat"), "EACCES");
        CHECK_EQ(seen.get("unreadable.shm_stat_any.ids"), seen.get("made.ids"));
    }
    if (seen.get("proc") != "read") {
        ipc::skip_part("proc_sysvipc_shm", "/proc/sysvipc/shm cannot be read here");
        return;
    }
    CHECK_EQ(seen.get("proc.ids"), seen.get("made.ids"));
    CHECK_EQ(seen.get("shm_info.used_ids"), seen.get("proc.rows"));
    CHECK_EQ(seen.get("shm_info.shm_tot"), seen.get("proc.pages"));
    CHECK_EQ(seen.get("shm_info.shm_rss"), seen.get("proc.rss_pages"));
}
