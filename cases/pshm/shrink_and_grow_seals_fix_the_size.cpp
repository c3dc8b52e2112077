// PSHM-08 (edge; fcntl(2) "File Sealing": F_SEAL_SHRINK "the file in question
// cannot be reduced in size. This affects open(2) with the O_TRUNC flag as
// well as truncate(2) and ftruncate(2)", F_SEAL_GROW "the file in question
// cannot be increased in size. This affects fallocate(2) ... and write(2)
// beyond the end of the file", both EPERM): under F_SEAL_SHRINK ftruncate to
// a smaller size and an O_TRUNC open fail with EPERM while growing works;
// under F_SEAL_GROW ftruncate to a larger size, fallocate past the end and a
// write past the end fail with EPERM while shrinking and writing inside work;
// under both the size is fixed while the contents stay writable.
#include <string>

#include "pshm_support.hpp"

namespace {
// A sealable memfd of size bytes with the given seals added.
ipc::Fd sized_and_sealed(off_t size, int seals) {
    auto fd = pshm::memfd(MFD_ALLOW_SEALING);
    ipc::must(::ftruncate(fd.get(), size), "ftruncate");
    ipc::must(::fcntl(fd.get(), F_ADD_SEALS, seals), "fcntl(F_ADD_SEALS)");
    return fd;
}

// open("/proc/self/fd/<fd>", O_RDWR | O_TRUNC): a second open of the same
// memfd that truncates it; "ok" (closed again) or the errno name under key.
std::string open_truncating(const std::string& key, int fd) {
    const std::string path = "/proc/self/fd/" + std::to_string(fd);
    const int opened = ::open(path.c_str(), O_RDWR | O_TRUNC | O_CLOEXEC);
    const std::string outcome = pshm::outcome(key, opened);
    if (opened >= 0) ::close(opened);
    return outcome;
}
}  // namespace

CLAIM("PSHM-08", "F_SEAL_SHRINK refuses a smaller size and F_SEAL_GROW a larger one, with EPERM") {
    const off_t page = ipc::page_size();
    ipc::evidence("size", static_cast<long long>(2 * page));

    auto no_shrink = sized_and_sealed(2 * page, F_SEAL_SHRINK);
    CHECK_EQ(pshm::seals_of("shrink.seals", no_shrink.get()), "F_SEAL_SHRINK");
    CHECK_EQ(pshm::outcome("shrink.ftruncate_smaller", ::ftruncate(no_shrink.get(), page)), "EPERM");
    CHECK_EQ(open_truncating("shrink.open_o_trunc", no_shrink.get()), "EPERM");
    CHECK_EQ(pshm::outcome("shrink.pwrite_inside", ::pwrite(no_shrink.get(), "x", 1, 0)), "ok");
    CHECK_EQ(pshm::outcome("shrink.ftruncate_larger", ::ftruncate(no_shrink.get(), 3 * page)), "ok");
    ipc::evidence("shrink.size_after", pshm::size_of(no_shrink.get()));
    CHECK_EQ(pshm::size_of(no_shrink.get()), 3 * page);
    CHECK_EQ(pshm::outcome("shrink.ftruncate_back_after_growing", ::ftruncate(no_shrink.get(), 2 * page)), "EPERM");

    auto no_grow = sized_and_sealed(2 * page, F_SEAL_GROW);
    CHECK_EQ(pshm::seals_of("grow.seals", no_grow.get()), "F_SEAL_GROW");
    CHECK_EQ(pshm::outcome("grow.ftruncate_larger", ::ftruncate(no_grow.get(), 3 * page)), "EPERM");
    CHECK_EQ(pshm::outcome("grow.fallocate_past_end", ::fallocate(no_grow.get(), 0, 0, 4 * page)), "EPERM");
    CHECK_EQ(pshm::outcome("grow.pwrite_past_end", ::pwrite(no_grow.get(), "x", 1, 2 * page)), "EPERM");
    CHECK_EQ(pshm::outcome("grow.pwrite_inside", ::pwrite(no_grow.get(), "x", 1, 0)), "ok");
    CHECK_EQ(pshm::outcome("grow.ftruncate_smaller", ::ftruncate(no_grow.get(), page)), "ok");
    ipc::evidence("grow.size_after", pshm::size_of(no_grow.get()));
    CHECK_EQ(pshm::size_of(no_grow.get()), page);
    CHECK_EQ(pshm::outcome("grow.ftruncate_back_after_shrinking", ::ftruncate(no_grow.get(), 2 * page)), "EPERM");

    auto fixed = sized_and_sealed(2 * page, F_SEAL_SHRINK | F_SEAL_GROW);
    CHECK_EQ(pshm::seals_of("both.seals", fixed.get()), "F_SEAL_SHRINK|F_SEAL_GROW");
    CHECK_EQ(pshm::outcome("both.ftruncate_smaller", ::ftruncate(fixed.get(), page)), "EPERM");
    CHECK_EQ(open_truncating("both.open_o_trunc", fixed.get()), "EPERM");
    CHECK_EQ(pshm::outcome("both.ftruncate_larger", ::ftruncate(fixed.get(), 3 * page)), "EPERM");
    CHECK_EQ(pshm::outcome("both.fallocate_past_end", ::fallocate(fixed.get(), 0, 0, 4 * page)), "EPERM");
    CHECK_EQ(pshm::outcome("both.pwrite_past_end", ::pwrite(fixed.get(), "x", 1, 2 * page)), "EPERM");
    CHECK_EQ(pshm::outcome("both.pwrite_inside", ::pwrite(fixed.get(), "x", 1, 0)), "ok");
    ipc::evidence("both.size_after", pshm::size_of(fixed.get()));
    CHECK_EQ(pshm::size_of(fixed.get()), 2 * page);
}
