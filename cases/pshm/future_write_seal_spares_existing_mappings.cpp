// PSHM-11 (edge; fcntl(2) "File Sealing" F_SEAL_FUTURE_WRITE (since Linux
// 5.1): "the contents of the file can be modified via shared writable
// mappings that were created prior to the seal being set. Any attempt to
// create a new writable mapping on the file via mmap(2) will fail with
// EPERM. Likewise, an attempt to write to the file via write(2) will fail
// with EPERM"): unlike F_SEAL_WRITE, F_SEAL_FUTURE_WRITE is taken while a
// shared writable mapping exists, which stays writable; write(2) and a new
// shared writable mapping then fail with EPERM.
#include <cstring>

#include "pshm_support.hpp"

#ifndef F_SEAL_FUTURE_WRITE
#define F_SEAL_FUTURE_WRITE 0x0010
#endif

CLAIM("PSHM-11",
      "F_SEAL_FUTURE_WRITE is taken despite a writable mapping, which stays writable; new writes fail EPERM") {
    auto fd = pshm::memfd(MFD_ALLOW_SEALING);
    const auto length = static_cast<std::size_t>(ipc::page_size());
    ipc::must(::ftruncate(fd.get(), static_cast<off_t>(length)), "ftruncate");
    auto before = pshm::Mapping::map(fd.get(), length);

    const int added = ::fcntl(fd.get(), F_ADD_SEALS, F_SEAL_FUTURE_WRITE);
    if (added < 0 && errno == EINVAL) ipc::skip("F_SEAL_FUTURE_WRITE is not known here (EINVAL: a kernel before 5.1)");
    CHECK_EQ(pshm::outcome("add_future_write_while_mapped", added), "ok");
    const int seals = ::fcntl(fd.get(), F_GET_SEALS);
    ipc::evidence("seals", seals);
    CHECK_EQ(seals, F_SEAL_FUTURE_WRITE);

    std::strcpy(before.bytes(), "through the old mapping");
    const std::string read_back = ipc::pread_all(fd.get()).c_str();
    ipc::evidence("read_after_mapping_write", read_back);
    CHECK_EQ(read_back, "through the old mapping");

    CHECK_EQ(pshm::outcome("write_after_seal", ::write(fd.get(), "x", 1)), "EPERM");
    void* fresh = ::mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd.get(), 0);
    CHECK_EQ(pshm::outcome("new_shared_writable_mmap", fresh == MAP_FAILED ? -1 : 0), "EPERM");
    if (fresh != MAP_FAILED) ::munmap(fresh, length);
}
