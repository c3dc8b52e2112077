// `ipc-claims bench [MECH...] [--sizes LIST] [--latency-sizes LIST] [--time S]
// [--reps N] [--placement LIST] [--out DIR] [--cross-check]` and
// `ipc-claims bench --compare OLD.json NEW.json`.
// Values are taken as text and checked here, so that every bad input is one
// line on stderr and exit 2.
#include <CLI/CLI.hpp>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/core.h>
#include <fstream>
#include <unistd.h>

#include "bench/bench.hpp"
#include "vm/cli.hpp"
#include "run.hpp"
#include "transport.hpp"

namespace bench {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr int exit_worse = 1, exit_usage = 2, exit_failed = 3;

struct Args {
    std::vector<std::string> mechanisms;
    std::string sizes, latency_sizes, time = "0.08", reps = "5", placements, out, floor = "5";
    std::vector<std::string> compare;
    bool cross_check = false;
    bool sizes_given = false, latency_sizes_given = false;  // even as "" (then bad input)
    runner::kernel::KernelOptions kernel;  // --kernel: in guests under qemu
};

double parse_number(const std::string& text, const char* option) {
    char* end = nullptr;
    errno = 0;
    double v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || errno != 0 || !std::isfinite(v))
        throw BadInput(fmt::format("{} `{}` is not a number", option, text));
    return v;
}

std::vector<std::string> split(const std::string& list) {
    std::vector<std::string> out;
    std::size_t at = 0;
    for (;;) {
        auto comma = list.find(',', at);
        out.push_back(list.substr(at, comma == std::string::npos ? std::string::npos : comma - at));
        if (comma == std::string::npos) return out;
        at = comma + 1;
    }
}

// The directory exists (made if needed) and a file can be made in it.
void ensure_writable(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    const fs::path probe = dir / fmt::format(".bench-probe.{}", ::getpid());
    int fd = ec ? -1 : ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        const std::string why = ec ? ec.message() : std::strerror(errno);
        throw BadInput("--out " + dir.string() + " is not writable (" + why + ")");
    }
    ::close(fd);
    ::unlink(probe.c_str());
}

void write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

Settings settings_from(const Args& a) {
    Settings s;
    if (a.mechanisms.empty())
        for (const auto& i : mechanisms()) s.mechanisms.push_back(i.id);
    for (const auto& name : a.mechanisms) {
        Mechanism m = mechanism_named(name);
        if (std::find(s.mechanisms.begin(), s.mechanisms.end(), m) == s.mechanisms.end()) s.mechanisms.push_back(m);
    }
    s.sizes_given = a.sizes_given;
    s.sizes = s.sizes_given ? parse_sizes(a.sizes) : std::vector<std::size_t>{64, 4096, 65536, 1048576};
    s.latency_sizes_given = a.latency_sizes_given && a.latency_sizes != "none";
    if (a.latency_sizes == "none") s.latency_sizes.clear();
    else s.latency_sizes = s.latency_sizes_given ? parse_sizes(a.latency_sizes) : std::vector<std::size_t>{64, 4096};
    s.seconds = parse_number(a.time, "--time");
    if (s.seconds <= 0) throw BadInput(fmt::format("--time {}: a measurement needs a positive time", a.time));
    if (s.seconds > 60) throw BadInput(fmt::format("--time {}: at most 60 s a measurement", a.time));
    const double reps = parse_number(a.reps, "--reps");
    if (reps < 1 || reps > 100 || reps != std::floor(reps))
        throw BadInput(fmt::format("--reps {}: a whole number from 1 to 100", a.reps));
    s.reps = static_cast<int>(reps);
    if (a.placements.empty()) s.placements = default_placements();
    else
        for (const auto& p : split(a.placements)) {
            Placement pl = placement_named(p);
            if (pl == Placement::TwoCpus && default_placements().size() < 2)
                throw BadInput("placement two-cpus: this process may run on one CPU only");
            s.placements.push_back(pl);
        }
    s.cross_check = a.cross_check;
    check_limits(s);
    return s;
}

int run_compare(const Args& a) {
    const double floor = parse_number(a.floor, "--floor");
    if (floor < 0) throw BadInput("--floor must not be negative");
    json old_run = read_bench_file(a.compare[0]);
    json new_run = read_bench_file(a.compare[1]);
    Comparison c = compare(old_run, new_run, floor / 100);
    fmt::print("{}", comparison_text(c));
    return c.any_worse() ? exit_worse : 0;
}

// The bench's own arguments, as given, for a guest to run.
std::vector<std::string> guest_arguments(const Args& a) {
    std::vector<std::string> args = a.mechanisms;
    if (a.sizes_given) args.insert(args.end(), {"--sizes", a.sizes});
    if (a.latency_sizes_given) args.insert(args.end(), {"--latency-sizes", a.latency_sizes});
    if (!a.placements.empty()) args.insert(args.end(), {"--placement", a.placements});
    args.insert(args.end(), {"--time", a.time, "--reps", a.reps});
    return args;
}

int run_in_kernels(const Args& a) {
    if (a.out.empty()) throw BadInput("--kernel needs --out DIR (each kernel's figures go to DIR/<release>/)");
    if (a.cross_check) throw BadInput("--cross-check runs on the host only (perf is not in the guest)");
    ensure_writable(a.out);
    try {
        return run_bench_in_kernels(guest_arguments(a), a.kernel, a.out);
    } catch (const std::invalid_argument& e) {  // qemu or an image unusable
        throw BadInput(e.what());
    }
}

int run(const Args& a) {
    if (!a.compare.empty()) {
        if (!a.kernel.images.empty()) throw BadInput("--compare and --kernel do not go together");
        return run_compare(a);
    }
    Settings s = settings_from(a);  // every argument checked here, before any guest boots
    if (!a.kernel.images.empty()) return run_in_kernels(a);
    if (!a.out.empty()) ensure_writable(a.out);
    detail::StopSignals stop;
    json doc;
    try {
        doc = run_bench(s, stdout);
    } catch (const Interrupted&) {
        throw;
    } catch (const std::exception& e) {
        if (int sig = detail::StopSignals::seen()) throw Interrupted(sig);  // the peer saw it first
        throw;
    }
    fmt::print("{}", table_text(doc));
    if (!a.out.empty()) {
        const fs::path dir = a.out;
        write_file(dir / "bench.json", doc.dump(2) + "\n");
        write_file(dir / "bench.html", html_page(doc));
        fmt::print("\nbench: {}\n       {}\n", (dir / "bench.json").string(), (dir / "bench.html").string());
    }
    return 0;
}

}  // namespace

void add_bench_command(CLI::App& app) {
    static Args a;
    std::string names;
    for (const auto& i : mechanisms()) names += (names.empty() ? "" : ", ") + std::string(i.name);
    auto* cmd = app.add_subcommand(
        "bench", "Benchmark every IPC mechanism: one-way throughput by message size, round-trip latency, "
                 "repeated; bench.json and bench.html with --out; --compare two runs (exit 1 when a figure got worse)");
    cmd->add_option("mechanism", a.mechanisms, "Mechanisms to measure (default: all): " + names);
    auto* sizes = cmd->add_option("--sizes", a.sizes, "Throughput message sizes, e.g. 64,4K,64K,1M (the default)");
    auto* latency_sizes = cmd->add_option("--latency-sizes", a.latency_sizes, "Round-trip message sizes (default 64,4K; `none` for none)");
    cmd->add_option("--time", a.time, "Seconds per measurement, after a warm-up of a tenth")->capture_default_str();
    cmd->add_option("--reps", a.reps, "Repetitions of each figure")->capture_default_str();
    cmd->add_option("--placement", a.placements,
                    "same-cpu, two-cpus, unset, comma-separated (default: same-cpu, and two-cpus with two CPUs)");
    cmd->add_option("--out", a.out, "Directory for bench.json and bench.html");
    cmd->add_flag("--cross-check", a.cross_check,
                  "Also time `perf bench sched pipe` against the bench's pipe round trip (4-byte messages, unpinned)");
    cmd->add_option("--compare", a.compare, "Compare two bench.json files (OLD NEW): exit 1 when a figure got worse")
        ->expected(2);
    cmd->add_option("--floor", a.floor, "--compare: smallest move reported, in percent")->capture_default_str();
    runner::kernel::add_kernel_options(cmd, a.kernel, "run the bench");
    cmd->callback([sizes, latency_sizes] {
        a.sizes_given = sizes->count() > 0;
        a.latency_sizes_given = latency_sizes->count() > 0;
        int code = 0;
        try {
            code = run(a);
        } catch (const BadInput& e) {
            fmt::print(stderr, "ipc-claims bench: {}\n", e.what());
            code = exit_usage;
        } catch (const Interrupted& e) {
            std::fflush(stdout);
            fmt::print(stderr, "\nipc-claims bench: {}; every IPC object and process it made is gone\n", e.what());
            code = 128 + e.signal;
        } catch (const std::exception& e) {
            fmt::print(stderr, "ipc-claims bench: a measurement failed: {}\n", e.what());
            code = exit_failed;
        }
        std::fflush(nullptr);
        std::exit(code);
    });
}

}  // namespace bench
