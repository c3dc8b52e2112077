// PSHM-18 (edge; memfd_create(2) MFD_NOEXEC_SEAL (since Linux 6.3): "the
// memory file will be created with the executable bit cleared and the
// F_SEAL_EXEC seal applied"; fcntl(2) F_SEAL_EXEC): a memfd made with
// MFD_NOEXEC_SEAL, with or without MFD_ALLOW_SEALING, has mode 0666 and
// F_SEAL_EXEC from the start, and chmod to 0777 fails with EPERM.
#include <string>

#include "pshm_support.hpp"

namespace {
// A memfd made with flags | MFD_NOEXEC_SEAL, or a skip naming what is missing.
ipc::Fd noexec_memfd(unsigned flags) {
    const int made = ::memfd_create("ipc-claims-noexec", flags | MFD_NOEXEC_SEAL);
    if (made < 0 && errno == ENOSYS) ipc::skip("memfd_create(2) is not implemented here (ENOSYS)");
    if (made < 0 && errno == EINVAL)
        ipc::skip("memfd_create refuses MFD_NOEXEC_SEAL with EINVAL: this kernel lacks it (Linux 6.3)");
    return ipc::Fd(static_cast<int>(ipc::must(made, "memfd_create(MFD_NOEXEC_SEAL)")));
}
}  // namespace

CLAIM("PSHM-18", "an MFD_NOEXEC_SEAL memfd is 0666 with F_SEAL_EXEC set, and chmod 0777 fails EPERM") {
    auto sealable = noexec_memfd(MFD_CLOEXEC | MFD_ALLOW_SEALING);
    CHECK_EQ(pshm::mode_of("allow_sealing.mode", sealable.get()), 0666);
    CHECK_EQ(pshm::seals_of("allow_sealing.seals", sealable.get()), "F_SEAL_EXEC");
    CHECK_EQ(pshm::outcome("allow_sealing.chmod_0777", ::fchmod(sealable.get(), 0777)), "EPERM");
    CHECK_EQ(pshm::mode_of("allow_sealing.mode_after", sealable.get()), 0666);

    auto plain = noexec_memfd(MFD_CLOEXEC);
    CHECK_EQ(pshm::mode_of("plain.mode", plain.get()), 0666);
    const int seals = ::fcntl(plain.get(), F_GET_SEALS);
    ipc::evidence("plain.seals", pshm::seals_named(seals));
    CHECK(seals >= 0);
    CHECK((seals & F_SEAL_EXEC) != 0);
    CHECK_EQ(pshm::outcome("plain.chmod_0777", ::fchmod(plain.get(), 0777)), "EPERM");
    CHECK_EQ(pshm::mode_of("plain.mode_after", plain.get()), 0666);
}
