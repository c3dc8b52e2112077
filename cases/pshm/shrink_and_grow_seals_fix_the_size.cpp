// PSHM-08 (edge; fcntl(2) "File Sealing": F_SEAL_SHRINK "the file in question
// cannot be reduced in size", F_SEAL_GROW "the file in question cannot be
// increased in size ... write(2) beyond the end of the file", both EPERM):
// under F_SEAL_SHRINK ftruncate to a smaller size fails with EPERM while
// growing works; under F_SEAL_GROW ftruncate to a larger size and a write
// past the end fail with EPERM while shrinking and writing inside work.
#include "pshm_support.hpp"

namespace {
// A sealable memfd of size bytes with the given seal added.
ipc::Fd sized_and_sealed(off_t size, int seal) {
    auto fd = pshm::memfd(MFD_ALLOW_SEALING);
    ipc::must(::ftruncate(fd.get(), size), "ftruncate");
    ipc::must(::fcntl(fd.get(), F_ADD_SEALS, seal), "fcntl(F_ADD_SEALS)");
    return fd;
}
}  // namespace

CLAIM("PSHM-08", "F_SEAL_SHRINK refuses a smaller size and F_SEAL_GROW a larger one, with EPERM") {
    const off_t page = ipc::page_size();
    ipc::evidence("size", static_cast<long long>(2 * page));

    auto no_shrink = sized_and_sealed(2 * page, F_SEAL_SHRINK);
    CHECK_EQ(pshm::seals_of("shrink.seals", no_shrink.get()), "F_SEAL_SHRINK");
    CHECK_EQ(pshm::outcome("shrink.ftruncate_smaller", ::ftruncate(no_shrink.get(), page)), "EPERM");
    CHECK_EQ(pshm::outcome("shrink.ftruncate_larger", ::ftruncate(no_shrink.get(), 3 * page)), "ok");
    ipc::evidence("shrink.size_after", pshm::size_of(no_shrink.get()));
    CHECK_EQ(pshm::size_of(no_shrink.get()), 3 * page);

    auto no_grow = sized_and_sealed(2 * page, F_SEAL_GROW);
    CHECK_EQ(pshm::seals_of("grow.seals", no_grow.get()), "F_SEAL_GROW");
    CHECK_EQ(pshm::outcome("grow.ftruncate_larger", ::ftruncate(no_grow.get(), 3 * page)), "EPERM");
    CHECK_EQ(pshm::outcome("grow.pwrite_past_end", ::pwrite(no_grow.get(), "x", 1, 2 * page)), "EPERM");
    CHECK_EQ(pshm::outcome("grow.pwrite_inside", ::pwrite(no_grow.get(), "x", 1, 0)), "ok");
    CHECK_EQ(pshm::outcome("grow.ftruncate_smaller", ::ftruncate(no_grow.get(), page)), "ok");
    ipc::evidence("grow.size_after", pshm::size_of(no_grow.get()));
    CHECK_EQ(pshm::size_of(no_grow.get()), page);
}
