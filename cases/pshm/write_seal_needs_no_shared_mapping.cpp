// PSHM-07 (edge; memfd_create(2) MFD_ALLOW_SEALING; fcntl(2) "File Sealing":
// F_SEAL_WRITE ... "EBUSY ... there exists a writable, shared mapping", and
// once set "write(2) fails with EPERM", mmap(2) of a shared writable mapping
// fails with EPERM): F_ADD_SEALS F_SEAL_WRITE is refused with EBUSY while a
// shared writable mapping exists; once it is unmapped the seal is taken, and
// then write(2), pwrite(2) and a new shared writable mapping fail with EPERM
// while reading still works.
#include <cstring>

#include "pshm_support.hpp"

CLAIM("PSHM-07", "F_SEAL_WRITE is refused (EBUSY) while a shared writable mapping exists; after it writes fail EPERM") {
    auto fd = pshm::memfd(MFD_ALLOW_SEALING);
    const auto length = static_cast<std::size_t>(ipc::page_size());
    ipc::must(::ftruncate(fd.get(), static_cast<off_t>(length)), "ftruncate");
    {
        auto writable = pshm::Mapping::map(fd.get(), length, PROT_READ | PROT_WRITE, MAP_SHARED);
        std::strcpy(writable.bytes(), "sealed text");
        CHECK_EQ(pshm::outcome("seal_write.while_mapped", ::fcntl(fd.get(), F_ADD_SEALS, F_SEAL_WRITE)), "EBUSY");
        CHECK_EQ(pshm::seals_of("seals.after_refusal", fd.get()), "none");
    }
    CHECK_EQ(pshm::outcome("seal_write.after_munmap", ::fcntl(fd.get(), F_ADD_SEALS, F_SEAL_WRITE)), "ok");
    CHECK_EQ(pshm::seals_of("seals.after_seal", fd.get()), "F_SEAL_WRITE");

    CHECK_EQ(pshm::outcome("write.sealed", ::write(fd.get(), "x", 1)), "EPERM");
    CHECK_EQ(pshm::outcome("pwrite.sealed", ::pwrite(fd.get(), "x", 1, 0)), "EPERM");
    void* shared = ::mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd.get(), 0);
    CHECK_EQ(pshm::outcome("mmap_shared_writable.sealed", shared == MAP_FAILED ? -1 : 0), "EPERM");
    if (shared != MAP_FAILED) ::munmap(shared, length);

    const std::string kept = ipc::pread_all(fd.get()).c_str();
    ipc::evidence("contents.sealed", kept);
    CHECK_EQ(kept, "sealed text");
}
