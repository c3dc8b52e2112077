// System V IPC objects that remove themselves: message queues, shared memory
// segments and attachments, semaphore sets. An object made with create() is
// owned (IPC_RMID on destruction); open() and release() give up ownership, for
// peers and for objects a case leaves behind on purpose.
#pragma once
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <utility>
#include <sys/sem.h>
#include <sys/shm.h>

namespace ipc {

class MsgQueue {
public:
    static MsgQueue create(key_t key = IPC_PRIVATE, int mode = 0600);
    static MsgQueue open(key_t key);
    MsgQueue(MsgQueue&& other) noexcept;
    MsgQueue& operator=(MsgQueue&&) = delete;
    ~MsgQueue();

    int id() const { return id_; }
    msqid_ds stat() const;
    void remove();
    int release();

private:
    MsgQueue(int id, bool owned) : id_(id), owned_(owned) {}
    int id_;
    bool owned_;
};

struct Message {
    long type = 0;
    std::string text;
    bool operator==(const Message&) const = default;
};

// msgsnd(2) of text with the given type: its result, errno set on failure.
int msg_send(int qid, long type, std::string_view text, int flags = 0);
// msgrcv(2) into a buffer of max_size bytes (default: kernel.msgmax);
// nullopt on failure, errno set.
std::optional<Message> msg_receive(int qid, long msgtyp, int flags = 0, std::size_t max_size = 0);
// Every message still queued, oldest first (removes them).
std::vector<Message> msg_drain(int qid);
// "[1:\"a\", 2:\"b\"]"
std::string describe(const std::vector<Message>& messages);

class ShmSegment {
public:
    static ShmSegment create(std::size_t size, key_t key = IPC_PRIVATE, int mode = 0600);
    static ShmSegment open(key_t key);
    ShmSegment(ShmSegment&& other) noexcept;
    ShmSegment& operator=(ShmSegment&&) = delete;
    ~ShmSegment();

    int id() const { return id_; }
    shmid_ds stat() const;
    void remove();
    int release();

private:
    ShmSegment(int id, bool owned) : id_(id), owned_(owned) {}
    int id_;
    bool owned_;
};

class ShmAttachment {
public:
    // shmat(shmid, NULL, flags); broken on failure.
    static ShmAttachment attach(int shmid, int flags = 0);
    ShmAttachment(ShmAttachment&& other) noexcept;
    ShmAttachment& operator=(ShmAttachment&&) = delete;
    ~ShmAttachment();

    void* address() const { return addr_; }
    char* bytes() const { return static_cast<char*>(addr_); }
    void detach();

private:
    explicit ShmAttachment(void* addr) : addr_(addr) {}
    void* addr_;
};

class SemSet {
public:
    static SemSet create(int nsems, key_t key = IPC_PRIVATE, int mode = 0600);
    static SemSet open(key_t key);
    SemSet(SemSet&& other) noexcept;
    SemSet& operator=(SemSet&&) = delete;
    ~SemSet();

    int id() const { return id_; }
    int value(int semnum) const;
    void set_value(int semnum, int value);
    void remove();
    int release();

private:
    SemSet(int id, bool owned) : id_(id), owned_(owned) {}
    int id_;
    bool owned_;
};

// semop(2) with the given operations: its result, errno set on failure.
int sem_apply(int semid, std::initializer_list<sembuf> ops);

}  // namespace ipc
