// One measurement: the channel made, the peer forked and placed, messages
// timed, everything removed. The parent sends and times; the child receives
// (throughput) or echoes (latency). A measurement cannot hang: a deadline
// (SIGALRM) interrupts any wait, the peer's death interrupts the parent's
// waits (SIGCHLD), SIGINT/SIGTERM stop it, and the RAII owners remove every
// kernel object on the way out.
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <utility>
#include <vector>
#include <csignal>
#include <cstring>
#include <map>
#include <optional>
#include <poll.h>
#include <sched.h>
#include <stdexcept>
#include <sys/time.h>
#include <unistd.h>

#include "bench/cpu_time.hpp"
#include "ipc/process.hpp"
#include "transport.hpp"

namespace bench {

Interrupted::Interrupted(int sig)
    : std::runtime_error(std::string("interrupted by ") + ipc::signal_name(sig)), signal(sig) {}

Unavailable::Unavailable(Mechanism m, const std::string& why) : std::runtime_error(why), mechanism(m) {}

namespace detail {
namespace {

using Clock = std::chrono::steady_clock;

std::atomic<int> g_stop{0};    // SIGINT, SIGTERM (stop) or SIGALRM (deadline)
ipc::Child* g_peer = nullptr;  // the parent's peer, while a measurement runs
std::optional<ipc::WaitStatus> g_peer_status;

void note_signal(int sig) { g_stop.store(sig, std::memory_order_relaxed); }
void note_child(int) {}  // only there to interrupt the parent's waits

// Handlers installed for one measurement, the old ones back afterwards.
// No SA_RESTART: a signal interrupts the wait it arrives in (EINTR).
class SignalScope {
public:
    explicit SignalScope(double deadline_s) {
        install(SIGALRM, note_signal, 0);
        install(SIGCHLD, note_child, 1);
        install(SIGPIPE, SIG_IGN, 2);  // a dead peer is EPIPE, not our death
        itimerval t{};
        t.it_value.tv_sec = static_cast<time_t>(deadline_s);
        t.it_value.tv_usec = static_cast<suseconds_t>((deadline_s - static_cast<double>(t.it_value.tv_sec)) * 1e6);
        ::setitimer(ITIMER_REAL, &t, nullptr);
    }
    ~SignalScope() {
        itimerval off{};
        ::setitimer(ITIMER_REAL, &off, nullptr);
        for (int i = 0; i < 3; ++i) ::sigaction(sigs_[i], &old_[i], nullptr);
        int expected = SIGALRM;
        g_stop.compare_exchange_strong(expected, 0);
    }
    SignalScope(const SignalScope&) = delete;
    SignalScope& operator=(const SignalScope&) = delete;

private:
    void install(int sig, void (*handler)(int), int slot) {
        struct sigaction sa {};
        sa.sa_handler = handler;
        sigemptyset(&sa.sa_mask);
        sigs_[slot] = sig;
        ::sigaction(sig, &sa, &old_[slot]);
    }
    int sigs_[3] = {};
    struct sigaction old_[3] = {};
};

// The CPU set the process started with, and the CPUs placements use.
const cpu_set_t& original_cpus() {
    static const cpu_set_t set = [] {
        cpu_set_t s;
        CPU_ZERO(&s);
        if (::sched_getaffinity(0, sizeof s, &s) != 0) CPU_SET(0, &s);
        return s;
    }();
    return set;
}

// The CPUs this process may use, the idlest first: measured once, over a
// window of 50 ms, so that on a machine where another program keeps one CPU
// busy the bench's processes are placed on the other (a placement shared with
// a CPU hog would measure the hog). The window is a measurement, not a wait
// for anything.
const std::vector<int>& usable_cpus() {
    static const std::vector<int> cpus = [] {
        std::vector<int> all;
        for (int c = 0; c < CPU_SETSIZE; ++c)
            if (CPU_ISSET(c, &original_cpus())) all.push_back(c);
        if (all.size() < 2) return all;
        auto before = cpu_times();
        ::poll(nullptr, 0, 50);
        auto after = cpu_times();
        std::map<int, unsigned long long> idle;
        for (int c : all) {
            const std::string name = "cpu" + std::to_string(c);
            idle[c] = after[name].idle - before[name].idle;
        }
        std::stable_sort(all.begin(), all.end(), [&](int a, int b) { return idle[a] > idle[b]; });
        return all;
    }();
    return cpus;
}

void pin_to(int cpu) {
    cpu_set_t s;
    CPU_ZERO(&s);
    CPU_SET(cpu, &s);
    if (::sched_setaffinity(0, sizeof s, &s) != 0)
        throw std::runtime_error("sched_setaffinity(CPU " + std::to_string(cpu) + "): " + std::strerror(errno));
}

// The CPU of each process for a placement (-1: not pinned).
struct Cpus {
    int parent = -1, child = -1;
};
Cpus cpus_for(Placement p) {
    auto cpus = usable_cpus();
    switch (p) {
        case Placement::SameCpu: return {cpus.front(), cpus.front()};
        case Placement::TwoCpus:
            if (cpus.size() < 2) throw BadInput("placement two-cpus needs two CPUs; this process may use one");
            return {cpus[0], cpus[1]};
        case Placement::Unset: break;
    }
    return {};
}

// The parent's placement for one measurement, undone afterwards.
class ParentPlacement {
public:
    explicit ParentPlacement(int cpu) : pinned_(cpu >= 0) {
        if (pinned_) pin_to(cpu);
    }
    ~ParentPlacement() {
        if (pinned_) ::sched_setaffinity(0, sizeof(cpu_set_t), &original_cpus());
    }
    ParentPlacement(const ParentPlacement&) = delete;
    ParentPlacement& operator=(const ParentPlacement&) = delete;

private:
    bool pinned_;
};

// The peer while it runs: its death interrupts the parent's waits, and
// on_interrupt() turns a failure into an error at once.
class PeerScope {
public:
    explicit PeerScope(ipc::Child& c) {
        g_peer = &c;
        g_peer_status.reset();
    }
    ~PeerScope() { g_peer = nullptr; }
    PeerScope(const PeerScope&) = delete;
    PeerScope& operator=(const PeerScope&) = delete;
    // Waits for the peer's end (it ends right after its last message).
    void finish(ipc::Child& c, double deadline_s) {
        ipc::WaitStatus st = g_peer_status ? *g_peer_status
                                           : c.wait(std::chrono::milliseconds(static_cast<long>(deadline_s * 1000)));
        if (!st.exited_with(0)) throw std::runtime_error("the peer process " + st.describe());
    }
};

void check_signals() {
    int sig = g_stop.load(std::memory_order_relaxed);
    if (sig == SIGALRM) throw std::runtime_error("the measurement overran its deadline (a peer stalled)");
    if (sig != 0) throw Interrupted(sig);
}

// Runs in the forked peer: default dispositions (a SIGINT from the terminal
// ends it), its CPU, its end of the channel, its role; never throws.
int peer_main(Channel& channel, int cpu, const std::function<void(Endpoint&)>& role) {
    g_peer = nullptr;
    g_stop.store(0);
    for (int sig : {SIGINT, SIGTERM, SIGALRM, SIGCHLD}) ::signal(sig, SIG_DFL);
    ::signal(SIGPIPE, SIG_IGN);
    itimerval off{};
    ::setitimer(ITIMER_REAL, &off, nullptr);
    try {
        if (cpu >= 0) pin_to(cpu);
        auto ep = channel.open(Side::Child);
        role(*ep);
        return 0;
    } catch (const std::exception& e) {
        std::string line = std::string("ipc-claims bench: peer: ") + e.what() + "\n";
        (void)!::write(STDERR_FILENO, line.data(), line.size());
        return 1;
    }
}

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Messages between two looks at the clock: about 64 KiB of them.
std::size_t batch_for(std::size_t size) { return std::max<std::size_t>(1, 65536 / size); }

constexpr char more = 0, last = 1;  // the first byte of every data message

template <class ParentBody>
auto with_peer(Mechanism m, std::size_t size, Placement p, double seconds, const std::function<void(Endpoint&)>& role,
               ParentBody parent) {
    check_signals();
    const Cpus cpus = cpus_for(p);
    const double deadline = 3 * seconds + 5;
    ParentPlacement placed(cpus.parent);
    SignalScope signals(deadline);
    auto channel = [&] {  // objects that cannot be made here: this mechanism is unavailable, not the bench broken
        try {
            return make_channel(m, size);
        } catch (const std::exception& e) {
            throw Unavailable(m, e.what());
        }
    }();
    ipc::Child peer = ipc::Child::fork([&] { return peer_main(*channel, cpus.child, role); });
    PeerScope scope(peer);
    auto result = [&] {
        auto ep = channel->open(Side::Parent);
        ep->recv(1);  // the peer is ready
        return parent(*ep);
    }();
    scope.finish(peer, deadline);
    return result;
}

double memcpy_throughput(std::size_t size, Placement p, double seconds) {
    check_signals();
    ParentPlacement placed(cpus_for(p).parent);
    Buffer from(size), to(size);
    const std::size_t batch = batch_for(size);
    auto copy_batch = [&] {
        for (std::size_t i = 0; i < batch; ++i) {
            std::memcpy(to.data, from.data, size);
            asm volatile("" : : "r"(to.data) : "memory");  // the copy is used
        }
    };
    for (auto w0 = Clock::now(); seconds_since(w0) < seconds / 10;) copy_batch();
    std::size_t bytes = 0;
    const auto t0 = Clock::now();
    double elapsed;
    do {
        copy_batch();
        bytes += batch * size;
        check_signals();
    } while ((elapsed = seconds_since(t0)) < seconds);
    return static_cast<double>(bytes) / elapsed;
}

}  // namespace

void on_interrupt() {
    check_signals();
    if (g_peer && !g_peer_status) {
        if (auto st = g_peer->wait_for(std::chrono::milliseconds(0))) {
            g_peer_status = st;
            if (!st->exited_with(0)) throw std::runtime_error("the peer process " + st->describe());
        }
    }
}

void check_stop() { check_signals(); }

}  // namespace detail

using namespace detail;

StopSignals::StopSignals() {
    struct sigaction sa {};
    sa.sa_handler = note_signal;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGINT, &sa, &old_int_);
    ::sigaction(SIGTERM, &sa, &old_term_);
}

StopSignals::~StopSignals() {
    ::sigaction(SIGINT, &old_int_, nullptr);
    ::sigaction(SIGTERM, &old_term_, nullptr);
}

int StopSignals::seen() {
    int sig = g_stop.load();
    return sig == SIGINT || sig == SIGTERM ? sig : 0;
}

std::vector<int> placement_cpus(Placement p) {
    Cpus c = cpus_for(p);
    if (c.parent < 0) return {};
    if (c.child == c.parent) return {c.parent};
    return {c.parent, c.child};
}

std::vector<Placement> default_placements() {
    if (usable_cpus().size() >= 2) return {Placement::SameCpu, Placement::TwoCpus};
    return {Placement::SameCpu};
}

double measure_throughput(Mechanism m, std::size_t size, Placement p, double seconds) {
    if (m == Mechanism::Memcpy) return memcpy_throughput(size, p, seconds);
    auto receiver = [size](Endpoint& ep) {
        ep.send(1);  // ready
        do ep.recv(size);
        while (ep.buffer()[0] != last);
        ep.send(1);  // all received
    };
    return with_peer(m, size, p, seconds, receiver, [&](Endpoint& ep) {
        char* msg = ep.buffer();
        const std::size_t batch = batch_for(size);
        msg[0] = more;
        for (auto w0 = Clock::now(); seconds_since(w0) < seconds / 10;)  // warm-up
            for (std::size_t i = 0; i < batch; ++i) ep.send(size);
        std::size_t sent = 0;
        const auto t0 = Clock::now();
        do {
            for (std::size_t i = 0; i < batch; ++i) ep.send(size);
            sent += batch;
            check_signals();
        } while (seconds_since(t0) < seconds);
        msg[0] = last;
        ep.send(size);
        ep.recv(1);  // every byte arrived
        const double elapsed = seconds_since(t0);
        return static_cast<double>((sent + 1) * size) / elapsed;
    });
}

namespace {

// The sender's bytes: a message of `size` bytes, its 64-bit words numbered
// (the first, 0, is where the first byte says more or last).
std::vector<std::uint64_t> delivery_source(std::size_t size) {
    std::vector<std::uint64_t> words((size + 7) / 8);
    for (std::size_t i = 0; i < words.size(); ++i) words[i] = i;
    return words;
}

// The sum of the 64-bit words of a message read piece by piece (pieces of any
// length, in order).
struct WordSum {
    std::uint64_t sum = 0;
    std::uint64_t partial = 0;  // bytes of a word cut between two pieces
    std::size_t at = 0;         // bytes summed so far
    char first = 0;
    void add(const char* p, std::size_t n) {
        if (at == 0 && n > 0) first = p[0];
        while (n > 0 && at % 8 != 0) {  // finish a word cut by the last piece
            partial |= static_cast<std::uint64_t>(static_cast<unsigned char>(*p++)) << (8 * (at % 8));
            --n;
            if (++at % 8 == 0) sum += std::exchange(partial, 0);
        }
        const std::size_t words = n / 8;
        std::uint64_t s[4] = {};  // four sums at once: as fast as the loads come
        std::size_t i = 0;
        for (; i + 4 <= words; i += 4)
            for (int k = 0; k < 4; ++k) {
                std::uint64_t w;
                std::memcpy(&w, p + 8 * (i + k), 8);
                s[k] += w;
            }
        for (; i < words; ++i) {
            std::uint64_t w;
            std::memcpy(&w, p + 8 * i, 8);
            s[0] += w;
        }
        sum += s[0] + s[1] + s[2] + s[3];
        at += 8 * words;
        for (std::size_t i = 8 * words; i < n; ++i, ++at)
            partial |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * (at % 8));
    }
    std::uint64_t total() const { return sum + partial; }
};

}  // namespace

double measure_delivery(Mechanism m, std::size_t size, Placement p, double seconds) {
    if (m == Mechanism::Memcpy) throw BadInput("memcpy has no delivery (one process)");
    if (size < 8) throw BadInput("a delivery needs messages of 8 bytes or more");
    auto source = delivery_source(size);
    std::uint64_t expected = 0;
    {
        WordSum w;
        w.add(reinterpret_cast<const char*>(source.data()), size);
        expected = w.total();  // the first byte 0 (more); 1 more with last
    }
    auto receiver = [size, expected](Endpoint& ep) {
        ep.send(1);  // ready
        bool done = false;
        while (!done) {
            WordSum w;
            ep.recv_with(size, [&](const char* piece, std::size_t n) { w.add(piece, n); });
            done = w.first == last;
            if (w.total() != expected + (done ? 1 : 0))
                throw std::runtime_error("a message arrived with other bytes than were sent");
        }
        ep.send(1);  // all received
    };
    return with_peer(m, size, p, seconds, receiver, [&](Endpoint& ep) {
        char* msg = reinterpret_cast<char*>(source.data());
        const std::size_t batch = batch_for(size);
        msg[0] = more;
        for (auto w0 = Clock::now(); seconds_since(w0) < seconds / 10;)  // warm-up
            for (std::size_t i = 0; i < batch; ++i) ep.send_from(msg, size);
        std::size_t sent = 0;
        const auto t0 = Clock::now();
        do {
            for (std::size_t i = 0; i < batch; ++i) ep.send_from(msg, size);
            sent += batch;
            check_signals();
        } while (seconds_since(t0) < seconds);
        msg[0] = last;
        ep.send_from(msg, size);
        ep.recv(1);  // every byte arrived and was read
        const double elapsed = seconds_since(t0);
        return static_cast<double>((sent + 1) * size) / elapsed;
    });
}

LatencySample measure_latency(Mechanism m, std::size_t size, Placement p, double seconds) {
    if (m == Mechanism::Memcpy) throw BadInput("memcpy has no round trip (one process)");
    auto echo = [size](Endpoint& ep) {
        ep.send(1);  // ready
        bool done;
        do {
            ep.recv(size);
            done = ep.buffer()[0] == last;
            ep.send(size);
        } while (!done);
    };
    return with_peer(m, size, p, seconds, echo, [&](Endpoint& ep) {
        char* msg = ep.buffer();
        msg[0] = more;
        for (auto w0 = Clock::now(); seconds_since(w0) < seconds / 10;) {  // warm-up
            ep.send(size);
            ep.recv(size);
        }
        std::vector<double> ns;
        ns.reserve(1 << 16);
        const auto t0 = Clock::now();
        auto now = t0;
        do {
            msg[0] = more;
            const auto start = now;
            ep.send(size);
            ep.recv(size);
            now = Clock::now();
            ns.push_back(std::chrono::duration<double, std::nano>(now - start).count());
            if (ns.size() % 256 == 0) check_signals();
        } while (now - t0 < std::chrono::duration<double>(seconds));
        msg[0] = last;
        ep.send(size);
        ep.recv(size);
        LatencySample s;
        s.round_trips = ns.size();
        double total = 0;
        for (double v : ns) total += v;
        s.mean_ns = total / static_cast<double>(ns.size());
        std::sort(ns.begin(), ns.end());
        auto at = [&](double q) {
            return ns[std::min(ns.size() - 1, static_cast<std::size_t>(q * static_cast<double>(ns.size())))];
        };
        s.p50_ns = at(0.50);
        s.p99_ns = at(0.99);
        s.max_ns = ns.back();
        return s;
    });
}

}  // namespace bench
