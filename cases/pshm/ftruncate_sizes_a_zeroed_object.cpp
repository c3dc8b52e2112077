// PSHM-03 (edge; shm_open(3) "A new shared memory object initially has zero
// length--the size of the object can be set using ftruncate(2). The newly
// allocated bytes of a shared memory object are automatically initialized to
// 0"): a new object has size 0; ftruncate sets its size, and every byte of it
// reads as zero, through read(2) and through a mapping.
#include <algorithm>

#include "pshm_support.hpp"

CLAIM("PSHM-03", "a new object has size 0; ftruncate sets the size and the bytes read as zeros") {
    pshm::ShmName name;
    auto fd = pshm::must_open(name.name(), O_CREAT | O_EXCL | O_RDWR);
    const long long fresh = pshm::size_of(fd.get());
    ipc::evidence("size.new", fresh);
    CHECK_EQ(fresh, 0);

    const auto size = static_cast<std::size_t>(2 * ipc::page_size() + 123);
    ipc::evidence("ftruncate.size", static_cast<long long>(size));
    ipc::must(::ftruncate(fd.get(), static_cast<off_t>(size)), "ftruncate");
    const long long sized = pshm::size_of(fd.get());
    ipc::evidence("size.after_ftruncate", sized);
    CHECK_EQ(sized, static_cast<long long>(size));

    const std::string read_back = ipc::pread_all(fd.get());
    ipc::evidence("read.bytes", static_cast<long long>(read_back.size()));
    const auto nonzero_read = std::count_if(read_back.begin(), read_back.end(), [](char c) { return c != 0; });
    ipc::evidence("read.nonzero", static_cast<long long>(nonzero_read));
    CHECK_EQ(read_back.size(), size);
    CHECK_EQ(nonzero_read, 0);

    auto mapped = pshm::Mapping::map(fd.get(), size, PROT_READ);
    const auto nonzero_mapped = std::count_if(mapped.bytes(), mapped.bytes() + size, [](char c) { return c != 0; });
    ipc::evidence("mapped.nonzero", static_cast<long long>(nonzero_mapped));
    CHECK_EQ(nonzero_mapped, 0);
}
