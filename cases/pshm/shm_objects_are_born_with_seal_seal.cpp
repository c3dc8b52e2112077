// PSHM-20 (edge; shm_overview(7): objects live in a tmpfs mounted under
// /dev/shm; fcntl(2) "File Sealing": seals can be applied only to a memfd
// made with MFD_ALLOW_SEALING, F_SEAL_SEAL "the set of seals cannot be
// modified", and F_ADD_SEALS fails with EPERM on F_SEAL_SEAL; memfd_create(2):
// without MFD_ALLOW_SEALING "the only seal set is F_SEAL_SEAL"): a POSIX
// shared memory object, an ordinary tmpfs file, reports F_SEAL_SEAL from
// F_GET_SEALS and refuses every F_ADD_SEALS with EPERM, adding nothing: it
// still takes writes and changes size.
#include <linux/magic.h>
#include <sys/statfs.h>
#include <vector>

#include "pshm_support.hpp"

CLAIM("PSHM-20", "a POSIX shared memory object (a tmpfs file) starts with F_SEAL_SEAL and refuses every seal") {
    struct statfs fs {};
    ipc::must(::statfs("/dev/shm", &fs), "statfs(/dev/shm)");
    ipc::evidence("dev_shm.f_type_is_tmpfs", fs.f_type == TMPFS_MAGIC ? "yes" : "no");
    if (fs.f_type != TMPFS_MAGIC) ipc::skip("/dev/shm is not a tmpfs here, so its files need not carry tmpfs seals");

    pshm::ShmName name;
    auto fd = pshm::must_open(name.name(), O_CREAT | O_EXCL | O_RDWR);
    const auto page = ipc::page_size();
    ipc::must(::ftruncate(fd.get(), page), "ftruncate");
    CHECK_EQ(pshm::seals_of("seals.new", fd.get()), "F_SEAL_SEAL");

    CHECK_EQ(pshm::outcome("add.F_SEAL_WRITE", ::fcntl(fd.get(), F_ADD_SEALS, F_SEAL_WRITE)), "EPERM");
    CHECK_EQ(pshm::outcome("add.F_SEAL_SHRINK", ::fcntl(fd.get(), F_ADD_SEALS, F_SEAL_SHRINK)), "EPERM");
    CHECK_EQ(pshm::outcome("add.F_SEAL_GROW", ::fcntl(fd.get(), F_ADD_SEALS, F_SEAL_GROW)), "EPERM");
    CHECK_EQ(pshm::outcome("add.F_SEAL_SEAL", ::fcntl(fd.get(), F_ADD_SEALS, F_SEAL_SEAL)), "EPERM");
    CHECK_EQ(pshm::seals_of("seals.after", fd.get()), "F_SEAL_SEAL");

    // Nothing was added: the object is as writable and resizable as before.
    const std::vector<char> bytes(static_cast<std::size_t>(page), 'x');
    const ssize_t wrote = ::pwrite(fd.get(), bytes.data(), bytes.size(), 0);
    ipc::evidence("pwrite.bytes", static_cast<long long>(wrote));
    CHECK_EQ(wrote, static_cast<ssize_t>(page));
    CHECK_EQ(pshm::outcome("grow", ::ftruncate(fd.get(), 2 * page)), "ok");
    CHECK_EQ(pshm::outcome("shrink", ::ftruncate(fd.get(), 0)), "ok");
}
