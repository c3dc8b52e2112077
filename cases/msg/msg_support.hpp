// The small vocabulary of the message-queue cases (cases/msg): sending and
// selecting whole sequences, children that make one msgrcv or msgsnd and
// report what it gave, and a queue filled to its limit. (Children that
// report: ipc/reporting_child.hpp; blocked tasks: ipc/blocking.hpp; IPC
// namespaces of a case's own: ipc/own_namespace.hpp.)
#pragma once
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "ipc/case.hpp"
#include "ipc/reporting_child.hpp"

namespace msgcase {

using Messages = std::vector<ipc::Message>;

// Sends every message in order, without waiting: a refusal here is a broken
// setup, not a verdict on the claim.
inline void send_all(int qid, const Messages& messages) {
    for (const auto& m : messages)
        ipc::must(ipc::msg_send(qid, m.type, m.text, IPC_NOWAIT), "msgsnd of a setup message");
}

// What one msgrcv gave: `2:"text"`, or the errno name when it failed.
inline std::string outcome(const std::optional<ipc::Message>& m) {
    return m ? std::to_string(m->type) + ":\"" + m->text + "\"" : ipc::errno_name(errno);
}

// One msgrcv(msgtyp, flags | IPC_NOWAIT) that must succeed: the claim fails
// (with errno by name) when it does not.
inline ipc::Message take(int qid, long msgtyp, int flags = 0, std::size_t max_size = 0) {
    auto m = ipc::msg_receive(qid, msgtyp, flags | IPC_NOWAIT, max_size);
    REQUIRE_WITH_ERRNO(m, "msgrcv(msgtyp " << msgtyp << ") failed");
    return *m;
}

// What one msgsnd gave: "sent", or the errno name when it failed.
inline std::string sent_or_errno(int rc) { return rc == 0 ? "sent" : ipc::errno_name(errno); }

// A queue's state as IPC_STAT reports it, in one comparable line:
// "qnum=2 cbytes=8 qbytes=16384 lspid=41 lrpid=0".
inline std::string state(const msqid_ds& ds) {
    return "qnum=" + std::to_string(ds.msg_qnum) + " cbytes=" + std::to_string(ds.msg_cbytes) +
           " qbytes=" + std::to_string(ds.msg_qbytes) + " lspid=" + std::to_string(ds.msg_lspid) +
           " lrpid=" + std::to_string(ds.msg_lrpid);
}

// Removes whatever queue the key names when the case ends, whatever the
// verdict: for queues that separately executed roles create under a key.
struct RemoveQueueByKey {
    key_t key;
    explicit RemoveQueueByKey(key_t k) : key(k) {}
    RemoveQueueByKey(const RemoveQueueByKey&) = delete;
    ~RemoveQueueByKey() {
        int id = ::msgget(key, 0);
        if (id >= 0) ::msgctl(id, IPC_RMID, nullptr);
    }
};

using ipc::parse_key;

// The messages that repeated msgrcv(msgtyp, flags | IPC_NOWAIT) selects, in
// order, and the errno that ended the run (ENOMSG when nothing is left to
// select). Bounded, so that a kernel that never says ENOMSG still ends.
struct Selection {
    Messages received;
    std::string stopped_by;
};

inline Selection select_all(int qid, long msgtyp, int flags = 0, std::size_t max_size = 0) {
    Selection s;
    for (int i = 0; i < 1000; ++i) {
        auto m = ipc::msg_receive(qid, msgtyp, flags | IPC_NOWAIT, max_size);
        if (!m) {
            s.stopped_by = ipc::errno_name(errno);
            return s;
        }
        s.received.push_back(*m);
    }
    s.stopped_by = "no end after 1000 messages";
    return s;
}

// A child that makes one msgrcv(msgtyp), blocking, and reports what it gave
// (outcome(): `2:"text"` or the errno name) under "got".
inline ipc::ReportingChild receiver(int qid, long msgtyp) {
    return ipc::ReportingChild::fork([=](ipc::Report& r) {
        r["got"] = outcome(ipc::msg_receive(qid, msgtyp));
        return 0;
    });
}

// A child that makes one msgsnd of text, blocking, and reports what it gave
// ("sent" or the errno name) under "sent".
inline ipc::ReportingChild sender(int qid, long type, const std::string& text) {
    return ipc::ReportingChild::fork([&](ipc::Report& r) {
        r["sent"] = sent_or_errno(ipc::msg_send(qid, type, text));
        return 0;
    });
}

// Fills the queue without waiting, with messages of `type` of at most
// kernel.msgmax bytes and then one that tops it up, until it holds exactly
// msg_qbytes bytes. Returns the number of messages sent.
inline std::size_t fill_to_qbytes(const ipc::MsgQueue& q, long type) {
    const auto qbytes = static_cast<std::size_t>(q.stat().msg_qbytes);
    const auto chunk = std::min(qbytes, static_cast<std::size_t>(ipc::sysctl("/proc/sys/kernel/msgmax")));
    std::size_t sent = 0;
    for (std::size_t held = 0; held < qbytes; ++sent) {
        std::size_t size = std::min(chunk, qbytes - held);
        ipc::must(ipc::msg_send(q.id(), type, std::string(size, 'f'), IPC_NOWAIT), "msgsnd while filling the queue");
        held += size;
    }
    return sent;
}

}  // namespace msgcase

// ---- Depth claims (MSG-21 on): permissions, raw calls, the info commands ----
#include <cerrno>
#include <cstdio>
#include <linux/capability.h>
#include <sys/syscall.h>

namespace msgcase {

// A queue's mode bits set by its owner: IPC_SET of `seen` (an IPC_STAT of the
// queue taken while it could be read, for its uid, gid and msg_qbytes) with
// msg_perm.mode changed. IPC_SET needs ownership, not a permission bit.
inline void set_mode(int qid, msqid_ds seen, unsigned mode) {
    msqid_ds ds = seen;
    ds.msg_perm.mode = static_cast<unsigned short>(mode);
    ipc::must(::msgctl(qid, IPC_SET, &ds), "msgctl(IPC_SET mode)");
}

// "0600"
inline std::string octal(unsigned mode) {
    char text[8];
    std::snprintf(text, sizeof text, "%04o", mode & 0777);
    return text;
}

// msgctl(IPC_INFO or MSG_INFO) into a struct msginfo (glibc takes a
// msqid_ds pointer): the call's result, errno set on failure.
inline int msg_info(int cmd, msginfo& info) { return ::msgctl(0, cmd, reinterpret_cast<msqid_ds*>(&info)); }

}  // namespace msgcase

#include <utility>

namespace msgcase {

// A queue made by a raw msgget (whose flags are what a claim is about), removed
// when the case ends whatever the verdict.
struct RawQueue {
    int id;
    explicit RawQueue(int msqid) : id(msqid) {}
    RawQueue(RawQueue&& other) noexcept : id(std::exchange(other.id, -1)) {}
    RawQueue(const RawQueue&) = delete;
    ~RawQueue() {
        if (id >= 0) ::msgctl(id, IPC_RMID, nullptr);
    }
    msqid_ds stat() const {
        msqid_ds ds{};
        ipc::must(::msgctl(id, IPC_STAT, &ds), "msgctl(IPC_STAT)");
        return ds;
    }
};

}  // namespace msgcase

// ---- A blocked call interrupted by a handler installed with SA_RESTART (MSG-18, MSG-30) ----
#include <csignal>
#include <functional>

#include "ipc/signals.hpp"

namespace msgcase {

// A child that makes `call` (blocking; it returns what the call gave, as
// text) with SIGUSR1 caught by a handler installed with SA_RESTART, which
// writes a byte to handled_fd each time it runs. Reports under "woke_with"
// whether SA_RESTART was in force and what the call gave: "SA_RESTART EINTR".
inline ipc::ReportingChild caller_with_sa_restart_handler(int handled_fd, const std::function<std::string()>& call) {
    return ipc::ReportingChild::fork([&](ipc::Report& r) {
        ipc::CaughtSignal caught(SIGUSR1, {.flags = SA_RESTART, .notify_fd = handled_fd});
        struct sigaction installed {};
        if (::sigaction(SIGUSR1, nullptr, &installed) != 0) {
            r["woke_with"] = "sigaction failed: " + ipc::errno_name(errno);
            return 0;
        }
        std::string flags = (installed.sa_flags & SA_RESTART) ? "SA_RESTART " : "no SA_RESTART ";
        r["woke_with"] = flags + call();
        return 0;
    });
}

// `who` (a caller_with_sa_restart_handler), seen asleep in `syscall`, gets
// SIGUSR1; once its handler has run (a byte on handled_r) it must not be
// asleep in `syscall` again. Records <who>_blocked, <who>_status,
// <who>_woke_with (and <who>_after_handler when it went back to sleep) and
// checks that it woke with EINTR under SA_RESTART.
inline void interrupt_and_check_eintr(ipc::ReportingChild& child, int handled_r, long syscall, const std::string& who,
                                      const char* call_name) {
    ipc::require_blocked_in(child.pid(), syscall, who + "_blocked");
    child.kill(SIGUSR1);
    REQUIRE_MESSAGE(ipc::read_exactly(handled_r, 1).size() == 1, "the handler never ran");
    if (auto again = ipc::await_blocked_in(child.pid(), syscall)) {
        ipc::record_blocked(who + "_after_handler", *again);
        child.kill(SIGKILL);
        FAIL_CHECK(call_name << " was restarted after the handler: " << again->describe());
    }
    auto woke = child.finish();
    ipc::evidence(who + "_status", woke.status.describe());
    ipc::evidence(who + "_woke_with", woke.get("woke_with"));
    CHECK(woke.status.exited_with(0));
    CHECK_EQ(woke.get("woke_with"), "SA_RESTART EINTR");
}

}  // namespace msgcase
