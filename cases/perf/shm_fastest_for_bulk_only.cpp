// PERF-01 (fix; seed §2.2, "shared memory is the fastest IPC, without
// exception"; shm_overview(7), pipe(7), unix(7), futex(2)): measured, bulk
// data (64 KiB messages) is delivered faster through a shared memory ring
// than through a pipe or an AF_UNIX stream socket, but a small message's round
// trip through it is no faster: the reader still has to be woken through the
// kernel (a futex), just as a pipe's reader is. The bulk ordering is the
// verdict; the small-message figures are evidence, not a verdict.
//
// What is measured (bench::measure_delivery): the document's argument, that
// shared memory spares the copies through the kernel. A sender holds each
// message in its own memory and a receiver reads every byte of it (sums its
// 64-bit words and checks the sum, so that nothing is skipped or garbled).
// Through the shm ring the sender copies the message into the segment and the
// receiver reads it there, in place: one copy, and no system call but a futex
// when a side must sleep. Through a pipe or a stream socket the sender
// write()s it and the receiver read()s it into a buffer of its own: the kernel
// copies it in and out, with two system calls a message or more. So the ring
// does less of every kind of work, on any CPU; a machine where it still comes
// out slower has a slow shared memory path (the bytewise-memcpy fault of
// tests/faults/perf is one).
// Both processes share one CPU (the idlest), so the ordering does not hang on
// whether a second CPU is idle, busy or absent. There the ring's sides wake a
// sleeping peer only when about to sleep themselves (transports.cpp,
// peer_here): waking it at once would hand it the CPU for every message. The
// bench's ring did that until this claim found it (two context switches a
// 64 KiB message, against 0.04 now): ring/stream then came out 0.75-0.97
// here, below 1, whatever was measured; now 4.5-5 (pipe 6.7-7.4).
//
// The rule (an ordering decided from the measured spread, no factor fitted to
// one machine):
// - Rounds. A round measures the ring, the pipe and the stream once each, one
//   after the other, in an order that rotates from round to round. Each round
//   gives two paired ratios, ring/pipe and ring/stream: whatever slows the
//   machine for a while (the host, a neighbour's burst, frequency) slows the
//   three measurements of a round alike and cancels in the ratio; the
//   rotation keeps a place in the round from favouring one mechanism.
// - Decision. After n rounds each ratio's median has a distribution-free
//   confidence interval [x(k), x(n+1-k)] (order statistics of the n ratios;
//   its coverage, 1 - 2 P[Binomial(n, 1/2) < k], needs no assumption about
//   the noise but that a round's ratio is as likely above the median as
//   below). k is the largest giving at least 99 %: from 8 rounds on, the
//   interval is [min, max], so the ring must win every round; from 12 rounds
//   one lost round is allowed, from 15 two. PASS when both intervals lie
//   above 1 (the ring is faster than each); FAIL when either lies below 1
//   (the ring was observed slower: the ordering is reversed beyond the
//   spread). Otherwise another round, up to 16 (about 2 s); still undecided,
//   SKIP "too noisy to decide" with every round's figures (at once from 8
//   rounds when other work took 10 % or more of the measuring CPU). More
//   rounds narrow the interval (unlike comparing the worst round of one with
//   the best of the other, which more rounds only widen), so noise costs
//   time, not the verdict.
// - Where the figures would not measure the kernel's mechanisms: SKIP, with
//   the figures of a few rounds. An emulated CPU (qemu TCG: the CPUID
//   hypervisor leaf says "TCGTCGTCGTCG", or /proc/cpuinfo names a QEMU CPU
//   with no KVM signature) times the emulator's code translation. Intercepted
//   system calls (gVisor's ptrace platform, strace) are probed by behaviour:
//   a trivial system call (getppid) is timed against a loop of dependent
//   additions in the same process. Natively it costs a few thousand
//   iterations at most (its entry and exit); when another process intercepts
//   it, two context switches and the tracer's work: tens of thousands or
//   more. Then the pipe's, the socket's and the ring's futex calls all
//   measure the interception (under gVisor's ptrace platform the three come
//   out alike, 0.2 GB/s).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <fmt/core.h>
#include <map>
#include <optional>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

#include "bench/measure.hpp"
#include "ipc/case.hpp"

namespace {

using bench::Mechanism;
using Clock = std::chrono::steady_clock;

constexpr bench::Placement placement = bench::Placement::SameCpu;
constexpr std::size_t bulk = 64 * 1024, small = 64;
constexpr double bulk_seconds = 0.03, trip_seconds = 0.025;
constexpr int min_rounds = 8, max_rounds = 16, skip_rounds = 3, trip_rounds = 2;
constexpr double confidence = 0.99;
// A system call natively costs what a few hundred to a few thousand
// iterations of a one-addition loop cost (3,500 on this PTI-mitigated VM, 1
// us); intercepted by another process (ptrace) it costs two context switches
// and the tracer's work: 57-130 us here under gVisor's ptrace platform,
// 46,000-150,000 iterations. The line sits well apart from both.
constexpr double intercepted_iterations = 20000;
constexpr int loop_iterations = 1000000;
// The share of the measuring CPU's time that other work may take before a
// reversed or undecided ordering says more about the scheduler than about the
// mechanisms (43-80 % here while other jobs kept both CPUs busy).
constexpr double busy_share = 0.10;
const Mechanism ring = Mechanism::ShmFutex;
const Mechanism others[] = {Mechanism::Pipe, Mechanism::UnixStream};
const Mechanism compared[] = {Mechanism::ShmFutex, Mechanism::Pipe, Mechanism::UnixStream};

std::string gbs(double bytes_per_s) { return fmt::format("{:.2f} GB/s", bytes_per_s / 1e9); }
std::string us(double ns) { return fmt::format("{:.2f} us", ns / 1e3); }
double round2(double x) { return std::round(x * 100) / 100; }
std::string name_of(Mechanism m) { return bench::info(m).name; }
// "shm_ring_to_pipe", "shm_ring_to_unix_stream": the evidence's names.
std::string ratio_name(Mechanism m) { return m == Mechanism::Pipe ? "shm_ring_to_pipe" : "shm_ring_to_unix_stream"; }

// The largest k whose interval [x(k), x(n+1-k)] covers the median of n
// rounds with at least `confidence`; 0 when n rounds are too few.
int interval_rank(int n) {
    int best = 0;
    double below = 0;   // P[Binomial(n, 1/2) < k]
    double choose = 1;  // C(n, k-1)
    for (int k = 1; 2 * k <= n; ++k) {
        below += choose * std::pow(0.5, n);
        if (1 - 2 * below < confidence) break;
        best = k;
        choose = choose * (n - k + 1) / k;
    }
    return best;
}

struct Interval {
    double low = 0, median = 0, high = 0;
    int rank = 0;  // 0: not enough rounds for any interval
};

Interval interval_of(std::vector<double> x) {
    std::sort(x.begin(), x.end());
    const int n = static_cast<int>(x.size());
    Interval i;
    i.median = n % 2 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
    i.rank = interval_rank(n);
    if (i.rank > 0) {
        i.low = x[i.rank - 1];
        i.high = x[n - i.rank];
    }
    return i;
}

// CPU time of this process and its reaped children (the peers), in seconds.
double own_cpu_seconds() {
    double s = 0;
    for (int who : {RUSAGE_SELF, RUSAGE_CHILDREN}) {
        rusage u{};
        ::getrusage(who, &u);
        s += static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
             static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
    }
    return s;
}

// Median nanoseconds of one call of f, timed in batches of `per_batch`.
template <class F>
double median_ns(int batches, int per_batch, F f) {
    std::vector<double> t;
    for (int b = 0; b < batches; ++b) {
        const auto t0 = Clock::now();
        for (int i = 0; i < per_batch; ++i) f();
        t.push_back(std::chrono::duration<double, std::nano>(Clock::now() - t0).count() / per_batch);
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

// Why figures measured here would not measure the kernel's mechanisms (an
// emulated CPU, system calls intercepted by another process), or "" when
// they would. Records what was probed.
std::string why_figures_would_not_measure_the_mechanisms() {
    const bench::Emulation emu = bench::detect_emulation();
    ipc::evidence("cpu_hypervisor", emu.hypervisor);
    ipc::evidence("cpu_emulation_check", emu.how);
    const double syscall_ns = median_ns(21, 200, [] { (void)::syscall(SYS_getppid); });
    const double iteration_ns =
        median_ns(21, 1,
                  [] {
                      unsigned long x = 0;
                      for (int i = 0; i < loop_iterations; ++i) {
                          asm volatile("" : "+r"(x));  // one dependent addition an iteration, not folded away
                          x += 1;
                      }
                  }) /
        loop_iterations;
    const double syscall_iterations = syscall_ns / iteration_ns;
    ipc::evidence("probe.system_call_ns", round2(syscall_ns));
    ipc::evidence("probe.loop_iteration_ns", std::round(iteration_ns * 1000) / 1000);
    ipc::evidence("probe.system_call_in_loop_iterations", std::round(syscall_iterations));
    if (emu.emulated)
        return "the CPU is emulated (" + emu.how +
               "): the figures would time the emulator's code translation, "
               "not the mechanisms";
    if (syscall_iterations >= intercepted_iterations)
        return fmt::format("one system call (getppid) takes {:.1f} us, as long as {:.0f} iterations of a loop of "
                           "additions: system calls are intercepted by another process (gVisor's ptrace platform, "
                           "a tracer), so every figure would measure the interception, not the mechanisms",
                           syscall_ns / 1e3, syscall_iterations);
    return "";
}

// The share of a CPU's time that work other than this process and its peers
// took since the watch began.
class OtherWork {
public:
    explicit OtherWork(int cpu) : cpu_(cpu), use0_(bench::cpu_use(cpu)), mine0_(own_cpu_seconds()) {}
    double share() const {
        const auto use1 = bench::cpu_use(cpu_);
        if (!use0_ || !use1 || use1->total_s <= use0_->total_s) return 0.0;
        return std::max(0.0, ((use1->busy_s - use0_->busy_s) - (own_cpu_seconds() - mine0_)) /
                                 (use1->total_s - use0_->total_s));
    }

private:
    int cpu_;
    std::optional<bench::CpuUse> use0_;
    double mine0_;
};

enum class Outcome { Faster, Slower, Undecided };

// Everything the rounds measured.
struct Measurements {
    std::map<Mechanism, std::vector<double>> rate;   // bytes/s delivered, one a round
    std::map<Mechanism, std::vector<double>> ratio;  // ring/other of each round
    std::map<Mechanism, Interval> decided_on;        // the intervals of the last decision
    std::map<Mechanism, std::vector<double>> trip;   // small round trips, p50 ns
    Outcome outcome = Outcome::Undecided;
    int rounds = 0;
    double others_share = 0;  // of the measuring CPU's time during the rounds

    Interval interval(Mechanism m) const {
        auto at = decided_on.find(m);
        return at == decided_on.end() ? Interval{} : at->second;
    }
};

// One round: each mechanism delivers once, in an order that rotates from
// round to round, and gives the ring's two paired ratios.
void measure_round(Measurements& m) {
    for (int i = 0; i < 3; ++i) {
        Mechanism mechanism = compared[(m.rounds + i) % 3];
        m.rate[mechanism].push_back(bench::measure_delivery(mechanism, bulk, placement, bulk_seconds));
    }
    for (Mechanism other : others) m.ratio[other].push_back(m.rate[ring].back() / m.rate[other].back());
    ++m.rounds;
}

// The ordering as the confidence intervals of the rounds so far decide it.
Outcome decide(Measurements& m) {
    bool all_above = true, any_below = false;
    for (Mechanism other : others) {
        const Interval i = m.decided_on[other] = interval_of(m.ratio[other]);
        all_above = all_above && i.rank > 0 && i.low > 1;
        any_below = any_below || (i.rank > 0 && i.high < 1);
    }
    return any_below ? Outcome::Slower : all_above ? Outcome::Faster : Outcome::Undecided;
}

// Rounds until the ordering is decided, the rounds run out or, undecided,
// other work takes the measuring CPU (more rounds would only measure the
// scheduler for longer: the verdict is a skip); only `skip_rounds` of them,
// for the figures, when they cannot decide (`deciding` false). Then the
// small round trips.
Measurements measure(bool deciding) {
    Measurements m;
    try {
        const OtherWork other_work(bench::placement_cpus(placement).front());
        const int limit = deciding ? max_rounds : skip_rounds;
        while (m.rounds < limit) {
            measure_round(m);
            if (!deciding || m.rounds < min_rounds) continue;
            m.outcome = decide(m);
            if (m.outcome != Outcome::Undecided || other_work.share() >= busy_share) break;
        }
        m.others_share = other_work.share();
        for (int r = 0; r < trip_rounds; ++r)
            for (Mechanism mechanism : compared)
                m.trip[mechanism].push_back(bench::measure_latency(mechanism, small, placement, trip_seconds).p50_ns);
    } catch (const std::exception& e) {
        ipc::broken(std::string("measuring: ") + e.what());
    }
    return m;
}

// Records how and what was measured, each mechanism's deliveries and the
// ring's ratios to the others with their intervals.
void record_deliveries(const Measurements& m) {
    ipc::evidence("placement", bench::placement_name(placement));
    ipc::evidence("placement_cpu", bench::placement_cpus(placement).front());
    ipc::evidence("bulk_message_bytes", bulk);
    ipc::evidence("small_message_bytes", small);
    ipc::evidence("rounds", m.rounds);
    ipc::evidence("measured", "a sender's 64 KiB messages delivered and every byte read by the receiver: through "
                              "the ring copied into the segment and read there, through a pipe or a stream "
                              "written and read into the receiver's buffer");
    ipc::evidence("round_seconds", fmt::format("{} s a mechanism for delivery (order rotating), {} rounds of {} s "
                                               "for round trips (the median p50 counts)",
                                               bulk_seconds, trip_rounds, trip_seconds));
    for (Mechanism mechanism : compared) {
        const auto& rates = m.rate.at(mechanism);
        const auto s = bench::summarize(rates);
        ipc::evidence("delivered_64KiB." + name_of(mechanism), gbs(s.median));
        ipc::evidence("delivered_64KiB_range." + name_of(mechanism), gbs(s.min) + " - " + gbs(s.max));
        std::string reps;
        for (double v : rates) reps += (reps.empty() ? "" : ", ") + fmt::format("{:.2f}", v / 1e9);
        ipc::evidence("delivered_64KiB_rounds." + name_of(mechanism), reps + " GB/s");
        ipc::evidence("round_trip_64B_p50." + name_of(mechanism), us(bench::summarize(m.trip.at(mechanism)).median));
    }
    for (Mechanism other : others) {
        const auto& ratios = m.ratio.at(other);
        const Interval i = interval_of(ratios);
        const auto won = std::count_if(ratios.begin(), ratios.end(), [](double x) { return x > 1; });
        ipc::evidence("ratio_delivered." + ratio_name(other), round2(i.median));
        ipc::evidence("ratio_delivered_interval." + ratio_name(other),
                      i.rank ? fmt::format("{:.2f} - {:.2f} ({:.0f} % confidence, rounds {} and {} of {} in order)",
                                           i.low, i.high, confidence * 100, i.rank, m.rounds + 1 - i.rank, m.rounds)
                             : fmt::format("{:.2f} - {:.2f} (every round; too few for a confidence interval)",
                                           *std::min_element(ratios.begin(), ratios.end()),
                                           *std::max_element(ratios.begin(), ratios.end())));
        ipc::evidence("rounds_won." + ratio_name(other), fmt::format("{} of {}", won, m.rounds));
    }
}

// Small messages: the document's claim holds only if the ring's round trip
// is the fastest too. Recorded either way, never a verdict.
void record_small_round_trips(const Measurements& m) {
    const double ring_trip = bench::summarize(m.trip.at(ring)).median;
    const double best_other = std::min(bench::summarize(m.trip.at(Mechanism::Pipe)).median,
                                       bench::summarize(m.trip.at(Mechanism::UnixStream)).median);
    ipc::evidence("ratio_round_trip.shm_ring_to_best_other", round2(ring_trip / best_other));
    ipc::evidence("small_message_round_trip",
                  ring_trip < 0.8 * best_other
                      ? "the shm ring is faster here too"
                      : fmt::format("the shm ring is no faster ({} vs {}): its reader is woken through the kernel "
                                    "(futex) like a pipe's, so the claim does not hold for small messages",
                                    us(ring_trip), us(best_other)));
}

// "ring/pipe: median 4.80, interval 4.50 - 5.00; ring/unix_stream: ..."
std::string decision_figures(const Measurements& m) {
    std::string s;
    for (Mechanism other : others) {
        const Interval i = m.interval(other);
        s += fmt::format("{}ring/{}: median {:.2f}, interval {:.2f} - {:.2f}", s.empty() ? "" : "; ", name_of(other),
                         i.median, i.low, i.high);
    }
    return s;
}

// Skips when the rounds could not decide: other work took the measuring CPU,
// or the ring's lead stayed inside the spread.
void skip_when_too_noisy(const Measurements& m) {
    if (m.outcome != Outcome::Faster && m.others_share >= busy_share)
        ipc::skip(fmt::format("too noisy to decide: the CPU the rounds ran on gave {:.0f} % of its time to other work "
                              "(other processes, the hypervisor), so the figures measure how the scheduler shares it, "
                              "not the mechanisms ({})",
                              m.others_share * 100, decision_figures(m)));
    if (m.outcome == Outcome::Undecided)
        ipc::skip(fmt::format("too noisy to decide: after {} rounds the ring's lead is inside the spread ({})",
                              m.rounds, decision_figures(m)));
}

}  // namespace

CLAIM("PERF-01", "a shm ring delivers bulk data faster than a pipe and a Unix stream, not small round trips") {
    const auto started = Clock::now();
    const std::string unfit = why_figures_would_not_measure_the_mechanisms();
    const Measurements m = measure(unfit.empty());
    record_deliveries(m);
    record_small_round_trips(m);
    ipc::evidence("cpu_time_to_other_work",
                  fmt::format("{:.0f} % of the measuring CPU's time during the rounds", m.others_share * 100));
    ipc::evidence("duration_s", round2(std::chrono::duration<double>(Clock::now() - started).count()));

    if (!unfit.empty()) ipc::skip(unfit);
    skip_when_too_noisy(m);
    CHECK_MESSAGE(m.outcome == Outcome::Faster,
                  "the shm ring delivered 64 KiB messages slower than another mechanism beyond the spread of "
                      << m.rounds << " rounds (" << decision_figures(m) << ")");
}
