// PSHM-04 (edge; shm_overview(7) "unrelated processes can ... share memory by
// calling shm_open() with the same name"; mmap(2) MAP_SHARED "Updates to the
// mapping are visible to other processes mapping the same region"): a
// separately executed program that opens the same name and maps it sees the
// bytes the case wrote, and the case sees the bytes it wrote.
#include <cstring>

#include "pshm_support.hpp"

namespace {
const std::string from_case = "written by the case";
const std::string from_role = "written by the other program";
}  // namespace

// Opens the name (no O_CREAT: it must exist), maps it, reports what the case
// wrote at offset 0 and writes its own text one page further.
IPC_ROLE("peer") {
    const std::string& name = args.at(0);
    const auto length = static_cast<std::size_t>(2 * ipc::page_size());
    auto fd = pshm::must_open(name, O_RDWR);
    auto mapped = pshm::Mapping::map(fd.get(), length);
    const std::string seen(mapped.bytes());
    ipc::evidence("peer.saw", seen);
    std::memcpy(mapped.bytes() + ipc::page_size(), from_role.c_str(), from_role.size() + 1);
    return seen == from_case ? 0 : 1;
}

CLAIM("PSHM-04", "two unrelated programs that open the same name share its bytes") {
    pshm::ShmName name;
    const auto length = static_cast<std::size_t>(2 * ipc::page_size());
    auto fd = pshm::must_open(name.name(), O_CREAT | O_EXCL | O_RDWR);
    ipc::must(::ftruncate(fd.get(), static_cast<off_t>(length)), "ftruncate");
    auto mapped = pshm::Mapping::map(fd.get(), length);
    std::memcpy(mapped.bytes(), from_case.c_str(), from_case.size() + 1);
    ipc::evidence("name", name.name());

    auto status = ipc::Child::exec_role("peer", {name.name()}).wait();
    ipc::evidence("peer.status", status.describe());
    CHECK(status.exited_with(0));  // it saw the case's text
    const std::string seen(mapped.bytes() + ipc::page_size());
    ipc::evidence("case.saw", seen);
    CHECK_EQ(seen, from_role);
}
