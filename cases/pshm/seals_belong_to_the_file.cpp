// PSHM-10 (edge; fcntl(2) "File Sealing": "Seals are a property of an inode.
// Thus, all open file descriptors referring to the same inode share the same
// set of seals", and F_ADD_SEALS fails with EPERM when "the file descriptor
// is not writable" [memfd_create(2): reopening through /proc]): seals added
// through one descriptor are seen through a dup, a reopen of
// /proc/self/fd/N and a forked child's inherited descriptor, and are
// enforced through every one of them (write and ftruncate fail with EPERM,
// also through a dup made after the seal); seals added through any of them
// are seen by all; a reopen read-only cannot add a seal (EPERM).
#include <string>
#include <vector>

#include "ipc/reporting_child.hpp"
#include "pshm_support.hpp"

namespace {
// open(/proc/self/fd/N, flags): a new open file of the same memfd.
ipc::Fd reopen(int fd, int flags) {
    const std::string path = "/proc/self/fd/" + std::to_string(fd);
    return ipc::Fd(static_cast<int>(ipc::must(::open(path.c_str(), flags), "open(" + path + ")")));
}

ipc::Fd dup_of(int fd) { return ipc::Fd(static_cast<int>(ipc::must(::dup(fd), "dup"))); }
}  // namespace

CLAIM("PSHM-10",
      "seals belong to the memfd: every descriptor sees them and is held to them; a read-only one cannot add "
      "them") {
    const auto page = ipc::page_size();
    auto fd = pshm::memfd(MFD_ALLOW_SEALING);
    ipc::must(::ftruncate(fd.get(), page), "ftruncate");
    auto duplicate = dup_of(fd.get());
    auto reopened = reopen(fd.get(), O_RDWR);

    CHECK_EQ(pshm::outcome("add_write_via_first", ::fcntl(fd.get(), F_ADD_SEALS, F_SEAL_WRITE)), "ok");
    CHECK_EQ(pshm::seals_of("seals.via_dup", duplicate.get()), "F_SEAL_WRITE");
    CHECK_EQ(pshm::seals_of("seals.via_reopen", reopened.get()), "F_SEAL_WRITE");

    // The write seal holds through every descriptor, one dup'ed after it too.
    auto later = dup_of(duplicate.get());
    const std::vector<char> bytes(static_cast<std::size_t>(page), 'x');
    CHECK_EQ(pshm::outcome("write_via_first", ::pwrite(fd.get(), bytes.data(), bytes.size(), 0)), "EPERM");
    CHECK_EQ(pshm::outcome("write_via_dup", ::pwrite(duplicate.get(), bytes.data(), bytes.size(), 0)), "EPERM");
    CHECK_EQ(pshm::outcome("write_via_reopen", ::pwrite(reopened.get(), bytes.data(), bytes.size(), 0)), "EPERM");
    CHECK_EQ(pshm::outcome("write_via_later_dup", ::write(later.get(), bytes.data(), bytes.size())), "EPERM");

    CHECK_EQ(pshm::outcome("add_shrink_via_reopen", ::fcntl(reopened.get(), F_ADD_SEALS, F_SEAL_SHRINK)), "ok");
    CHECK_EQ(pshm::seals_of("seals.via_first", fd.get()), "F_SEAL_SHRINK|F_SEAL_WRITE");

    auto child = ipc::ReportingChild::fork([&](ipc::Report& r) {
        r["seals"] = pshm::seals_named(::fcntl(duplicate.get(), F_GET_SEALS));
        r["add_grow"] = ipc::outcome_of(::fcntl(duplicate.get(), F_ADD_SEALS, F_SEAL_GROW));
        return 0;
    });
    auto seen = child.finish("child");
    REQUIRE(seen.status.exited_with(0));
    CHECK_EQ(seen.get("seals"), "F_SEAL_SHRINK|F_SEAL_WRITE");
    CHECK_EQ(seen.get("add_grow"), "ok");
    CHECK_EQ(pshm::seals_of("seals.after_child", fd.get()), "F_SEAL_SHRINK|F_SEAL_GROW|F_SEAL_WRITE");

    // The seals added through the reopen and the child hold through the others.
    CHECK_EQ(pshm::outcome("grow_via_first", ::ftruncate(fd.get(), 2 * page)), "EPERM");
    CHECK_EQ(pshm::outcome("grow_via_later_dup", ::ftruncate(later.get(), 2 * page)), "EPERM");
    CHECK_EQ(pshm::outcome("shrink_via_dup", ::ftruncate(duplicate.get(), 0)), "EPERM");
    ipc::evidence("size", pshm::size_of(fd.get()));
    CHECK_EQ(pshm::size_of(fd.get()), page);

    auto readonly = reopen(fd.get(), O_RDONLY);
    CHECK_EQ(pshm::outcome("add_seal_via_readonly", ::fcntl(readonly.get(), F_ADD_SEALS, F_SEAL_SEAL)), "EPERM");
    CHECK_EQ(pshm::seals_of("seals.final", fd.get()), "F_SEAL_SHRINK|F_SEAL_GROW|F_SEAL_WRITE");
}
