// SHM-02 (seed §2.4, the document's shmread/shmwrite pair; shmget(2),
// shmop(2)): two separately executed, unrelated programs reach the same
// segment through the same key. Both call shmget(key, IPC_CREAT) as the
// document's programs do; they share nothing but the key, and run at the same
// time: the reader creates the block and waits, the writer fills it, the
// reader then finds the writer's text.
#include "ipc/case.hpp"
#include "shm_support.hpp"

using shmcase::FlaggedText;

// The document's reader: creates (or opens) the block, marks it writable,
// waits for the case's go, then expects the text. Removes the segment at the
// end, as the document's reader does.
IPC_ROLE("reader") {
    shmcase::GoSignal go;
    int id = static_cast<int>(ipc::must(::shmget(shmcase::parse_key(args.at(0)), sizeof(FlaggedText), IPC_CREAT | 0600),
                                        "shmget(IPC_CREAT)"));
    ipc::evidence("reader.shmid", id);
    auto attached = ipc::ShmAttachment::attach(id);
    auto* block = reinterpret_cast<FlaggedText*>(attached.bytes());
    block->written = 0;
    go.wait();
    ipc::evidence("reader.written", block->written);
    std::string text(block->text);
    ipc::evidence("reader.text", text);
    bool got = block->written == 1 && text == args.at(1);
    attached.detach();
    ipc::must(::shmctl(id, IPC_RMID, nullptr), "shmctl(IPC_RMID)");
    return got ? 0 : 1;
}

// The document's writer: opens the block by key, waits until it is writable
// (here: must be at once), copies the text and marks it readable.
IPC_ROLE("writer") {
    int id = static_cast<int>(ipc::must(::shmget(shmcase::parse_key(args.at(0)), sizeof(FlaggedText), IPC_CREAT | 0600),
                                        "shmget(IPC_CREAT)"));
    ipc::evidence("writer.shmid", id);
    auto attached = ipc::ShmAttachment::attach(id);
    auto* block = reinterpret_cast<FlaggedText*>(attached.bytes());
    if (block->written != 0) return 3;
    args.at(1).copy(block->text, args.at(1).size());
    block->written = 1;
    return 0;
}

CLAIM("SHM-02", "two separately executed programs reach the same segment through the same key") {
    const key_t key = ipc::fresh_key();
    shmcase::RemoveSegmentByKey cleanup{key};
    const std::string text = "text of the writer " + std::to_string(::getpid());
    ipc::evidence("key", std::to_string(key));
    ipc::evidence("block_size", static_cast<long long>(sizeof(FlaggedText)));

    auto reader = ipc::Child::exec_role("reader", {std::to_string(key), text});
    const pid_t reader_pid = reader.pid();
    shmcase::await_go_wait(reader, "reader_waiting");
    // The case, a third process, only observes: the segment under the key is the reader's.
    const int id = ::shmget(key, 0, 0);
    REQUIRE_WITH_ERRNO(id >= 0, "the case finds no segment under the reader's key");
    auto before = shmcase::record_stat("before_writer", id);
    CHECK_EQ(before.shm_cpid, reader_pid);
    CHECK_EQ(before.shm_nattch, 1u);

    auto writer = ipc::Child::exec_role("writer", {std::to_string(key), text});
    const pid_t writer_pid = writer.pid();
    auto written = writer.wait();
    ipc::evidence("writer_status", written.describe());
    CHECK(written.exited_with(0));
    // The kernel's record of the last attach/detach names the writer.
    auto after = shmcase::record_stat("after_writer", id);
    CHECK_EQ(after.shm_lpid, writer_pid);
    CHECK_EQ(after.shm_nattch, 1u);

    shmcase::go(reader);
    auto read = reader.wait();
    ipc::evidence("reader_status", read.describe());
    CHECK(read.exited_with(0));
    CHECK_FAILS_WITH(::shmget(key, 0, 0), ENOENT);  // the reader removed it
}
