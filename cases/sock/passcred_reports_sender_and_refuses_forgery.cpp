// SOCK-16 (edge; unix(7) SO_PASSCRED and SCM_CREDENTIALS, credentials(7)):
// SO_PASSCRED is off by default and belongs to the end it is set on. With it
// on at the receiver, every message arrives with an SCM_CREDENTIALS control
// message naming the sender's pid, uid and gid, whether the sender attached
// credentials or not; a message queued before it was turned on carries none
// of its sender's and shows pid 0 with the overflow uid and gid
// (/proc/sys/kernel/overflowuid, overflowgid; where they cannot be read, as
// under runsc, that part checks pid 0 only and says so); without it, the receiver gets
// no control message even when the sender attached its credentials, and
// SO_PASSCRED on the sending end alone shows nothing either; but set there
// before a send, it records the sender's credentials, which a receiver that
// turns SO_PASSCRED on later sees. On SOCK_STREAM, data queued without
// credentials and data queued with them are not read as one (two reads),
// while sends with the same credentials (or none) are, and a receiver
// without SO_PASSCRED reads across them all; each part of a send read in
// pieces comes with the credentials. A
// sender may attach only its own: a process without capabilities (dropped in
// a child, which works as root, as nobody and in a user namespace) that
// names another pid, or another uid, is refused with EPERM, and nothing is
// sent. An unconnected SOCK_DGRAM sender's sendto to a bound receiver with
// SO_PASSCRED carries the sender's credentials too.
#include <cstring>
#include <sstream>
#include <unistd.h>

#include "ipc/case.hpp"
#include "ipc/privilege.hpp"
#include "ipc/procfs.hpp"
#include "ipc/sysctl.hpp"
#include "ipc/socket.hpp"
#include "sock_support.hpp"

namespace {
// sendmsg of text with an SCM_CREDENTIALS message of c (nullopt: none).
ipc::SyscallResult send_creds(int fd, const std::string& text, std::optional<ucred> c) {
    iovec iov{const_cast<char*>(text.data()), text.size()};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(ucred))] = {};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    if (c) {
        msg.msg_control = control;
        msg.msg_controllen = sizeof control;
        cmsghdr* h = CMSG_FIRSTHDR(&msg);
        h->cmsg_level = SOL_SOCKET;
        h->cmsg_type = SCM_CREDENTIALS;
        h->cmsg_len = CMSG_LEN(sizeof(ucred));
        std::memcpy(CMSG_DATA(h), &*c, sizeof(ucred));
    }
    return ipc::capture([&] { return ::sendmsg(fd, &msg, MSG_NOSIGNAL); });
}

// One recvmsg: the credentials it carried, as "pid P uid U gid G", or "none".
std::string received_creds(int fd, std::string* text = nullptr) {
    char data[64];
    iovec iov{data, sizeof data};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(ucred))] = {};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    const long n = ::recvmsg(fd, &msg, MSG_DONTWAIT);
    if (n < 0) return "recvmsg: " + ipc::errno_name(errno);
    if (text) text->assign(data, static_cast<std::size_t>(n));
    for (cmsghdr* h = CMSG_FIRSTHDR(&msg); h; h = CMSG_NXTHDR(&msg, h)) {
        if (h->cmsg_level != SOL_SOCKET || h->cmsg_type != SCM_CREDENTIALS) continue;
        ucred c{};
        std::memcpy(&c, CMSG_DATA(h), sizeof c);
        return "pid " + std::to_string(c.pid) + " uid " + std::to_string(c.uid) + " gid " + std::to_string(c.gid);
    }
    return "none";
}

std::string creds(long pid, long uid, long gid) {
    return "pid " + std::to_string(pid) + " uid " + std::to_string(uid) + " gid " + std::to_string(gid);
}

void set_passcred(int fd, int on) {
    ipc::must(::setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &on, sizeof on), "SO_PASSCRED");
}

// A uid other than ours that this user namespace maps (a forged uid must be
// a valid one, or the kernel refuses it as EINVAL before asking whether it
// is allowed); nullopt when ours is the only one.
std::optional<uid_t> other_mapped_uid() {
    auto map = ipc::read_text("/proc/self/uid_map");
    if (!map) return std::nullopt;
    std::istringstream lines(*map);
    unsigned long long inside = 0, outside = 0, count = 0;
    while (lines >> inside >> outside >> count) {
        for (unsigned long long u = inside; u < inside + count && u < inside + 2; ++u)
            if (u != ::getuid()) return static_cast<uid_t>(u);
    }
    return std::nullopt;
}

// What a message queued before SO_PASSCRED shows: pid 0 with the overflow
// uid and gid; nullopt when either cannot be read (runsc has no
// kernel.overflowgid), and then only its pid 0 can be checked.
std::optional<std::string> unknown_sender() {
    const auto uid = ipc::sysctl_if_readable("/proc/sys/kernel/overflowuid");
    const auto gid = ipc::sysctl_if_readable("/proc/sys/kernel/overflowgid");
    if (!uid || !gid) return std::nullopt;
    return creds(0, *uid, *gid);
}

// Credentials c as far as they can be compared with an unknown sender's:
// whole when the overflow ids are known, else their "pid P" only.
std::string as_far_as_known(const std::string& c, const std::optional<std::string>& unknown) {
    return unknown ? c : c.substr(0, c.find(' ', 4));
}
}  // namespace

CLAIM("SOCK-16", "SO_PASSCRED makes each message carry the sender's credentials; forging another pid or uid is EPERM") {
    const std::string self = creds(::getpid(), ::getuid(), ::getgid());
    const auto unknown_ids = unknown_sender();
    const std::string unknown = unknown_ids.value_or("pid 0");
    const auto known = [&](const std::string& c) { return as_far_as_known(c, unknown_ids); };
    if (!unknown_ids)
        ipc::skip_part("overflow_ids",
                       "cannot read /proc/sys/kernel/overflowuid and overflowgid: a message queued "
                       "before SO_PASSCRED is checked for pid 0 only, not for the overflow uid and gid");
    ipc::evidence("own_credentials", self);
    const auto other_uid = other_mapped_uid();
    if (other_uid) ipc::evidence("forged_uid", static_cast<long long>(*other_uid));
    else
        ipc::skip_part("forged_uid", "this user namespace maps no uid but ours (" + std::to_string(::getuid()) +
                                         "): a forged uid could only be an unmapped one, which is EINVAL");
    for (int type : {SOCK_STREAM, SOCK_SEQPACKET, SOCK_DGRAM}) {
        const auto k = sockcase::kind(type);
        CAPTURE(k.name);
        auto pair = ipc::SocketPair::make(type);
        ipc::evidence(k.name + ".SO_PASSCRED_default", sockcase::int_option(pair.b(), SO_PASSCRED));
        CHECK_EQ(sockcase::int_option(pair.b(), SO_PASSCRED), 0);

        // Off: attached credentials do not show.
        REQUIRE(send_creds(pair.a(), "attached", ucred{::getpid(), ::getuid(), ::getgid()}).ok());
        CHECK_EQ(received_creds(pair.b()), "none");
        // Queued before it is turned on: no sender known.
        REQUIRE(send_creds(pair.a(), "early", std::nullopt).ok());
        set_passcred(pair.b(), 1);
        ipc::evidence(k.name + ".SO_PASSCRED_at_other_end", sockcase::int_option(pair.a(), SO_PASSCRED));
        CHECK_EQ(sockcase::int_option(pair.a(), SO_PASSCRED), 0);
        const std::string early = received_creds(pair.b());
        ipc::evidence(k.name + ".queued_before_SO_PASSCRED", early);
        CHECK_EQ(known(early), unknown);
        // On: the sender's, attached or not.
        REQUIRE(send_creds(pair.a(), "plain", std::nullopt).ok());
        const std::string plain = received_creds(pair.b());
        REQUIRE(send_creds(pair.a(), "attached", ucred{::getpid(), ::getuid(), ::getgid()}).ok());
        const std::string attached = received_creds(pair.b());
        ipc::evidence(k.name + ".sent_without_credentials", plain);
        ipc::evidence(k.name + ".sent_with_own_credentials", attached);
        CHECK_EQ(plain, self);
        CHECK_EQ(attached, self);
        set_passcred(pair.b(), 0);
        ipc::evidence(k.name + ".SO_PASSCRED_after_unset", sockcase::int_option(pair.b(), SO_PASSCRED));
        CHECK_EQ(sockcase::int_option(pair.b(), SO_PASSCRED), 0);
        set_passcred(pair.b(), 1);

        // SO_PASSCRED at the sending end only: nothing shows; but it records.
        {
            auto other = ipc::SocketPair::make(type);
            REQUIRE(send_creds(other.a(), "before", std::nullopt).ok());
            set_passcred(other.a(), 1);
            const std::string before = received_creds(other.b());
            REQUIRE(send_creds(other.a(), "after", std::nullopt).ok());
            const std::string after_sender_on = received_creds(other.b());
            REQUIRE(send_creds(other.a(), "recorded", std::nullopt).ok());
            set_passcred(other.b(), 1);
            const std::string recorded = received_creds(other.b());
            ipc::evidence(k.name + ".sender_SO_PASSCRED_only.sent_before", before);
            ipc::evidence(k.name + ".sender_SO_PASSCRED_only.sent_after", after_sender_on);
            ipc::evidence(k.name + ".sender_SO_PASSCRED_then_receiver", recorded);
            CHECK_EQ(before, "none");
            CHECK_EQ(after_sender_on, "none");
            CHECK_EQ(recorded, self);
        }
        if (type == SOCK_STREAM) {  // different credentials are never read as one
            auto other = ipc::SocketPair::make(type);
            REQUIRE(send_creds(other.a(), "unknown.", std::nullopt).ok());
            set_passcred(other.b(), 1);
            REQUIRE(send_creds(other.a(), "known.", std::nullopt).ok());
            std::string first_text, second_text;
            const std::string first = received_creds(other.b(), &first_text);
            const std::string second = received_creds(other.b(), &second_text);
            ipc::evidence("SOCK_STREAM.mixed_credentials.read1", first_text + " (" + first + ")");
            ipc::evidence("SOCK_STREAM.mixed_credentials.read2", second_text + " (" + second + ")");
            CHECK_EQ(first_text, "unknown.");
            CHECK_EQ(known(first), unknown);
            CHECK_EQ(second_text, "known.");
            CHECK_EQ(second, self);
            // Turned off in between: the known then the unknown, still apart.
            auto down = ipc::SocketPair::make(type);
            set_passcred(down.b(), 1);
            REQUIRE(send_creds(down.a(), "known.", std::nullopt).ok());
            set_passcred(down.b(), 0);
            REQUIRE(send_creds(down.a(), "unknown.", std::nullopt).ok());
            set_passcred(down.b(), 1);
            std::string t1, t2;
            const std::string c1 = received_creds(down.b(), &t1);
            const std::string c2 = received_creds(down.b(), &t2);
            ipc::evidence("SOCK_STREAM.credentials_turned_off_between.read1", t1 + " (" + c1 + ")");
            ipc::evidence("SOCK_STREAM.credentials_turned_off_between.read2", t2 + " (" + c2 + ")");
            CHECK_EQ(t1, "known.");
            CHECK_EQ(c1, self);
            CHECK_EQ(t2, "unknown.");
            CHECK_EQ(known(c2), unknown);
            // Same credentials, or none known: one read.
            for (bool on_first : {false, true}) {
                auto same = ipc::SocketPair::make(type);
                if (on_first) set_passcred(same.b(), 1);
                REQUIRE(send_creds(same.a(), "one.", std::nullopt).ok());
                REQUIRE(send_creds(same.a(), "two.", std::nullopt).ok());
                set_passcred(same.b(), 1);
                std::string t;
                const std::string c = received_creds(same.b(), &t);
                const std::string name = on_first ? "both_sent_with_SO_PASSCRED" : "both_sent_before_SO_PASSCRED";
                ipc::evidence("SOCK_STREAM." + name + ".read", t + " (" + c + ")");
                CHECK_EQ(t, "one.two.");
                CHECK_EQ(on_first ? c : known(c), on_first ? self : unknown);
            }
            // No SO_PASSCRED at the reader: one read across differing credentials.
            auto off = ipc::SocketPair::make(type);
            set_passcred(off.b(), 1);
            REQUIRE(send_creds(off.a(), "one.", std::nullopt).ok());
            REQUIRE(send_creds(off.a(), "two.", std::nullopt).ok());
            set_passcred(off.b(), 0);
            REQUIRE(send_creds(off.a(), "three.", std::nullopt).ok());
            std::string t3;
            const std::string c3 = received_creds(off.b(), &t3);
            ipc::evidence("SOCK_STREAM.reader_without_SO_PASSCRED.read", t3 + " (" + c3 + ")");
            CHECK_EQ(t3, "one.two.three.");
            CHECK_EQ(c3, "none");
            // One send read in pieces: each piece has the credentials.
            auto pieces = ipc::SocketPair::make(type);
            set_passcred(pieces.b(), 1);
            REQUIRE(send_creds(pieces.a(), std::string(64, 'p'), std::nullopt).ok());
            const std::string p1 = received_creds(pieces.b());
            ipc::evidence("SOCK_STREAM.partial_read1", p1);
            CHECK_EQ(p1, self);
        }

        // Forged, by a sender without capabilities: EPERM, nothing sent.
        auto forger = ipc::Child::fork([&] {
            if (ipc::drop_all_capabilities() != 0) return 77;
            const pid_t me = ::getpid();
            auto other_pid = send_creds(pair.a(), "forged", ucred{::getppid(), ::getuid(), ::getgid()});
            ipc::evidence(k.name + ".forger.other_pid", ipc::describe(other_pid));
            bool uid_refused = true;
            if (other_uid) {
                auto forged_uid = send_creds(pair.a(), "forged", ucred{me, *other_uid, ::getgid()});
                ipc::evidence(k.name + ".forger.other_uid", ipc::describe(forged_uid));
                uid_refused = forged_uid == ipc::SyscallResult::failure(EPERM);
            }
            return other_pid == ipc::SyscallResult::failure(EPERM) && uid_refused ? 0 : 1;
        });
        auto status = forger.wait();
        ipc::evidence(k.name + ".forger_status", status.describe());
        if (status.exited_with(77)) ipc::broken("a child could not drop its capabilities");
        CHECK(status.exited_with(0));
        const std::string after = received_creds(pair.b());
        ipc::evidence(k.name + ".read_after_forgeries", after);
        CHECK_EQ(after, "recvmsg: EAGAIN");
    }
    const auto where = ipc::UnixAddress::abstract(ipc::unique_abstract_name("passcred-dgram"));
    auto bound = sockcase::unix_socket(SOCK_DGRAM);
    auto sender = sockcase::unix_socket(SOCK_DGRAM);
    REQUIRE(::bind(bound.get(), where.get(), where.size()) == 0);
    set_passcred(bound.get(), 1);
    REQUIRE(::sendto(sender.get(), "a", 1, 0, where.get(), where.size()) == 1);
    const std::string got = received_creds(bound.get());
    ipc::evidence("SOCK_DGRAM.unconnected_sendto_to_SO_PASSCRED_receiver", got);
    CHECK_EQ(got, self);
}
