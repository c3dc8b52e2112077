// PSHM-02 (edge; shm_open(3) ERRORS EEXIST "Both O_CREAT and O_EXCL were
// specified ... and the shared memory object specified by name already
// exists", ENOENT "An attempt was made to shm_open() a name that did not
// exist, and O_CREAT was not specified"): a missing name without O_CREAT is
// ENOENT; O_CREAT|O_EXCL creates it, a second O_CREAT|O_EXCL is EEXIST, and
// O_CREAT alone or no flag opens the same object.
#include "pshm_support.hpp"

namespace {
// The inode behind an open descriptor.
ino_t inode_of(int fd) {
    struct stat st {};
    ipc::must(::fstat(fd, &st), "fstat");
    return st.st_ino;
}
}  // namespace

CLAIM("PSHM-02", "shm_open: missing name ENOENT, O_CREAT|O_EXCL on an existing one EEXIST, O_CREAT opens it") {
    pshm::ShmName name;
    ipc::evidence("name", name.name());
    CHECK_EQ(pshm::outcome("missing.open", ::shm_open(name.c_str(), O_RDWR, 0600)), "ENOENT");

    auto created = pshm::must_open(name.name(), O_CREAT | O_EXCL | O_RDWR);
    CHECK_EQ(pshm::outcome("existing.open_excl", ::shm_open(name.c_str(), O_CREAT | O_EXCL | O_RDWR, 0600)), "EEXIST");

    ipc::Fd with_creat(::shm_open(name.c_str(), O_CREAT | O_RDWR, 0600));
    ipc::Fd without(::shm_open(name.c_str(), O_RDWR, 0600));
    ipc::evidence("existing.open_creat", ipc::outcome_of(with_creat.get()));
    ipc::evidence("existing.open", ipc::outcome_of(without.get()));
    REQUIRE(with_creat);
    REQUIRE(without);
    ipc::evidence("inode.created", static_cast<long long>(inode_of(created.get())));
    CHECK_EQ(inode_of(with_creat.get()), inode_of(created.get()));
    CHECK_EQ(inode_of(without.get()), inode_of(created.get()));
}
