#include "ipc/error.hpp"
#include "ipc/sysv.hpp"

namespace ipc {

ShmSegment ShmSegment::create(std::size_t size, key_t key, int mode) {
    return ShmSegment(
        static_cast<int>(check_call(::shmget(key, size, IPC_CREAT | IPC_EXCL | mode), "shmget(IPC_CREAT)")), true);
}

ShmSegment ShmSegment::open(key_t key) {
    return ShmSegment(static_cast<int>(check_call(::shmget(key, 0, 0), "shmget(existing key)")), false);
}

ShmSegment::ShmSegment(ShmSegment&& other) noexcept : id_(other.id_), owned_(std::exchange(other.owned_, false)) {}

ShmSegment::~ShmSegment() {
    if (owned_) ::shmctl(id_, IPC_RMID, nullptr);
}

shmid_ds ShmSegment::stat() const {
    shmid_ds ds{};
    check_call(::shmctl(id_, IPC_STAT, &ds), "shmctl(IPC_STAT)");
    return ds;
}

void ShmSegment::remove() {
    check_call(::shmctl(id_, IPC_RMID, nullptr), "shmctl(IPC_RMID)");
    owned_ = false;
}

int ShmSegment::release() {
    owned_ = false;
    return id_;
}

ShmAttachment ShmAttachment::attach(int shmid, int flags) {
    void* addr = ::shmat(shmid, nullptr, flags);
    if (addr == reinterpret_cast<void*>(-1)) check_call(-1, "shmat");
    return ShmAttachment(addr);
}

ShmAttachment::ShmAttachment(ShmAttachment&& other) noexcept : addr_(std::exchange(other.addr_, nullptr)) {}

ShmAttachment::~ShmAttachment() {
    if (addr_) ::shmdt(addr_);
}

void ShmAttachment::detach() {
    check_call(::shmdt(addr_), "shmdt");
    addr_ = nullptr;
}

}  // namespace ipc
