// The mechanisms by name, their message limits as the kernel states them,
// repetitions summarised, and whether the CPU is emulated.
#include <algorithm>
#include <cstring>
#include <fstream>
#include <sys/socket.h>

#include "bench/measure.hpp"
#include "ipc/socket.hpp"

namespace bench {
namespace {

long long read_number(const std::string& path) {
    std::ifstream in(path);
    long long v = -1;
    if (!(in >> v)) return -1;
    return v;
}

}  // namespace

const std::vector<MechanismInfo>& mechanisms() {
    static const std::vector<MechanismInfo> table = {
        {Mechanism::Pipe, "pipe", "anonymous pipe, one each way (pipe(2))", true},
        {Mechanism::Fifo, "fifo", "named pipe, one each way (mkfifo(3) in a private directory)", true},
        {Mechanism::UnixStream, "unix-stream", "AF_UNIX SOCK_STREAM socketpair", true},
        {Mechanism::UnixSeqpacket, "unix-seqpacket", "AF_UNIX SOCK_SEQPACKET socketpair, one packet a message", true},
        {Mechanism::SysvMsg, "sysv-msg", "System V message queue, one message a message (type per direction)", true},
        {Mechanism::PosixMq, "posix-mq", "POSIX message queue, one each way", true},
        {Mechanism::ShmFutex, "shm-futex",
         "System V shm byte ring (4 MiB each way); a side that finds it empty/full sleeps on a futex, woken only then",
         true},
        {Mechanism::ShmSem, "shm-sem",
         "System V shm buffer (64 KiB each way) guarded by System V semaphores empty/full: the document's design",
         true},
        {Mechanism::ShmSpin, "shm-spin", "the shm byte ring, polled (spinning, yielding now and then): burns a CPU",
         true},
        {Mechanism::Memcpy, "memcpy", "memcpy(3) of the same bytes in one process: the ceiling", false},
    };
    return table;
}

const MechanismInfo& info(Mechanism m) {
    for (const auto& i : mechanisms())
        if (i.id == m) return i;
    throw std::logic_error("unknown mechanism");
}

Mechanism mechanism_named(const std::string& name) {
    std::string known;
    for (const auto& i : mechanisms()) {
        if (name == i.name) return i.id;
        known += (known.empty() ? "" : ", ") + std::string(i.name);
    }
    throw BadInput("unknown mechanism `" + name + "` (known: " + known + ")");
}

const char* placement_name(Placement p) {
    switch (p) {
        case Placement::SameCpu: return "same-cpu";
        case Placement::TwoCpus: return "two-cpus";
        case Placement::Unset: return "unset";
    }
    return "?";
}

Placement placement_named(const std::string& name) {
    for (Placement p : {Placement::SameCpu, Placement::TwoCpus, Placement::Unset})
        if (name == placement_name(p)) return p;
    throw BadInput("unknown placement `" + name + "` (known: same-cpu, two-cpus, unset)");
}

std::optional<Limit> message_limit(Mechanism m) {
    switch (m) {
        case Mechanism::SysvMsg: {
            // msgsnd(2) refuses more than msgmax; a message over the queue's
            // capacity (msgmnb) would wait forever.
            long long max = read_number("/proc/sys/kernel/msgmax"), mnb = read_number("/proc/sys/kernel/msgmnb");
            if (max <= 0 || mnb <= 0) return Limit{0, "kernel.msgmax unreadable"};
            if (mnb < max) return Limit{static_cast<std::size_t>(mnb), "kernel.msgmnb"};
            return Limit{static_cast<std::size_t>(max), "kernel.msgmax"};
        }
        case Mechanism::PosixMq: {
            long long max = read_number("/proc/sys/fs/mqueue/msgsize_max");
            if (max <= 0) return Limit{0, "fs.mqueue.msgsize_max unreadable"};
            return Limit{static_cast<std::size_t>(max), "fs.mqueue.msgsize_max"};
        }
        case Mechanism::UnixSeqpacket: {
            // A packet must fit the sending socket's buffer (SO_SNDBUF, as
            // the kernel doubled it), less 32 bytes (net/unix/af_unix.c).
            int sndbuf = 0;
            try {
                auto pair = ipc::SocketPair::make(SOCK_SEQPACKET);
                socklen_t len = sizeof sndbuf;
                if (::getsockopt(pair.a(), SOL_SOCKET, SO_SNDBUF, &sndbuf, &len) != 0) sndbuf = 0;
            } catch (const std::exception& e) {
                return Limit{0, std::string("SO_SNDBUF unreadable: ") + e.what()};
            }
            if (sndbuf <= 32) return Limit{0, "SO_SNDBUF unreadable"};
            return Limit{static_cast<std::size_t>(sndbuf - 32), "SO_SNDBUF - 32"};
        }
        default: return std::nullopt;
    }
}

Summary summarize(std::vector<double> values) {
    Summary s;
    s.reps = values;
    if (values.empty()) return s;
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    s.min = values.front();
    s.max = values.back();
    s.median = n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    s.spread = s.median > 0 ? (s.max - s.min) / s.median : 0;
    return s;
}

Emulation detect_emulation() {
    Emulation e;
    e.hypervisor = "none";
#if defined(__x86_64__) || defined(__i386__)
    // CPUID leaf 1, ECX bit 31: a hypervisor is present; leaf 0x40000000
    // names it ("KVMKVMKVM", "TCGTCGTCGTCG" for qemu's emulation, ...).
    unsigned a, b, c, d;
    asm volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
    if (c & (1u << 31)) {
        asm volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0x40000000), "c"(0));
        char sig[13] = {};
        std::memcpy(sig, &b, 4);
        std::memcpy(sig + 4, &c, 4);
        std::memcpy(sig + 8, &d, 4);
        std::string s(sig);
        while (!s.empty() && (s.back() == '\0' || s.back() == ' ')) s.pop_back();
        if (s.rfind("KVMKVMKVM", 0) == 0) e.hypervisor = "KVM";
        else if (s == "TCGTCGTCGTCG") e.hypervisor = "TCG";
        else if (s == "Microsoft Hv") e.hypervisor = "Hyper-V";
        else if (s == "VMwareVMware") e.hypervisor = "VMware";
        else e.hypervisor = s.empty() ? "unnamed" : s;
        e.how = "CPUID hypervisor leaf: " + (s.empty() ? std::string("(empty)") : s);
        e.emulated = e.hypervisor == "TCG";
    } else {
        e.how = "CPUID: no hypervisor bit";
    }
#endif
    // qemu's emulated CPUs also name themselves in /proc/cpuinfo.
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("model name", 0) != 0) continue;
        if (line.find("QEMU") != std::string::npos || line.find("TCG") != std::string::npos) {
            if (!e.emulated) e.how += (e.how.empty() ? "" : "; ") + std::string("/proc/cpuinfo: ") + line;
            e.emulated = e.emulated || e.hypervisor != "KVM";
        }
        break;
    }
    if (e.how.empty()) e.how = "no sign of emulation";
    return e;
}

}  // namespace bench
