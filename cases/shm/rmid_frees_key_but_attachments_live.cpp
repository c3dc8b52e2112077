// SHM-12 (shmctl(2) IPC_RMID "the segment will actually be destroyed only
// after the last process detaches it"; SHM_DEST): IPC_RMID on an attached
// segment marks it SHM_DEST and frees its key at once (a new shmget with that
// key creates a new segment), while the existing attachments keep working
// until the last detach destroys it.
#include "ipc/case.hpp"
#include "shm_support.hpp"

using shmcase::attempt;
using shmcase::failure;

namespace {
// IPC_RMID on the attached segment: by id it still answers, marked
// SHM_DEST, its key IPC_PRIVATE, both attachments still counted.
void check_rmid_marks_it_for_destruction(int shmid) {
    CHECK_SUCCEEDS(::shmctl(shmid, IPC_RMID, nullptr));
    auto marked = shmcase::record_stat("after_rmid", shmid);
    ipc::evidence("after_rmid.key", std::to_string(marked.shm_perm.__key));
    ipc::evidence("after_rmid.SHM_DEST", (marked.shm_perm.mode & SHM_DEST) != 0);
    CHECK((marked.shm_perm.mode & SHM_DEST));
    CHECK_EQ(marked.shm_perm.__key, IPC_PRIVATE);
    CHECK_EQ(marked.shm_nattch, 2u);
}

// The key is free at once: nothing to open, and a new segment under it.
void check_key_is_free(key_t key, std::size_t size, int old_id) {
    CHECK_EQ(attempt("open_key_after_rmid", [&] { return ::shmget(key, 0, 0); }), failure(ENOENT));
    auto replacement =
        attempt("create_key_after_rmid", [&] { return ::shmget(key, size, IPC_CREAT | IPC_EXCL | 0600); });
    REQUIRE(replacement.ok());
    ipc::ShmSegment::open(key).remove();  // the new one is not the subject: gone again
    CHECK_NE(replacement.value, old_id);
}
}  // namespace

CLAIM("SHM-12", "IPC_RMID marks an attached segment SHM_DEST, frees its key, and attachments live on") {
    const key_t key = ipc::fresh_key();
    const auto size = static_cast<std::size_t>(ipc::page_size());
    const int old_id =
        static_cast<int>(ipc::must(::shmget(key, size, IPC_CREAT | IPC_EXCL | 0600), "shmget(IPC_CREAT)"));
    ipc::evidence("key", std::to_string(key));
    ipc::evidence("old.shmid", old_id);

    // The parent and a child are attached; the child writes on request.
    const std::string text = "written after IPC_RMID";
    auto mine = ipc::ShmAttachment::attach(old_id);
    auto request = ipc::Pipe::make();
    auto done = ipc::Pipe::make();
    auto child = ipc::Child::fork([&] {
        if (ipc::read_exactly(request.r(), 1) != "w") return 2;
        text.copy(mine.bytes(), text.size());
        return ipc::write_all(done.w(), "d") ? 0 : 3;
    });
    done.write_end.reset();  // the child's end: its death is end of file here
    CHECK_EQ(shmcase::record_stat("before_rmid", old_id).shm_nattch, 2u);

    check_rmid_marks_it_for_destruction(old_id);
    check_key_is_free(key, size, old_id);

    // The attachments still work: the child's write reaches the parent.
    ipc::must(ipc::write_all(request.w(), "w") ? 0 : -1, "ask the child to write");
    REQUIRE_EQ(ipc::read_exactly(done.r(), 1), "d");
    std::string seen(mine.bytes(), text.size());
    ipc::evidence("parent_read_after_rmid", seen);
    CHECK_EQ(seen, text);
    auto status = child.wait();
    ipc::evidence("child_status", status.describe());
    CHECK(status.exited_with(0));
    CHECK_EQ(shmcase::record_stat("after_child_exit", old_id).shm_nattch, 1u);

    // The last detach destroys it: the id answers no more.
    mine.detach();
    shmid_ds ds{};
    CHECK_EQ(attempt("stat_after_last_detach", [&] { return ::shmctl(old_id, IPC_STAT, &ds); }), failure(EINVAL));
}
