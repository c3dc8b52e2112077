// `ipc-claims bench`: the speed of every IPC mechanism (bench/command.hpp
// runs it; its values are text, checked there).
#include "bench/bench.hpp"
#include "bench/command.hpp"
#include "command.hpp"
#include "kernel_options.hpp"

namespace app {
namespace bench_cmd {

void add_options(CLI::App& cmd, bench::CommandArgs& a, const Context&) {
    std::string names;
    for (const auto& i : bench::mechanisms()) names += (names.empty() ? "" : ", ") + std::string(i.name);
    cmd.add_option("mechanism", a.mechanisms, "Mechanisms to measure (default: all): " + names);
    cmd.add_option("--sizes", a.sizes, "Throughput message sizes, e.g. 64,4K,64K,1M (the default)");
    cmd.add_option("--latency-sizes", a.latency_sizes, "Round-trip message sizes (default 64,4K; `none` for none)");
    cmd.add_option("--time", a.time, "Seconds per measurement, after a warm-up of a tenth")->capture_default_str();
    cmd.add_option("--reps", a.reps, "Repetitions of each figure")->capture_default_str();
    cmd.add_option("--placement", a.placements,
                   "same-cpu, two-cpus, unset, comma-separated (default: same-cpu, and two-cpus with two CPUs)");
    cmd.add_option("--out", a.out, "Directory for bench.json and bench.html");
    cmd.add_flag("--cross-check", a.cross_check,
                 "Also time `perf bench sched pipe` against the bench's pipe round trip (4-byte messages, unpinned)");
    cmd.add_option("--compare", a.compare, "Compare two bench.json files (OLD NEW): exit 1 when a figure got worse")
        ->expected(2);
    cmd.add_option("--floor", a.floor, "--compare: smallest move reported, in percent")->capture_default_str();
    add_kernel_options(cmd, a.kernel, "run the bench");
}

int run(const bench::CommandArgs& a, Context& context) {
    bench::CommandArgs with_files = a;
    with_files.catalogue_dir = context.catalogue_dir;
    with_files.cases_dir = context.cases_dir;
    return bench::run_command(with_files);
}

}  // namespace bench_cmd

Command bench_command() {
    return command<bench::CommandArgs>(
        "bench",
        "Benchmark every IPC mechanism: one-way throughput by message size, round-trip latency, repeated; "
        "bench.json and bench.html with --out; --compare two runs (exit 1 when a figure got worse)",
        bench_cmd::add_options, bench_cmd::run);
}

}  // namespace app
