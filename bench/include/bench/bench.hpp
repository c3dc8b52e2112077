// `ipc-claims bench`: how fast each IPC mechanism moves bytes between two
// processes (one-way throughput by message size) and how long a round trip
// takes (ping-pong latency), repeated, with the spread; bench.json, an HTML
// page with inline SVG charts, and --compare of two runs for CI.
//
// The measurements themselves are bench/measure.hpp's (what the PERF-01 case
// links); this side repeats them, keeps the document and makes its pages.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/measure.hpp"

namespace bench {

// "64", "4K", "4KiB", "1M", "65536" -> bytes; BadInput for 0, junk or overflow.
std::size_t parse_size(const std::string& text);
std::vector<std::size_t> parse_sizes(const std::string& list);  // comma-separated
std::string size_label(std::size_t bytes);                      // "64 B", "4 KiB", "1 MiB"

// A figure in bench.json: its repetitions, min, median, max and spread.
nlohmann::json to_json(const Summary& s);

// The bench's figures compared: every figure whose median moved by more than
// the larger of both runs' spread and `floor` (relative).
struct Move {
    std::string figure;  // "throughput pipe 4 KiB two-cpus"
    double old_value = 0, new_value = 0, change = 0, threshold = 0;
    bool worse = false;
};
struct Comparison {
    std::vector<Move> moves;  // beyond the threshold
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

}  // namespace bench
