// `ipc-claims bench [MECH...] [--sizes LIST] [--latency-sizes LIST] [--time S]
// [--reps N] [--placement LIST] [--out DIR] [--cross-check]` and
// `ipc-claims bench --compare OLD.json NEW.json`, once parsed (app/bench.cpp
// adds the options). Values are taken as text and checked here, so that
// every bad input is one line on stderr and exit 2.
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fmt/core.h>
#include <unistd.h>

#include "bench/bench.hpp"
#include "bench/command.hpp"
#include "model/results.hpp"
#include "run.hpp"

namespace bench {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr int exit_worse = 1, exit_usage = 2, exit_failed = 3;

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

Settings settings_from(const CommandArgs& a) {
    Settings s;
    if (a.mechanisms.empty())
        for (const auto& i : mechanisms()) s.mechanisms.push_back(i.id);
    for (const auto& name : a.mechanisms) {
        Mechanism m = mechanism_named(name);
        if (std::find(s.mechanisms.begin(), s.mechanisms.end(), m) == s.mechanisms.end()) s.mechanisms.push_back(m);
    }
    s.sizes_given = a.sizes.has_value();
    s.sizes = s.sizes_given ? parse_sizes(*a.sizes) : std::vector<std::size_t>{64, 4096, 65536, 1048576};
    s.latency_sizes_given = a.latency_sizes && *a.latency_sizes != "none";
    if (a.latency_sizes == "none") s.latency_sizes.clear();
    else s.latency_sizes = s.latency_sizes_given ? parse_sizes(*a.latency_sizes) : std::vector<std::size_t>{64, 4096};
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

int run_compare(const CommandArgs& a) {
    const double floor = parse_number(a.floor, "--floor");
    if (floor < 0) throw BadInput("--floor must not be negative");
    json old_run = read_bench_file(a.compare[0]);
    json new_run = read_bench_file(a.compare[1]);
    Comparison c = compare(old_run, new_run, floor / 100);
    fmt::print("{}", comparison_text(c));
    return c.any_worse() ? exit_worse : 0;
}

// The bench's own arguments, as given, for a guest to run.
std::vector<std::string> guest_arguments(const CommandArgs& a) {
    std::vector<std::string> args = a.mechanisms;
    if (a.sizes) args.insert(args.end(), {"--sizes", *a.sizes});
    if (a.latency_sizes) args.insert(args.end(), {"--latency-sizes", *a.latency_sizes});
    if (!a.placements.empty()) args.insert(args.end(), {"--placement", a.placements});
    args.insert(args.end(), {"--time", a.time, "--reps", a.reps});
    return args;
}

int run_in_kernels(const CommandArgs& a) {
    if (a.out.empty()) throw BadInput("--kernel needs --out DIR (each kernel's figures go to DIR/<release>/)");
    if (a.cross_check) throw BadInput("--cross-check runs on the host only (perf is not in the guest)");
    ensure_writable(a.out);
    try {
        return run_bench_in_kernels(guest_arguments(a), a);
    } catch (const std::invalid_argument& e) {  // qemu or an image unusable
        throw BadInput(e.what());
    }
}

int measure_or_compare(const CommandArgs& a) {
    if (!a.compare.empty()) {
        if (!a.kernel.images.empty()) throw BadInput("--compare and --kernel do not go together");
        return run_compare(a);
    }
    Settings s = settings_from(a);  // every argument checked here, before any guest boots
    if (!a.kernel.images.empty()) return run_in_kernels(a);
    if (!a.out.empty()) ensure_writable(a.out);
    StopSignals stop;
    json doc;
    try {
        doc = run_bench(s, stdout);
    } catch (const Interrupted&) {
        throw;
    } catch (const std::exception& e) {
        if (int sig = StopSignals::seen()) throw Interrupted(sig);  // the peer saw it first
        throw;
    }
    fmt::print("{}", table_text(doc));
    if (!a.out.empty()) {
        const fs::path dir = a.out;
        runner::write_text_file(dir / "bench.json", doc.dump(2) + "\n");
        runner::write_text_file(dir / "bench.html", html_page(doc));
        fmt::print("\nbench: {}\n       {}\n", (dir / "bench.json").string(), (dir / "bench.html").string());
    }
    return 0;
}

}  // namespace

int run_command(const CommandArgs& a) {
    try {
        return measure_or_compare(a);
    } catch (const BadInput& e) {
        fmt::print(stderr, "ipc-claims bench: {}\n", e.what());
        return exit_usage;
    } catch (const Interrupted& e) {
        std::fflush(stdout);
        fmt::print(stderr, "\nipc-claims bench: {}; every IPC object and process it made is gone\n", e.what());
        return 128 + e.signal;
    } catch (const std::exception& e) {
        fmt::print(stderr, "ipc-claims bench: a measurement failed: {}\n", e.what());
        return exit_failed;
    }
}

}  // namespace bench
