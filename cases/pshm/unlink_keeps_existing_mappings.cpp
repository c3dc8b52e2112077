// PSHM-05 (edge; shm_unlink(3) "Once all processes have unmapped the object,
// ... the object's contents are deallocated"; ERRORS ENOENT): shm_unlink of a
// mapped object removes its name at once (shm_open without O_CREAT is
// ENOENT, /dev/shm lists it no more, a second shm_unlink is ENOENT) while the
// mappings stay valid and still shared: a forked child's write through its
// inherited mapping reaches the case's after the unlink.
#include <cstring>

#include "pshm_support.hpp"

CLAIM("PSHM-05", "shm_unlink removes the name at once; existing mappings stay valid and shared") {
    pshm::ShmName name;
    const auto length = static_cast<std::size_t>(ipc::page_size());
    auto mapped = [&] {
        auto fd = pshm::must_open(name.name(), O_CREAT | O_EXCL | O_RDWR);
        ipc::must(::ftruncate(fd.get(), static_cast<off_t>(length)), "ftruncate");
        return pshm::Mapping::map(fd.get(), length);
    }();  // the descriptor is closed: the mapping alone holds the object
    std::strcpy(mapped.bytes(), "before");

    CHECK_EQ(pshm::outcome("shm_unlink", ::shm_unlink(name.c_str())), "ok");
    CHECK_EQ(pshm::outcome("open_after_unlink", ::shm_open(name.c_str(), O_RDWR, 0600)), "ENOENT");
    CHECK_EQ(pshm::outcome("dev_shm_after_unlink", ::access(name.path().c_str(), F_OK)), "ENOENT");
    CHECK_EQ(pshm::outcome("second_unlink", ::shm_unlink(name.c_str())), "ENOENT");

    const std::string kept(mapped.bytes());
    ipc::evidence("mapping.after_unlink", kept);
    CHECK_EQ(kept, "before");
    auto status = ipc::Child::fork([&] {
                      std::strcpy(mapped.bytes(), "child wrote after the unlink");
                      return 0;
                  }).wait();
    ipc::evidence("child.status", status.describe());
    REQUIRE(status.exited_with(0));
    const std::string shared(mapped.bytes());
    ipc::evidence("mapping.after_child", shared);
    CHECK_EQ(shared, "child wrote after the unlink");
}
