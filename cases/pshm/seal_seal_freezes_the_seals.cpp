// PSHM-09 (edge; fcntl(2) "File Sealing": F_GET_SEALS returns the seals set,
// F_SEAL_SEAL "the set of seals itself cannot be modified", F_ADD_SEALS on a
// sealed set fails with EPERM; memfd_create(2) "If this flag
// [MFD_ALLOW_SEALING] is not set, the initial set of seals will be
// F_SEAL_SEAL"): F_GET_SEALS reports exactly the seals added; after
// F_SEAL_SEAL no seal can be added (EPERM); a memfd made without
// MFD_ALLOW_SEALING starts with F_SEAL_SEAL and refuses every seal.
#include "pshm_support.hpp"

CLAIM("PSHM-09", "F_GET_SEALS reports the seals; F_SEAL_SEAL (the default without MFD_ALLOW_SEALING) freezes them") {
    auto sealable = pshm::memfd(MFD_ALLOW_SEALING);
    CHECK_EQ(pshm::seals_of("sealable.seals.new", sealable.get()), "none");
    CHECK_EQ(pshm::outcome("sealable.add_shrink", ::fcntl(sealable.get(), F_ADD_SEALS, F_SEAL_SHRINK)), "ok");
    CHECK_EQ(pshm::seals_of("sealable.seals.shrink", sealable.get()), "F_SEAL_SHRINK");
    CHECK_EQ(pshm::outcome("sealable.add_seal", ::fcntl(sealable.get(), F_ADD_SEALS, F_SEAL_SEAL)), "ok");
    CHECK_EQ(pshm::seals_of("sealable.seals.sealed", sealable.get()), "F_SEAL_SEAL|F_SEAL_SHRINK");
    CHECK_EQ(pshm::outcome("sealable.add_grow_after_seal", ::fcntl(sealable.get(), F_ADD_SEALS, F_SEAL_GROW)), "EPERM");
    CHECK_EQ(pshm::outcome("sealable.add_shrink_again", ::fcntl(sealable.get(), F_ADD_SEALS, F_SEAL_SHRINK)), "EPERM");
    CHECK_EQ(pshm::seals_of("sealable.seals.final", sealable.get()), "F_SEAL_SEAL|F_SEAL_SHRINK");

    auto plain = pshm::memfd(0);
    CHECK_EQ(pshm::seals_of("plain.seals", plain.get()), "F_SEAL_SEAL");
    CHECK_EQ(pshm::outcome("plain.add_write", ::fcntl(plain.get(), F_ADD_SEALS, F_SEAL_WRITE)), "EPERM");
    CHECK_EQ(pshm::seals_of("plain.seals.after", plain.get()), "F_SEAL_SEAL");
}
