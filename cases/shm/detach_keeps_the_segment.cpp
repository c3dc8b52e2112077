// SHM-11 (seed §2.3 shmdt "does not delete the identifier and its data
// structure"; shmop(2), shmctl(2)): shmdt detaches (the attach count drops)
// but does not remove the segment: the key still names it, and a new
// attachment finds the contents left there.
#include "ipc/case.hpp"
#include "shm_support.hpp"

CLAIM("SHM-11", "shmdt drops the attach count but leaves the segment and its contents") {
    const key_t key = ipc::fresh_key();
    auto segment = ipc::ShmSegment::create(static_cast<std::size_t>(ipc::page_size()), key);
    ipc::evidence("key", std::to_string(key));
    ipc::evidence("shmid", segment.id());

    auto first = ipc::ShmAttachment::attach(segment.id());
    auto second = ipc::ShmAttachment::attach(segment.id());
    const std::string text = "kept after shmdt";
    text.copy(first.bytes(), text.size());
    CHECK_EQ(shmcase::record_stat("attached_twice", segment.id()).shm_nattch, 2u);

    // After each shmdt the key still names the segment.
    first.detach();
    REQUIRE_EQ(::shmget(key, 0, 0), segment.id());
    CHECK_EQ(shmcase::record_stat("after_one_shmdt", segment.id()).shm_nattch, 1u);
    second.detach();
    REQUIRE_EQ(::shmget(key, 0, 0), segment.id());
    auto detached = shmcase::record_stat("after_both_shmdt", segment.id());
    CHECK_EQ(detached.shm_nattch, 0u);
    CHECK_EQ(detached.shm_lpid, ::getpid());
    CHECK_EQ(detached.shm_perm.mode & SHM_DEST, 0u);

    // A new attachment finds what was written before the detaches.
    auto again = ipc::ShmAttachment::attach(segment.id(), SHM_RDONLY);
    std::string contents(again.bytes(), text.size());
    ipc::evidence("contents_after_reattach", contents);
    CHECK_EQ(contents, text);
}
