// The whole bench: every figure repeated, progress as it goes, bench.json's
// document; the cross-check with `perf bench sched pipe`; the terminal table.
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <fmt/core.h>
#include <fcntl.h>
#include <fstream>
#include <optional>
#include <map>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench/cpu_time.hpp"
#include "ipc/process.hpp"
#include "runner/environment.hpp"
#include "model/results.hpp"
#include "run.hpp"

namespace bench {
namespace {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

std::string cpu_model() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("model name", 0) == 0) {
            auto colon = line.find(':');
            return colon == std::string::npos ? line : line.substr(colon + 2);
        }
    return "unknown";
}

std::string na_text(const Limit& l) { return "n/a (limit " + size_label(l.bytes) + ", " + l.source + ")"; }
std::string na_text(const std::string& unavailable) { return "n/a (unavailable here: " + unavailable + ")"; }
std::string limit_bytes(const Limit& l) { return std::to_string(l.bytes) + " B"; }

void progress_line(std::FILE* out, std::size_t at, std::size_t total, const std::string& what,
                   const std::string& result) {
    if (!out) return;
    fmt::print(out, "[{:>3}/{}] {:<44} {}\n", at, total, what, result);
    std::fflush(out);
}

std::string spread_label(double spread) { return fmt::format("±{:.0f}%", 50 * spread); }

}  // namespace

nlohmann::json to_json(const Summary& s) {
    return {{"reps", s.reps}, {"min", s.min}, {"median", s.median}, {"max", s.max}, {"spread", s.spread}};
}

std::string rate_label(double b) {
    if (b >= 1e9) return fmt::format("{:.2f} GB/s", b / 1e9);
    if (b >= 1e6) return fmt::format("{:.0f} MB/s", b / 1e6);
    return fmt::format("{:.0f} kB/s", b / 1e3);
}

std::string duration_label(double ns) {
    if (ns >= 1e6) return fmt::format("{:.2f} ms", ns / 1e6);
    if (ns >= 1e3) return fmt::format("{:.1f} µs", ns / 1e3);
    return fmt::format("{:.0f} ns", ns);
}

void check_limits(const Settings& s) {
    for (Mechanism m : s.mechanisms) {
        auto limit = message_limit(m);
        if (!limit) continue;
        auto over = [&](const std::vector<std::size_t>& sizes, bool given, const char* option) {
            if (!given) return;
            for (std::size_t size : sizes)
                if (size > limit->bytes)
                    throw BadInput(fmt::format(
                        "{} {}: over {}'s message limit of {} ({}); leave {} out or use smaller sizes", option,
                        size_label(size), info(m).name, limit_bytes(*limit), limit->source, info(m).name));
        };
        over(s.sizes, s.sizes_given, "--sizes");
        if (info(m).two_processes) over(s.latency_sizes, s.latency_sizes_given, "--latency-sizes");
    }
}

json run_bench(const Settings& s, std::FILE* progress) {
    const auto t0 = Clock::now();
    const CpuTime cpu0 = cpu_times()["cpu"];
    const Emulation emu = detect_emulation();
    json doc = {{"schema", schema_version}, {"tool", "ipc-claims bench"}, {"started", runner::utc_now()}};
    json env = runner::collect_environment();
    json placements = json::array();
    for (Placement p : s.placements) placements.push_back(placement_name(p));
    cpu_set_t mine;
    CPU_ZERO(&mine);
    ::sched_getaffinity(0, sizeof mine, &mine);
    json cpus = json::array();
    for (int c = 0; c < CPU_SETSIZE; ++c)
        if (CPU_ISSET(c, &mine)) cpus.push_back(c);
    env["cpu_model"] = cpu_model();
    env["cpus_allowed"] = cpus;
    env["placements"] = placements;
    json pinned = json::object();
    for (Placement p : s.placements) pinned[placement_name(p)] = placement_cpus(p);
    env["placement_cpus"] = pinned;
    env["reps"] = s.reps;
    env["time_s"] = s.seconds;
    env["emulated"] = emu.emulated;
    env["hypervisor"] = emu.hypervisor;
    env["emulation_check"] = emu.how;
    doc["environment"] = env;

    json mech_list = json::array(), limits = json::object();
    for (Mechanism m : s.mechanisms) {
        mech_list.push_back({{"name", info(m).name}, {"description", info(m).description}});
        if (auto l = message_limit(m)) limits[info(m).name] = {{"bytes", l->bytes}, {"source", l->source}};
    }
    doc["mechanisms"] = mech_list;
    doc["limits"] = limits;
    doc["settings"] = {{"sizes", s.sizes}, {"latency_sizes", s.latency_sizes}, {"reps", s.reps}, {"time_s", s.seconds}};

    // What will be measured, for the progress count.
    struct Job {
        bool latency;
        Mechanism m;
        std::size_t size;
        Placement p;
    };
    std::vector<Job> jobs;
    for (Placement p : s.placements)
        for (Mechanism m : s.mechanisms) {
            if (!info(m).two_processes && p != s.placements.front()) continue;  // memcpy: once
            for (std::size_t size : s.sizes) jobs.push_back({false, m, size, p});
        }
    for (Placement p : s.placements)
        for (Mechanism m : s.mechanisms)
            if (info(m).two_processes)
                for (std::size_t size : s.latency_sizes) jobs.push_back({true, m, size, p});

    // The repetitions are interleaved: pass r measures every figure once, so
    // that each figure's repetitions are spread over the whole run and its
    // median does not hang on what the machine (or its host) was doing during
    // one half-second. Each figure's line comes in the last pass.
    struct Reps {
        std::vector<double> rate, p50, p99, max, mean, trips;
    };
    std::vector<Reps> reps(jobs.size());
    std::vector<std::string> whats;
    for (const Job& j : jobs)
        whats.push_back(fmt::format("{} {} {} {}", j.latency ? "round trip" : "throughput", info(j.m).name,
                                    size_label(j.size), info(j.m).two_processes ? placement_name(j.p) : "one-cpu"));
    auto over_limit = [](const Job& j) {
        auto limit = message_limit(j.m);
        return limit && j.size > limit->bytes ? limit : std::nullopt;
    };
    // Mechanisms whose objects could not be made, with why: not measured
    // again, none of their figures kept.
    std::map<Mechanism, std::string> unavailable;
    auto measure_once = [&](const Job& j, Reps& into) {
        if (!j.latency) {
            into.rate.push_back(measure_throughput(j.m, j.size, j.p, s.seconds));
            return;
        }
        LatencySample l = measure_latency(j.m, j.size, j.p, s.seconds);
        into.p50.push_back(l.p50_ns);
        into.p99.push_back(l.p99_ns);
        into.max.push_back(l.max_ns);
        into.mean.push_back(l.mean_ns);
        into.trips.push_back(static_cast<double>(l.round_trips));
    };
    for (int r = 0; r < s.reps; ++r) {
        const bool last_pass = r + 1 == s.reps;
        const auto pass_start = Clock::now();
        if (progress && !last_pass) {
            fmt::print(progress, "pass {}/{}: every figure once ({} figures) ...", r + 1, s.reps, jobs.size());
            std::fflush(progress);
        }
        for (std::size_t i = 0; i < jobs.size(); ++i) {
            const Job& j = jobs[i];
            if (auto limit = over_limit(j)) {
                if (last_pass) progress_line(progress, i + 1, jobs.size(), whats[i], na_text(*limit));
                continue;
            }
            if (!unavailable.contains(j.m)) {
                try {
                    measure_once(j, reps[i]);
                } catch (const Unavailable& e) {
                    unavailable[j.m] = e.what();
                }
            }
            if (!last_pass) continue;
            if (unavailable.contains(j.m)) {
                progress_line(progress, i + 1, jobs.size(), whats[i], na_text(unavailable[j.m]));
                continue;
            }
            if (j.latency) {
                Summary s50 = summarize(reps[i].p50);
                progress_line(progress, i + 1, jobs.size(), whats[i],
                              fmt::format("p50 {} {}, p99 {}", duration_label(s50.median), spread_label(s50.spread),
                                          duration_label(summarize(reps[i].p99).median)));
            } else {
                Summary sum = summarize(reps[i].rate);
                progress_line(progress, i + 1, jobs.size(), whats[i],
                              rate_label(sum.median) + " " + spread_label(sum.spread));
            }
        }
        if (progress && !last_pass)
            fmt::print(progress, " {:.1f} s\n", std::chrono::duration<double>(Clock::now() - pass_start).count());
    }

    json throughput = json::array(), latency = json::array();
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        const Job& j = jobs[i];
        json fig = {{"mechanism", info(j.m).name},
                    {"size", j.size},
                    {"placement", info(j.m).two_processes ? placement_name(j.p) : "one-cpu"}};
        if (auto limit = over_limit(j)) fig["na"] = na_text(*limit);
        else if (unavailable.contains(j.m)) fig["na"] = na_text(unavailable[j.m]);
        else if (!j.latency) {
            fig["bytes_per_s"] = to_json(summarize(reps[i].rate));
        } else {
            fig["p50_ns"] = to_json(summarize(reps[i].p50));
            fig["p99_ns"] = to_json(summarize(reps[i].p99));
            fig["max_ns"] = to_json(summarize(reps[i].max));
            fig["mean_ns"] = to_json(summarize(reps[i].mean));
            fig["round_trips"] = reps[i].trips;
        }
        (j.latency ? latency : throughput).push_back(fig);
    }
    doc["throughput"] = throughput;
    doc["latency"] = latency;
    for (const auto& [m, why] : unavailable) doc["unavailable"][info(m).name] = why;
    if (s.cross_check) doc["cross_check"] = cross_check(std::max(0.25, s.seconds * 3), 10, progress);
    doc["duration_s"] = std::chrono::duration<double>(Clock::now() - t0).count();
    // On a virtual machine the host may run other guests on our CPUs: figures
    // taken then (above all those on two CPUs) say more about the host.
    const CpuTime cpu1 = cpu_times()["cpu"];
    doc["environment"]["steal_percent"] = cpu1.total > cpu0.total
                                              ? 100.0 * static_cast<double>(cpu1.steal - cpu0.steal) /
                                                    static_cast<double>(cpu1.total - cpu0.total)
                                              : 0.0;
    return doc;
}

namespace {

// Runs `perf bench sched pipe -l LOOPS`; its usecs/op, or nullopt with why.
std::optional<double> perf_pipe_us(long loops, int cpu, std::string& why) {
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) {
        why = "pipe2 failed";
        return std::nullopt;
    }
    std::string loops_text = std::to_string(loops);
    std::fflush(nullptr);
    pid_t pid = ::fork();
    if (pid == 0) {
        if (cpu >= 0) {  // inherited by perf and the process it forks: both on that CPU
            cpu_set_t one;
            CPU_ZERO(&one);
            CPU_SET(cpu, &one);
            ::sched_setaffinity(0, sizeof one, &one);
        }
        ::dup2(out[1], STDOUT_FILENO);
        ::dup2(out[1], STDERR_FILENO);
        ::execlp("perf", "perf", "bench", "sched", "pipe", "-l", loops_text.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(out[1]);
    std::string text;
    char buf[4096];
    for (ssize_t n; (n = ::read(out[0], buf, sizeof buf)) != 0;) {
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) break;
        text.append(buf, static_cast<std::size_t>(n));
    }
    ::close(out[0]);
    int st = 0;
    while (::waitpid(pid, &st, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        why = WIFEXITED(st) && WEXITSTATUS(st) == 127 ? "perf is not installed (Debian: linux-perf)"
                                                      : "perf failed: " + ipc::WaitStatus(st).describe() + ": " + text;
        return std::nullopt;
    }
    auto at = text.find("usecs/op");
    if (at == std::string::npos) {
        why = "no usecs/op in perf's output: " + text;
        return std::nullopt;
    }
    auto start = text.rfind('\n', at);
    return std::strtod(text.c_str() + (start == std::string::npos ? 0 : start + 1), nullptr);
}

}  // namespace

json cross_check(double seconds, int rounds, std::FILE* progress) {
    // perf bench sched pipe: two processes, a pipe each way, an int (4 bytes)
    // written and read back per op; its usecs/op is the mean round trip. The
    // bench does the same, unpinned as perf runs by default, and both pinned
    // to one CPU (perf through the affinity it inherits).
    constexpr std::size_t int_size = sizeof(int);
    json cc = {{"tool", "perf bench sched pipe"},
               {"message_bytes", int_size},
               {"what", "mean round trip: perf's usecs/op and the bench's pipe mean, alternated"}};
    bool all_agree = true;
    for (Placement p : {Placement::Unset, Placement::SameCpu}) {
        const std::vector<int> cpus = placement_cpus(p);
        std::vector<double> bench_ns, perf_ns;
        long loops = 0;
        for (int r = 0; r < rounds; ++r) {
            LatencySample l = measure_latency(Mechanism::Pipe, int_size, p, seconds);
            bench_ns.push_back(l.mean_ns);
            loops = std::max(1000L, static_cast<long>(seconds * 1e9 / l.mean_ns));
            std::string why;
            auto us = perf_pipe_us(loops, cpus.empty() ? -1 : cpus.front(), why);
            if (!us) {
                cc["skipped"] = why;
                if (progress) fmt::print(progress, "cross-check skipped: {}\n", why);
                return cc;
            }
            perf_ns.push_back(*us * 1000);
            if (progress)
                fmt::print(progress,
                           "cross-check {} {}/{}: bench pipe round trip {} (mean), perf bench sched pipe {}/op\n",
                           placement_name(p), r + 1, rounds, duration_label(l.mean_ns), duration_label(*us * 1000));
        }
        Summary b = summarize(bench_ns), q = summarize(perf_ns);
        const double diff = b.median / q.median - 1;
        all_agree = all_agree && std::abs(diff) <= 0.15;
        cc["placements"].push_back({{"placement", placement_name(p)},
                                    {"cpus", cpus},
                                    {"perf_loops", loops},
                                    {"bench_mean_ns", to_json(b)},
                                    {"perf_ns_per_op", to_json(q)},
                                    {"difference", diff},
                                    {"agree_within_15_percent", std::abs(diff) <= 0.15}});
    }
    cc["agree_within_15_percent"] = all_agree;
    return cc;
}

std::string table_text(const json& doc) {
    std::string out;
    std::vector<std::size_t> sizes = doc["settings"]["sizes"].get<std::vector<std::size_t>>();
    std::vector<std::size_t> lsizes = doc["settings"]["latency_sizes"].get<std::vector<std::size_t>>();
    std::vector<std::string> placements = doc["environment"]["placements"].get<std::vector<std::string>>();
    auto find = [&](const char* kind, const std::string& mech, std::size_t size,
                    const std::string& placement) -> const json* {
        for (const auto& f : doc[kind])
            if (f["mechanism"] == mech && f["size"] == size &&
                (f["placement"] == placement || f["placement"] == "one-cpu"))
                return &f;
        return nullptr;
    };
    // The ceiling: memcpy at the largest size, when measured.
    const json* ceiling = sizes.empty() ? nullptr : find("throughput", "memcpy", sizes.back(), "one-cpu");
    if (!sizes.empty()) {
        for (const auto& p : placements) {
            out += fmt::format("\nThroughput, one way (median of {} ±half the spread), placement {}\n",
                               doc["settings"]["reps"].get<int>(), p);
            out += fmt::format("{:<16}", "mechanism");
            for (auto s : sizes) out += fmt::format("{:>20}", size_label(s));
            if (ceiling) out += fmt::format("  {:>9}", "/memcpy");
            out += "\n";
            for (const auto& m : doc["mechanisms"]) {
                const std::string name = m["name"];
                std::string row = fmt::format("{:<16}", name);
                bool any = false;
                for (auto s : sizes) {
                    const json* f = find("throughput", name, s, p);
                    std::string cell = "-";
                    if (f && f->contains("na")) cell = "n/a";
                    else if (f) {
                        cell = rate_label((*f)["bytes_per_s"]["median"]) + " " +
                               spread_label((*f)["bytes_per_s"]["spread"]);
                        any = true;
                    }
                    row += fmt::format("{:>20}", cell);
                }
                if (ceiling) {
                    const json* f = find("throughput", name, sizes.back(), p);
                    row += f && f->contains("bytes_per_s")
                               ? fmt::format("  {:>9.2f}", (*f)["bytes_per_s"]["median"].get<double>() /
                                                               (*ceiling)["bytes_per_s"]["median"].get<double>())
                               : fmt::format("  {:>9}", "-");
                }
                if (any || name != "memcpy") out += row + "\n";
            }
        }
        std::string notes;
        for (auto& [mech, l] : doc["limits"].items())
            notes += fmt::format("  n/a: {} takes messages up to {} B ({})\n", mech, l["bytes"].get<std::size_t>(),
                                 l["source"].get<std::string>());
        const json unavailable = doc.value("unavailable", json::object());
        for (auto& [mech, why] : unavailable.items())
            notes += fmt::format("  n/a: {} is unavailable here ({})\n", mech, why.get<std::string>());
        if (ceiling) notes += fmt::format("  /memcpy: the median at {} over memcpy's\n", size_label(sizes.back()));
        out += notes;
    }
    if (!lsizes.empty()) {
        for (const auto& p : placements) {
            out += fmt::format("\nRound trip (ping-pong), placement {}: p50 / p99 / max, medians of {}\n", p,
                               doc["settings"]["reps"].get<int>());
            out += fmt::format("{:<16}", "mechanism");
            for (auto s : lsizes) out += fmt::format("{:>34}", size_label(s));
            out += "\n";
            for (const auto& m : doc["mechanisms"]) {
                const std::string name = m["name"];
                if (name == "memcpy") continue;
                std::string row = fmt::format("{:<16}", name);
                for (auto s : lsizes) {
                    const json* f = find("latency", name, s, p);
                    std::string cell = "-";
                    if (f && f->contains("na")) cell = "n/a";
                    else if (f)
                        cell = duration_label((*f)["p50_ns"]["median"]) + " / " +
                               duration_label((*f)["p99_ns"]["median"]) + " / " +
                               duration_label((*f)["max_ns"]["median"]);
                    row += fmt::format("{:>34}", cell);
                }
                out += row + "\n";
            }
        }
    }
    if (doc.contains("cross_check")) {
        const json& cc = doc["cross_check"];
        if (cc.contains("skipped"))
            out += "\nCross-check with perf bench sched pipe: skipped (" + cc["skipped"].get<std::string>() + ")\n";
        else {
            out += "\nCross-check, pipe round trip of a 4-byte message (mean; medians of alternated runs):\n";
            for (const auto& c : cc["placements"])
                out += fmt::format(
                    "  placement {:<9} ipc-claims bench {:>9}   perf bench sched pipe {:>9}   {:+.1f}% ({})\n",
                    c["placement"].get<std::string>(), duration_label(c["bench_mean_ns"]["median"]),
                    duration_label(c["perf_ns_per_op"]["median"]), 100 * c["difference"].get<double>(),
                    c["agree_within_15_percent"].get<bool>() ? "agree within 15%" : "DISAGREE by more than 15%");
        }
    }
    const json& env = doc["environment"];
    out += fmt::format("\n{} on {} ({} CPUs{}), kernel {}; {} reps of {} s each; took {:.1f} s\n",
                       doc["tool"].get<std::string>(), env["cpu_model"].get<std::string>(), env["cpus"].get<long>(),
                       env["emulated"].get<bool>() ? ", EMULATED" : "", env["kernel"]["release"].get<std::string>(),
                       env["reps"].get<int>(), env["time_s"].get<double>(), doc.value("duration_s", 0.0));
    const double steal = env.value("steal_percent", 0.0);
    if (steal >= steal_warning_percent)
        out += fmt::format("WARNING: the hypervisor gave {:.1f}% of this machine's CPU time to others during the run "
                           "(steal, /proc/stat): the figures, above all those on two CPUs, measure the host as much as "
                           "the kernel\n",
                           steal);
    return out;
}

}  // namespace bench
