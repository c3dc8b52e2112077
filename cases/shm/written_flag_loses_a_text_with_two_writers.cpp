// SHM-17 (seed §2.4, the document's `written` flag and its own safety
// discussion; shmop(2)): the document's flag protocol is not safe with two
// writers. Each writer checks the flag ("0: writable"), then copies its text
// and sets the flag; nothing makes check and write one step. The case forces
// the losing schedule, so it never depends on luck: both writers check, then
// both write. Both saw "writable", and the reader finds only the second text:
// the first is lost without anyone noticing.
//
// The writers are separately executed programs (roles of this binary) that
// share nothing but the key; the case holds each between its check and its
// write (it waits for SIGUSR1) and plays the document's reader.
#include "ipc/case.hpp"
#include "shm_support.hpp"

using shmcase::FlaggedText;

// The document's writer (args: key, name, text), one text: check the flag, then (on the case's go)
// copy the text and mark it readable. Exit 0: saw "writable" and wrote;
// exit 3: saw a text waiting, would have waited.
IPC_ROLE("writer") {
    shmcase::GoSignal go;
    int id =
        static_cast<int>(ipc::must(::shmget(shmcase::parse_key(args.at(0)), sizeof(FlaggedText), 0600), "shmget(key)"));
    auto attached = ipc::ShmAttachment::attach(id);
    auto* block = reinterpret_cast<FlaggedText*>(attached.bytes());
    const int seen = block->written;
    ipc::evidence(args.at(1) + "_writer.saw_written", seen);
    if (seen != 0) return 3;
    go.wait();  // between the check and the write: where the schedule is decided
    std::snprintf(block->text, sizeof block->text, "%s", args.at(2).c_str());
    block->written = 1;
    return 0;
}

CLAIM("SHM-17", "with two writers the written-flag protocol loses a text (forced schedule)") {
    const key_t key = ipc::fresh_key();
    ipc::evidence("key", std::to_string(key));
    auto segment = ipc::ShmSegment::create(sizeof(FlaggedText), key);
    ipc::evidence("shmid", segment.id());
    auto attached = ipc::ShmAttachment::attach(segment.id());
    auto* block = reinterpret_cast<FlaggedText*>(attached.bytes());
    block->written = 0;  // the reader's start: writable

    // Schedule: first checks, second checks, first writes, second writes.
    const std::string first_text = "text of the first writer", second_text = "text of the second writer";
    auto first = ipc::Child::exec_role("writer", {std::to_string(key), "first", first_text});
    shmcase::await_go_wait(first, "first_checked");
    auto second = ipc::Child::exec_role("writer", {std::to_string(key), "second", second_text});
    shmcase::await_go_wait(second, "second_checked");
    CHECK_EQ(shmcase::record_stat("both_checked", segment.id()).shm_nattch, 3u);

    shmcase::go(first);
    auto first_status = first.wait();
    ipc::evidence("first_status", first_status.describe());
    ipc::evidence("after_first.written", block->written);
    ipc::evidence("after_first.text", std::string(block->text));
    CHECK_EQ(std::string(block->text), first_text);  // the first text did arrive ...

    shmcase::go(second);
    auto second_status = second.wait();
    ipc::evidence("second_status", second_status.describe());
    // Both believed the block was theirs to write.
    CHECK(first_status.exited_with(0));
    CHECK(second_status.exited_with(0));

    // ... and the reader, reading now, gets one text of two.
    const std::string read(block->text);
    ipc::evidence("reader.written", block->written);
    ipc::evidence("reader.text", read);
    ipc::evidence("texts_readable", static_cast<int>(read == first_text) + static_cast<int>(read == second_text));
    CHECK_EQ(block->written, 1);
    CHECK_EQ(read, second_text);
    CHECK_EQ(read.find(first_text), std::string::npos);
}
