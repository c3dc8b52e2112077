// PSHM-16 (edge; fcntl(2) F_ADD_SEALS: "add the seals given in the bit-mask
// argument arg to the set of seals", EBUSY when "arg includes F_SEAL_WRITE
// and there exists a writable, shared mapping on the file"): an F_ADD_SEALS
// refused with EBUSY adds none of the seals asked with F_SEAL_WRITE: the set
// stays empty, the file still grows, shrinks and takes new seals.
#include "pshm_support.hpp"

CLAIM("PSHM-16", "an F_ADD_SEALS refused with EBUSY for F_SEAL_WRITE adds none of the other seals asked with it") {
    const off_t page = ipc::page_size();
    auto fd = pshm::memfd(MFD_ALLOW_SEALING);
    ipc::must(::ftruncate(fd.get(), 2 * page), "ftruncate");
    auto writable = pshm::Mapping::map(fd.get(), static_cast<std::size_t>(page));

    CHECK_EQ(pshm::outcome("add.write_and_grow", ::fcntl(fd.get(), F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_GROW)), "EBUSY");
    CHECK_EQ(pshm::seals_of("seals.after_write_and_grow", fd.get()), "none");
    CHECK_EQ(pshm::outcome("add.write_shrink_and_seal",
                           ::fcntl(fd.get(), F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_SHRINK | F_SEAL_SEAL)),
             "EBUSY");
    CHECK_EQ(pshm::seals_of("seals.after_write_shrink_and_seal", fd.get()), "none");

    CHECK_EQ(pshm::outcome("ftruncate.grow", ::ftruncate(fd.get(), 3 * page)), "ok");
    CHECK_EQ(pshm::outcome("ftruncate.shrink", ::ftruncate(fd.get(), page)), "ok");
    CHECK_EQ(pshm::outcome("add.grow_alone", ::fcntl(fd.get(), F_ADD_SEALS, F_SEAL_GROW)), "ok");
    CHECK_EQ(pshm::seals_of("seals.final", fd.get()), "F_SEAL_GROW");
}
