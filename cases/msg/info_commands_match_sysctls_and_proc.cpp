// MSG-34 (edge; msgctl(2) IPC_INFO "Return information about system-wide
// message queue limits and parameters in the structure pointed to by buf ...
// msgmax, msgmnb, msgmni", MSG_INFO "Return a msginfo structure containing the
// same information as for IPC_INFO, except that the following fields are
// returned with information about system resources consumed by message
// queues: the msgpool field returns the number of message queues that
// currently exist on the system; the msgmap field returns the total number of
// messages in all queues on the system; and the msgtql field returns the total
// number of bytes in all messages", both returning "the index of the highest
// used entry in the kernel's internal array"; proc(5) /proc/sysvipc/msg):
// IPC_INFO's msgmax, msgmnb and msgmni are the sysctls', and its msgpool,
// msgmap, msgssz and msgtql the values compiled into the kernel
// (include/uapi/linux/msg.h: MSGPOOL, MSGMAP, MSGSSZ, MSGTQL; msgctl(2) "unused
// within kernel"), not counts of what is in use; MSG_INFO's counts are the sums
// of /proc/sysvipc/msg (number of queues, qnum, cbytes), and one more queue
// holding two messages of 3 and 4 bytes adds exactly 1, 2 and 7 to them.
#include <sstream>

#include "ipc/case.hpp"
#include "ipc/sysvipc.hpp"
#include "msg_support.hpp"

namespace {
// The compiled-in values IPC_INFO reports, as include/uapi/linux/msg.h
// defines them (that header cannot be included beside <sys/msg.h>): MSGMNI
// 32000 and MSGMNB 16384 are the defaults of the sysctls, MSGPOOL is
// MSGMNI * MSGMNB / 1024, MSGMAP and MSGTQL are MSGMNB, MSGSSZ is 16. Unlike
// msgmax, msgmnb and msgmni they do not follow the sysctls.
namespace compiled_in {
constexpr long long msgmni = 32000, msgmnb = 16384;
constexpr long long msgpool = msgmni * msgmnb / 1024, msgmap = msgmnb, msgssz = 16, msgtql = msgmnb;
}  // namespace compiled_in

// "msgpool=512000 msgmap=16384 msgssz=16 msgtql=16384"
std::string compiled_in_fields(long long msgpool, long long msgmap, long long msgssz, long long msgtql) {
    return "msgpool=" + std::to_string(msgpool) + " msgmap=" + std::to_string(msgmap) +
           " msgssz=" + std::to_string(msgssz) + " msgtql=" + std::to_string(msgtql);
}

// "queues=2 messages=3 bytes=12"
std::string counts(long long queues, long long messages, long long bytes) {
    return "queues=" + std::to_string(queues) + " messages=" + std::to_string(messages) +
           " bytes=" + std::to_string(bytes);
}

std::string counts_of(const msginfo& info) { return counts(info.msgpool, info.msgmap, info.msgtql); }

// The same sums from /proc/sysvipc/msg (columns key msqid perms cbytes qnum
// ...), or nullopt when it cannot be read (gVisor has no /proc/sysvipc).
std::optional<std::string> counts_in_proc() {
    auto rows = ipc::sysvipc_objects("msg");
    if (!rows) return std::nullopt;
    long long messages = 0, bytes = 0;
    for (const auto& row : *rows) {
        std::istringstream fields(row.line);
        long long key, id, perms, cbytes, qnum;
        if (fields >> key >> id >> perms >> cbytes >> qnum) {
            bytes += cbytes;
            messages += qnum;
        }
    }
    return counts(static_cast<long long>(rows->size()), messages, bytes);
}

msginfo info_of(int cmd, const char* what) {
    msginfo info{};
    ipc::must(msgcase::msg_info(cmd, info), what);
    return info;
}
}  // namespace

CLAIM("MSG-34",
      "IPC_INFO reports the msg sysctls and compiled-in values; MSG_INFO the queues, messages and bytes in use") {
    const long long msgmax = ipc::sysctl("/proc/sys/kernel/msgmax");
    const long long msgmnb = ipc::sysctl("/proc/sys/kernel/msgmnb");
    const long long msgmni = ipc::sysctl("/proc/sys/kernel/msgmni");
    auto first = ipc::MsgQueue::create();
    msgcase::send_all(first.id(), {{1, "a"}});

    const auto limits = info_of(IPC_INFO, "msgctl(IPC_INFO)");
    const std::string limits_line = "msgmax=" + std::to_string(limits.msgmax) +
                                    " msgmnb=" + std::to_string(limits.msgmnb) +
                                    " msgmni=" + std::to_string(limits.msgmni);
    ipc::evidence("IPC_INFO", limits_line);
    CHECK_EQ(limits_line, "msgmax=" + std::to_string(msgmax) + " msgmnb=" + std::to_string(msgmnb) +
                              " msgmni=" + std::to_string(msgmni));
    const auto fixed = compiled_in_fields(limits.msgpool, limits.msgmap, limits.msgssz, limits.msgtql);
    ipc::evidence("IPC_INFO.compiled_in", fixed);
    ipc::evidence("IPC_INFO.msgseg", limits.msgseg);
    CHECK_EQ(fixed,
             compiled_in_fields(compiled_in::msgpool, compiled_in::msgmap, compiled_in::msgssz, compiled_in::msgtql));

    const auto before = info_of(MSG_INFO, "msgctl(MSG_INFO)");
    const auto proc_before = counts_in_proc();
    ipc::evidence("MSG_INFO_before", counts_of(before));
    ipc::evidence("proc_sysvipc_msg_before", proc_before.value_or("unreadable: " + ipc::errno_name(errno)));

    auto second = ipc::MsgQueue::create();
    msgcase::send_all(second.id(), {{1, "abc"}, {2, "defg"}});
    const auto after = info_of(MSG_INFO, "msgctl(MSG_INFO)");
    const auto proc_after = counts_in_proc();
    ipc::evidence("MSG_INFO_after", counts_of(after));
    ipc::evidence("proc_sysvipc_msg_after", proc_after.value_or("unreadable"));
    CHECK_EQ(counts_of(after), counts(before.msgpool + 1LL, before.msgmap + 2LL, before.msgtql + 7LL));
    if (proc_before && proc_after) {
        CHECK_EQ(counts_of(before), *proc_before);
        CHECK_EQ(counts_of(after), *proc_after);
    } else {
        ipc::skip_part("agrees_with_proc_sysvipc_msg", "/proc/sysvipc/msg cannot be read here");
    }
}
