// PSHM-17 (edge; memfd_create(2) MFD_EXEC (since Linux 6.3): "the memory
// file will be created with the executable bit set"; fcntl(2) F_SEAL_EXEC
// (since Linux 6.3): "the file's execute permission bits ... cannot be
// changed" with chmod(2)): a memfd made with MFD_EXEC has mode 0777 and its
// mode changes freely; after F_SEAL_EXEC a chmod that would change any
// execute bit fails with EPERM and leaves the mode, while one that keeps them
// (read and write bits only) works and the memfd stays writable. Made with
// MFD_EXEC but without MFD_ALLOW_SEALING it is 0777 too, sealed with
// F_SEAL_SEAL alone, and chmod works.
#include <string>

#include "pshm_support.hpp"

namespace {
// A memfd made with flags | MFD_EXEC, or a skip naming why there is none.
ipc::Fd exec_memfd(unsigned flags) {
    const int made = ::memfd_create("ipc-claims-exec", flags | MFD_EXEC);
    if (made < 0 && errno == ENOSYS) ipc::skip("memfd_create(2) is not implemented here (ENOSYS)");
    if (made < 0 && errno == EINVAL)
        ipc::skip("memfd_create refuses MFD_EXEC with EINVAL: this kernel lacks MFD_EXEC and F_SEAL_EXEC (Linux 6.3)");
    if (made < 0 && errno == EACCES)
        ipc::skip("memfd_create refuses MFD_EXEC with EACCES: vm.memfd_noexec is " +
                  ipc::read_text("/proc/sys/vm/memfd_noexec").value_or("unreadable") +
                  " in this pid namespace (2 forbids executable memfds)");
    return ipc::Fd(static_cast<int>(ipc::must(made, "memfd_create(MFD_EXEC)")));
}

// fchmod(fd, mode): "ok" or the errno name, recorded under key.
std::string chmod_to(const std::string& key, int fd, mode_t mode) { return pshm::outcome(key, ::fchmod(fd, mode)); }
}  // namespace

CLAIM("PSHM-17", "an MFD_EXEC memfd is 0777; under F_SEAL_EXEC a chmod changing an execute bit fails EPERM") {
    auto fd = exec_memfd(MFD_CLOEXEC | MFD_ALLOW_SEALING);

    CHECK_EQ(pshm::mode_of("mode.created", fd.get()), 0777);
    CHECK_EQ(chmod_to("chmod_0644.unsealed", fd.get(), 0644), "ok");
    CHECK_EQ(pshm::mode_of("mode.unsealed", fd.get()), 0644);
    CHECK_EQ(pshm::seals_of("seals.before", fd.get()), "none");
    CHECK_EQ(pshm::outcome("add.exec", ::fcntl(fd.get(), F_ADD_SEALS, F_SEAL_EXEC)), "ok");
    CHECK_EQ(pshm::seals_of("seals.after", fd.get()), "F_SEAL_EXEC");

    CHECK_EQ(chmod_to("chmod_0600.sealed", fd.get(), 0600), "ok");
    for (const char* changing_exec : {"0777", "0670", "0605", "0700", "0100"})
        CHECK_EQ(chmod_to(std::string("chmod_") + changing_exec + ".sealed", fd.get(),
                          static_cast<mode_t>(std::stoi(changing_exec, nullptr, 8))),
                 "EPERM");
    CHECK_EQ(pshm::mode_of("mode.after_refusals", fd.get()), 0600);
    CHECK_EQ(chmod_to("chmod_0666.sealed", fd.get(), 0666), "ok");
    CHECK_EQ(pshm::mode_of("mode.final", fd.get()), 0666);
    CHECK_EQ(pshm::outcome("write.sealed", ::write(fd.get(), "data", 4)), "ok");

    auto unsealable = exec_memfd(MFD_CLOEXEC);
    CHECK_EQ(pshm::mode_of("no_sealing.mode", unsealable.get()), 0777);
    CHECK_EQ(pshm::seals_of("no_sealing.seals", unsealable.get()), "F_SEAL_SEAL");
    CHECK_EQ(chmod_to("no_sealing.chmod_0666", unsealable.get(), 0666), "ok");
    CHECK_EQ(pshm::mode_of("no_sealing.mode_after", unsealable.get()), 0666);
}
