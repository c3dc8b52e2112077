// The mechanisms: one small class per kind of channel, all behind
// Channel/Endpoint (transport.hpp). Kernel objects never outlive the bench:
// System V objects are IPC_PRIVATE; shared memory segments are removed as
// soon as they are attached (they go with the last detach, whatever ends the
// processes, SIGKILL included); queues and semaphore sets are owned by the
// parent's Channel (removed on destruction, also when a step throws; only a
// SIGKILL of the bench leaves them: they have no attachments to end with);
// FIFOs live in a TempDir and are unlinked once both ends are open, POSIX
// queues are unlinked as soon as they are made (the child inherits their
// descriptors).
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <linux/futex.h>
#include <mqueue.h>
#include <random>
#include <sched.h>
#include <stdexcept>
#include <string>
#include <utility>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ipc/errno_name.hpp"
#include "ipc/fd.hpp"
#include "ipc/pipe.hpp"
#include "ipc/socket.hpp"
#include "ipc/sysv.hpp"
#include "ipc/temp_dir.hpp"
#include "transport.hpp"

namespace bench::detail {
namespace {

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error(what + ": " + ipc::errno_name(errno)); }

// A System V segment of `bytes`, attached here and removed at once
// (IPC_RMID): it lives on while an attachment does, this process's and the
// child's (inherited at the fork), and goes with the last, so that no end of
// either process, SIGKILL included, leaves it behind.
ipc::ShmAttachment attach_removed_segment(std::size_t bytes) {
    auto segment = ipc::ShmSegment::create(bytes);
    auto attachment = ipc::ShmAttachment::attach(segment.id());
    segment.remove();
    return attachment;
}

// ---------------------------------------------------------------- descriptors

// Pipes, FIFOs and stream sockets: a byte stream each way, read until the
// message is complete.
class StreamEndpoint : public Endpoint {
public:
    StreamEndpoint(ipc::Fd in, ipc::Fd out, std::size_t max_size)
        : in_(std::move(in)), out_(std::move(out)), buf_(max_size) {}
    char* buffer() override { return buf_.data; }
    void send(std::size_t n) override { send_from(buf_.data, n); }
    // Written from where the bytes are: the kernel copies them in.
    void send_from(const char* data, std::size_t n) override {
        const int fd = out_ ? out_.get() : in_.get();
        for (std::size_t done = 0; done < n;) {
            ssize_t w = ::write(fd, data + done, n - done);
            if (w < 0 && errno == EINTR) {
                on_interrupt();
                continue;
            }
            if (w < 0) fail("write");
            done += static_cast<std::size_t>(w);
        }
    }
    void recv(std::size_t n) override {
        for (std::size_t done = 0; done < n;) {
            ssize_t r = ::read(in_.get(), buf_.data + done, n - done);
            if (r < 0 && errno == EINTR) {
                on_interrupt();
                continue;
            }
            if (r < 0) fail("read");
            if (r == 0) throw std::runtime_error("the peer closed its end");
            done += static_cast<std::size_t>(r);
        }
    }

private:
    ipc::Fd in_, out_;  // out_ empty: in_ goes both ways (a socket)
    Buffer buf_;
};

class PipeChannel : public Channel {
public:
    explicit PipeChannel(std::size_t max_size)
        : to_child_(ipc::Pipe::make(O_CLOEXEC)), to_parent_(ipc::Pipe::make(O_CLOEXEC)), max_(max_size) {}
    std::unique_ptr<Endpoint> open(Side side) override {
        // Each process keeps its two ends only: the peer's death is then an
        // end of file or EPIPE here, not a wait.
        if (side == Side::Parent) {
            to_child_.read_end.reset();
            to_parent_.write_end.reset();
            return std::make_unique<StreamEndpoint>(std::move(to_parent_.read_end), std::move(to_child_.write_end),
                                                    max_);
        }
        to_child_.write_end.reset();
        to_parent_.read_end.reset();
        return std::make_unique<StreamEndpoint>(std::move(to_child_.read_end), std::move(to_parent_.write_end), max_);
    }

private:
    ipc::Pipe to_child_, to_parent_;
    std::size_t max_;
};

class FifoChannel : public Channel {
public:
    explicit FifoChannel(std::size_t max_size) : max_(max_size) {
        for (const auto& name : {to_child(), to_parent()})
            if (::mkfifo(name.c_str(), 0600) != 0) fail("mkfifo " + name);
    }
    std::unique_ptr<Endpoint> open(Side side) override {
        // Both open "to child" first: each open waits for the other end.
        if (side == Side::Parent) {
            ipc::Fd out = open_fifo(to_child(), O_WRONLY);
            ipc::Fd in = open_fifo(to_parent(), O_RDONLY);
            // Both processes hold both FIFOs open now: the names can go.
            ::unlink(to_child().c_str());
            ::unlink(to_parent().c_str());
            return std::make_unique<StreamEndpoint>(std::move(in), std::move(out), max_);
        }
        ipc::Fd in = open_fifo(to_child(), O_RDONLY);
        ipc::Fd out = open_fifo(to_parent(), O_WRONLY);
        return std::make_unique<StreamEndpoint>(std::move(in), std::move(out), max_);
    }

private:
    std::string to_child() const { return dir_.file("to-child"); }
    std::string to_parent() const { return dir_.file("to-parent"); }
    static ipc::Fd open_fifo(const std::string& path, int mode) {
        for (;;) {
            int fd = ::open(path.c_str(), mode | O_CLOEXEC);
            if (fd >= 0) return ipc::Fd(fd);
            if (errno != EINTR) fail("open " + path);
            on_interrupt();
        }
    }
    ipc::TempDir dir_;
    std::size_t max_;
};

// AF_UNIX SOCK_STREAM: one socket each, both ways.
class UnixStreamChannel : public Channel {
public:
    explicit UnixStreamChannel(std::size_t max_size) : pair_(ipc::SocketPair::make(SOCK_STREAM)), max_(max_size) {}
    std::unique_ptr<Endpoint> open(Side side) override {
        ipc::Fd mine = std::move(side == Side::Parent ? pair_.first : pair_.second);
        (side == Side::Parent ? pair_.second : pair_.first).reset();
        return std::make_unique<StreamEndpoint>(std::move(mine), ipc::Fd(), max_);
    }

private:
    ipc::SocketPair pair_;
    std::size_t max_;
};

// AF_UNIX SOCK_SEQPACKET: a message is one send and one recv.
class SeqpacketEndpoint : public Endpoint {
public:
    SeqpacketEndpoint(ipc::Fd fd, std::size_t max_size) : fd_(std::move(fd)), buf_(max_size) {}
    char* buffer() override { return buf_.data; }
    void send(std::size_t n) override { send_from(buf_.data, n); }
    void send_from(const char* data, std::size_t n) override {
        for (;;) {
            ssize_t w = ::send(fd_.get(), data, n, 0);
            if (w >= 0) {
                if (static_cast<std::size_t>(w) != n) throw std::runtime_error("seqpacket send was cut");
                return;
            }
            if (errno != EINTR) fail("send");
            on_interrupt();
        }
    }
    void recv(std::size_t n) override {
        for (;;) {
            ssize_t r = ::recv(fd_.get(), buf_.data, n, MSG_TRUNC);  // the packet's real length
            if (r < 0 && errno == EINTR) {
                on_interrupt();
                continue;
            }
            if (r < 0) fail("recv");
            if (r == 0) throw std::runtime_error("the peer closed its end");
            if (static_cast<std::size_t>(r) != n)
                throw std::runtime_error("a packet of " + std::to_string(r) + " bytes, " + std::to_string(n) +
                                         " expected");
            return;
        }
    }

private:
    ipc::Fd fd_;
    Buffer buf_;
};

class SeqpacketChannel : public Channel {
public:
    explicit SeqpacketChannel(std::size_t max_size) : pair_(ipc::SocketPair::make(SOCK_SEQPACKET)), max_(max_size) {}
    std::unique_ptr<Endpoint> open(Side side) override {
        ipc::Fd mine = std::move(side == Side::Parent ? pair_.first : pair_.second);
        (side == Side::Parent ? pair_.second : pair_.first).reset();
        return std::make_unique<SeqpacketEndpoint>(std::move(mine), max_);
    }

private:
    ipc::SocketPair pair_;
    std::size_t max_;
};

// ---------------------------------------------------------------- queues

// One System V queue both ways: type 1 to the child, type 2 to the parent.
class SysvMsgEndpoint : public Endpoint {
public:
    SysvMsgEndpoint(int qid, Side side, std::size_t max_size)
        : qid_(qid), out_type_(side == Side::Parent ? 1 : 2), in_type_(side == Side::Parent ? 2 : 1),
          buf_(sizeof(long) + max_size) {}
    char* buffer() override { return buf_.data + sizeof(long); }
    void send(std::size_t n) override {
        std::memcpy(buf_.data, &out_type_, sizeof(long));
        while (::msgsnd(qid_, buf_.data, n, 0) != 0) {
            if (errno != EINTR) fail("msgsnd");
            on_interrupt();
        }
    }
    void recv(std::size_t n) override {
        for (;;) {
            ssize_t r = ::msgrcv(qid_, buf_.data, n, in_type_, 0);
            if (r < 0 && errno == EINTR) {
                on_interrupt();
                continue;
            }
            if (r < 0) fail("msgrcv");
            if (static_cast<std::size_t>(r) != n)
                throw std::runtime_error("a message of " + std::to_string(r) + " bytes, " + std::to_string(n) +
                                         " expected");
            return;
        }
    }

private:
    int qid_;
    long out_type_, in_type_;
    Buffer buf_;
};

class SysvMsgChannel : public Channel {
public:
    explicit SysvMsgChannel(std::size_t max_size) : queue_(ipc::MsgQueue::create()), max_(max_size) {}
    std::unique_ptr<Endpoint> open(Side side) override {
        return std::make_unique<SysvMsgEndpoint>(queue_.id(), side, max_);
    }

private:
    ipc::MsgQueue queue_;  // IPC_RMID when the parent's channel goes
    std::size_t max_;
};

// Two POSIX queues, one each way, named with the pid and a random number and
// unlinked at once: only the descriptors (inherited by the child) remain.
class PosixMqEndpoint : public Endpoint {
public:
    PosixMqEndpoint(mqd_t in, mqd_t out, std::size_t max_size) : in_(in), out_(out), buf_(max_size) {}
    char* buffer() override { return buf_.data; }
    void send(std::size_t n) override {
        while (::mq_send(out_, buf_.data, n, 0) != 0) {
            if (errno != EINTR) fail("mq_send");
            on_interrupt();
        }
    }
    void recv(std::size_t n) override {
        for (;;) {
            ssize_t r = ::mq_receive(in_, buf_.data, buf_.size, nullptr);
            if (r < 0 && errno == EINTR) {
                on_interrupt();
                continue;
            }
            if (r < 0) fail("mq_receive");
            if (static_cast<std::size_t>(r) != n)
                throw std::runtime_error("a message of " + std::to_string(r) + " bytes, " + std::to_string(n) +
                                         " expected");
            return;
        }
    }

private:
    mqd_t in_, out_;
    Buffer buf_;
};

class PosixMqChannel : public Channel {
public:
    explicit PosixMqChannel(std::size_t max_size) : max_(max_size) {
        std::random_device rd;
        const std::string base = "/ipc-claims-bench." + std::to_string(::getpid()) + "." + std::to_string(rd());
        mq_attr attr{};
        attr.mq_maxmsg = 10;
        if (long cap = read_long("/proc/sys/fs/mqueue/msg_max"); cap > 0 && cap < attr.mq_maxmsg) attr.mq_maxmsg = cap;
        attr.mq_msgsize = static_cast<long>(max_size);
        for (int i = 0; i < 2; ++i) {
            const std::string name = base + (i == 0 ? ".to-child" : ".to-parent");
            mqd_t q = ::mq_open(name.c_str(), O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0600, &attr);
            if (q == static_cast<mqd_t>(-1)) {
                close_all();
                fail("mq_open " + name);
            }
            ::mq_unlink(name.c_str());
            (i == 0 ? to_child_ : to_parent_) = q;
        }
    }
    ~PosixMqChannel() override { close_all(); }
    std::unique_ptr<Endpoint> open(Side side) override {
        return side == Side::Parent ? std::make_unique<PosixMqEndpoint>(to_parent_, to_child_, max_)
                                    : std::make_unique<PosixMqEndpoint>(to_child_, to_parent_, max_);
    }

private:
    static long read_long(const char* path) {
        ipc::Fd fd(::open(path, O_RDONLY | O_CLOEXEC));
        char text[32] = {};
        if (!fd || ::read(fd.get(), text, sizeof text - 1) <= 0) return -1;
        return std::strtol(text, nullptr, 10);
    }
    void close_all() {
        for (mqd_t* q : {&to_child_, &to_parent_})
            if (*q != static_cast<mqd_t>(-1)) ::mq_close(std::exchange(*q, static_cast<mqd_t>(-1)));
    }
    mqd_t to_child_ = static_cast<mqd_t>(-1), to_parent_ = static_cast<mqd_t>(-1);
    std::size_t max_;
};

// ---------------------------------------------------------------- shared memory

long futex(std::atomic<std::uint32_t>* word, int op, std::uint32_t value, const timespec* timeout) {
    // Shared between processes: no FUTEX_PRIVATE_FLAG.
    return ::syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(word), op, value, timeout, nullptr, 0);
}

inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    asm volatile("yield");
#endif
}

// A single-producer single-consumer byte ring in a System V segment. Counters
// run modulo 2^32 (the capacity divides it); each sits on its own cache line.
// A side that must wait says how many bytes it waits for (0: not waiting).
struct alignas(64) RingControl {
    alignas(64) std::atomic<std::uint32_t> head{0};  // bytes written
    alignas(64) std::atomic<std::uint32_t> tail{0};  // bytes read
    alignas(64) std::atomic<std::uint32_t> reader_needs{0};
    alignas(64) std::atomic<std::uint32_t> writer_needs{0};
    // The CPU each side last ran on, for the spin before a futex sleep.
    alignas(64) std::atomic<int> writer_cpu{-1};
    alignas(64) std::atomic<int> reader_cpu{-1};
};
static_assert(std::atomic<std::uint32_t>::is_always_lock_free);

// The ring's data area, each way (a power of two), and the slice: a side
// moves at least a slice at a time (or the rest of its message), so that
// writer and reader do not chase each other through the same cache lines a
// few bytes apart. Two slices fit in the ring: both sides never wait at once.
// The ring is larger than a core's L2 cache (1-2 MiB): by the time the writer
// comes back to a line, the reader's copy of it has left the reader's L2, so
// the writer's store need not take it from the other CPU's cache. Measured on
// two CPUs here (AMD EPYC), storing into lines the other CPU has just read
// runs at a third of memcpy's speed: a 1 MiB ring moved 1 MiB messages at
// 0.32-0.57 of memcpy, this one at 0.84-0.97. On one CPU a ring within L2
// was measured too (256 KiB, 1 MiB): 64 KiB messages moved at half and four
// fifths of this one's speed (11 and 18 against 22 GB/s), for the CPU
// changes hands once a ring-full (see peer_here), and L3 kept up.
constexpr std::uint32_t ring_bytes = 4 * 1024 * 1024, ring_slice = ring_bytes / 4;

enum class Wait { Futex, Spin };
constexpr unsigned futex_spins = 2000;  // polls of the word before a futex sleep (some microseconds)

// Futex: a side that finds too little data (room) says how much it needs and
// sleeps in the kernel; the other side wakes it only once that much is there.
// Spin: it polls, yielding the CPU now and then so that one CPU can run both.
class RingEndpoint : public Endpoint {
public:
    RingEndpoint(RingControl* in, char* in_data, RingControl* out, char* out_data, Wait wait, std::size_t max_size)
        : in_(in), in_data_(in_data), out_(out), out_data_(out_data), wait_(wait), buf_(max_size) {}
    ~RingEndpoint() override {
        if (wait_ == Wait::Futex) flush();
    }
    char* buffer() override { return buf_.data; }

    void send(std::size_t n) override { send_from(buf_.data, n); }
    // The one copy a shared memory sender makes: from its bytes into the segment.
    void send_from(const char* data, std::size_t n) override {
        out_->writer_cpu.store(::sched_getcpu(), std::memory_order_relaxed);
        std::uint32_t head = out_->head.load(std::memory_order_relaxed);  // only this side writes it
        for (std::size_t done = 0; done < n;) {
            const std::uint32_t tail = out_->tail.load(std::memory_order_acquire);
            const std::uint32_t space = ring_bytes - (head - tail);
            const auto want = static_cast<std::uint32_t>(std::min<std::size_t>(ring_slice, n - done));
            if (space < want) {
                await_change(out_->tail, tail, out_->writer_needs, want, out_->reader_cpu);
                continue;
            }
            const std::size_t chunk = std::min<std::size_t>({space, n - done, ring_slice});
            std::size_t off = head % ring_bytes, first = std::min<std::size_t>(chunk, ring_bytes - off);
            std::memcpy(out_data_ + off, data + done, first);
            if (first < chunk) std::memcpy(out_data_, data + done + first, chunk - first);
            head += static_cast<std::uint32_t>(chunk);
            done += chunk;
            out_->head.store(head, std::memory_order_release);
            if (wait_ == Wait::Futex && !peer_here(out_->reader_cpu)) wake_reader();
        }
    }

    void recv(std::size_t n) override {
        char* to = buf_.data;
        receive(n, [&](const char* piece, std::size_t len) {
            std::memcpy(to, piece, len);
            to += len;
        });
    }
    // In place: the receiver reads the bytes in the segment, and only then
    // gives their room back to the writer.
    void recv_with(std::size_t n, const Use& use) override { receive(n, use); }

private:
    template <class Take>
    void receive(std::size_t n, Take&& take) {
        in_->reader_cpu.store(::sched_getcpu(), std::memory_order_relaxed);
        std::uint32_t tail = in_->tail.load(std::memory_order_relaxed);
        for (std::size_t done = 0; done < n;) {
            const std::uint32_t head = in_->head.load(std::memory_order_acquire);
            const std::uint32_t ready = head - tail;
            const auto want = static_cast<std::uint32_t>(std::min<std::size_t>(ring_slice, n - done));
            if (ready < want) {
                await_change(in_->head, head, in_->reader_needs, want, in_->writer_cpu);
                continue;
            }
            const std::size_t chunk = std::min<std::size_t>({ready, n - done, ring_slice});
            std::size_t off = tail % ring_bytes, first = std::min<std::size_t>(chunk, ring_bytes - off);
            take(in_data_ + off, first);
            if (first < chunk) take(in_data_, chunk - first);
            tail += static_cast<std::uint32_t>(chunk);
            done += chunk;
            in_->tail.store(tail, std::memory_order_release);
            if (wait_ == Wait::Futex && !peer_here(in_->writer_cpu)) wake_writer();
        }
    }

    // Waits until the peer moved `word` from `seen` (the caller re-checks
    // whether `need` bytes are there now).
    void await_change(std::atomic<std::uint32_t>& word, std::uint32_t seen, std::atomic<std::uint32_t>& needs,
                      std::uint32_t need, const std::atomic<int>& peer_cpu) {
        if (wait_ == Wait::Spin) {
            for (unsigned spins = 1; word.load(std::memory_order_acquire) == seen; ++spins) {
                cpu_relax();
                if (spins % 256 == 0) {
                    check_stop();
                    ::sched_yield();
                }
            }
            return;
        }
        // A short spin first when the peer runs on another CPU (as the
        // kernel's mutexes spin while their owner runs): it is usually about
        // to move the word, and a sleep would cost a wake-up through the
        // kernel. On the peer's own CPU a spin would only delay it.
        const bool peer_elsewhere = peer_cpu.load(std::memory_order_relaxed) != ::sched_getcpu();
        for (unsigned spins = 0; peer_elsewhere && spins < futex_spins; ++spins) {
            if (word.load(std::memory_order_acquire) != seen) return;
            cpu_relax();
        }
        flush();  // a peer on this CPU runs only once this side sleeps: wake it now if it waits
        needs.store(need, std::memory_order_relaxed);
        std::atomic_thread_fence(std::memory_order_seq_cst);  // pairs with the fence after the peer's store
        if (word.load(std::memory_order_relaxed) == seen) {
            timespec limit{1, 0};  // a safety net only: the loop re-checks
            if (futex(&word, FUTEX_WAIT, seen, &limit) != 0 && errno == EINTR) on_interrupt();
        }
        needs.store(0, std::memory_order_relaxed);
    }

    static void wake(std::atomic<std::uint32_t>& word) { futex(&word, FUTEX_WAKE, 1, nullptr); }

    // A peer that sleeps is woken once what it waits for is there, at once
    // when it last ran on another CPU. When it shares this side's CPU it
    // could not run before this side sleeps anyway: woken at once it would
    // only take the CPU (the scheduler favours a task just woken) for one
    // slice and sleep again, two context switches for each slice. Then it is
    // woken when this side is about to sleep (await_change) or leaves
    // (flush in the destructor), and takes everything there at once.
    static bool peer_here(const std::atomic<int>& peer_cpu) {
        return peer_cpu.load(std::memory_order_relaxed) == ::sched_getcpu();
    }
    void wake_reader() {
        std::atomic_thread_fence(std::memory_order_seq_cst);  // pairs with the one in await_change
        const std::uint32_t need = out_->reader_needs.load(std::memory_order_relaxed);
        if (need && out_->head.load(std::memory_order_relaxed) - out_->tail.load(std::memory_order_relaxed) >= need)
            wake(out_->head);
    }
    void wake_writer() {
        std::atomic_thread_fence(std::memory_order_seq_cst);
        const std::uint32_t need = in_->writer_needs.load(std::memory_order_relaxed);
        if (need &&
            ring_bytes - (in_->head.load(std::memory_order_relaxed) - in_->tail.load(std::memory_order_relaxed)) >=
                need)
            wake(in_->tail);
    }
    void flush() {
        wake_reader();
        wake_writer();
    }

    RingControl* in_;
    char* in_data_;
    RingControl* out_;
    char* out_data_;
    Wait wait_;
    Buffer buf_;
};

// The segment: two controls, then two data areas (to the child, to the parent),
// initialised before the fork (the child inherits the attachment).
class RingChannel : public Channel {
public:
    RingChannel(Wait wait, std::size_t max_size)
        : attachment_(attach_removed_segment(2 * sizeof(RingControl) + 2 * std::size_t{ring_bytes})), wait_(wait),
          max_(max_size) {
        new (attachment_.address()) RingControl[2];
        std::memset(attachment_.bytes() + 2 * sizeof(RingControl), 0, 2 * std::size_t{ring_bytes});
    }
    std::unique_ptr<Endpoint> open(Side side) override {
        auto* control = static_cast<RingControl*>(attachment_.address());
        char* data = attachment_.bytes() + 2 * sizeof(RingControl);
        RingControl* to_child = &control[0];
        RingControl* to_parent = &control[1];
        char* child_data = data;
        char* parent_data = data + ring_bytes;
        return side == Side::Parent
                   ? std::make_unique<RingEndpoint>(to_parent, parent_data, to_child, child_data, wait_, max_)
                   : std::make_unique<RingEndpoint>(to_child, child_data, to_parent, parent_data, wait_, max_);
    }

private:
    ipc::ShmAttachment attachment_;
    Wait wait_;
    std::size_t max_;
};

// The document's design: one buffer in a System V segment, guarded by System V
// semaphores: "empty" (the writer may fill it) and "full" (the reader may
// empty it), one pair each way. A message larger than the buffer goes in turns.
constexpr std::size_t sem_slot_bytes = 64 * 1024;

class SemSlotEndpoint : public Endpoint {
public:
    SemSlotEndpoint(int semid, char* in_slot, unsigned short in_sems, char* out_slot, unsigned short out_sems,
                    std::size_t max_size)
        : semid_(semid), in_slot_(in_slot), out_slot_(out_slot), in_sems_(in_sems), out_sems_(out_sems),
          buf_(max_size) {}
    char* buffer() override { return buf_.data; }
    void send(std::size_t n) override {
        for (std::size_t done = 0; done < n;) {
            std::size_t chunk = std::min(sem_slot_bytes, n - done);
            op(out_sems_ + empty, -1);
            std::memcpy(out_slot_, buf_.data + done, chunk);
            op(out_sems_ + full, +1);
            done += chunk;
        }
    }
    void recv(std::size_t n) override {
        for (std::size_t done = 0; done < n;) {
            std::size_t chunk = std::min(sem_slot_bytes, n - done);
            op(in_sems_ + full, -1);
            std::memcpy(buf_.data + done, in_slot_, chunk);
            op(in_sems_ + empty, +1);
            done += chunk;
        }
    }
    static constexpr unsigned short empty = 0, full = 1;

private:
    void op(unsigned short sem, short delta) {
        sembuf b{sem, delta, 0};
        while (::semop(semid_, &b, 1) != 0) {
            if (errno != EINTR) fail("semop");
            on_interrupt();
        }
    }
    int semid_;
    char *in_slot_, *out_slot_;
    unsigned short in_sems_, out_sems_;
    Buffer buf_;
};

class SemSlotChannel : public Channel {
public:
    explicit SemSlotChannel(std::size_t max_size)
        : attachment_(attach_removed_segment(2 * sem_slot_bytes)), sems_(ipc::SemSet::create(4)), max_(max_size) {
        sems_.set_value(to_child + SemSlotEndpoint::empty, 1);
        sems_.set_value(to_parent + SemSlotEndpoint::empty, 1);
        std::memset(attachment_.bytes(), 0, 2 * sem_slot_bytes);
    }
    std::unique_ptr<Endpoint> open(Side side) override {
        char* child_slot = attachment_.bytes();
        char* parent_slot = child_slot + sem_slot_bytes;
        return side == Side::Parent
                   ? std::make_unique<SemSlotEndpoint>(sems_.id(), parent_slot, to_parent, child_slot, to_child, max_)
                   : std::make_unique<SemSlotEndpoint>(sems_.id(), child_slot, to_child, parent_slot, to_parent, max_);
    }

private:
    static constexpr unsigned short to_child = 0, to_parent = 2;
    ipc::ShmAttachment attachment_;  // inherited by the child
    ipc::SemSet sems_;               // IPC_RMID when the parent's channel goes
    std::size_t max_;
};

}  // namespace

Buffer::Buffer(std::size_t n) : data(nullptr), size(n) {
    const std::size_t rounded = (std::max<std::size_t>(n, 1) + 63) / 64 * 64;
    data = static_cast<char*>(std::aligned_alloc(64, rounded));
    if (!data) throw std::bad_alloc();
    std::memset(data, 0, rounded);
}

Buffer::~Buffer() { std::free(data); }

std::unique_ptr<Channel> make_channel(Mechanism m, std::size_t max_size) {
    switch (m) {
        case Mechanism::Pipe: return std::make_unique<PipeChannel>(max_size);
        case Mechanism::Fifo: return std::make_unique<FifoChannel>(max_size);
        case Mechanism::UnixStream: return std::make_unique<UnixStreamChannel>(max_size);
        case Mechanism::UnixSeqpacket: return std::make_unique<SeqpacketChannel>(max_size);
        case Mechanism::SysvMsg: return std::make_unique<SysvMsgChannel>(max_size);
        case Mechanism::PosixMq: return std::make_unique<PosixMqChannel>(max_size);
        case Mechanism::ShmFutex:
        case Mechanism::ShmSpin:
            return std::make_unique<RingChannel>(m == Mechanism::ShmFutex ? Wait::Futex : Wait::Spin, max_size);
        case Mechanism::ShmSem: return std::make_unique<SemSlotChannel>(max_size);
        case Mechanism::Memcpy: break;
    }
    throw std::logic_error("memcpy has no channel");
}

}  // namespace bench::detail
