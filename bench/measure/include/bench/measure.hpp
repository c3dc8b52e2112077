// How fast each IPC mechanism moves bytes between two processes: one
// measurement at a time (one-way throughput, a delivery read in full, round
// trips), the mechanisms and where their processes run, repetitions
// summarised. What the PERF-01 case measures with, and what `ipc-claims
// bench` (bench/bench.hpp) repeats over sizes and placements. Uses only
// harness/sys.
#pragma once
#include <csignal>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/cpu_time.hpp"

namespace bench {

enum class Mechanism { Pipe, Fifo, UnixStream, UnixSeqpacket, SysvMsg, PosixMq, ShmFutex, ShmSem, ShmSpin, Memcpy };

struct MechanismInfo {
    Mechanism id;
    const char* name;         // on the command line and in bench.json: "shm-futex"
    const char* description;  // one line, for the table's legend and the HTML page
    bool two_processes;       // false only for memcpy (the ceiling, one process)
};

const std::vector<MechanismInfo>& mechanisms();  // in the order of the table
const MechanismInfo& info(Mechanism m);
// Throws BadInput for an unknown name.
Mechanism mechanism_named(const std::string& name);

// Where the two processes run: both on one CPU, on two different CPUs, or
// wherever the scheduler puts them.
enum class Placement { SameCpu, TwoCpus, Unset };
const char* placement_name(Placement p);  // "same-cpu", "two-cpus", "unset"
Placement placement_named(const std::string& name);
// The placements the machine allows by default: same-cpu, and two-cpus when
// the process may run on two CPUs or more.
std::vector<Placement> default_placements();
// The CPUs a placement pins to (sender first; empty for unset): the idlest
// ones this process may use, measured once when first needed.
std::vector<int> placement_cpus(Placement p);

// What the user got wrong: one line on stderr, exit 2.
struct BadInput : std::runtime_error {
    using std::runtime_error::runtime_error;
};
// A measurement stopped by SIGINT/SIGTERM (everything made is removed first).
struct Interrupted : std::runtime_error {
    int signal;
    explicit Interrupted(int sig);
};
// A mechanism whose kernel objects could not be made here (msgget refused,
// no POSIX message queues, ...): it cannot be measured on this machine, which
// says nothing about the others. what() is the reason.
struct Unavailable : std::runtime_error {
    Mechanism mechanism;
    Unavailable(Mechanism m, const std::string& why);
};

// SIGINT and SIGTERM noted (not fatal) while it lives, so that a bench can
// stop cleanly: measurements throw Interrupted, owners remove their objects.
class StopSignals {
public:
    StopSignals();
    ~StopSignals();
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;
    // The stop signal seen (SIGINT, SIGTERM), 0 when none.
    static int seen();

private:
    struct sigaction old_int_, old_term_;
};

// The largest message a mechanism takes, read from the kernel, with where it
// comes from ("kernel.msgmax"); nullopt when bytes are streamed (no limit).
struct Limit {
    std::size_t bytes;
    std::string source;
};
std::optional<Limit> message_limit(Mechanism m);

// One measurement: bytes per second one way, sender to receiver, of messages
// of `size` bytes for about `seconds` (after a short warm-up). Every
// measurement throws Unavailable when the mechanism's objects cannot be made.
double measure_throughput(Mechanism m, std::size_t size, Placement p, double seconds);

// Bytes delivered and read, per second, one way: a sender whose messages of
// `size` bytes (8 or more) are in its own memory sends each, and a receiver
// reads every byte of each where it can (sums its 64-bit words, and checks
// the sum). Through a pipe, a FIFO or a socket the sender writes from its
// memory and the receiver reads into a buffer of its own: the kernel copies
// every byte in and out. Through the shm ring the sender copies the message
// into the shared segment and the receiver reads it there: one copy, in user
// space, and no system call but a futex when a side must sleep.
double measure_delivery(Mechanism m, std::size_t size, Placement p, double seconds);

// Round trips of `size`-byte messages for about `seconds`: each one timed.
struct LatencySample {
    std::size_t round_trips = 0;
    double p50_ns = 0, p99_ns = 0, max_ns = 0, mean_ns = 0;
};
LatencySample measure_latency(Mechanism m, std::size_t size, Placement p, double seconds);

// Repetitions of one figure: minimum, median, maximum, spread = (max-min)/median.
struct Summary {
    std::vector<double> reps;
    double min = 0, median = 0, max = 0, spread = 0;
};
Summary summarize(std::vector<double> values);

// True when the CPU is emulated (qemu TCG and the like): figures from such a
// machine are never compared with a real CPU's. `how` says what was seen.
struct Emulation {
    bool emulated = false;
    std::string hypervisor;  // "KVM", "TCG", "none", ...
    std::string how;
};
Emulation detect_emulation();

}  // namespace bench
