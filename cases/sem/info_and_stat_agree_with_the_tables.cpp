// SEM-12 (semctl(2) IPC_INFO, SEM_INFO, SEM_STAT, SEM_STAT_ANY; proc(5)
// /proc/sys/kernel/sem, /proc/sysvipc/sem): the namespace's account of its
// semaphores agrees with itself. IPC_INFO and SEM_INFO report the limits of
// kernel.sem (semmsl, semmns, semopm, semmni); SEM_INFO counts the sets in
// use (semusz) and their semaphores (semaem) as /proc/sysvipc/sem lists them;
// both return the highest index in use, and SEM_STAT of each index up to it
// finds exactly the sets there are, each with its id and what IPC_STAT says.
// SEM_STAT needs read permission (EACCES without, for the owner without
// CAP_IPC_OWNER); SEM_STAT_ANY does not.
#include <map>
#include <set>

#include "ipc/case.hpp"
#include "ipc/sysvipc.hpp"
#include "sem_support.hpp"

namespace {
// "nsems=3 mode=600 uid=0 ctime=..." for comparing two semid_ds.
std::string described(const semid_ds& ds) {
    return "key=" + std::to_string(ds.sem_perm.__key) + " nsems=" + std::to_string(ds.sem_nsems) +
           " mode=" + std::to_string(ds.sem_perm.mode & 0777) + " uid=" + std::to_string(ds.sem_perm.uid) +
           " cuid=" + std::to_string(ds.sem_perm.cuid) + " otime=" + std::to_string(ds.sem_otime) +
           " ctime=" + std::to_string(ds.sem_ctime);
}
}  // namespace

CLAIM("SEM-12", "IPC_INFO, SEM_INFO, SEM_STAT and SEM_STAT_ANY agree with kernel.sem and /proc/sysvipc/sem") {
    const auto limits = semcase::limits();
    // The case's own sets: 1, 2 and 3 semaphores.
    auto one = ipc::SemSet::create(1);
    auto two = ipc::SemSet::create(2, ipc::fresh_key());
    auto three = ipc::SemSet::create(3);
    const std::map<int, int> ours = {{one.id(), 1}, {two.id(), 2}, {three.id(), 3}};

    seminfo info{};
    const long ipc_info_max = ipc::must(::semctl(0, 0, IPC_INFO, &info), "semctl(IPC_INFO)");
    ipc::evidence("ipc_info.returned", ipc_info_max);
    ipc::evidence("ipc_info", "semmsl=" + std::to_string(info.semmsl) + " semmns=" + std::to_string(info.semmns) +
                                  " semopm=" + std::to_string(info.semopm) + " semmni=" + std::to_string(info.semmni) +
                                  " semvmx=" + std::to_string(info.semvmx) + " semaem=" + std::to_string(info.semaem));
    CHECK_EQ(info.semmsl, limits.semmsl);
    CHECK_EQ(info.semmns, limits.semmns);
    CHECK_EQ(info.semopm, limits.semopm);
    CHECK_EQ(info.semmni, limits.semmni);

    seminfo used{};
    const long max_index = ipc::must(::semctl(0, 0, SEM_INFO, &used), "semctl(SEM_INFO)");
    ipc::evidence("sem_info.returned", max_index);
    ipc::evidence("sem_info.semusz", used.semusz);
    ipc::evidence("sem_info.semaem", used.semaem);
    CHECK_EQ(max_index, ipc_info_max);
    CHECK_EQ(used.semmsl, limits.semmsl);
    CHECK_EQ(used.semmni, limits.semmni);

    // SEM_STAT of every index up to the highest: the sets of this namespace.
    std::map<int, int> found;  // id -> nsems
    for (int index = 0; index <= max_index; ++index) {
        semid_ds ds{};
        const long id = semcase::semctl_raw(index, 0, SEM_STAT_ANY, &ds);
        if (id < 0) continue;
        found[static_cast<int>(id)] = static_cast<int>(ds.sem_nsems);
        semid_ds by_id{};
        ipc::must(::semctl(static_cast<int>(id), 0, IPC_STAT, &by_id), "semctl(IPC_STAT)");
        CHECK_EQ(described(ds), described(by_id));
    }
    if (found.empty())
        ipc::skip("SEM_STAT_ANY finds no set at any index up to " + std::to_string(max_index) +
                  " (a kernel before 4.17 has no SEM_STAT_ANY): " + ipc::errno_name(errno));
    int semaphores = 0;
    for (const auto& [id, nsems] : found) semaphores += nsems;
    ipc::evidence("sem_stat_any.sets", static_cast<long long>(found.size()));
    ipc::evidence("sem_stat_any.semaphores", semaphores);
    for (const auto& [id, nsems] : ours) {
        INFO("set " << id);
        CHECK_EQ(found.count(id), 1u);
        CHECK_EQ(found[id], nsems);
    }
    CHECK_EQ(used.semusz, static_cast<int>(found.size()));
    CHECK_EQ(used.semaem, semaphores);

    // /proc/sysvipc/sem lists the same sets.
    if (auto table = ipc::sysvipc_objects("sem")) {
        std::set<int> listed;
        for (const auto& object : *table) listed.insert(object.id);
        ipc::evidence("proc_sysvipc_sem.sets", static_cast<long long>(listed.size()));
        std::set<int> stat_ids;
        for (const auto& [id, nsems] : found) stat_ids.insert(id);
        CHECK(listed == stat_ids);
        CHECK_EQ(used.semusz, static_cast<int>(listed.size()));
    } else {
        ipc::skip_part("proc_sysvipc_sem", "/proc/sysvipc/sem unreadable: " + ipc::errno_name(errno));
    }

    // SEM_STAT needs read permission; SEM_STAT_ANY does not (the third set made write-only).
    semid_ds write_only{};
    ipc::must(::semctl(three.id(), 0, IPC_STAT, &write_only), "semctl(IPC_STAT)");
    write_only.sem_perm.mode = 0200;
    ipc::must(::semctl(three.id(), 0, IPC_SET, &write_only), "semctl(IPC_SET 0200)");
    int index_of_three = -1;
    for (int index = 0; index <= max_index; ++index) {
        semid_ds ds{};
        if (semcase::semctl_raw(index, 0, SEM_STAT_ANY, &ds) == three.id()) index_of_three = index;
    }
    REQUIRE(index_of_three >= 0);
    auto child = ipc::ReportingChild::fork([&](ipc::Report& r) {
        if (int err = ipc::drop_all_capabilities(); err != 0) {
            r["result"] = "cannot: " + ipc::errno_name(err);
            return 0;
        }
        semid_ds ds{};
        const long stat = semcase::semctl_raw(index_of_three, 0, SEM_STAT, &ds);
        r["result"] = "SEM_STAT:" + ipc::outcome_of(stat);
        const long any = semcase::semctl_raw(index_of_three, 0, SEM_STAT_ANY, &ds);
        r["result"] += " SEM_STAT_ANY:" + (any == three.id() ? std::string("the id") : ipc::outcome_of(any));
        return 0;
    });
    const auto without = child.finish().get("result");
    ipc::evidence("owner_without_capabilities_of_0200_set", without);
    if (without.rfind("cannot", 0) == 0) ipc::broken(without);
    CHECK_EQ(without, "SEM_STAT:EACCES SEM_STAT_ANY:the id");
}
