// PSHM-06 (edge; shm_overview(7) "POSIX shared memory objects have kernel
// persistence: a shared memory object will exist until the system is shut
// down, or until all processes have unmapped the object and it has been
// deleted with shm_unlink(3)"; the document's §2 says the same of System V
// segments, SHM-04): an object and its contents persist after the separately
// executed program that created and wrote it has exited, until shm_unlink.
#include <cstring>

#include "pshm_support.hpp"

namespace {
const std::string text = "left by a program that has exited";
}

// Creates the object, sizes it, writes the text and exits without unlinking.
IPC_ROLE("creator") {
    auto fd = pshm::must_open(args.at(0), O_CREAT | O_EXCL | O_RDWR);
    ipc::must(::ftruncate(fd.get(), ipc::page_size()), "ftruncate");
    auto mapped = pshm::Mapping::map(fd.get(), static_cast<std::size_t>(ipc::page_size()));
    std::memcpy(mapped.bytes(), text.c_str(), text.size() + 1);
    return 0;
}

CLAIM("PSHM-06", "a POSIX shared memory object and its contents outlive their creator until shm_unlink") {
    pshm::ShmName name;
    ipc::evidence("name", name.name());
    auto creator = ipc::Child::exec_role("creator", {name.name()});
    auto status = creator.wait();
    ipc::evidence("creator.status", status.describe());
    REQUIRE(status.exited_with(0));

    ipc::Fd fd(::shm_open(name.c_str(), O_RDWR, 0600));
    ipc::evidence("open_after_exit", ipc::outcome_of(fd.get()));
    REQUIRE(fd);
    const std::string kept = ipc::pread_all(fd.get()).c_str();
    ipc::evidence("contents_after_exit", kept);
    CHECK_EQ(kept, text);

    CHECK_EQ(pshm::outcome("shm_unlink", ::shm_unlink(name.c_str())), "ok");
    CHECK_EQ(pshm::outcome("open_after_unlink", ::shm_open(name.c_str(), O_RDWR, 0600)), "ENOENT");
}
