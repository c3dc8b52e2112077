// PSHM-01 (edge; shm_open(3) "name ... of the form /somename ... consisting
// of an initial slash, followed by one or more characters, none of which are
// slashes", ERRORS EINVAL; shm_overview(7) "mounted under /dev/shm"): a name
// with a slash after its leading one, or nothing after the slash, is refused
// with EINVAL; the object of "/somename" is the file /dev/shm/somename.
#include "pshm_support.hpp"

CLAIM("PSHM-01", "shm_open refuses names with an inner or no character after the slash; /name is /dev/shm/name") {
    pshm::ShmName good;
    const std::string inner = good.name() + "/inner";  // starts with good's name: cleaned up with it
    ipc::evidence("inner_slash.name", inner);
    CHECK_EQ(pshm::outcome("inner_slash.shm_open", ::shm_open(inner.c_str(), O_CREAT | O_RDWR, 0600)), "EINVAL");
    CHECK_EQ(pshm::outcome("slash_only.shm_open", ::shm_open("/", O_CREAT | O_RDWR, 0600)), "EINVAL");

    auto fd = pshm::must_open(good.name(), O_CREAT | O_EXCL | O_RDWR);
    ipc::evidence("good.name", good.name());
    struct stat opened {
    }, file{};
    ipc::must(::fstat(fd.get(), &opened), "fstat");
    const int listed = ::stat(good.path().c_str(), &file);
    ipc::evidence("dev_shm.path", good.path());
    ipc::evidence("dev_shm.stat", ipc::outcome_of(listed));
    REQUIRE_EQ(listed, 0);
    ipc::evidence("inode.opened", static_cast<long long>(opened.st_ino));
    ipc::evidence("inode.dev_shm", static_cast<long long>(file.st_ino));
    CHECK_EQ(opened.st_ino, file.st_ino);
    CHECK_EQ(opened.st_dev, file.st_dev);
}
