// The small vocabulary of the POSIX message-queue cases (cases/mq): a queue
// of the case's own that is closed and unlinked whatever the verdict, names
// no other case uses, and one mq_send or mq_receive said as text ("sent",
// "3:text", or the errno name) so that a check prints what the kernel did.
#pragma once
#include <algorithm>
#include <cerrno>
#include <climits>
#include <ctime>
#include <fcntl.h>
#include <mqueue.h>
#include <string>
#include <unistd.h>
#include <utility>
#include <vector>

#include "ipc/case.hpp"

namespace mqcase {

inline const std::string msg_max = "/proc/sys/fs/mqueue/msg_max";
inline const std::string msgsize_max = "/proc/sys/fs/mqueue/msgsize_max";
inline const std::string msg_default = "/proc/sys/fs/mqueue/msg_default";
inline const std::string msgsize_default = "/proc/sys/fs/mqueue/msgsize_default";
inline const std::string queues_max = "/proc/sys/fs/mqueue/queues_max";

// One of the fs.mqueue limits a claim is about, recorded as evidence; where
// it cannot be read (gVisor has no /proc/sys/fs/mqueue) the claim cannot be
// judged: SKIP with that reason.
inline long long limit(const std::string& path) {
    const auto value = ipc::sysctl_if_readable(path);
    if (!value) ipc::skip("cannot read " + path + ", the limit the claim is about");
    return *value;
}

// The message-queue calls a claim uses, tried once on a queue of its own
// before the claim: one a kernel does not provide (ENOSYS: gVisor has mq_open
// and mq_unlink but not mq_timedsend, mq_getsetattr or mq_notify) makes the
// claim SKIP with that reason, instead of failing later on a call it needs.
enum Call : unsigned { uses_send = 1, uses_receive = 2, uses_getattr = 4, uses_notify = 8 };
inline void require_calls(unsigned calls) {
    const std::string name = "/ipc-claims-mq." + std::to_string(::getpid()) + ".probe";
    mq_attr attr{};
    attr.mq_maxmsg = 1;
    attr.mq_msgsize = 1;
    const mqd_t q = ::mq_open(name.c_str(), O_CREAT | O_EXCL | O_RDWR | O_NONBLOCK, 0600, &attr);
    if (q == static_cast<mqd_t>(-1)) {
        if (errno == ENOSYS) ipc::skip("this kernel does not provide mq_open (ENOSYS)");
        return;  // the claim's own mq_open says what is wrong
    }
    ::mq_unlink(name.c_str());
    std::string missing;
    char byte = 'p';
    unsigned prio = 0;
    mq_attr seen{};
    if ((calls & uses_send) && ::mq_send(q, &byte, 1, 0) != 0 && errno == ENOSYS) missing = "mq_timedsend";
    if (missing.empty() && (calls & uses_receive) && ::mq_receive(q, &byte, 1, &prio) < 0 && errno == ENOSYS)
        missing = "mq_timedreceive";
    if (missing.empty() && (calls & uses_getattr) && ::mq_getattr(q, &seen) != 0 && errno == ENOSYS)
        missing = "mq_getsetattr";
    if (missing.empty() && (calls & uses_notify) && ::mq_notify(q, nullptr) != 0 && errno == ENOSYS)
        missing = "mq_notify";
    ::mq_close(q);
    if (!missing.empty()) ipc::skip("this kernel does not provide " + missing + " (ENOSYS), which the claim uses");
}

// A queue's attributes as evidence: "flags=O_NONBLOCK maxmsg=5 msgsize=32 curmsgs=1".
inline std::string attributes(const mq_attr& a) {
    return "flags=" + std::string((a.mq_flags & O_NONBLOCK) ? "O_NONBLOCK" : "0") +
           " maxmsg=" + std::to_string(a.mq_maxmsg) + " msgsize=" + std::to_string(a.mq_msgsize) +
           " curmsgs=" + std::to_string(a.mq_curmsgs);
}

// "/ipc-claims-mq.<pid>.<n>.<what>": a name no other case or process uses.
inline std::string fresh_name(const std::string& what) {
    static int n = 0;
    return "/ipc-claims-mq." + std::to_string(::getpid()) + "." + std::to_string(++n) + "." + what;
}

// mq_open(name, O_CREAT | O_EXCL | flags, 0600, attr) for {maxmsg, msgsize},
// or with the defaults when maxmsg is 0: the descriptor, or -1 with errno.
inline mqd_t create(const std::string& name, long maxmsg, long msgsize, int flags = O_RDWR) {
    mq_attr attr{};
    attr.mq_maxmsg = maxmsg;
    attr.mq_msgsize = msgsize;
    return ::mq_open(name.c_str(), O_CREAT | O_EXCL | flags, 0600, maxmsg == 0 ? nullptr : &attr);
}

// Unlinks a name when it goes, whatever the verdict: for a queue that a
// child, or a call under test, may have created.
class UnlinkName {
public:
    explicit UnlinkName(std::string name) : name_(std::move(name)) {}
    UnlinkName(const UnlinkName&) = delete;
    UnlinkName& operator=(const UnlinkName&) = delete;
    ~UnlinkName() { ::mq_unlink(name_.c_str()); }
    const std::string& name() const { return name_; }

private:
    std::string name_;
};

// A queue of the case's own, created (O_CREAT | O_EXCL) under a fresh name,
// closed and unlinked when it goes. A refusal to create it is a broken setup.
class Queue {
public:
    // maxmsg 0: the defaults (attr NULL).
    explicit Queue(long maxmsg = 0, long msgsize = 0, int flags = O_RDWR, const std::string& what = "q")
        : unlink_(fresh_name(what)) {
        fd_ = static_cast<mqd_t>(ipc::must(create(unlink_.name(), maxmsg, msgsize, flags), "mq_open(O_CREAT)"));
    }
    Queue(const Queue&) = delete;
    Queue& operator=(const Queue&) = delete;
    ~Queue() { close(); }

    mqd_t fd() const { return fd_; }
    const std::string& name() const { return unlink_.name(); }
    void close() {
        if (fd_ != -1) ::mq_close(std::exchange(fd_, static_cast<mqd_t>(-1)));
    }
    mq_attr attr() const {
        mq_attr a{};
        ipc::must(::mq_getattr(fd_, &a), "mq_getattr");
        return a;
    }

private:
    UnlinkName unlink_;
    mqd_t fd_ = -1;
};

// What a call gave: "sent" for a send that succeeded, else the errno name.
inline std::string sent_or_errno(int rc) { return rc == 0 ? "sent" : ipc::errno_name(errno); }

// mq_send that must succeed: a refusal is a broken setup.
inline void send(mqd_t q, const std::string& text, unsigned prio = 0) {
    ipc::must(::mq_send(q, text.data(), text.size(), prio), "mq_send of a setup message");
}

// "prio:text" of one mq_receive into a buffer of `size` bytes (the queue's
// mq_msgsize when 0), or the errno name.
inline std::string received_or_errno(ssize_t n, const std::vector<char>& buf, unsigned prio) {
    if (n < 0) return ipc::errno_name(errno);
    return std::to_string(prio) + ":" + std::string(buf.data(), static_cast<std::size_t>(n));
}
inline std::size_t msgsize_of(mqd_t q) {
    mq_attr a{};
    ipc::must(::mq_getattr(q, &a), "mq_getattr");
    return static_cast<std::size_t>(a.mq_msgsize);
}
inline std::string receive(mqd_t q, std::size_t size = 0) {
    std::vector<char> buf(size ? size : msgsize_of(q));
    unsigned prio = 0;
    const ssize_t n = ::mq_receive(q, buf.data(), buf.size(), &prio);
    return received_or_errno(n, buf, prio);
}
inline std::string timed_receive(mqd_t q, const timespec& deadline) {
    std::vector<char> buf(msgsize_of(q));
    unsigned prio = 0;
    const ssize_t n = ::mq_timedreceive(q, buf.data(), buf.size(), &prio, &deadline);
    return received_or_errno(n, buf, prio);
}

// Every message the queue holds, in the order mq_receive gives them, as
// "prio:text" joined by spaces; the queue is left empty. Taken through a
// descriptor of its own with O_NONBLOCK, so that it ends at EAGAIN, and
// bounded so that a queue that never says EAGAIN still ends.
inline std::string drain(const std::string& name) {
    const mqd_t q = static_cast<mqd_t>(ipc::must(::mq_open(name.c_str(), O_RDONLY | O_NONBLOCK), "mq_open to drain"));
    std::string all;
    for (int i = 0; i < 100000; ++i) {
        const auto got = receive(q);
        if (got == "EAGAIN") break;
        all += (all.empty() ? "" : " ") + got;
    }
    ::mq_close(q);
    return all;
}

// Fills the queue with one-byte messages "f" until it holds mq_maxmsg of
// them; returns how many were sent.
inline long fill(mqd_t q) {
    mq_attr a{};
    ipc::must(::mq_getattr(q, &a), "mq_getattr");
    for (long i = a.mq_curmsgs; i < a.mq_maxmsg; ++i) send(q, "f");
    return a.mq_maxmsg;
}

// CLOCK_REALTIME now plus ms: the absolute deadline mq_timed* take.
inline timespec realtime_in(long ms) {
    timespec t{};
    ::clock_gettime(CLOCK_REALTIME, &t);
    t.tv_sec += ms / 1000;
    t.tv_nsec += (ms % 1000) * 1000000L;
    if (t.tv_nsec >= 1000000000L) {
        t.tv_sec += 1;
        t.tv_nsec -= 1000000000L;
    }
    return t;
}
// How far CLOCK_REALTIME now is past t, in microseconds (negative: before it).
inline long long micros_past(const timespec& t) {
    timespec now{};
    ::clock_gettime(CLOCK_REALTIME, &now);
    return (now.tv_sec - t.tv_sec) * 1000000LL + (now.tv_nsec - t.tv_nsec) / 1000;
}

}  // namespace mqcase

namespace mqcase {

// Registers for notification by signal sig with value `value`: 0 or -1 with errno.
inline int notify_by_signal(mqd_t q, int sig, int value) {
    sigevent ev{};
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = sig;
    ev.sigev_value.sival_int = value;
    return ::mq_notify(q, &ev);
}
// Registers for notification with SIGEV_NONE: 0 or -1 with errno.
inline int notify_none(mqd_t q) {
    sigevent ev{};
    ev.sigev_notify = SIGEV_NONE;
    return ::mq_notify(q, &ev);
}
// "registered" or the errno name of one mq_notify.
inline std::string registered_or_errno(int rc) { return rc == 0 ? "registered" : ipc::errno_name(errno); }

}  // namespace mqcase

#include <functional>
#include <sched.h>
#include <sys/mount.h>

#include "ipc/own_namespace.hpp"
#include "ipc/reporting_child.hpp"

namespace mqcase {

// In a forked child (never the case process): IPC and mount namespaces of
// its own (with a user namespace when it lacks the privilege), every mount
// made private so that nothing it mounts is seen outside, for claims about
// the mqueue filesystem. "" when done, else what could not be done (the
// claim cannot be judged here). Records the isolation under r["isolation"].
inline std::string enter_own_ipc_and_mount_namespaces(ipc::Report& r) {
    auto how = ipc::enter_own_ipc_namespace();
    if (!how) return "no IPC namespace of its own: " + ipc::errno_name(errno);
    r["isolation"] = *how;
    if (::unshare(CLONE_NEWNS) != 0) return "unshare(CLONE_NEWNS): " + ipc::errno_name(errno);
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
        return "mount --make-rprivate /: " + ipc::errno_name(errno);
    return "";
}

// A mount of the mqueue filesystem on `dir`, detached when it goes. ok() is
// false (errno set) when mount(2) refused it.
class MqueueMount {
public:
    explicit MqueueMount(std::string dir) : dir_(std::move(dir)) {
        ok_ = ::mount("mqueue", dir_.c_str(), "mqueue", 0, nullptr) == 0;
    }
    MqueueMount(const MqueueMount&) = delete;
    MqueueMount& operator=(const MqueueMount&) = delete;
    ~MqueueMount() {
        if (ok_) ::umount2(dir_.c_str(), MNT_DETACH);
    }
    bool ok() const { return ok_; }
    // The path of the queue `name` ("/x") under this mount.
    std::string path_of(const std::string& name) const { return dir_ + name; }

private:
    std::string dir_;
    bool ok_ = false;
};

// A child that catches SIGUSR1 with a handler (a byte on handled_fd per
// delivery), without SA_RESTART unless `flags` says so, and then makes
// `call`, which returns what the call gave ("EINTR", "sent" ...). It reports
// that under "woke_with".
inline ipc::ReportingChild caller_with_handler(int handled_fd, int flags, const std::function<std::string()>& call) {
    return ipc::ReportingChild::fork([&](ipc::Report& r) {
        ipc::CaughtSignal caught(SIGUSR1, {.flags = flags, .notify_fd = handled_fd});
        r["woke_with"] = call();
        return 0;
    });
}

// `child` (a caller_with_handler), seen asleep in `syscall` (recorded as
// <who>_blocked), gets SIGUSR1; once its handler has run it must not go back
// to sleep in `syscall`. What its call gave, or "restarted" when it went
// back to sleep there (then it is killed), recorded as <who>_woke_with.
inline std::string interrupt_blocked(ipc::ReportingChild& child, int handled_r, long syscall, const std::string& who) {
    ipc::require_blocked_in(child.pid(), syscall, who + "_blocked");
    child.kill(SIGUSR1);
    REQUIRE_MESSAGE(ipc::read_exactly(handled_r, 1).size() == 1, "the handler never ran");
    std::string woke_with;
    if (auto again = ipc::await_blocked_in(child.pid(), syscall)) {
        ipc::record_blocked(who + "_after_handler", *again);
        child.kill(SIGKILL);
        woke_with = "restarted";
        child.finish();
    } else {
        const auto woke = child.finish();
        woke_with = woke.status.exited_with(0) ? woke.get("woke_with") : woke.status.describe();
    }
    ipc::evidence(who + "_woke_with", woke_with);
    return woke_with;
}

}  // namespace mqcase
