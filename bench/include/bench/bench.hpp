// `ipc-claims bench`: how fast each IPC mechanism moves bytes between two
// processes (one-way throughput by message size) and how long a round trip
// takes (ping-pong latency), repeated, with the spread; bench.json, an HTML
// page with inline SVG charts, and --compare of two runs for CI.
//
// The measuring functions are also what the PERF-01 case runs, briefly.
#pragma once
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace CLI {
class App;
}

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

// The largest message a mechanism takes, read from the kernel, with where it
// comes from ("kernel.msgmax"); nullopt when bytes are streamed (no limit).
struct Limit {
    std::size_t bytes;
    std::string source;
};
std::optional<Limit> message_limit(Mechanism m);

// "64", "4K", "4KiB", "1M", "65536" -> bytes; BadInput for 0, junk or overflow.
std::size_t parse_size(const std::string& text);
std::vector<std::size_t> parse_sizes(const std::string& list);  // comma-separated
std::string size_label(std::size_t bytes);                       // "64 B", "4 KiB", "1 MiB"

// One measurement: bytes per second one way, sender to receiver, of messages
// of `size` bytes for about `seconds` (after a short warm-up).
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
nlohmann::json to_json(const Summary& s);

// True when the CPU is emulated (qemu TCG and the like): figures from such a
// machine are never compared with a real CPU's. `how` says what was seen.
struct Emulation {
    bool emulated = false;
    std::string hypervisor;  // "KVM", "TCG", "none", ...
    std::string how;
};
Emulation detect_emulation();

// One CPU's time since boot as /proc/stat counts it (ticks of 1/CLK_TCK s),
// in seconds: in all and busy (every state but idle and iowait: any
// process's, the kernel's, and the time the hypervisor gave to others);
// nullopt when /proc/stat has no line for it. With this process's and its
// children's CPU time (getrusage) it says how much of a CPU went to other
// work while a measurement ran there.
struct CpuUse {
    double total_s = 0, busy_s = 0;
};
std::optional<CpuUse> cpu_use(int cpu);

// The bench's figures compared: every figure whose median moved by more than
// the larger of both runs' spread and `floor` (relative).
struct Move {
    std::string figure;  // "throughput pipe 4 KiB two-cpus"
    double old_value = 0, new_value = 0, change = 0, threshold = 0;
    bool worse = false;
};
struct Comparison {
    std::vector<Move> moves;        // beyond the threshold
    std::vector<std::string> only_old, only_new, notes;
    std::size_t compared = 0;
    bool any_worse() const;
};
// Throws BadInput for a file that is not a bench.json of this schema, and
// when one run was emulated and the other not.
Comparison compare(const nlohmann::json& old_run, const nlohmann::json& new_run, double floor = 0.05);
nlohmann::json read_bench_file(const std::string& path);
std::string comparison_text(const Comparison& c);

inline constexpr int schema_version = 1;

// `ipc-claims bench`: runs and exits from its callback (0 done, 1 --compare
// found a figure worse, 2 bad input, 128+signal when interrupted).
void add_bench_command(CLI::App& app);

}  // namespace bench
