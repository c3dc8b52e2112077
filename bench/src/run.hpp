// A whole bench run: what to measure, the run itself (progress as it goes),
// and its document (bench.json) with the terminal table, the HTML page and
// the perf cross-check built from it.
#pragma once
#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/bench.hpp"
#include "bench/command.hpp"
#include "vm/boot.hpp"

namespace bench {

struct Settings {
    std::vector<Mechanism> mechanisms;
    std::vector<std::size_t> sizes, latency_sizes;
    bool sizes_given = false, latency_sizes_given = false;  // explicit: a size over a limit is bad input
    std::vector<Placement> placements;
    int reps = 5;
    double seconds = 0.08;
    bool cross_check = false;
};

// The steal time (percent of the CPUs' time during the run) from which the
// table and the page warn that the host disturbed the figures.
constexpr double steal_warning_percent = 1.0;

// Throws BadInput when an explicit size is over a selected mechanism's limit.
void check_limits(const Settings& s);

// Measures everything; progress lines go to `progress` (nullptr: quiet).
nlohmann::json run_bench(const Settings& s, std::FILE* progress);

// `perf bench sched pipe` against the bench's pipe round trip of the same
// message (an int, 4 bytes), placement unset, alternated `rounds` times.
nlohmann::json cross_check(double seconds, int rounds, std::FILE* progress);

std::string table_text(const nlohmann::json& doc);
std::string html_page(const nlohmann::json& doc);

// `bench --kernel IMAGE...`: the bench with `guest_args` (its own arguments,
// without --out) in a guest of each of a.kernel's kernels under qemu, given
// a.catalogue_dir and a.cases_dir; each guest's bench.json and bench.html
// go to a.out/<kernel release>/, marked emulated
// when the guest ran under TCG. Returns 0, 3 when a kernel gave no figures,
// 128+N when interrupted by signal N.
int run_bench_in_kernels(const std::vector<std::string>& guest_args, const CommandArgs& a);

// "1.23 GB/s", "12.3 µs"
std::string rate_label(double bytes_per_s);
std::string duration_label(double ns);

}  // namespace bench
