#include <vector>

#include "ipc/error.hpp"
#include "ipc/sysv.hpp"

namespace ipc {

SemSet SemSet::create(int nsems, key_t key, int mode) {
    return SemSet(static_cast<int>(check_call(::semget(key, nsems, IPC_CREAT | IPC_EXCL | mode), "semget(IPC_CREAT)")),
                  true);
}

SemSet SemSet::open(key_t key) {
    return SemSet(static_cast<int>(check_call(::semget(key, 0, 0), "semget(existing key)")), false);
}

SemSet::SemSet(SemSet&& other) noexcept : id_(other.id_), owned_(std::exchange(other.owned_, false)) {}

SemSet::~SemSet() {
    if (owned_) ::semctl(id_, 0, IPC_RMID);
}

int SemSet::value(int semnum) const {
    return static_cast<int>(check_call(::semctl(id_, semnum, GETVAL), "semctl(GETVAL)"));
}

void SemSet::set_value(int semnum, int value) { check_call(::semctl(id_, semnum, SETVAL, value), "semctl(SETVAL)"); }

void SemSet::remove() {
    check_call(::semctl(id_, 0, IPC_RMID), "semctl(IPC_RMID)");
    owned_ = false;
}

int SemSet::release() {
    owned_ = false;
    return id_;
}

int sem_apply(int semid, std::initializer_list<sembuf> ops) {
    std::vector<sembuf> list(ops);
    return ::semop(semid, list.data(), list.size());
}

}  // namespace ipc
